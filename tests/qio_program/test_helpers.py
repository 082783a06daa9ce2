"""Keyset pages, formula-safe CSV cells, file checks: the small pieces the pages stand on."""

import pytest
from django.db.models import Q

from qio_program.models import Provider
from qis_portal.exports import safe_cell
from qis_portal.keyset import keyset_page
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-rm", "'-rm"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("-12.5", "-12.5"), ("+3", "+3"), ("Maple Grove", "Maple Grove"),
    (None, ""), (7, "7"),
])
def test_spreadsheet_formulas_are_neutralised_and_numbers_kept(value, expected):
    assert safe_cell(value) == expected


def test_keyset_pages_walk_forward_and_back_with_descending_keys():
    for index in range(7):
        ProviderFactory(name=f"P{index}")
    qs = Provider.objects.all()
    first = keyset_page(qs, ordering=["-name", "-id"], cursor=None, per_page=3)
    assert [p.name for p in first.object_list] == ["P6", "P5", "P4"]
    assert not first.has_previous
    second = keyset_page(qs, ordering=["-name", "-id"], cursor=first.next_cursor, per_page=3)
    assert [p.name for p in second.object_list] == ["P3", "P2", "P1"]
    last = keyset_page(qs, ordering=["-name", "-id"], cursor=second.next_cursor, per_page=3)
    assert [p.name for p in last.object_list] == ["P0"] and not last.has_next
    back = keyset_page(qs, ordering=["-name", "-id"], cursor=last.previous_cursor, per_page=3)
    assert [p.name for p in back.object_list] == ["P3", "P2", "P1"] and back.has_previous


def test_keyset_pages_over_any_of_several_conditions_match_the_or_of_them():
    """Each condition pages on its own; the pages are exactly those of the OR, both ways."""
    for index in range(12):
        ProviderFactory(name=f"P{index:02}", state=["ME", "VT", "NH"][index % 3])
    qs = Provider.objects.all()
    any_of = [Q(state="ME"), Q(state="VT"), Q(name="P04")]  # P04 (VT) matches twice
    expected = [p.name for p in qs.filter(Q(state="ME") | Q(state="VT")).order_by("name", "id")]
    walked, cursor, pages = [], None, []
    while True:
        page = keyset_page(qs, ordering=["name", "id"], cursor=cursor, per_page=3, any_of=any_of)
        walked += [p.name for p in page.object_list]
        pages.append(page)
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert walked == expected and len(pages) == 3
    back = keyset_page(qs, ordering=["name", "id"], cursor=pages[-1].previous_cursor,
                       per_page=3, any_of=any_of)
    assert [p.name for p in back.object_list] == expected[3:6]


@pytest.mark.parametrize("cursor", ["", "garbage", "e30", "eyJ2IjpbMV0sImQiOiJuIn0",
                                    "eyJ2IjpbIngiLCJub3QtYW4taWQiXSwiZCI6Im4ifQ", "x" * 2000])
def test_a_forged_or_broken_cursor_gives_the_first_page(cursor):
    ProviderFactory(name="Only")
    page = keyset_page(Provider.objects.all(), ordering=["name", "id"], cursor=cursor)
    assert [p.name for p in page.object_list] == ["Only"]


def test_an_empty_list_has_no_pages():
    page = keyset_page(Provider.objects.none(), ordering=["name", "id"], cursor=None)
    assert page.object_list == [] and not page.has_other_pages
