"""Lifecycle fixtures: task orders awarded 2024-11-01, providers, a second COR, provider users.

Services read "today" from the clock; tests that depend on it travel with time-machine."""

import pytest

from qio_program.models import ProviderSetting
from qis_portal.models import Role
from qis_portal.regions import Region
from tests.factories import user_with_role
from tests.lifecycle import builders


@pytest.fixture(autouse=True)
def _reference_aims(request):
    """Every database test starts with the reference aims (see builders.seed_reference_aims)."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("_django_db_helper")
    builders.seed_reference_aims()


@pytest.fixture
def ne_order(cor_bob, northeast_qio):
    return builders.task_order(cor_bob, northeast_qio, number="75FCMC24F0001")


@pytest.fixture
def west_order(cor_bob, west_qio):
    return builders.task_order(cor_bob, west_qio, number="75FCMC24F0002")


@pytest.fixture
def maple(db):
    """A Maine nursing home on the Northeast SPL with an active Medicare certification."""
    return builders.provider("Maple Grove Nursing", state="ME", region=Region.NORTHEAST)


@pytest.fixture
def granite(db):
    """A New Hampshire hospital on the Northeast SPL."""
    return builders.provider("Granite Hospital", state="NH", region=Region.NORTHEAST,
                             setting=ProviderSetting.HOSPITAL)


@pytest.fixture
def riverside(db):
    return builders.provider("Riverside Hospital", state="CA", region=Region.WEST,
                             setting=ProviderSetting.HOSPITAL)


@pytest.fixture
def pia(maple):
    """Maple Grove's QI lead, a provider user."""
    return builders.provider_user(maple, "pia@maplegrove.test")


@pytest.fixture
def gus(granite):
    return builders.provider_user(granite, "gus@granite.test")


@pytest.fixture
def cor_carol(cms):
    return user_with_role(Role.CMS_COR, cms, email="carol@cms.test")


@pytest.fixture
def support_sam(northeast_qio):
    return user_with_role(Role.QIO_SUPPORT, northeast_qio, email="sam@northeast.test")


@pytest.fixture
def me_a3c(ne_order, associate_ann, cor_bob):
    """The approved A3C of Maine."""
    return builders.approved_a3c(ne_order, "ME", associate_ann, cor_bob)


@pytest.fixture
def maple_psa(ne_order, maple, associate_ann, pia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return builders.active_psa(ne_order, maple, associate_ann, pia)
