"""Open data: structures and their services as records of the data·inclusion schema.

data·inclusion gathers the offer of social and professional inclusion services into one
national directory, read by the services directories (DORA, the emplois platform…). A
structure described with iae_core appears there when its producer publishes it in that
schema (the `data-inclusion-schema` package, version 1):

```python
import pendulum
from iae_core import Structure
from iae_core.opendata import Listing, Offer, to_data_inclusion

aci = Structure(siret="73282932000074", kind="ACI", name="Jardins du Val", department="35")
listing = Listing(
    structure=aci,
    offers=frozenset({Offer.IMMERSION_HOSTING, Offer.IN_WORK_FOLLOW_UP}),
    updated_on=pendulum.date(2026, 3, 2),
)
export = to_data_inclusion([listing], source="mon-reseau")
print(export.structures[0]["reseaux_porteurs"], [s["nom"] for s in export.services])
```

`validate_data_inclusion(export)` checks every record with the schema package itself
(extra `iae-core[opendata]`, imported only then). Only public facts about the structure
are exported: nothing about a person.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from iae_core.enums import LabelledEnum, StructureKind
from iae_core.people import Structure

__all__ = [
    "DataInclusionExport",
    "Listing",
    "Offer",
    "to_data_inclusion",
    "validate_data_inclusion",
]


class Offer(LabelledEnum):
    """A service a structure offers, published as a data·inclusion service."""

    INSERTION_JOBS = "INSERTION_JOBS", "Emplois en parcours d'insertion"
    IMMERSION_HOSTING = "IMMERSION_HOSTING", "Accueil en immersion professionnelle (PMSMP)"
    IN_WORK_FOLLOW_UP = "IN_WORK_FOLLOW_UP", "Suivi dans l'emploi après le parcours"
    SKILLS_RECOGNITION = "SKILLS_RECOGNITION", "Reconnaissance des compétences"


# data·inclusion v1 codes (data_inclusion.schema.v1: TypeService, Thematique, Public…)
_NETWORK = {
    StructureKind.ACI: "aci",
    StructureKind.AI: "ai",
    StructureKind.EI: "ei",
    StructureKind.ETTI: "etti",
    StructureKind.EITI: "eiti",
    StructureKind.GEIQ: "geiq",
    StructureKind.EA: "ea",
    StructureKind.EATT: "eatt",
}

_SERVICES: dict[Offer, dict[str, Any]] = {
    Offer.INSERTION_JOBS: {
        "nom": "Emplois en parcours d'insertion",
        "description": (
            "La structure recrute des personnes éloignées de l'emploi en contrat "
            "d'insertion et les accompagne pendant leur parcours : mise en situation de "
            "travail, formation, accompagnement social et professionnel."
        ),
        "type": "accompagnement",
        "thematiques": ["trouver-un-emploi--repondre-a-des-offres-demploi"],
        "publics": ["demandeurs-emploi", "beneficiaires-des-minimas-sociaux"],
        "mobilisable_par": ["professionnels", "usagers"],
        "conditions_acces": "Éligibilité à l'insertion par l'activité économique.",
    },
    Offer.IMMERSION_HOSTING: {
        "nom": "Immersion professionnelle (PMSMP)",
        "description": (
            "La structure accueille des personnes en période de mise en situation en "
            "milieu professionnel pour découvrir un métier, confirmer un projet "
            "professionnel ou initier une démarche de recrutement."
        ),
        "type": "accompagnement",
        "thematiques": [
            "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
            "choisir-un-metier--confirmer-son-choix-de-metier",
        ],
        "publics": ["demandeurs-emploi", "actifs"],
        "mobilisable_par": ["professionnels"],
        "conditions_acces": "Sur prescription (France Travail, mission locale, Cap emploi…).",
    },
    Offer.IN_WORK_FOLLOW_UP: {
        "nom": "Suivi dans l'emploi après le parcours",
        "description": (
            "Après la sortie de la structure, la personne et son nouvel employeur "
            "peuvent être accompagnés dans l'emploi : suivi, médiation, formation."
        ),
        "type": "accompagnement",
        "thematiques": ["trouver-un-emploi--maintien-dans-lemploi"],
        "publics": ["actifs"],
        "mobilisable_par": ["usagers", "professionnels"],
        "publics_precisions": "Personnes sorties d'un parcours dans la structure.",
    },
    Offer.SKILLS_RECOGNITION: {
        "nom": "Reconnaissance des compétences",
        "description": (
            "La structure atteste les compétences observées en situation de travail "
            "(attestation imprimable, Open Badge) et oriente vers une certification."
        ),
        "type": "accompagnement",
        "thematiques": [
            "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
            "preparer-sa-candidature--valoriser-ses-competences",
        ],
        "publics": ["actifs"],
        "mobilisable_par": ["usagers"],
        "publics_precisions": "Salariés en parcours dans la structure.",
    },
}


def _offers(value: Iterable[Offer | str]) -> frozenset[Offer]:
    return frozenset(v if isinstance(v, Offer) else Offer[str(v)] for v in value)


@attrs.frozen(kw_only=True)
class Listing:
    """What a structure publishes in the directory (plain record, not an entity).

    Attributes:
        structure: the structure.
        offers: the services it offers.
        updated_on: the day its data last changed (data·inclusion's `date_maj`: not in
            the future).
        description: a description of the structure (5 characters at least).
        website, email, phone: how to reach it (a URL, an e-mail, one phone number).
        address, postal_code, city, insee_code: where it is.
    """

    structure: Structure
    offers: frozenset[Offer] = attrs.field(converter=_offers)
    updated_on: pendulum.Date
    description: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    insee_code: str | None = None


@attrs.frozen(kw_only=True)
class DataInclusionExport:
    """Records of the data·inclusion schema (version 1), as JSON-ready dicts.

    Attributes:
        structures: one record per structure (`data_inclusion.schema.v1.Structure`).
        services: one record per service (`data_inclusion.schema.v1.Service`).
    """

    structures: tuple[dict[str, Any], ...]
    services: tuple[dict[str, Any], ...]


def _put(record: dict[str, Any], **values: Any) -> None:
    record.update({k: v for k, v in values.items() if v is not None})


def to_data_inclusion(listings: Iterable[Listing], *, source: str) -> DataInclusionExport:
    """Structures and their services as data·inclusion records.

    Ids are `"<source>--<SIRET>"` for a structure and `"<source>--<SIRET>--<offer>"` for
    a service (the schema's `producer--id` form); the structure's kind becomes its
    `reseaux_porteurs` (`aci`, `ei`…), its department the services' `zone_eligibilite`.
    Services are free (`frais` `gratuit`) and in person (`modes_accueil`).

    Args:
        listings: what each structure publishes.
        source: the producer's identifier (who publishes the data).

    Returns:
        The records, structures and services sorted by id.
    """
    structures: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    for listing in listings:
        s = listing.structure
        sid = f"{source}--{s.siret}"
        record: dict[str, Any] = {
            "source": source,
            "id": sid,
            "nom": s.name,
            "date_maj": listing.updated_on.isoformat(),
            "siret": s.siret,
        }
        network = _NETWORK.get(s.kind)
        _put(
            record,
            description=listing.description,
            site_web=listing.website,
            courriel=listing.email,
            telephone=listing.phone,
            adresse=listing.address,
            code_postal=listing.postal_code,
            commune=listing.city,
            code_insee=listing.insee_code,
            reseaux_porteurs=None if network is None else [network],
        )
        structures.append(record)
        for offer in sorted(listing.offers):
            service: dict[str, Any] = {
                "source": source,
                "structure_id": sid,
                "id": f"{sid}--{offer.value.lower().replace('_', '-')}",
                "date_maj": listing.updated_on.isoformat(),
                "frais": "gratuit",
                "modes_accueil": ["en-presentiel"],
                "zone_eligibilite": [s.department],
                **{k: (list(v) if isinstance(v, list) else v) for k, v in _SERVICES[offer].items()},
            }
            _put(
                service,
                courriel=listing.email,
                telephone=listing.phone,
                adresse=listing.address,
                code_postal=listing.postal_code,
                commune=listing.city,
                code_insee=listing.insee_code,
            )
            services.append(service)
    return DataInclusionExport(
        structures=tuple(sorted(structures, key=lambda r: r["id"])),
        services=tuple(sorted(services, key=lambda r: r["id"])),
    )


def validate_data_inclusion(export: DataInclusionExport) -> list[Any]:
    """Validate every record with the `data-inclusion-schema` package (extra `opendata`).

    Returns:
        The validated pydantic models (structures first, then services).

    Raises:
        ValueError: a record the schema refuses (pydantic's `ValidationError`).
        ImportError: the package is not installed.
    """
    from iae_core.errors import require

    v1 = require(
        "data_inclusion.schema.v1",
        feature="opendata validation",
        extra="opendata",
        package="data-inclusion-schema",
    )
    out: list[Any] = [v1.Structure.model_validate(r) for r in export.structures]
    out += [v1.Service.model_validate(r) for r in export.services]
    return out
