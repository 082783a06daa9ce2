"""The .ics download (RFC 5545): escaped TEXT, folded lines of at most 75 octets, CRLF line
endings, UTC times, a stable UID and a SEQUENCE that grows with each change."""

from datetime import UTC, datetime

import pytest

from qio_connect.ics import escape_text, event_calendar, fold

pytestmark = pytest.mark.django_db


def test_text_values_are_escaped():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_the_calendar_file_has_crlf_endings_and_the_event_in_utc(associate_ann, make_event):
    event = make_event(associate_ann, title="Webinar: sepsis, part 1; Q&A",
                       description="Line one\nLine two", location="Room 4, Building B")
    body = event_calendar(event, url="https://portal.example.gov/connect/events/1/",
                          now=datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    lines = body.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and "BEGIN:VEVENT" in lines
    assert f"UID:qio-connect-event-{event.pk}@127.0.0.1" in lines
    assert "DTSTAMP:20260105T120000Z" in lines
    assert f"DTSTART:{event.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" in lines
    assert "SUMMARY:Webinar: sepsis\\, part 1\\; Q&A" in lines
    assert "DESCRIPTION:Line one\\nLine two" in lines
    assert "LOCATION:Room 4\\, Building B" in lines
    assert "URL:https://portal.example.gov/connect/events/1/" in lines
    assert "STATUS:CONFIRMED" in lines and "SEQUENCE:0" in lines


def test_the_download_is_an_attachment_of_type_text_calendar(client, associate_ann,
                                                             associate_wes, make_event):
    event = make_event(associate_ann)
    client.force_login(associate_wes)
    response = client.get(f"/connect/events/{event.pk}/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"URL:http://testserver/connect/events/" in response.content


def test_a_cancelled_event_says_so_and_a_pending_one_has_no_file(client, associate_ann,
                                                                 make_event):
    from qio_connect import services

    event = services.event_cancel(actor=associate_ann, event=make_event(associate_ann))
    assert "STATUS:CANCELLED" in event_calendar(event)
    assert "SEQUENCE:1" in event_calendar(event)
    pending = make_event(associate_ann, approve=False, title="Later")
    client.force_login(associate_ann)
    response = client.get(f"/connect/events/{pending.pk}/event.ics")
    assert response.status_code == 302
