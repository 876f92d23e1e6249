"""Past one machine (issue 19): check and exit_rates' counts over Dask partitions, merged,
equal the single-process result. A real LocalCluster of worker processes on the loopback.

dask is in the ``dev`` extra: this test is never skipped where the suite is meant to run."""

import sys

import cloudpickle
import dask.bag as dask_bag
import distributed
import pytest

from iae_core import demo, stats
from iae_core.checks import check

cloudpickle.register_pickle_by_value(sys.modules[__name__])

BY = ("kind", "year")


def _codes(report):
    return tuple((f.code, f.path) for f in report)


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",  # never a fixed port (8787 may be taken)
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_check_and_counts_over_partitions_equal_one_process(client):
    territory = demo.build_territory(seed=19, people=600)
    pop = list(territory.parcours)
    on = territory.on
    bag = dask_bag.from_sequence(pop, npartitions=6)

    reports = bag.map(check, on=on).map(_codes).compute()
    assert reports == [_codes(check(p, on=on)) for p in pop]
    assert any(reports)  # the territory has findings: the comparison is not vacuous

    parts = bag.map_partitions(lambda part: [stats.exit_counts(part, by=BY)]).compute()
    assert len(parts) == 6
    merged = parts[0].merge(*parts[1:])
    assert merged.rates() == stats.exit_rates(pop, by=BY)
    assert len(client.scheduler_info()["workers"]) == 2
