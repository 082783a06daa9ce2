"""fqs.demo.seed(): one request awaiting intake, one activation awaiting the COR, one active
referral in the Northeast; idempotent."""

import pytest

from fqs import demo
from fqs.models import Activation, FqsRequest, Referral
from qis_portal.demo import seed_organizations, seed_users

pytestmark = pytest.mark.django_db


def test_the_demo_seed_builds_each_stage_once():
    seed_users(seed_organizations())
    demo.seed()
    demo.seed()
    assert FqsRequest.objects.filter(status=FqsRequest.Status.NEW).count() == 1
    assert Activation.objects.filter(status=Activation.Status.PENDING_COR).count() == 1
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.INITIATION
    assert referral.region == "northeast"
    assert referral.assigned_to.email == "associate@northeast.demo"
