"""A small hand-built population whose every table cell and curve point is known."""

import pendulum

import iae_core as I

D = pendulum.date
SIRET = "73282932000074"
KEY = "research-test-key"
ON = D(2025, 6, 30)


def _structure(kind):
    return I.Structure(siret=SIRET, kind=kind, name="S", department="75")


def population():
    a = I.Parcours(  # ACI, renewed to the end of 2024, CDI exit: 366 days, counted, sustainable
        person=I.Person(id="a", birth_date=D(1990, 3, 15), rqth=True),
        structure=_structure("ACI"),
        diagnosis=I.EligibilityDiagnosis(
            author="PRESCRIBER", made_on=D(2023, 12, 15), criteria={"RSA", "TH", "QPV"}
        ),
        contracts=(
            I.Contract(
                kind="CDDI",
                structure_kind="ACI",
                start=D(2024, 1, 1),
                end=D(2024, 6, 30),
                weekly_hours=26,
                renewals=(I.Renewal(end=D(2024, 12, 31)),),
            ),
        ),
        exit=I.Exit(on=D(2024, 12, 31), kind="CDI"),
    )
    b = I.Parcours(  # EI, born on 29 February, running on ON: censored after 122 days
        person=I.Person(id="b", birth_date=D(2000, 2, 29)),
        structure=_structure("EI"),
        diagnosis=I.EligibilityDiagnosis(
            author="EMPLOYER", made_on=D(2025, 2, 20), criteria={"DETENTION_MJ"}
        ),
        contracts=(
            I.Contract(
                kind="CDDI",
                structure_kind="EI",
                start=D(2025, 3, 1),
                end=D(2025, 8, 31),
                weekly_hours=30,
            ),
        ),
    )
    c = I.Parcours(  # ACI, 46 days then job seeking: not counted
        person=I.Person(id="c", birth_date=D(1970, 7, 1)),
        structure=_structure("ACI"),
        contracts=(
            I.Contract(
                kind="CDDI",
                structure_kind="ACI",
                start=D(2024, 5, 1),
                end=D(2024, 6, 15),
                weekly_hours=20,
            ),
        ),
        exit=I.Exit(on=D(2024, 6, 15), kind="JOB_SEEKING"),
    )
    d = I.Parcours(  # ETTI, two missions, death: withdrawn, 243 days
        person=I.Person(id="d", birth_date=D(1985, 2, 1)),
        structure=_structure("ETTI"),
        contracts=(
            I.Contract(
                kind="MISSION",
                structure_kind="ETTI",
                start=D(2024, 4, 1),
                end=D(2024, 9, 30),
                weekly_hours=35,
            ),
            I.Contract(
                kind="MISSION",
                structure_kind="ETTI",
                start=D(2024, 2, 1),
                end=D(2024, 2, 29),
                weekly_hours=35,
            ),
        ),
        exit=I.Exit(on=D(2024, 9, 30), kind="DEATH"),
    )
    e = I.Parcours(  # AI, exit dated after ON: running on ON, censored after 181 days
        person=I.Person(id="e", birth_date=D(1995, 6, 30)),
        structure=_structure("AI"),
        contracts=(
            I.Contract(
                kind="CDDI",
                structure_kind="AI",
                start=D(2025, 1, 1),
                end=D(2025, 12, 31),
                weekly_hours=24,
            ),
        ),
        exit=I.Exit(on=D(2025, 12, 31), kind="CDI"),
    )
    return [a, b, c, d, e]
