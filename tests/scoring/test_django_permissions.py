"""Who may open what: CMS roles and the REST client read; CMS roles other than read-only enter
data and start runs; everyone else gets 403; objects out of reach are 404. Navigation and the
home panel follow the same rules."""

import pytest

from scoring.models import ScoringRun
from scoring.services.runs import scoring_run_execute
from tests.scoring.conftest import make_entity

pytestmark = pytest.mark.django_db

READ_PAGES = ["/scoring/", "/scoring/measures/", "/scoring/scores/"]
WRITE_PAGES = ["/scoring/entities/new/", "/scoring/uploads/"]
RUN_PAGES = ["/scoring/runs/"]


@pytest.mark.parametrize(("persona", "read", "write", "runs"), [
    ("cor_bob", 200, 200, 200),
    ("reviewer_quinn", 200, 200, 200),
    ("readonly_pat", 200, 403, 200),
    ("officer_northeast", 200, 200, 200),
    ("api_alice", 200, 403, 403),
    ("issuer_alice", 403, 403, 403),
    ("associate_ann", 403, 403, 403),
    ("manager_max", 403, 403, 403),
    ("outsider_charlie", 403, 403, 403),
])
def test_each_role_gets_what_the_rules_allow(client, request, persona, read, write, runs):
    client.force_login(request.getfixturevalue(persona))
    for path in READ_PAGES:
        assert client.get(path).status_code == read, path
    for path in WRITE_PAGES:
        assert client.get(path).status_code == write, path
    for path in RUN_PAGES:
        assert client.get(path).status_code == runs, path


def test_an_entity_page_needs_the_right_role(client, issuer_alice, readonly_pat):
    entity = make_entity()
    client.force_login(issuer_alice)
    assert client.get(f"/scoring/entities/{entity.pk}/").status_code == 403
    assert client.get(f"/scoring/entities/{entity.pk}/result/").status_code == 403
    client.force_login(readonly_pat)
    assert client.get(f"/scoring/entities/{entity.pk}/").status_code == 200
    assert client.get(f"/scoring/entities/{entity.pk}/edit/").status_code == 403
    assert client.post(f"/scoring/entities/{entity.pk}/submissions/new/", {}).status_code == 403


def test_unknown_objects_are_404(client, cor_bob):
    client.force_login(cor_bob)
    for path in ("/scoring/entities/999999/", "/scoring/runs/999999/",
                 "/scoring/scores/999999/", "/scoring/uploads/999999/"):
        assert client.get(path).status_code == 404, path


def test_a_rest_client_sees_its_own_entities_and_not_others(client, api_alice, issuer_org,
                                                            other_issuer_org):
    mine = make_entity("MINE-1", organization=issuer_org)
    theirs = make_entity("THEIRS-1", organization=other_issuer_org)
    run = scoring_run_execute(run_id=ScoringRun.objects.create(total=2).pk)
    client.force_login(api_alice)
    assert client.get(f"/scoring/entities/{mine.pk}/").status_code == 200
    assert client.get(f"/scoring/entities/{theirs.pk}/").status_code == 404
    assert client.get(f"/scoring/scores/{run.scores.get(entity=theirs).pk}/").status_code == 404
    assert "THEIRS-1" not in client.get("/scoring/").content.decode()


def test_the_scoring_nav_item_and_home_panel_follow_the_rules(client, cor_bob, issuer_alice):
    client.force_login(cor_bob)
    home = client.get("/").content.decode()
    assert 'href="/scoring/"' in home and "MIPS APM quality scoring" in home
    client.force_login(issuer_alice)
    home = client.get("/").content.decode()
    assert 'href="/scoring/"' not in home and "MIPS APM quality scoring" not in home


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/scoring/measures/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
