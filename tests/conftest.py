"""Shared test configuration: hypothesis profiles and the slow tests.

* Hypothesis: the profile `dev` (the default: few examples, the README's command) and the
  thorough profile `ci` (more examples), chosen with `--hypothesis-profile=ci` or the
  environment variable `HYPOTHESIS_PROFILE`. `.ci/run` runs the README's command, then the
  property tests and the slow tests again with `ci`. Explicit `@example`s always run.
* Tests marked `slow` run only with `--run-slow`.
* `english_cli`: the command line and the library in English, for the tests that read them.
"""

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow", action="store_true", default=False, help="also run the tests marked slow"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow (.ci/run does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def english_cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The command line in English (`IAE_CORE_LANG=en`) and the library too, for the
    functions a test calls directly; French, the default, and `--lang` are tested in
    tests/test_i18n_catalogue.py."""
    from iae_core._kernel.text import reset_language, set_language

    monkeypatch.setenv("IAE_CORE_LANG", "en")
    token = set_language("en")
    yield
    reset_language(token)
