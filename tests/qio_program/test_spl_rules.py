"""The SPL rule for aim work, which the lifecycle and FQS apps call before aim work starts."""

import pytest
from django.core.exceptions import PermissionDenied

from qio_program.services.spl import aim_work_refusal, ensure_aim_work_allowed
from qis_portal.regions import Region
from qis_portal.workflow import WorkflowConflict
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def test_a_qin_qio_user_may_do_aim_work_with_an_spl_provider_of_their_region(associate_ann,
                                                                            ne_provider):
    ensure_aim_work_allowed(associate_ann, ne_provider)
    assert aim_work_refusal(associate_ann, ne_provider) == ""


def test_a_provider_off_the_spl_is_refused_with_the_reason(associate_ann):
    provider = ProviderFactory(name="Off List Home", on_spl=False)
    with pytest.raises(WorkflowConflict) as caught:
        ensure_aim_work_allowed(associate_ann, provider)
    assert "not on the current Northeast Service Provider List" in caught.value.message
    assert "FQS referral" in aim_work_refusal(associate_ann, provider)


def test_another_regions_spl_provider_is_refused(associate_ann, west_provider):
    with pytest.raises(PermissionDenied) as caught:
        ensure_aim_work_allowed(associate_ann, west_provider)
    assert "outside your QIO's region" in str(caught.value)


@pytest.mark.parametrize("persona", ["cor_bob", "readonly_pat", "issuer_alice"])
def test_only_qio_users_do_aim_work(request, persona, ne_provider):
    with pytest.raises(PermissionDenied):
        ensure_aim_work_allowed(request.getfixturevalue(persona), ne_provider)


def test_every_provider_of_an_aian_tribal_region_is_on_its_spl(aian_tala):
    provider = ProviderFactory(region=Region.AIAN_SOUTHWEST, state="AZ", on_spl=False)
    ensure_aim_work_allowed(aian_tala, provider)
    assert provider.spl_eligible
