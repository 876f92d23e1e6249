"""One registry of hypothesis strategies for every entity of iae_core.

    >>> from iae_core.testing.registry import entity_strategies
    >>> strategy = entity_strategies()[iae_core.Contract]()

It gathers the domain strategy modules (`iae_core.testing.strategies`,
`iae_core.testing.contract_strategies`,
`iae_core.testing.parcours_strategies`,
`iae_core.testing.geiq_strategies`, `iae_core.testing.matching_strategies`) so
that a test can be run over *every* entity, and so that hypothesis's ``st.from_type``
knows them all (see `iae_core.testing._hypothesis_setup_hook`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

__all__ = ["entity_strategies", "register_type_strategies"]


def entity_strategies() -> dict[type, Callable[[], st.SearchStrategy[Any]]]:
    """Entity type -> a function returning a strategy of valid instances."""
    from iae_core.contracts import ImmersionAssessment, PrefectWaiver, ScheduleDay
    from iae_core.economy import Activity, PrefectDecision, Subsidy, YearAccounts
    from iae_core.eligibility import CriterionProof, GeiqDiagnosis
    from iae_core.followup import FollowUp, SupportAction
    from iae_core.matching import Candidate, GeoPoint, Position, Weights
    from iae_core.orientation import EngagementContract, Orientation
    from iae_core.partnerships import Commitment, Partnership, PartnershipEvent
    from iae_core.skills import Evidence, Skill, SkillsAttestation
    from iae_core.testing import (
        contract_strategies,
        economy_strategies,
        followup_strategies,
        geiq_strategies,
        parcours_strategies,
        strategies,
    )
    from iae_core.testing import matching_strategies as matching

    registry: dict[type, Callable[[], st.SearchStrategy[Any]]] = dict(strategies.ENTITY_STRATEGIES)
    registry.update(
        {
            PrefectWaiver: contract_strategies.prefect_waivers,
            GeiqDiagnosis: geiq_strategies.geiq_diagnoses,
            Partnership: parcours_strategies.partnerships,
            Commitment: parcours_strategies.commitments,
            PartnershipEvent: parcours_strategies.partnership_events,
            GeoPoint: matching.geo_points,
            Candidate: matching.candidates,
            Position: matching.positions,
            Weights: _weights,
            Subsidy: economy_strategies.subsidies,
            PrefectDecision: economy_strategies.prefect_decisions,
            YearAccounts: economy_strategies.accounts,
            Activity: economy_strategies.activities,
            Orientation: economy_strategies.orientations,
            EngagementContract: economy_strategies.engagement_contracts,
            CriterionProof: _criterion_proofs,
            FollowUp: followup_strategies.follow_ups,
            SupportAction: followup_strategies.support_actions,
            ScheduleDay: _schedule_days,
            ImmersionAssessment: followup_strategies.immersion_assessments,
            Evidence: followup_strategies.evidence,
            Skill: followup_strategies.skills,
            SkillsAttestation: followup_strategies.skills_attestations,
        }
    )
    return registry


def register_type_strategies() -> None:
    """Make `st.from_type` draw every entity, and `pendulum.Date`, with these strategies.

    Installing iae_core already does this through hypothesis's entry point; call it when
    plugins are disabled (`HYPOTHESIS_NO_PLUGINS`). Then `st.builds` of your own classes
    (a dataclass with a `contract: iae_core.Contract` or a `pendulum.Date` field) works
    too.
    """
    import pendulum

    from iae_core.testing.strategies import dates

    st.register_type_strategy(pendulum.Date, dates())
    for cls, factory in entity_strategies().items():
        st.register_type_strategy(cls, factory())


def _weights() -> st.SearchStrategy[Any]:
    from iae_core.matching import Weights

    part = st.floats(0, 10, allow_nan=False)
    return st.builds(
        Weights, distance=part, rome=part, hours=part, availability=part.map(lambda x: x + 0.01)
    )


def _schedule_days() -> st.SearchStrategy[Any]:
    from iae_core.contracts import ScheduleDay
    from iae_core.testing.strategies import dates

    return st.builds(ScheduleDay, on=dates(), hours=st.floats(0.25, 24, allow_nan=False))


def _criterion_proofs() -> st.SearchStrategy[Any]:
    from iae_core.eligibility import CriterionProof
    from iae_core.enums import Criterion, ProofKind
    from iae_core.testing.strategies import dates

    return st.builds(
        CriterionProof,
        criterion=st.sampled_from(Criterion),
        kind=st.sampled_from(ProofKind),
        dated_on=dates(),
    )
