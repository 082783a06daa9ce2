"""CMS's dashboard: progress on each measure across QIOs and regions, a chart with its data
table beside it (the table is the accessible source)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from qio_program.selectors.outcome_progress import outcome_progress
from qio_program.services.outcomes import current_quarter, outcome_record, outcome_validate
from qis_portal.regions import Region
from tests.lifecycle import builders
from tests.qio_program.factories import MeasureFactory, ProviderFactory

pytestmark = pytest.mark.django_db

YEAR, QUARTER = current_quarter()


@pytest.fixture
def falls(db):
    return MeasureFactory(code="NH-FALL", name="Falls with major injury",
                          applies_to="nursing_home")


@pytest.fixture
def reported(falls, associate_ann, associate_wes, cor_bob):
    """Two Northeast homes (one value validated) and one West home (validated)."""
    homes = [ProviderFactory(name="Maple Grove Nursing", state="ME"),
             ProviderFactory(name="Pine Ridge Care", state="NH"),
             ProviderFactory(name="Riverside Care", state="CA", region=Region.WEST)]
    for home, author in zip(homes, (associate_ann, associate_ann, associate_wes), strict=True):
        builders.open_outcome_reporting(home, author=author, cor=cor_bob)
    values = [outcome_record(actor=author, provider=home, measure=falls, year=YEAR,
                             quarter=QUARTER, value=Decimal(value))
              for home, author, value in zip(homes, (associate_ann, associate_ann,
                                                     associate_wes), ("3.1", "4.0", "2.5"),
                                             strict=True)]
    outcome_validate(actor=cor_bob, outcome=values[0])
    outcome_validate(actor=associate_wes, outcome=values[2])
    return values


def test_progress_counts_each_region_and_its_qio(reported, northeast_qio, west_qio):
    [falls] = outcome_progress()
    northeast, west = falls.regions
    assert (northeast.region, northeast.qio) == (Region.NORTHEAST, northeast_qio.name)
    assert (northeast.providers, northeast.entered, northeast.validated) == (2, 1, 1)
    assert northeast.validated_percent == 50 and northeast.mean_validated == Decimal("3.1")
    assert (west.qio, west.providers, west.validated_percent) == (west_qio.name, 1, 100)
    assert west.mean_validated == Decimal("2.5")


def test_cms_reads_the_dashboard_with_a_table_beside_each_chart(client, reported, readonly_pat):
    client.force_login(readonly_pat)
    page = client.get(reverse("qio_program:outcome_progress")).content.decode()
    assert "<svg role=\"img\"" in page and "<caption>NH-FALL by region and QIO</caption>" in page
    assert "50%" in page and "100%" in page


def test_qio_and_provider_users_do_not_get_the_cms_dashboard(client, associate_ann,
                                                            provider_pia):
    for user in (associate_ann, provider_pia):
        client.force_login(user)
        assert client.get(reverse("qio_program:outcome_progress")).status_code == 403
