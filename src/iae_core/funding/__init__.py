"""Funding: the *aide au poste d'insertion* per full-time post, and the département's share.

The aid is a **base amount** per full-time post (set by arrêté, by kind and date: the
dated parameters `funding.base_amount.<KIND>` and `funding.mayotte_base_amount.<KIND>`)
plus a **modulated part** set by the prefect (`modulated_amount`); CDI inclusion posts get
a share of it (`cdi_inclusion_rate`); the EITI aid is monthly from 2025
(`eiti_monthly_amount`); an ACI's posts held by former RSA recipients also get the
département's share (`departement_contribution`). Every amount and rate is a parameter of
`params/data/funding.toml` (or `economy.toml`, `rsa.toml`), each row with its text.

The area has no entity of its own and no check: its functions compute amounts from
structures and parcours. They are in `iae_core.funding._rules`; this face re-exports them
(`ENTITIES` and `CHECKERS` are empty).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from iae_core._kernel.findings import Report
from iae_core.funding._entities import FteUsage, FundingSummary
from iae_core.funding._rules import (
    ACI_SUPPORT_AMOUNTS,
    BASE_AMOUNTS,
    CDI_INCLUSION_RATES,
    EITI_BASE_AMOUNTS,
    EITI_MONTHLY_AMOUNTS,
    LEGAL_WEEKLY_HOURS,
    MAYOTTE,
    MAYOTTE_BASE_AMOUNTS,
    MAYOTTE_EITI_BASE_AMOUNTS,
    MAYOTTE_EITI_MONTHLY_AMOUNTS,
    MODULATION_MAX,
    MODULATION_MAX_PRISON,
    USUAL_HOURS_PER_FTE,
    VERIFIED_UNTIL,
    aid_per_post,
    base_amount,
    cdi_inclusion_rate,
    departement_contribution,
    departement_monthly_contribution,
    ei_part_time_ratio,
    eiti_monthly_amount,
    fte_consumed,
    fte_usage,
    modulated_amount,
    rsa_amount,
    yearly_summary,
)

__all__ = [
    "ACI_SUPPORT_AMOUNTS",
    "BASE_AMOUNTS",
    "CDI_INCLUSION_RATES",
    "CHECKERS",
    "EITI_BASE_AMOUNTS",
    "EITI_MONTHLY_AMOUNTS",
    "ENTITIES",
    "LEGAL_WEEKLY_HOURS",
    "MAYOTTE",
    "MAYOTTE_BASE_AMOUNTS",
    "MAYOTTE_EITI_BASE_AMOUNTS",
    "MAYOTTE_EITI_MONTHLY_AMOUNTS",
    "MODULATION_MAX",
    "MODULATION_MAX_PRISON",
    "USUAL_HOURS_PER_FTE",
    "VERIFIED_UNTIL",
    "FteUsage",
    "FundingSummary",
    "aid_per_post",
    "base_amount",
    "cdi_inclusion_rate",
    "departement_contribution",
    "departement_monthly_contribution",
    "ei_part_time_ratio",
    "eiti_monthly_amount",
    "fte_consumed",
    "fte_usage",
    "modulated_amount",
    "rsa_amount",
    "yearly_summary",
]

ENTITIES: tuple[type, ...] = ()
"""The area's entity classes: none (funding computes over structures and parcours)."""

CHECKERS: Mapping[type, Callable[..., Report]] = MappingProxyType({})
"""Entity class → its checker: none."""
