"""The header search (issue 18, item 4) finds for each persona exactly what that persona's
own lists hold: every result links to a record the kind's scoped selector gives that persona,
so another tenant's record never appears."""

import re

import pytest
from django.urls import resolve

from fqs.selectors import referrals_for_user, requests_for_user
from qio_connect.selectors.scope import published_items_for
from qio_program.selectors.scope import providers_for, tasks_for
from submissions.selectors import submissions_for
from tests.access.conftest import client_for
from tests.access.routes import MATRIX_PERSONAS
from tests.access.world import MAPLE, ORG_VIDEO

pytestmark = pytest.mark.django_db

SCOPES = {
    "qio_program:provider_detail": providers_for,
    "qio_program:task_detail": tasks_for,
    "submissions:detail": submissions_for,
    "fqs:request_detail": requests_for_user,
    "fqs:referral_detail": referrals_for_user,
    "qio_connect:item_detail": published_items_for,
}
HIT = re.compile(r'<h3 class="usa-collection__heading"><a class="usa-link" href="([^"]+)">')


def probes(world) -> list[str]:
    """Names and numbers of records that belong to one tenant each."""
    title = world.draft_submission.data["qis_title"]
    return [MAPLE, world.green.name, world.maple.ccn or world.maple.tin, title,
            world.ann_task.subject, f"#{world.ann_task.pk}", f"#{world.referral.pk}",
            world.referral.facility_label, f"#{world.fqs_request_new.pk}", ORG_VIDEO]


def hits(world, persona: str, q: str) -> list[str]:
    response = client_for(world, persona).get("/search/", {"q": q})
    assert response.status_code == 200
    return HIT.findall(response.content.decode())


@pytest.mark.parametrize("persona", [p for p in MATRIX_PERSONAS if p != "anon"])
def test_every_search_result_is_in_the_personas_own_list(world, persona):
    user = world.user(persona)
    for q in probes(world):
        for url in hits(world, persona, q):
            match = resolve(url)
            scope = SCOPES[f"{match.namespace}:{match.url_name}"]
            assert scope(user).filter(pk=match.kwargs["pk"]).exists(), (persona, q, url)


def test_a_qio_finds_its_own_provider_and_another_region_does_not(world):
    maple = world.maple.get_absolute_url()
    assert maple in hits(world, "associate", MAPLE[:5])
    assert maple in hits(world, "cor", world.maple.ccn or world.maple.tin)
    assert maple not in hits(world, "associate_west", MAPLE)
    assert maple not in hits(world, "issuer", MAPLE)


def test_an_issuer_finds_its_own_form_and_another_issuer_does_not(world):
    form = world.draft_submission
    title = form.data["qis_title"]
    assert form.get_absolute_url() in hits(world, "issuer", title)
    assert form.get_absolute_url() in hits(world, "issuer", f"#{form.pk}")
    assert form.get_absolute_url() not in hits(world, "issuer_granite", title)
    assert form.get_absolute_url() not in hits(world, "issuer_granite", f"#{form.pk}")


def test_a_referral_and_a_task_are_found_by_number_in_their_qio_only(world):
    referral = f"/fqs/referrals/{world.referral.pk}/"
    task = world.ann_task.get_absolute_url()
    region = world.referral.organization
    owner = next(p for p in ("associate", "associate_west")
                 if world.user(p).organization_id == region.pk)
    other = "associate_west" if owner == "associate" else "associate"
    assert referral in hits(world, owner, f"#{world.referral.pk}")
    assert referral not in hits(world, other, f"#{world.referral.pk}")
    assert task in hits(world, "associate", f"#{world.ann_task.pk}")
    assert task not in hits(world, "associate_west", f"#{world.ann_task.pk}")
    assert task not in hits(world, "cor", world.ann_task.subject)


def test_an_organization_only_library_item_stays_in_its_organization(world):
    from qio_connect.models import LibraryItem

    video = f"/connect/library/{LibraryItem.objects.get(title=ORG_VIDEO).pk}/"
    assert video in hits(world, "manager", ORG_VIDEO)
    assert video not in hits(world, "associate_west", ORG_VIDEO)
