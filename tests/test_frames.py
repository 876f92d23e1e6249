import datetime as dt
import hashlib
import hmac
import subprocess
import sys

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core import frames, stats
from iae_core.testing import parcours_strategies as ps

D = pendulum.date
NIR = "295109912611193"
KEY = b"research-key"


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


def test_import_is_lazy():
    code = (
        "import sys, iae_core.frames, iae_core.stats;"
        "assert 'pandas' not in sys.modules and 'polars' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("key", [None, b"", ""])
def test_no_key_no_export(key):
    with pytest.raises(ValueError, match="key"):
        frames.to_records([_parcours()], key=key)
    with pytest.raises(ValueError, match="key"):
        frames.to_pandas([_parcours()], key=key)


def test_key_is_required_argument():
    with pytest.raises(TypeError):
        frames.to_records([_parcours()])  # type: ignore[call-arg]


def test_records_are_pseudonymous_by_default():
    (row,) = frames.to_records([_parcours()], key=KEY)
    expected = hmac.new(KEY, b"person:p1", hashlib.sha256).hexdigest()
    assert row["person_id"] == expected == frames.pseudonym("p1", key=KEY)
    assert "p1" not in row.values()
    text = repr(row)
    assert NIR not in text
    assert "1980-05-17" not in text
    assert "Date(1980, 5, 17)" not in text
    for name in ("person_nir", "person_rqth", "person_under_justice_measure", "person_birth_date"):
        assert name not in row
    assert row["person_birth_year"] == 1980
    # PASS numbers identify a person too
    assert row["approval_number"] == frames.pseudonym("999990000001", key=KEY, domain="approval")
    # derived and nested columns
    assert row["structure_kind"] is I.StructureKind.ACI
    assert row["exit_category"] is I.ExitCategory.SUSTAINABLE
    assert row["exit_counted"] is True
    assert row["start"] == D(2024, 1, 1)
    assert row["n_contracts"] == 1
    assert row["diagnosis_author"] is None


def test_sensitive_columns_only_by_name():
    (row,) = frames.to_records([_parcours()], key=KEY, include=["nir", "rqth"])
    assert row["person_nir"] == NIR
    assert row["person_rqth"] is True
    assert "person_under_justice_measure" not in row
    (row,) = frames.to_records(
        [_parcours()], key=KEY, include=("under_justice_measure", "birth_date")
    )
    assert row["person_under_justice_measure"] is True
    assert row["person_birth_date"] == D(1980, 5, 17)
    with pytest.raises(ValueError, match="unknown include"):
        frames.to_records([_parcours()], key=KEY, include=["id"])


def test_pseudonyms_depend_on_the_key_and_are_stable():
    a = frames.to_records([_parcours(), _parcours()], key=KEY)
    b = frames.to_records([_parcours()], key="another key")
    assert a[0]["person_id"] == a[1]["person_id"]
    assert a[0]["person_id"] != b[0]["person_id"]
    assert len(a[0]["person_id"]) == 64


def test_other_entities_and_stats_records():
    c = _parcours().contracts[0]
    (row,) = frames.to_records(c, key=KEY)
    assert row["final_end"] == D(2024, 12, 31)
    assert row["kind"] is I.ContractKind.CDDI
    (row,) = frames.to_records([_parcours().person], key=KEY)
    assert row["id"] == frames.pseudonym("p1", key=KEY)
    assert "nir" not in row
    (srow,) = frames.to_records(stats.exit_rates([_parcours()], by="kind"), key=KEY)
    assert srow["kind"] is I.StructureKind.ACI
    assert srow["dynamic_rate"] == 1.0
    with pytest.raises(TypeError, match="cannot export"):
        frames.to_records([object()], key=KEY)


def test_to_pandas_dtypes():
    pd = pytest.importorskip("pandas")
    df = frames.to_pandas([_parcours(), _parcours("p2", None)], key=KEY)
    assert len(df) == 2
    assert str(df["start"].dtype) == "datetime64[s]"
    assert df["start"].iloc[0] == pd.Timestamp("2024-01-01")
    assert pd.isna(df["exit_on"].iloc[1])
    assert isinstance(df["structure_kind"].dtype, pd.CategoricalDtype)
    assert list(df["exit_kind"].cat.categories) == [k.value for k in I.ExitKind]
    assert pd.isna(df["exit_kind"].iloc[1])
    assert str(df["exit_counted"].dtype) == "boolean"
    assert str(df["n_contracts"].dtype) == "Int64"
    assert df["person_id"].iloc[0] == frames.pseudonym("p1", key=KEY)
    assert "person_nir" not in df.columns
    df2 = frames.to_pandas([_parcours()], key=KEY, include=["nir"])
    assert df2["person_nir"].iloc[0] == NIR


def test_to_polars_dtypes():
    pl = pytest.importorskip("polars")
    df = frames.to_polars([_parcours(), _parcours("p2", None)], key=KEY)
    assert df.height == 2
    assert df.schema["start"] == pl.Date
    assert df["start"][0] == dt.date(2024, 1, 1)
    assert df["exit_on"][1] is None
    assert df.schema["exit_kind"] == pl.Enum([k.value for k in I.ExitKind])
    assert df.schema["exit_counted"] == pl.Boolean
    assert df.schema["n_contracts"] == pl.Int64
    assert df.schema["person_id"] == pl.String
    assert "person_rqth" not in df.columns
    srows = frames.to_polars(stats.exit_rates([_parcours()], by="department"), key=KEY)
    assert srows["dynamic_rate"][0] == 1.0


@settings(max_examples=25)
@given(st.lists(ps.lawful_parcours(), min_size=1, max_size=5))
def test_frames_agree_with_records(pop):
    pl = pytest.importorskip("polars")
    pd = pytest.importorskip("pandas")
    records = frames.to_records(pop, key=KEY)
    pdf = frames.to_pandas(pop, key=KEY)
    plf = frames.to_polars(pop, key=KEY)
    assert list(pdf.columns) == list(records[0]) == plf.columns
    for i, r in enumerate(records):
        assert plf["person_id"][i] == r["person_id"] == pdf["person_id"].iloc[i]
        assert plf["start"][i] == dt.date(r["start"].year, r["start"].month, r["start"].day)
        assert pdf["start"].iloc[i] == pd.Timestamp(r["start"].isoformat())
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
    export = getattr(frames, exporter)
    p = _parcours()
    for objs in ([p], [p.person], p, p.person):
        text = _full_text(export(objs, key=KEY))
        assert "person_id" in text or "id" in text  # the export is really there
        assert NIR not in text
        assert "rqth" not in text
        assert "under_justice_measure" not in text
    asked = _full_text(export([p], key=KEY, include=("nir", "rqth")))
    assert NIR in asked
    assert "person_rqth" in asked
