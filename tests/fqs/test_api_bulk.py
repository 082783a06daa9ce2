"""The bulk read path of /api/fqs/referrals/ (issue 20): a page is read by id, then its
referrals at once with their interventions and outcomes; the rows are the serializer's."""

import json

import pytest
from rest_framework.renderers import JSONRenderer

from fqs import selectors
from fqs.api.serializers import ReferralOutput
from fqs.models import Referral

pytestmark = pytest.mark.django_db


def test_the_referral_list_and_export_are_the_serializers_rows(api_client, world, associate_ann):
    world.referral(Referral.Status.EXECUTION)
    world.referral(Referral.Status.QUEUED)
    api_client.force_authenticate(associate_ann)
    got = api_client.get("/api/fqs/referrals/").json()["results"]
    scoped = selectors.referrals_for_user(associate_ann).prefetch_related(
        "interventions", "outcomes__referral__activation_provider").order_by("-id")
    expected = json.loads(JSONRenderer().render(ReferralOutput(scoped, many=True).data))
    assert got == expected and len(got) == 2
    exported = api_client.get("/api/fqs/referrals/export/")
    assert [json.loads(line) for line in b"".join(exported.streaming_content).splitlines()] == (
        expected)
