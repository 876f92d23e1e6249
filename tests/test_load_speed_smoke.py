"""What the load-speed work changed keeps behaviour: caches, fast paths, optional hooks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

import iae_core as I
from iae_core._kernel import model as _model
from iae_core.identifiers import nir as _nir
from iae_core.identifiers import siret as _siret
from iae_core.testing import strategies as S

SIRET = "73282932000074"


def test_a_nir_is_never_kept_in_the_identifier_cache():
    person = I.load(I.Person, {"id": "p", "birth_date": "1980-02-01", "nir": "180027511200284"})
    assert person.nir is not None
    assert _nir.validate not in _model._VALID_IDENTIFIERS
    cached = (
        set().union(*_model._VALID_IDENTIFIERS.values()) if _model._VALID_IDENTIFIERS else set()
    )
    assert person.nir not in cached


def test_the_siret_cache_never_accepts_a_bad_siret():
    good = {"siret": SIRET, "kind": "ACI", "name": "A", "department": "75"}
    I.load(I.Structure, good)
    assert SIRET in _model._VALID_IDENTIFIERS[_siret.validate]
    for bad in ("73282932000075", "7328293200007", "73282932000074 x"):
        with pytest.raises(I.InvalidData) as info:
            I.load(I.Structure, {**good, "siret": bad})
        assert info.value.paths == ("siret",)


def test_separators_are_still_compacted():
    s = I.Structure(siret="732 829 320 00074", kind="ACI", name="A", department="75")
    assert s.siret == SIRET
    assert (
        I.Person(
            id="p",
            birth_date=I.load(I.Exit, {"on": "1980-02-01", "kind": "CDI"}).on,
            nir="1 80 02 75 112 002 84",
        ).nir
        == "180027511200284"
    )


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(_model, "_VALID_IDENTIFIERS_MAX", 2)
    monkeypatch.setattr(_model, "_VALID_IDENTIFIERS", {})
    for siret in ("73282932000074", "55208131766522", "44306184100047"):
        I.load(I.Company, {"siret": siret, "name": "C", "department": "75"})
    assert len(_model._VALID_IDENTIFIERS[_siret.validate]) <= 2
    monkeypatch.setattr(_model, "_VALID_IDENTIFIERS_MAX", 0)
    monkeypatch.setattr(_model, "_VALID_IDENTIFIERS", {})
    I.load(I.Company, {"siret": SIRET, "name": "C", "department": "75"})
    assert not _model._VALID_IDENTIFIERS.get(_siret.validate)


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ({"diagnosis": 3}, "diagnosis", "not an object: 3"),
        ({"exit": {"on": "2024-13-01", "kind": "CDI"}}, "exit.on", 'not a date: "2024-13-01"'),
        ({"approval": []}, "approval", "not an object: []"),
    ],
)
def test_optional_fields_report_like_before(data, path, message):
    base = {
        "person": {"id": "p", "birth_date": "1980-02-01"},
        "structure": {"siret": SIRET, "kind": "ACI", "name": "A", "department": "75"},
    }
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Parcours, {**base, **data})
    assert info.value.errors == ((path, message),)
    assert I.load(I.Parcours, {**base, "diagnosis": None, "exit": None}).exit is None


@settings(max_examples=30, deadline=None)
@given(parcours=S.parcours())
def test_round_trip_is_exact(parcours):
    again = I.load(I.Parcours, I.dump(parcours))
    assert again == parcours
    assert type(again.person.birth_date) is type(parcours.person.birth_date)


def test_benchmark_data_loads():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "load.py"
    spec = importlib.util.spec_from_file_location("_bench_load", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_bench_load"] = module
    try:
        spec.loader.exec_module(module)
        data = module.make_data(200, seed=3)
    finally:
        del sys.modules["_bench_load"]
    loaded = I.load(list[I.Parcours], data)
    assert len(loaded) == 200
    assert all(p.approval is not None and p.approval.suspensions for p in loaded)
    assert {len(p.contracts) for p in loaded} <= {1, 2, 3}


def test_the_msgspec_references_read_the_benchmark_data_as_iae_core_does():
    """benchmarks/msgspec_ref.py (both struct kinds) and `loads` agree on the benchmark data."""
    import json

    from iae_core.serialization import loads

    here = Path(__file__).resolve().parents[1] / "benchmarks"
    sys.path.insert(0, str(here))
    try:
        import load as bench
        import msgspec_ref
    finally:
        sys.path.remove(str(here))
    data = bench.make_data(100, seed=5)
    text = json.dumps(data)
    ours = loads(list[I.Parcours], text)
    assert ours == I.load(list[I.Parcours], data)
    for decoded in (
        msgspec_ref.from_json(text),
        msgspec_ref.from_json_untracked(text),
        msgspec_ref.from_python(data),
        msgspec_ref.from_python_untracked(data),
    ):
        assert [p.person.id for p in decoded] == [p.person.id for p in ours]
        assert [len(p.contracts) for p in decoded] == [len(p.contracts) for p in ours]
    bad = text.replace('"kind": "CDI"', '"kind": "CDI", "kind": "CDI"', 1)
    assert bad != text
    with pytest.raises(I.InvalidData, match="clé en double"):  # French by default
        loads(list[I.Parcours], bad)


def test_the_dump_benchmark_reference_builds_what_dump_builds():
    """benchmarks/dump.py's hand-written builder (the anchor of `dump`) stays `dump`'s equal.

    It fell behind once: `EligibilityDiagnosis.proofs` was added and the benchmark stopped at
    its own check. Its population (benchmarks/parcours.py) has no proofs, so a diagnosis
    with proofs is added here.
    """
    import attrs
    import pendulum

    from iae_core.eligibility import CriterionProof

    here = Path(__file__).resolve().parents[1] / "benchmarks"
    sys.path.insert(0, str(here))
    try:
        import dump as bench
        import parcours as national
    finally:
        sys.path.remove(str(here))
    population = national.generate(300)
    with_diagnosis = next(p for p in population if p.diagnosis is not None)
    proof = CriterionProof(
        criterion=I.Criterion.RSA,
        kind=I.ProofKind.RSA_CERTIFICATE,
        dated_on=pendulum.date(2024, 5, 2),
    )
    diagnosis = attrs.evolve(
        with_diagnosis.diagnosis,
        criteria=with_diagnosis.diagnosis.criteria | {I.Criterion.RSA},
        proofs=(proof,),
    )
    population.append(attrs.evolve(with_diagnosis, diagnosis=diagnosis))
    assert [bench.hand_written(p) for p in population] == I.dump(population)
