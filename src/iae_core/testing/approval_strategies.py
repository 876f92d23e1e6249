"""Hypothesis strategies for lawful PASS IAE histories and eligibility diagnoses.

Unlike `iae_core.testing.strategies.approvals` (any approval that constructs), these
build values that *follow the rules*, so that embedders (and iae_core's own tests) can
state properties such as "a lawful history is always accepted":

* `lawful_histories` — a PASS start, a structure kind and the dated steps (each a
  suspension declared on its start day, or a prolongation requested on the PASS's current
  end) that the commands `iae_core.Approval.suspend` and
  `iae_core.Approval.prolong` accept one by one;
* `lawful_approvals` — the approval such a history produces, with a date to check it
  on;
* `prolongation_chains` — prolongations of one reason that together respect its
  caps exactly or partly;
* `eligible_diagnoses` / `insufficient_diagnoses` — diagnoses by author and
  structure kind.
"""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import strategies as st

from iae_core import dates as _dates
from iae_core import params
from iae_core.approvals import PROLONGATION_CAPS, Approval, Prolongation, Suspension, default_end
from iae_core.approvals._entities import shift
from iae_core.eligibility import EXCLUSIVE_CRITERIA, EligibilityDiagnosis
from iae_core.enums import (
    AuthorKind,
    Criterion,
    ProlongationReason,
    StructureKind,
    SuspensionReason,
)
from iae_core.testing.strategies import dates, pass_numbers, sirets

__all__ = [
    "SIAE_KINDS",
    "History",
    "eligible_diagnoses",
    "insufficient_diagnoses",
    "lawful_approvals",
    "lawful_histories",
    "prolongation_chains",
    "siae_kinds",
]

SIAE_KINDS = (
    StructureKind.ACI,
    StructureKind.AI,
    StructureKind.EI,
    StructureKind.ETTI,
    StructureKind.EITI,
)
"""The five SIAE kinds, which issue PASS IAE."""

FIRST_START = pendulum.date(2021, 9, 1)
LAST_START = pendulum.date(2031, 12, 31)
_CURRENT_REASONS = tuple(r for r in SuspensionReason if not r.is_legacy)
_SUSPENSION_MAX_MONTHS = params.get("suspension.max_months")
_PASSERELLE_KINDS = params.get("suspension.contrat_passerelle_kinds")
_DIFFICULTIES_KINDS = params.get("prolongation.particular_difficulties_kinds")


def siae_kinds() -> st.SearchStrategy[StructureKind]:
    """One of the five SIAE kinds."""
    return st.sampled_from(SIAE_KINDS)


@attrs.frozen
class History:
    """A lawful PASS IAE history.

    Attributes:
        number: the PASS number.
        start: its start (``initial_end`` is the default).
        structure_kind: the structure that holds it.
        steps: ``(on, item)`` in the order applied: a `Suspension` declared on
            ``on`` (its first day), or a `Prolongation` requested on ``on`` (the
            PASS's end then). Dates need not increase: a suspension may be declared before
            the day a previous prolongation was requested in advance.
    """

    number: str
    start: pendulum.Date
    structure_kind: StructureKind
    steps: tuple[tuple[pendulum.Date, Suspension | Prolongation], ...]

    def approval(self) -> Approval:
        """The approval after every step (built directly, without the commands)."""
        return Approval(
            number=self.number,
            start=self.start,
            suspensions=tuple(i for _, i in self.steps if isinstance(i, Suspension)),
            prolongations=tuple(i for _, i in self.steps if isinstance(i, Prolongation)),
        )

    @property
    def last_step_on(self) -> pendulum.Date:
        """The latest step date (the PASS start when there is none)."""
        return max((on for on, _ in self.steps), default=self.start)


def _prolongation_reasons(kind: StructureKind) -> tuple[ProlongationReason, ...]:
    return tuple(
        r
        for r in ProlongationReason
        if r is not ProlongationReason.HEALTH_CONTEXT
        and (
            r is not ProlongationReason.PARTICULAR_DIFFICULTIES
            or kind.value in _DIFFICULTIES_KINDS.rows[-1].value
        )
    )


def _suspension_reasons(kind: StructureKind) -> tuple[SuspensionReason, ...]:
    return tuple(
        r
        for r in _CURRENT_REASONS
        if r is not SuspensionReason.CONTRAT_PASSERELLE
        or kind.value in _PASSERELLE_KINDS.rows[-1].value
    )


def lawful_histories(
    kinds: st.SearchStrategy[StructureKind] | None = None,
    *,
    max_steps: int = 5,
    first_start: pendulum.Date = FIRST_START,
    last_start: pendulum.Date = LAST_START,
) -> st.SearchStrategy[History]:
    """Lawful histories: every step is one the commands accept on its date.

    Suspensions are declared on their first day (stored in ``declared_on`` or not), start
    within the PASS and after the previous suspension's end, last at most 36 months, with a
    reason open to the kind. Prolongations are requested on the PASS's current end (stored
    in ``requested_on`` or not; inside every window version),
    start on it, respect the per-request and cumulative caps, are validated, and use a
    reason open to the kind (never ``HEALTH_CONTEXT``). No person is involved.
    """

    @st.composite
    def build(draw: st.DrawFn) -> History:
        kind = draw(kinds if kinds is not None else siae_kinds())
        start = draw(dates(first_start, last_start))
        end = default_end(start)
        used = 0
        free_from = start  # next suspension starts on or after this day
        steps: list[tuple[pendulum.Date, Suspension | Prolongation]] = []
        s_reasons = _suspension_reasons(kind)
        p_reasons = _prolongation_reasons(kind)
        for _ in range(draw(st.integers(0, max_steps))):
            if draw(st.booleans()):
                if free_from > end:
                    continue
                first = draw(dates(free_from, end))
                longest = _SUSPENSION_MAX_MONTHS.at(first)
                last = draw(dates(first, _dates.months_end(first, longest)))
                s = Suspension(
                    start=first,
                    end=last,
                    reason=draw(st.sampled_from(s_reasons)),
                    declared_on=first if draw(st.booleans()) else None,
                )
                steps.append((first, s))
                end = shift(end, s.push)
                free_from = shift(last, 1)
            else:
                reason = draw(st.sampled_from(p_reasons))
                caps = PROLONGATION_CAPS[reason]
                room = caps.per_request
                if caps.cumulative is not None:
                    room = min(room, caps.cumulative - used)
                if room < 1:
                    continue
                length = draw(st.integers(1, room))
                p = Prolongation(
                    start=end,
                    end=shift(end, length),
                    reason=reason,
                    validated_by="prescripteur" if caps.needs_validation else None,
                    requested_on=end if draw(st.booleans()) else None,
                )
                steps.append((end, p))
                used += length
                end = p.end
        return History(
            number=draw(pass_numbers()), start=start, structure_kind=kind, steps=tuple(steps)
        )

    return build()


def lawful_approvals(
    kinds: st.SearchStrategy[StructureKind] | None = None, *, max_steps: int = 5
) -> st.SearchStrategy[tuple[Approval, StructureKind, pendulum.Date]]:
    """``(approval, structure_kind, on)``: a lawful approval and a date to check it on."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Approval, StructureKind, pendulum.Date]:
        h = draw(lawful_histories(kinds, max_steps=max_steps))
        a = h.approval()
        on = draw(dates(h.last_step_on, shift(a.end, 800)))
        return a, h.structure_kind, on

    return build()


def prolongation_chains(
    reason: ProlongationReason, *, start: pendulum.Date, max_links: int = 6
) -> st.SearchStrategy[tuple[Prolongation, ...]]:
    """Chained prolongations of ``reason`` from ``start`` that respect its caps."""
    caps = PROLONGATION_CAPS[reason]

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Prolongation, ...]:
        out: list[Prolongation] = []
        used = 0
        day = start
        for _ in range(draw(st.integers(1, max_links))):
            room = caps.per_request
            if caps.cumulative is not None:
                room = min(room, caps.cumulative - used)
            if room < 1:
                break
            length = draw(st.integers(1, room))
            p = Prolongation(
                start=day,
                end=shift(day, length),
                reason=reason,
                validated_by="prescripteur" if caps.needs_validation else None,
            )
            out.append(p)
            used += length
            day = p.end
        return tuple(out)

    return build()


_LEVEL1 = tuple(c for c in Criterion if c.level == 1)
_LEVEL2 = tuple(c for c in Criterion if c.level == 2)


def _compatible(criteria: frozenset[Criterion]) -> bool:
    return not any(a in criteria and b in criteria for a, b in EXCLUSIVE_CRITERIA)


def eligible_diagnoses(
    author: AuthorKind,
    structure_kind: StructureKind,
    *,
    made_on: st.SearchStrategy[pendulum.Date] | None = None,
) -> st.SearchStrategy[EligibilityDiagnosis]:
    """Diagnoses by ``author`` with criteria enough for ``structure_kind`` (no exclusive pair).

    Employer diagnoses get a level-1 criterion or the kind's number of level-2 ones (and
    ``author_siret`` set); GEIQ ones at least one criterion; prescriber ones any.
    """
    needed = structure_kind.level2_criteria_required or 0
    if author is AuthorKind.EMPLOYER:
        criteria = st.one_of(
            st.tuples(
                st.sampled_from(_LEVEL1), st.frozensets(st.sampled_from(Criterion), max_size=4)
            ).map(lambda t: t[1] | {t[0]}),
            st.frozensets(st.sampled_from(_LEVEL2), min_size=needed, max_size=needed + 3),
        )
    elif author is AuthorKind.GEIQ:
        criteria = st.frozensets(st.sampled_from(Criterion), min_size=1, max_size=5)
    else:
        criteria = st.frozensets(st.sampled_from(Criterion), max_size=5)
    return st.builds(
        EligibilityDiagnosis,
        author=st.just(author),
        made_on=made_on if made_on is not None else dates(),
        criteria=criteria.filter(_compatible),
        author_siret=sirets() if author is AuthorKind.EMPLOYER else st.none(),
    )


def insufficient_diagnoses(
    structure_kind: StructureKind, *, made_on: st.SearchStrategy[pendulum.Date] | None = None
) -> st.SearchStrategy[EligibilityDiagnosis]:
    """Employer diagnoses without a level-1 criterion and one level-2 criterion too few."""
    needed = structure_kind.level2_criteria_required or 0
    return st.builds(
        EligibilityDiagnosis,
        author=st.just(AuthorKind.EMPLOYER),
        made_on=made_on if made_on is not None else dates(),
        criteria=st.frozensets(st.sampled_from(_LEVEL2), max_size=max(needed - 1, 0)).filter(
            _compatible
        ),
        author_siret=sirets(),
    )
