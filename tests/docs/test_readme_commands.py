"""The README's two commands are the ones CI runs: `.ci/run` calls the test command word for
word, and it runs on every core (pytest-xdist)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _sh_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_ci_runs_the_readme_test_command_word_for_word():
    tests = [b for b in _sh_blocks() if "pytest" in b]
    assert len(tests) == 1, tests
    command = tests[0]
    assert "-n auto" in command  # every core: the suite's time on 2 cores
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()


def test_ci_runs_the_thorough_profile_and_the_slow_tests():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    line = next(x for x in ci.splitlines() if "--hypothesis-profile=ci" in x)
    assert "--run-slow" in line
    assert '-m "hypothesis or slow"' in line
