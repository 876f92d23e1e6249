"""Confidence intervals of proportions, shared by the exit rates and retention."""

from __future__ import annotations

import math
from functools import lru_cache
from statistics import NormalDist

__all__ = ["wilson_interval"]


def wilson_interval(
    successes: int, n: int, *, confidence: float = 0.95
) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion ``successes / n``.

    The interval (Wilson 1927; Newcombe 1998, method 3; Brown, Cai and DasGupta 2001) is
    ``(p + z²/2n ± z·√(p(1-p)/n + z²/4n²)) / (1 + z²/n)`` with ``z`` the normal quantile
    of ``(1 + confidence) / 2`` (1.96 for 95 %). Unlike the textbook ``p ± z·√(p(1-p)/n)``
    it stays inside [0, 1] and is not empty at 0 or ``n`` successes, which matters for
    small structures. Newcombe's example, 81 successes of 263, gives [0.2553, 0.3662].

    Args:
        successes: how many of the ``n`` trials succeed (0 to ``n``).
        n: how many trials (``0`` gives ``None``).
        confidence: the coverage, strictly between 0 and 1.

    Returns:
        ``(low, high)``, or ``None`` when ``n`` is 0.

    Raises:
        ValueError: ``successes`` outside 0..``n`` or ``confidence`` outside (0, 1).
    """
    if not 0 < confidence < 1:
        msg = f"confidence must be strictly between 0 and 1, not {confidence}"
        raise ValueError(msg)
    if n < 0 or not 0 <= successes <= n:
        msg = f"successes must be between 0 and n: {successes} of {n}"
        raise ValueError(msg)
    if n == 0:
        return None
    z = _z(confidence)
    p = successes / n
    z2n = z * z / n
    denominator = 1 + z2n
    centre = (p + z2n / 2) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2n / (4 * n)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


@lru_cache(maxsize=16)
def _z(confidence: float) -> float:
    return NormalDist().inv_cdf((1 + confidence) / 2)
