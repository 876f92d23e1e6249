"""Study tables (issue 19): every column of a hand-built population, dtypes, Parquet."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import iae_core as I
from iae_core import frames, stats, tables
from iae_core.testing import parcours_strategies as ps

_spec = importlib.util.spec_from_file_location(
    "_research_population", Path(__file__).with_name("_research_population.py")
)
pop_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pop_mod)
D, KEY, SIRET = pop_mod.D, pop_mod.KEY, pop_mod.SIRET
S, X, C = I.StructureKind, I.ExitKind, I.ExitCategory


def _pid(person, start):
    return frames.pseudonym(f"{person}|{SIRET}|{start}", key=KEY, domain="parcours")


def test_module_imports_no_dataframe_library():
    code = (
        "import sys, iae_core.tables; assert not {'pandas','polars','pyarrow'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_parcours_table_every_column():
    t = tables.parcours_table(pop_mod.population(), key=KEY)
    assert len(t) == 5
    a, b, c, d, e = t.records()
    assert a == {
        "parcours_id": _pid("a", "2024-01-01"),
        "person_id": frames.pseudonym("a", key=KEY),
        "birth_year": 1990,
        "structure_siret": SIRET,
        "structure_kind": S.ACI,
        "structure_department": "75",
        "start": D(2024, 1, 1),
        "entry_year": 2024,
        "age_at_entry": 33,  # birthday on 15 March not reached on 1 January
        "n_contracts": 1,
        "final_end": D(2024, 12, 31),  # after the renewal
        "exit_on": D(2024, 12, 31),
        "exit_year": 2024,
        "exit_kind": X.CDI,
        "exit_category": C.SUSTAINABLE,
        "exit_counted": True,
        "duration_days": 366,  # 2024 is a leap year, both ends included
        "diagnosis_author": I.AuthorKind.PRESCRIBER,
    }
    # running: no exit columns, no duration
    assert b["age_at_entry"] == 25  # born 29 Feb 2000: 25 on 1 March 2025
    assert (b["exit_on"], b["exit_year"], b["exit_counted"], b["duration_days"]) == (
        None,
        None,
        None,
        None,
    )
    assert (b["entry_year"], b["final_end"]) == (2025, D(2025, 8, 31))
    assert (c["exit_counted"], c["exit_category"], c["duration_days"]) == (
        False,
        C.OTHER,
        46,
    )
    assert c["age_at_entry"] == 53
    assert c["diagnosis_author"] is None
    assert (d["start"], d["n_contracts"], d["final_end"], d["duration_days"]) == (
        D(2024, 2, 1),
        2,
        D(2024, 9, 30),
        243,
    )
    assert d["exit_category"] is C.WITHDRAWN
    assert d["exit_counted"] is False  # withdrawn: out of every rate
    assert e["exit_year"] == 2025  # the table has no "as of": the exit is as recorded
    assert len({r["parcours_id"] for r in t.records()}) == 5


def test_pseudonymous_by_default_and_sensitive_columns_by_name():
    t = tables.parcours_table(pop_mod.population(), key=KEY)
    assert not {"nir", "rqth", "under_justice_measure", "birth_date"} & set(t.columns)
    assert "a" not in t.data["person_id"]
    t = tables.parcours_table(pop_mod.population(), key=KEY, include=("rqth", "birth_date"))
    assert t.data["rqth"][0] is True
    assert t.data["birth_date"][1] == D(2000, 2, 29)
    with pytest.raises(ValueError, match="key"):
        tables.parcours_table(pop_mod.population(), key=None)
    with pytest.raises(ValueError, match="unknown include"):
        tables.parcours_table([], key=KEY, include=("name",))
    # another key, other pseudonyms
    other = tables.parcours_table(pop_mod.population(), key="another")
    assert not set(other.data["parcours_id"]) & set(t.data["parcours_id"])


def test_contracts_table_keys_back_to_its_parcours():
    pop = pop_mod.population()
    t = tables.contracts_table(pop, key=KEY)
    ids = tables.parcours_table(pop, key=KEY).data["parcours_id"]
    rows = t.records()
    assert len(rows) == 6
    assert {r["parcours_id"] for r in rows} == set(ids)
    d1, d2 = (r for r in rows if r["parcours_id"] == ids[3])
    assert (d1["contract_number"], d1["start"], d1["days"]) == (1, D(2024, 2, 1), 29)
    assert (d2["contract_number"], d2["start"], d2["days"]) == (2, D(2024, 4, 1), 183)
    a = rows[0]
    assert (a["kind"], a["end"], a["final_end"], a["n_renewals"], a["days"]) == (
        I.ContractKind.CDDI,
        D(2024, 6, 30),
        D(2024, 12, 31),
        1,
        366,
    )
    assert a["weekly_hours"] == 26.0
    assert a["person_id"] == frames.pseudonym("a", key=KEY)


def test_criteria_table_leaves_special_category_criteria_out():
    pop = pop_mod.population()
    t = tables.criteria_table(pop, key=KEY)
    assert [(r["criterion"], r["level"]) for r in t.records()] == [
        (I.Criterion.RSA, 1),
        (I.Criterion.QPV, 2),
    ]
    assert t.categories("criterion") == ["RSA", "QPV"]
    every = tables.criteria_table(pop, key=KEY, all_categories=True)
    assert "TH" not in every.categories("criterion")
    assert "DETENTION_MJ" not in every.categories("criterion")
    assert len(every.categories("criterion")) == len(I.Criterion) - 2
    assert "TH" not in str(every.to_pandas()["criterion"].dtype)
    t = tables.criteria_table(pop, key=KEY, include=("TH", "DETENTION_MJ"))
    assert [r["criterion"].value for r in t.records()] == ["RSA", "TH", "QPV", "DETENTION_MJ"]
    assert t.records()[3]["diagnosis_author"] is I.AuthorKind.EMPLOYER
    assert t.records()[0]["diagnosis_made_on"] == D(2023, 12, 15)


def test_labels_beside_codes():
    t = tables.parcours_table(pop_mod.population(), key=KEY, labels=True)
    cols = t.columns
    assert cols[cols.index("structure_kind") + 1] == "structure_kind_label"
    assert t.data["structure_kind_label"][0] == "Atelier et chantier d'insertion"
    assert t.data["exit_kind_label"][1] is None
    assert t.categories("structure_kind_label")[0] == "Atelier et chantier d'insertion"


def test_pandas_dtypes_and_no_empty_categories():
    pd = pytest.importorskip("pandas")
    df = tables.parcours_table(pop_mod.population(), key=KEY).to_pandas()
    assert list(df["structure_kind"].cat.categories) == ["ACI", "AI", "EI", "ETTI"]
    assert str(df["start"].dtype) == "datetime64[s]"
    assert str(df["age_at_entry"].dtype) == "Int64"
    assert str(df["exit_counted"].dtype) == "boolean"
    assert df["exit_counted"].isna().sum() == 1
    assert df["start"][0] == pd.Timestamp("2024-01-01")
    every = tables.parcours_table(pop_mod.population(), key=KEY, all_categories=True)
    assert list(every.to_pandas()["structure_kind"].cat.categories) == [k.value for k in S]


def test_polars_dtypes():
    pl = pytest.importorskip("polars")
    df = tables.parcours_table(pop_mod.population(), key=KEY, labels=True).to_polars()
    assert df.schema["start"] == pl.Date
    assert df.schema["structure_kind"] == pl.Enum(["ACI", "AI", "EI", "ETTI"])
    assert df.schema["duration_days"] == pl.Int64
    assert df["exit_category"].to_list() == [
        "SUSTAINABLE",
        None,
        "OTHER",
        "WITHDRAWN",
        "SUSTAINABLE",
    ]
    # withdrawn (d) and not counted (c) exits are out of the rates
    assert df.filter(pl.col("exit_counted"))["duration_days"].to_list() == [366, 365]


def test_parquet_round_trip(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    import json

    import pyarrow.parquet as pq

    t = tables.parcours_table(pop_mod.population(), key=KEY, labels=True)
    path = tmp_path / "parcours.parquet"
    t.to_parquet(path)
    back = pq.read_table(path)
    assert back.equals(t.to_arrow())
    assert back.schema.field("start").type == pa.date32()
    assert back.schema.field("structure_kind").type == pa.dictionary(
        pa.int32(), pa.string(), ordered=True
    )
    meta = json.loads(back.schema.metadata[b"iae_core"])
    assert meta["enums"]["structure_kind"] == {
        "enum": "StructureKind",
        "categories": ["ACI", "AI", "EI", "ETTI"],
    }
    df = pl.read_parquet(path)
    assert df.schema["start"] == pl.Date
    assert df.schema["age_at_entry"] == pl.Int64
    mine = t.to_polars()
    for name in mine.columns:
        if isinstance(mine.schema[name], pl.Enum):
            assert df[name].cast(pl.String).to_list() == mine[name].cast(pl.String).to_list()
        else:
            assert df[name].to_list() == mine[name].to_list(), name


def test_repr_shows_no_value():
    t = tables.parcours_table(pop_mod.population(), key=KEY, include=("rqth", "birth_date"))
    text = repr(t)
    assert text.startswith("Table('parcours', 5 rows, columns=[")
    assert "True" not in text
    assert "2000" not in text


@given(st.lists(ps.lawful_parcours(), max_size=10))
@example([])
def test_tables_agree_with_the_rates(pop):
    t = tables.parcours_table(pop, key=KEY)
    assert len(t) == len(pop)
    assert len(tables.contracts_table(pop, key=KEY)) == sum(len(p.contracts) for p in pop)
    by_kind = {r.key[0]: r for r in stats.exit_rates(pop, by="kind")}
    for kind, row in by_kind.items():
        mine = [r for r in t.records() if r["structure_kind"] is kind]
        assert sum(r["exit_counted"] is True for r in mine) == row.counted
        assert sum(r["exit_on"] is None for r in mine) == row.running
        days = [r["duration_days"] for r in mine if r["duration_days"] is not None]
        if days:
            assert sum(days) / len(days) == pytest.approx(row.average_length_days)
        else:
            assert row.average_length_days is None


@given(st.frozensets(st.sampled_from(list(I.Criterion))), st.booleans(), st.booleans())
@example(frozenset({I.Criterion.TH, I.Criterion.DETENTION_MJ}), True, True)
def test_no_default_criteria_table_holds_a_special_category(criteria, every, labels):
    (a, *_) = pop_mod.population()
    diagnosis = I.EligibilityDiagnosis(
        author="PRESCRIBER", made_on=D(2023, 12, 15), criteria=criteria
    )
    p = attrs.evolve(a, diagnosis=diagnosis)
    t = tables.criteria_table([p], key=KEY, all_categories=every, labels=labels)
    shown = {r["criterion"].value for r in t.records()}
    assert shown == {c.value for c in criteria} - frames.SENSITIVE_CRITERIA
    assert not set(t.categories("criterion")) & frames.SENSITIVE_CRITERIA
    if labels:
        sensitive_labels = {I.Criterion.TH.label, I.Criterion.DETENTION_MJ.label}
        assert not set(t.categories("criterion_label")) & sensitive_labels
        assert not set(t.data["criterion_label"]) & sensitive_labels
    assert "DETENTION" not in str(t.to_arrow().schema.metadata)
