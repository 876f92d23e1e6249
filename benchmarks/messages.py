"""Message rendering with Babel (issue 25): the `check` hot path, against hand-written typography.

Prints, in one process:

* the time of `render` on a typical finding template (a date, hours, euros, a percentage)
  with Babel behind a cache (the library's code), with Babel uncached (every value new), and
  with the hand-written typography iae_core used before (the reference, re-implemented here);
* the time of `check` over every parcours of the demo territory, with the library's
  formatting and with the reference patched in, and their ratio.

Run: `PYTHONPATH=src python benchmarks/messages.py [--people 2000]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from _common import machine, timed
from iae_core._kernel import text

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _ref_date(day: dt.date, lang: text.Lang) -> str:
    if lang == "fr":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _ref_number(value: float, lang: text.Lang, digits: int, group: bool) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        out = f"{value:,}" if group else str(value)
    else:
        out = f"{value:,.{digits}f}" if group else f"{value:.{digits}f}"
        if "." in out:
            out = out.rstrip("0").rstrip(".")
    if out in ("-0", ""):
        out = "0"
    return out.replace(",", text.NNBSP).replace(".", ",") if lang == "fr" else out


TEMPLATE = "Du {start} au {end}, {hours:h} par semaine, {amount:eur} ({share:pct})."


def _values(i: int) -> dict[str, Any]:
    start = dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000)
    return {
        "start": start,
        "end": start + dt.timedelta(days=180),
        "hours": 20 + (i % 16) / 2,
        "amount": 10000 + i % 500,
        "share": (i % 1000) / 10,
    }


def _patched(fn: Any) -> Any:
    saved = text._date_text, text._number_text
    text._date_text = _ref_date  # type: ignore[assignment]
    text._number_text = _ref_number  # type: ignore[assignment]
    try:
        return fn()
    finally:
        text._date_text, text._number_text = saved


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--renders", type=int, default=50_000)
    args = parser.parse_args()
    values = [_values(i) for i in range(args.renders)]

    def render_all() -> None:
        for v in values:
            text.render(TEMPLATE, v, "fr")

    def render_cold() -> None:
        for cached in (text._date_text, text._number_text, text._percent_text, text._currency_text):
            cached.cache_clear()
        render_all()

    print(f"machine: {machine()}")
    cold, _ = timed(render_cold)
    warm, _ = timed(render_all, repeat=3)
    ref, _ = timed(lambda: _patched(render_all), repeat=3)
    n = args.renders
    print(f"render x{n}: Babel uncached {cold:.3f} s ({1e6 * cold / n:.1f} us each)")
    print(f"render x{n}: Babel cached   {warm:.3f} s ({1e6 * warm / n:.1f} us each)")
    print(f"render x{n}: reference      {ref:.3f} s ({1e6 * ref / n:.1f} us each)")
    print(f"ratio render cached / reference: {warm / ref:.2f}")

    from iae_core.checks import check
    from iae_core.demo import build_territory

    territory = build_territory(seed=1, people=args.people)

    def check_all() -> int:
        return sum(len(check(p, on=territory.on)) for p in territory.parcours)

    check_all()  # warm both the caches and the rules
    babel, found = timed(check_all, repeat=3)
    reference, found_ref = timed(lambda: _patched(check_all), repeat=3)
    assert found == found_ref
    print(f"check x{len(territory.parcours)} parcours ({found} findings): Babel {babel:.3f} s")
    print(
        f"check x{len(territory.parcours)} parcours ({found} findings): reference {reference:.3f} s"
    )
    print(f"ratio check Babel / reference: {babel / reference:.2f}")


if __name__ == "__main__":
    main()
