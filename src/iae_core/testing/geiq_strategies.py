"""Hypothesis strategies for GEIQ diagnoses (`iae_core.eligibility.GeiqDiagnosis`).

`geiq_diagnoses` builds any valid instance (any author, any criteria: findings
expected); `lawful_geiq_diagnoses` builds those the platform could have recorded
(a prescriber or the GEIQ, no exclusive pair, every child with its parent, at least one
criterion when the GEIQ is the author):

```python
from hypothesis import given
from iae_core.testing import geiq_strategies as gs

@given(gs.lawful_geiq_diagnoses())
def test_no_error(d): ...
```
"""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from iae_core.eligibility import GEIQ_EXCLUSIVE_CRITERIA, GeiqDiagnosis
from iae_core.enums import AuthorKind, GeiqCriterion
from iae_core.testing.derived import from_declarations
from iae_core.testing.strategies import MAX_DATE, MIN_DATE

__all__ = ["geiq_criteria", "geiq_diagnoses", "lawful_geiq_diagnoses"]

_EXCLUSIVE = frozenset(frozenset(pair) for pair in GEIQ_EXCLUSIVE_CRITERIA)


def geiq_criteria(
    *, lawful: bool = False, min_size: int = 0
) -> st.SearchStrategy[frozenset[GeiqCriterion]]:
    """Sets of GEIQ criteria; ``lawful``: no exclusive pair, every parent present."""
    raw = st.frozensets(st.sampled_from(GeiqCriterion), min_size=min_size, max_size=8)
    if not lawful:
        return raw

    def clean(chosen: frozenset[GeiqCriterion]) -> frozenset[GeiqCriterion]:
        wanted = set(chosen) | {c.parent for c in chosen if c.parent is not None}
        kept: set[GeiqCriterion] = set()
        # parents first; a child only with its parent; never an exclusive pair
        for c in sorted(wanted, key=lambda c: (c.parent is not None, c.value)):
            if c.parent is not None and c.parent not in kept:
                continue
            if any(frozenset((c, o)) in _EXCLUSIVE for o in kept):
                continue
            kept.add(c)
        return frozenset(kept)

    return raw.map(clean).filter(lambda s: len(s) >= min_size)


def geiq_diagnoses(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[GeiqDiagnosis]:
    """Any valid GEIQ diagnosis (any author, any criteria: rule findings expected)."""
    return from_declarations(GeiqDiagnosis, window=(min_value, max_value))


def lawful_geiq_diagnoses(
    min_value: pendulum.Date = MIN_DATE, max_value: pendulum.Date = MAX_DATE
) -> st.SearchStrategy[GeiqDiagnosis]:
    """GEIQ diagnoses the platform could record (no error finding on their own date)."""

    def by(author: AuthorKind, least: int) -> st.SearchStrategy[GeiqDiagnosis]:
        criteria = geiq_criteria(lawful=True, min_size=least)
        return from_declarations(
            GeiqDiagnosis, window=(min_value, max_value), author=st.just(author), criteria=criteria
        )

    return by(AuthorKind.PRESCRIBER, 0) | by(AuthorKind.GEIQ, 1)
