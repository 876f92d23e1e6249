"""iae_core.partitions (issue 29): the layout, the writer, one partition counted from its path,
and the merge — associative and commutative, so that the partitions counted in any order and
merged in any tree (as Spark's ``mapPartitions``/``reduce`` do) give the one-process answer."""

import functools
import itertools
import json

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from iae_core import InvalidData, demo, partitions, stats
from iae_core.checks import check

BY = ("kind", "year")
DEPARTMENTS = ("75", "93", "2A", "971")


def _population():
    """A demo territory spread over four départements, with one parcours without a contract."""
    territory = demo.build_territory(seed=29, people=300)
    pop = []
    for i, p in enumerate(territory.parcours):
        structure = attrs.evolve(p.structure, department=DEPARTMENTS[i % len(DEPARTMENTS)])
        pop.append(attrs.evolve(p, structure=structure))
    pop[7] = attrs.evolve(pop[7], contracts=(), exit=None, approval=None)
    return pop, territory.on


POP, ON = _population()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return partitions.write(POP, tmp_path_factory.mktemp("panel"), include=partitions.SENSITIVE)


@pytest.fixture(scope="module")
def per_file(files):
    """Each partition counted once."""
    return [partitions.count(f, on=ON, by=BY) for f in files]


def _one_process(n_files):
    return attrs.evolve(partitions.count_parcours(POP, on=ON, by=BY), files=n_files)


# --- the layout ------------------------------------------------------------------------------


def test_one_file_per_department_and_entry_year(files, tmp_path):
    root = files[0].parents[2]
    assert files == partitions.paths(root)
    wanted = {partitions.partition_of(p) for p in POP}
    got = {(f.parent.parent.name, f.parent.name) for f in files}
    assert got == {(f"department={d}", f"year={y}") for d, y in wanted}
    assert {f.name for f in files} == {"parcours.jsonl"}
    assert ("department=971", "year=__HIVE_DEFAULT_PARTITION__") in got  # POP[7]
    assert len({d for d, _ in wanted}) == len(DEPARTMENTS)
    assert len(files) > len(DEPARTMENTS)  # several years too


def test_each_line_is_the_json_of_one_parcours_in_its_partition(files):
    back = [p for f in files for p in partitions.read(f)]
    assert sorted(map(repr, back)) == sorted(map(repr, POP))
    for f in files:
        lines = f.read_bytes().split(b"\n")
        assert lines[-1] == b""  # a newline after each line, the last included
        for p in partitions.read(f):
            assert (f"department={partitions.partition_of(p)[0]}") == f.parent.parent.name
            assert f"year={partitions.partition_of(p)[1]}" == f.parent.name
        assert json.loads(lines[0])["person"]["id"]


def test_entry_year_is_the_first_contracts_start():
    p = POP[0]
    assert partitions.partition_of(p) == (p.structure.department, str(p.start.year))
    assert partitions.partition_of(POP[7])[1] == partitions.NULL_PARTITION


def test_write_never_overwrites(files):
    root = files[0].parents[2]
    before = files[0].read_bytes()
    with pytest.raises(FileExistsError, match="already exist"):
        partitions.write(POP[:3], root, include=partitions.SENSITIVE)
    assert files[0].read_bytes() == before


def test_write_refuses_sensitive_data_not_included_and_names_no_value(tmp_path):
    p = POP[0]
    assert p.person.nir is not None
    with pytest.raises(ValueError, match=r"nir \(1 parcours\)") as info:
        partitions.write([p], tmp_path)
    assert p.person.nir not in str(info.value)
    assert not list(tmp_path.iterdir())  # nothing written
    rqth = attrs.evolve(p, person=attrs.evolve(p.person, nir=None, rqth=True))
    with pytest.raises(ValueError, match=r"rqth \(1 parcours\)"):
        partitions.write([rqth], tmp_path, include={"nir"})
    assert partitions.write([rqth], tmp_path, include={"rqth"})


def test_write_without_sensitive_data_needs_no_include(tmp_path):
    plain = [
        attrs.evolve(
            p,
            person=attrs.evolve(p.person, nir=None, rqth=False, under_justice_measure=False),
            diagnosis=None,
        )
        for p in POP[:20]
    ]
    files = partitions.write(plain, tmp_path)
    assert sum(len(partitions.read(f)) for f in files) == 20


def test_write_rejects_an_unknown_include_name(tmp_path):
    with pytest.raises(ValueError, match="unknown names"):
        partitions.write(POP[:1], tmp_path, include={"NIR"})


# --- one partition from its path ---------------------------------------------------------------


def test_counts_of_the_partitions_merged_equal_one_process(files, per_file):
    total = partitions.merge_all(per_file)
    assert total == _one_process(len(files))
    assert total.files == len(files)
    assert total.records == total.parcours == len(POP)
    assert total.exits.rates() == stats.exit_rates(POP, by=BY)
    findings = sum(len(check(p, on=ON)) for p in POP)
    assert sum(total.findings.values()) == findings > 0  # not vacuous
    assert total.with_errors == sum(not check(p, on=ON).ok for p in POP) > 0


def _corrupt(path, tmp_path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 6
    lines[1] = lines[1].replace('"start":"', '"start":"x', 1)  # not a date
    lines[3] = "{not json"
    lines[4] = lines[4] + lines[4]  # two records on one line
    lines[5] = lines[5].replace("{", '{"structure":{},', 1)  # a key twice
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad, len(lines)


def test_a_bad_record_is_counted_not_fatal_and_its_value_never_shown(files, tmp_path):
    bad, n = _corrupt(files[0], tmp_path)
    c = partitions.count(bad, on=ON, by=BY)
    assert (c.files, c.records, c.invalid_records, c.parcours) == (1, n, 4, n - 4)
    assert c.invalid["not_a_date"] == 1
    assert c.invalid["malformed_json"] == 2
    assert c.invalid["duplicate_key"] == 1
    assert [i.line for i in c.invalid_at][:1] == [2]
    assert {i.line for i in c.invalid_at} == {2, 4, 5, 6}
    assert all(i.file == str(bad) for i in c.invalid_at)
    assert "x20" not in repr(c)
    good = [p for i, p in enumerate(partitions.read(files[0])) if i not in {1, 3, 4, 5}]
    assert c.exits == stats.exit_counts(good, by=BY)


def test_read_raises_every_bad_field_with_its_line_index(files, tmp_path):
    bad, _ = _corrupt(files[0], tmp_path)
    with pytest.raises(InvalidData) as info:
        partitions.read(bad)
    paths = [d.path for d in info.value.details]
    assert paths[0].startswith("[1].")
    assert {p.split(".")[0] for p in paths} == {"[1]", "[3]", "[4]", "[5]"}


def test_an_empty_file_counts_nothing(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    c = partitions.count(empty, on=ON, by=BY)
    assert (c.files, c.records, c.parcours, c.findings) == (1, 0, 0, {})


def test_a_blank_line_is_an_invalid_record(files, tmp_path):
    text = files[0].read_bytes()
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n" + text)
    c = partitions.count(blank, on=ON, by=BY)
    assert c.invalid_records == 1
    assert c.invalid_at[0].line == 1


def test_invalid_places_kept_are_the_first_and_bounded(tmp_path):
    many = tmp_path / "many.jsonl"
    many.write_text("{\n" * (partitions.MAX_INVALID_SHOWN + 5), encoding="utf-8")
    c = partitions.count(many, on=ON, by=BY)
    assert c.invalid_records == partitions.MAX_INVALID_SHOWN + 5
    assert [i.line for i in c.invalid_at] == list(range(1, partitions.MAX_INVALID_SHOWN + 1))
    again = c.merge(c)
    assert again.invalid_records == 2 * c.invalid_records
    assert again.invalid_at == c.invalid_at  # the same places, kept once


def test_merge_refuses_counts_grouped_differently(files):
    a = partitions.count(files[0], on=ON, by="kind")
    b = partitions.count(files[0], on=ON, by=BY)
    with pytest.raises(ValueError, match="cannot merge"):
        partitions.merge(a, b)


def test_merge_all_of_nothing_is_an_error():
    with pytest.raises(ValueError, match="no counts"):
        partitions.merge_all([])


# --- in Spark's order: any order, any tree ----------------------------------------------------


def _tree(items, shape):
    """Merge ``items`` pairwise in the tree ``shape`` draws (a list of pair positions)."""
    items = list(items)
    for pick in shape:
        if len(items) == 1:
            break
        i = pick % (len(items) - 1)
        items[i : i + 2] = [partitions.merge(items[i], items[i + 1])]
    return functools.reduce(partitions.merge, items)


@given(data=st.data())
@example(data=None)  # the files in order, folded left: the plain one-process loop
def test_spark_order_gives_the_one_process_answer(files, per_file, data):
    n = len(per_file)
    if data is None:
        order, cuts, shape = list(range(n)), [], []
    else:
        order = data.draw(st.permutations(range(n)), label="order of the files")
        cuts = data.draw(st.sets(st.integers(1, n - 1)), label="Spark partitions' edges")
        shape = data.draw(st.lists(st.integers(0, 50)), label="the reduce tree")
    edges = [0, *sorted(cuts), n]
    slices = [order[a:b] for a, b in itertools.pairwise(edges)]
    # mapPartitions: count each path of a Spark partition, fold it (Spark's reduce in a task)
    folded = [functools.reduce(partitions.merge, (per_file[i] for i in s)) for s in slices]
    # reduce on the driver: the partition results in the order they arrive, any tree
    if data is not None:
        folded = data.draw(st.permutations(folded), label="arrival order")
    total = _tree(folded, shape)
    assert total == _one_process(n)
    assert total.exits.rates() == stats.exit_rates(POP, by=BY)


@pytest.fixture(scope="module")
def with_invalid(files, per_file, tmp_path_factory):
    bad, _ = _corrupt(files[1], tmp_path_factory.mktemp("bad"))
    return [*per_file, partitions.count(bad, on=ON, by=BY)]


@given(st.data())
def test_merge_is_associative_and_commutative(with_invalid, data):
    pick = st.sampled_from(with_invalid)
    a, b, c = data.draw(pick), data.draw(pick), data.draw(pick)
    assert partitions.merge(a, b) == partitions.merge(b, a)
    assert partitions.merge(partitions.merge(a, b), c) == partitions.merge(
        a, partitions.merge(b, c)
    )


def test_merge_with_an_invalid_partition_keeps_its_places(with_invalid):
    total = partitions.merge_all(with_invalid)
    assert total.invalid_records == 4
    assert total.invalid_at == with_invalid[-1].invalid_at
    assert total.files == len(with_invalid)
