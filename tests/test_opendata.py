"""Open-data export: records validated by the published data·inclusion schema package."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core.opendata import Listing, Offer, to_data_inclusion, validate_data_inclusion
from iae_core.testing.parcours_strategies import siae_structures

schema = pytest.importorskip("data_inclusion.schema")

D = pendulum.date
ACI = I.Structure(siret="73282932000074", kind="ACI", name="Jardins du Val", department="35")
ETTI = I.Structure(siret="55208131766522", kind="ETTI", name="Intérim Solidaire", department="2A")
UPDATED = D(2026, 3, 2)


def test_every_service_validates_against_the_schema_package():
    listings = [
        Listing(
            structure=ACI,
            offers=frozenset(Offer),
            updated_on=UPDATED,
            description="Chantier d'insertion en maraîchage biologique.",
            website="https://jardins-du-val.example/",
            email="contact@jardins-du-val.example",
            phone="+33299000000",
            address="1 rue des Jardins",
            postal_code="35000",
            city="Rennes",
            insee_code="35238",
        ),
        Listing(structure=ETTI, offers={"IMMERSION_HOSTING"}, updated_on=UPDATED),
    ]
    export = to_data_inclusion(listings, source="mon-reseau")
    models = validate_data_inclusion(export)
    assert len(models) == 2 + len(Offer) + 1
    v1 = schema.v1
    structures = [m for m in models if isinstance(m, v1.Structure)]
    services = [m for m in models if isinstance(m, v1.Service)]
    assert {s.id for s in structures} == {
        "mon-reseau--73282932000074",
        "mon-reseau--55208131766522",
    }
    by_structure = {s.structure_id for s in services}
    assert by_structure == {s.id for s in structures}
    aci = next(s for s in structures if s.siret == ACI.siret)
    assert aci.reseaux_porteurs == {v1.ReseauPorteur.ACI}
    immersion = next(s for s in services if s.id.endswith("--immersion-hosting"))
    assert v1.Thematique.CHOISIR_UN_METIER__DECOUVRIR_UN_METIER_OU_UN_SECTEUR_DACTIVITE in (
        immersion.thematiques
    )
    follow_up = next(s for s in services if s.id.endswith("--in-work-follow-up"))
    assert v1.Thematique.TROUVER_UN_EMPLOI__MAINTIEN_DANS_LEMPLOI in follow_up.thematiques
    skills = next(s for s in services if s.id.endswith("--skills-recognition"))
    assert v1.Thematique.PREPARER_SA_CANDIDATURE__VALORISER_SES_COMPETENCES in skills.thematiques
    corsica = next(s for s in services if s.structure_id.endswith(ETTI.siret))
    assert corsica.zone_eligibilite == ["2A"]


def test_the_schema_package_refuses_a_bad_record():
    future = Listing(structure=ACI, offers={"INSERTION_JOBS"}, updated_on=D(2199, 1, 1))
    with pytest.raises(ValueError, match="date_maj"):
        validate_data_inclusion(to_data_inclusion([future], source="x"))
    bad_email = Listing(structure=ACI, offers=set(), updated_on=UPDATED, email="not an e-mail")
    with pytest.raises(ValueError, match="courriel"):
        validate_data_inclusion(to_data_inclusion([bad_email], source="x"))


def test_nothing_about_a_person_is_exported():
    export = to_data_inclusion(
        [Listing(structure=ACI, offers=frozenset(Offer), updated_on=UPDATED)], source="x"
    )
    keys = {k for r in (*export.structures, *export.services) for k in r}
    assert not keys & {"nir", "birth_date", "person", "rqth"}


@settings(max_examples=30, deadline=None)
@given(
    st.lists(siae_structures(), max_size=4, unique_by=lambda s: s.siret),
    st.sets(st.sampled_from(Offer)),
)
def test_any_siae_exports_valid_records(structures, offers):
    listings = [Listing(structure=s, offers=offers, updated_on=UPDATED) for s in structures]
    export = to_data_inclusion(listings, source="prop")
    assert len(validate_data_inclusion(export)) == len(structures) * (1 + len(offers))
