"""Tables out (issues 19 and 23): the study tables of a hand-built population, every column,
dtypes, Parquet; and any entity as records or DataFrames (what `iae_core.frames` gave),
through the same `Table`, pseudonyms and dtypes."""

import datetime as dt
import hashlib
import hmac
import importlib.util
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core import stats, tables
from iae_core.testing import parcours_strategies as ps

_spec = importlib.util.spec_from_file_location(
    "_research_population", Path(__file__).with_name("_research_population.py")
)
pop_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pop_mod)
D, KEY, SIRET = pop_mod.D, pop_mod.KEY, pop_mod.SIRET
S, X, C = I.StructureKind, I.ExitKind, I.ExitCategory


def _pid(person, start):
    return tables.pseudonym(f"{person}|{SIRET}|{start}", key=KEY, domain="parcours")


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
        "person_id": tables.pseudonym("a", key=KEY),
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
        "placement_hours": None,  # ACI: the counted-exit rule reads months, not hours
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
    # AI and ETTI: the hours the 150-hour rule reads (35 h a week over 29 + 183 days; the
    # AI contract of e has no placement: 24 h a week over the 365 days to its exit)
    assert d["placement_hours"] == pytest.approx(35 * (29 + 183) / 7)
    assert e["placement_hours"] == pytest.approx(24 * 365 / 7)
    assert c["placement_hours"] is None
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
    assert a["person_id"] == tables.pseudonym("a", key=KEY)


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
    pytest.importorskip("pandas")
    df = tables.parcours_table(pop_mod.population(), key=KEY).to_pandas()
    assert list(df["structure_kind"].cat.categories) == ["ACI", "AI", "EI", "ETTI"]
    assert str(df["start"].dtype) == "date32[day][pyarrow]"
    assert str(df["age_at_entry"].dtype) == "Int64"
    assert str(df["exit_counted"].dtype) == "boolean"
    assert df["exit_counted"].isna().sum() == 1
    assert df["start"][0] == dt.date(2024, 1, 1)
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
    arrow = t.to_arrow()
    assert back.column_names == arrow.column_names
    for name in arrow.column_names:  # the same values; dictionaries unordered, as pandas'
        assert back[name].to_pylist() == arrow[name].to_pylist(), name
    assert back.schema.field("start").type == pa.date32()
    assert back.schema.field("structure_kind").type == pa.dictionary(pa.int32(), pa.string())
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
    assert shown == {c.value for c in criteria} - tables.SENSITIVE_CRITERIA
    assert not set(t.categories("criterion")) & tables.SENSITIVE_CRITERIA
    if labels:
        sensitive_labels = {I.Criterion.TH.label, I.Criterion.DETENTION_MJ.label}
        assert not set(t.categories("criterion_label")) & sensitive_labels
        assert not set(t.data["criterion_label"]) & sensitive_labels
    assert "DETENTION" not in str(t.to_arrow().schema.metadata)


# --- any entity: records and DataFrames (moved from tests/test_frames.py) -------------------

NIR = "295109912611193"
EXPORT_KEY = b"research-key"


def _parcours(pid="p1", exit_kind="CDI", rqth=True):
    return I.Parcours(
        person=I.Person(
            id=pid, birth_date=D(1980, 5, 17), nir=NIR, rqth=rqth, under_justice_measure=True
        ),
        structure=I.Structure(siret="73282932000074", kind="ACI", name="S", department="75"),
        approval=I.Approval(number="999990000001", start=D(2024, 1, 1)),
        contracts=(
            I.Contract(
                kind="CDDI",
                structure_kind="ACI",
                start=D(2024, 1, 1),
                end=D(2024, 12, 31),
                weekly_hours=26,
            ),
        ),
        exit=None if exit_kind is None else I.Exit(on=D(2024, 12, 31), kind=exit_kind),
    )


def test_entity_exports_import_no_dataframe_library():
    code = (
        "import sys, iae_core.tables, iae_core.stats;"
        "assert 'pandas' not in sys.modules and 'polars' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("key", [None, b"", ""])
def test_no_key_no_export(key):
    with pytest.raises(ValueError, match="key"):
        tables.to_records([_parcours()], key=key)
    with pytest.raises(ValueError, match="key"):
        tables.to_pandas([_parcours()], key=key)
    with pytest.raises(ValueError, match="key"):
        tables.to_table([], key=key)  # even with nothing to pseudonymise


def test_key_is_required_argument():
    with pytest.raises(TypeError):
        tables.to_records([_parcours()])  # type: ignore[call-arg]


def test_records_are_pseudonymous_by_default():
    (row,) = tables.to_records([_parcours()], key=EXPORT_KEY)
    expected = hmac.new(EXPORT_KEY, b"person:p1", hashlib.sha256).hexdigest()
    assert row["person_id"] == expected == tables.pseudonym("p1", key=EXPORT_KEY)
    assert "p1" not in row.values()
    text = repr(row)
    assert NIR not in text
    assert "1980-05-17" not in text
    assert "Date(1980, 5, 17)" not in text
    for name in ("person_nir", "person_rqth", "person_under_justice_measure", "person_birth_date"):
        assert name not in row
    assert row["person_birth_year"] == 1980
    # PASS numbers identify a person too
    assert row["approval_number"] == tables.pseudonym(
        "999990000001", key=EXPORT_KEY, domain="approval"
    )
    # derived and nested columns
    assert row["structure_kind"] is I.StructureKind.ACI
    assert row["exit_category"] is I.ExitCategory.SUSTAINABLE
    assert row["exit_counted"] is True
    assert row["start"] == D(2024, 1, 1)
    assert row["n_contracts"] == 1
    assert row["diagnosis_author"] is None


def test_sensitive_columns_only_by_name():
    (row,) = tables.to_records([_parcours()], key=EXPORT_KEY, include=["nir", "rqth"])
    assert row["person_nir"] == NIR
    assert row["person_rqth"] is True
    assert "person_under_justice_measure" not in row
    (row,) = tables.to_records(
        [_parcours()], key=EXPORT_KEY, include=("under_justice_measure", "birth_date")
    )
    assert row["person_under_justice_measure"] is True
    assert row["person_birth_date"] == D(1980, 5, 17)
    with pytest.raises(ValueError, match="unknown include"):
        tables.to_records([_parcours()], key=EXPORT_KEY, include=["id"])


def test_pseudonyms_depend_on_the_key_and_are_stable():
    a = tables.to_records([_parcours(), _parcours()], key=EXPORT_KEY)
    b = tables.to_records([_parcours()], key="another key")
    assert a[0]["person_id"] == a[1]["person_id"]
    assert a[0]["person_id"] != b[0]["person_id"]
    assert len(a[0]["person_id"]) == 64


def test_one_pseudonymisation_for_study_tables_and_entity_exports():
    pop = pop_mod.population()
    (row,) = tables.to_records(pop[:1], key=KEY)
    (study,) = tables.parcours_table(pop[:1], key=KEY).records()
    assert row["person_id"] == study["person_id"] == tables.pseudonym("a", key=KEY)
    assert study["parcours_id"] == _pid("a", "2024-01-01")


def test_other_entities_and_stats_records():
    c = _parcours().contracts[0]
    (row,) = tables.to_records(c, key=EXPORT_KEY)
    assert row["final_end"] == D(2024, 12, 31)
    assert row["kind"] is I.ContractKind.CDDI
    (row,) = tables.to_records([_parcours().person], key=EXPORT_KEY)
    assert row["id"] == tables.pseudonym("p1", key=EXPORT_KEY)
    assert "nir" not in row
    (srow,) = tables.to_records(stats.exit_rates([_parcours()], by="kind"), key=EXPORT_KEY)
    assert srow["kind"] is I.StructureKind.ACI
    assert srow["dynamic_rate"] == 1.0
    with pytest.raises(TypeError, match="cannot export"):
        tables.to_records([object()], key=EXPORT_KEY)


def test_to_pandas_dtypes():
    pd = pytest.importorskip("pandas")
    df = tables.to_pandas([_parcours(), _parcours("p2", None)], key=EXPORT_KEY)
    assert len(df) == 2
    assert str(df["start"].dtype) == "date32[day][pyarrow]"
    assert df["start"].iloc[0] == dt.date(2024, 1, 1)
    assert pd.isna(df["exit_on"].iloc[1])
    assert isinstance(df["structure_kind"].dtype, pd.CategoricalDtype)
    assert not df["structure_kind"].cat.ordered
    assert list(df["exit_kind"].cat.categories) == [k.value for k in I.ExitKind]
    assert pd.isna(df["exit_kind"].iloc[1])
    assert str(df["exit_counted"].dtype) == "boolean"
    assert str(df["n_contracts"].dtype) == "Int64"
    assert str(df["person_id"].dtype) == "string"
    assert df["person_id"].iloc[0] == tables.pseudonym("p1", key=EXPORT_KEY)
    assert "person_nir" not in df.columns
    df2 = tables.to_pandas([_parcours()], key=EXPORT_KEY, include=["nir"])
    assert df2["person_nir"].iloc[0] == NIR


def test_to_polars_dtypes():
    pl = pytest.importorskip("polars")
    df = tables.to_polars([_parcours(), _parcours("p2", None)], key=EXPORT_KEY)
    assert df.height == 2
    assert df.schema["start"] == pl.Date
    assert df["start"][0] == dt.date(2024, 1, 1)
    assert df["exit_on"][1] is None
    assert df.schema["exit_kind"] == pl.Enum([k.value for k in I.ExitKind])
    assert df.schema["exit_counted"] == pl.Boolean
    assert df.schema["n_contracts"] == pl.Int64
    assert df.schema["person_id"] == pl.String
    assert "person_rqth" not in df.columns
    srows = tables.to_polars(stats.exit_rates([_parcours()], by="department"), key=EXPORT_KEY)
    assert srows["dynamic_rate"][0] == 1.0


@settings(max_examples=25)
@given(st.lists(ps.lawful_parcours(), min_size=1, max_size=5))
def test_entity_frames_agree_with_records(pop):
    pl = pytest.importorskip("polars")
    pytest.importorskip("pandas")
    records = tables.to_records(pop, key=EXPORT_KEY)
    pdf = tables.to_pandas(pop, key=EXPORT_KEY)
    plf = tables.to_polars(pop, key=EXPORT_KEY)
    assert list(pdf.columns) == list(records[0]) == plf.columns
    assert tables.to_table(pop, key=EXPORT_KEY).records() == records
    for i, r in enumerate(records):
        assert plf["person_id"][i] == r["person_id"] == pdf["person_id"].iloc[i]
        assert plf["start"][i] == dt.date(r["start"].year, r["start"].month, r["start"].day)
        assert pdf["start"].iloc[i] == dt.date(r["start"].year, r["start"].month, r["start"].day)
        ek = r["exit_kind"]
        assert plf["exit_kind"][i] == (None if ek is None else ek.value)
    assert isinstance(plf, pl.DataFrame)


def _full_text(exported):
    """Every column name and value of an export (a repr would elide columns)."""
    if isinstance(exported, list):
        return repr(exported) + repr([list(r) for r in exported])
    if hasattr(exported, "write_csv"):  # polars
        return exported.write_csv()
    return exported.to_csv()  # pandas


@pytest.mark.parametrize("exporter", ["to_records", "to_pandas", "to_polars"])
def test_no_export_carries_the_nir_or_flags_unless_asked(exporter):
    if exporter != "to_records":
        pytest.importorskip(exporter.removeprefix("to_"))
    export = getattr(tables, exporter)
    p = _parcours()
    for objs in ([p], [p.person], p, p.person):
        text = _full_text(export(objs, key=EXPORT_KEY))
        assert "person_id" in text or "id" in text  # the export is really there
        assert NIR not in text
        assert "rqth" not in text
        assert "under_justice_measure" not in text
    asked = _full_text(export([p], key=EXPORT_KEY, include=("nir", "rqth")))
    assert NIR in asked
    assert "person_rqth" in asked


# --- one dtype mapping -------------------------------------------------------------------------


def _shared_columns(entity_frame_columns, table):
    shared = [c for c in entity_frame_columns if c in table.kinds]
    kinds = {table.kinds[c] if isinstance(table.kinds[c], str) else "enum" for c in shared}
    return shared, kinds


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_entity_frames_and_study_tables_give_one_dtype_per_kind(library):
    pytest.importorskip(library)
    pop = pop_mod.population()
    pairs = [
        (tables.to_table(pop, key=KEY), tables.parcours_table(pop, key=KEY, all_categories=True)),
        (
            tables.to_table([c for p in pop for c in p.contracts], key=KEY),
            tables.contracts_table(pop, key=KEY, all_categories=True),
        ),
    ]
    seen = set()
    for entities, study in pairs:
        if library == "pandas":
            mine, theirs = entities.to_pandas(), study.to_pandas()
            mine_types, their_types = dict(mine.dtypes), dict(theirs.dtypes)
            via_functions = dict(tables.to_pandas(pop, key=KEY).dtypes)
        else:
            mine, theirs = entities.to_polars(), study.to_polars()
            mine_types, their_types = dict(mine.schema), dict(theirs.schema)
            via_functions = dict(tables.to_polars(pop, key=KEY).schema)
        shared, kinds = _shared_columns(list(mine_types), study)
        seen |= kinds
        for name in shared:
            # every value of the enum in both: the very same dtype, categories included
            assert mine_types[name] == their_types[name], name
            if entities.name == "Parcours":
                assert via_functions[name] == their_types[name], name
    assert seen == {"date", "enum", "bool", "int", "float", "str"}


def test_entity_table_to_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    t = tables.to_table([_parcours(), _parcours("p2", None)], key=EXPORT_KEY)
    assert t.name == "Parcours"
    assert "person_nir" not in t.columns
    path = tmp_path / "entities.parquet"
    t.to_parquet(path)
    back = pq.read_table(path)
    assert back.to_pylist() == t.to_arrow().to_pylist()
    assert back.schema.field("start").type == pa.date32()
    assert back.schema.field("exit_kind").type == pa.dictionary(pa.int32(), pa.string())
    assert back.column("person_id").to_pylist()[0] == tables.pseudonym("p1", key=EXPORT_KEY)
    assert NIR not in str(back.to_pylist())


class _Row:
    def __init__(self, **values):
        self.values = values

    def as_dict(self):
        return dict(self.values)


def test_records_of_several_kinds_in_one_column():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    rows = [
        _Row(share=1, amount=Decimal("1.20"), note=None, when=D(2024, 1, 1)),
        _Row(share=0.5, amount=Decimal("10.25"), note=None, when=None),
    ]
    t = tables.to_table(rows, key=EXPORT_KEY)
    assert t.name == "_Row"
    assert t.kinds == {"share": "float", "amount": "object", "note": "object", "when": "date"}
    df = t.to_pandas()
    assert str(df["share"].dtype) == "float64"
    assert df["amount"].tolist() == [Decimal("1.20"), Decimal("10.25")]
    assert str(df["when"].dtype) == "date32[day][pyarrow]"
    assert df["note"].isna().all()
    pdf = t.to_polars()
    assert pdf.schema["share"] == pl.Float64
    assert isinstance(pdf.schema["amount"], pl.Decimal)
    # a column holding members of two enums (a contract's and an exit's kind): their codes
    c = _parcours().contracts[0]
    e = _parcours().exit
    mixed = tables.to_table([c, e], key=EXPORT_KEY)
    assert mixed.name == "records"
    assert mixed.kinds["kind"] == "object"
    assert mixed.to_polars()["kind"].to_list() == ["CDDI", "CDI"]
    assert mixed.to_pandas()["kind"].tolist() == ["CDDI", "CDI"]
    assert tables.to_pandas([], key=EXPORT_KEY).shape == (0, 0)
    assert pd is not None


def test_one_entity_alone_is_one_row():
    t = tables.to_table(_parcours(), key=EXPORT_KEY)
    assert len(t) == 1
    (row,) = tables.to_records([_Row(on=pendulum.date(2024, 2, 29))], key=EXPORT_KEY)
    assert row["on"] == D(2024, 2, 29)
    assert tables.to_table([_Row(on=pendulum.date(2024, 2, 29))], key=EXPORT_KEY).kinds == {
        "on": "date"
    }


def _mixed_tables(tmp_path):
    """Tables with every kind (dates, enums, nullable ints and booleans, floats, labels)."""
    from iae_core import demo

    territory = demo.build_territory(people=120, seed=3)
    on = pendulum.date(2026, 6, 30)
    return [
        tables.parcours_table(territory.parcours, key=KEY, labels=True),
        tables.contracts_table(territory.parcours, key=KEY),
        tables.durations_table(territory.parcours, on=on, key=KEY),
        stats.cohorts(territory.parcours, on=on),
    ]


def test_parquet_read_by_pandas_with_to_pandas_dtypes(tmp_path):
    pd = pytest.importorskip("pandas")
    for t in _mixed_tables(tmp_path):
        path = tmp_path / f"{t.name}.parquet"
        t.to_parquet(path)
        mine = t.to_pandas()
        back = pd.read_parquet(path)
        assert dict(back.dtypes) == dict(mine.dtypes), t.name
        pd.testing.assert_frame_equal(back, mine)
    # the problems this fixes: no object dates, no float integers, no ordered categoricals
    assert str(back["rate"].dtype) == "float64"
    parcours = pd.read_parquet(tmp_path / "parcours.parquet")
    assert str(parcours["start"].dtype) == "date32[day][pyarrow]"
    assert str(parcours["exit_year"].dtype) == "Int64"  # with missing values
    assert parcours["exit_year"].isna().any()
    assert str(parcours["exit_counted"].dtype) == "boolean"
    assert not parcours["structure_kind"].cat.ordered


def test_parquet_read_by_polars_pyarrow_and_duckdb(tmp_path):
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    duckdb = pytest.importorskip("duckdb")
    import pyarrow.parquet as pq

    for t in _mixed_tables(tmp_path):
        path = tmp_path / f"{t.name}.parquet"
        t.to_parquet(path)
        mine = t.to_polars()
        back = pl.read_parquet(path)
        for name in mine.columns:
            if isinstance(mine.schema[name], pl.Enum):
                assert back[name].cast(pl.String).to_list() == mine[name].cast(pl.String).to_list()
            else:
                assert back.schema[name] == mine.schema[name], name
                assert back[name].to_list() == mine[name].to_list(), name
        arrow = pq.read_table(path)
        for field in t.to_arrow().schema:
            got = arrow.schema.field(field.name).type
            if pa.types.is_dictionary(field.type):
                assert got == pa.dictionary(field.type.index_type, field.type.value_type)
            else:
                assert got == field.type, field.name
        rel = duckdb.sql(f"select * from read_parquet('{path}')")
        types = dict(zip(rel.columns, (str(x) for x in rel.types), strict=True))
        for name, kind in t.kinds.items():
            expected = {"date": "DATE", "int": "BIGINT", "bool": "BOOLEAN", "float": "DOUBLE"}
            if isinstance(kind, str) and kind in expected:
                assert types[name] == expected[kind], (t.name, name)
        assert len(rel.fetchall()) == len(t)


def test_parquet_without_pandas_is_written_without_its_metadata(tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    import builtins

    import pyarrow.parquet as pq

    real = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    t = tables.parcours_table(pop_mod.population(), key=KEY)
    path = tmp_path / "polars-only.parquet"
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    t.to_parquet(path)  # the polars extra brings pyarrow without pandas
    monkeypatch.undo()
    assert b"pandas" not in pq.read_schema(path).metadata
    assert pl.read_parquet(path)["duration_days"].to_list() == t.data["duration_days"]
