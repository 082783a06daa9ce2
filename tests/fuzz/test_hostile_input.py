"""Hostile input (issue #8, item 5): files of the wrong type, oversized, badly encoded or with
spreadsheet formulas against every upload, and Hypothesis-generated form input (unicode,
control characters, huge strings, negative and huge numbers) against the main create and
edit forms of each app. Never a server error; a refused request saves nothing (row counts and
the edited row unchanged); formulas come back escaped in every CSV download.

Each request runs in a savepoint that is rolled back, so every case meets the same world.
"""

import csv
import io
import json
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import transaction
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from submissions.demo import PLANS
from tests.access.conftest import client_for, consume
from tests.access.routes import FALLS

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
PATH_IN_NAME = "path-in-name"
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1,2)", "-2+3", "@SUM(A1)",
            "=cmd|' /C calc'!A0"]

ROOT = Path(__file__).resolve().parents[2]  # the project, for short frame names


# ---- uploads ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Upload:
    name: str
    persona: str
    route: str
    form: Callable  # (world, file) -> POST data
    counted: tuple[str, ...]  # models whose rows a refused upload must not add
    limit: int  # the endpoint's size limit in bytes
    good: tuple[str, bytes]  # an acceptable file name and first bytes
    kwargs: Callable | None = None
    api: bool = False


PDF = ("notes.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
CSV_HEAD = b"provider_name,ccn,tin,setting\n"


def _spl(w, upload):
    return {"region": "northeast", "file": upload}


def _scoring(w, upload):
    return {"kind": "participants", "file": upload}


def _fqs_file(w, upload):
    return {"file": upload}


def _fqs_request(w, upload):
    return {"source": "provider_request", "description": "Generator failed.",
            "facility_name": "Hostile Test Home", "facility_ccn": "335577",
            "facility_state": "NY", "files": upload}


def _interaction(w, upload):
    return {"provider": w.maple.pk, "date": "2026-01-05", "audience_type": "quality_staff",
            "mode": "phone", "category": "quality_improvement",
            "subcategory": "technical_assistance", "duration_minutes": 30,
            "details": "Phone call.", "files": upload}


def _interaction_files(w, upload):
    return {"files": upload}


def _library(w, upload):
    return {"kind": "document", "title": "Hostile upload", "summary": "s", "file": upload,
            "audience": "public"}


UPLOADS = [
    Upload("spl page", "cor", "qio_program:spl_upload", _spl,
           ("qio_program.SplVersion", "qio_program.SplEntry", "qio_program.Provider"),
           20 * MB, ("spl.csv", CSV_HEAD)),
    Upload("spl api", "cor", "qio-spl-version-upload", _spl,
           ("qio_program.SplVersion", "qio_program.SplEntry", "qio_program.Provider"),
           20 * MB, ("spl.csv", CSV_HEAD), api=True),
    Upload("scoring page", "cor", "scoring:upload", _scoring,
           ("scoring.ApmEntity", "scoring.Participant", "scoring.QualitySubmission"),
           5 * MB, ("participants.csv", b"entity_id,tin,npi\n")),
    Upload("fqs request file page", "intake", "fqs:request_attach", _fqs_file,
           ("fqs.RequestAttachment",), 10 * MB, PDF,
           kwargs=lambda w: {"pk": w.fqs_request_new.pk}),
    Upload("fqs request file api", "intake", "fqs-request-files", _fqs_file,
           ("fqs.RequestAttachment",), 10 * MB, PDF,
           kwargs=lambda w: {"pk": w.fqs_request_new.pk}, api=True),
    Upload("fqs new request with files", "issuer", "fqs:request_create", _fqs_request,
           ("fqs.FqsRequest", "fqs.RequestAttachment"), 10 * MB, PDF),
    Upload("interaction page", "associate", "qio_program:interaction_create", _interaction,
           ("qio_program.Interaction", "qio_program.Attachment"), 10 * MB, PDF),
    Upload("interaction attachments api", "associate", "qio-interaction-attachments",
           _interaction_files, ("qio_program.Attachment",), 10 * MB, PDF,
           kwargs=lambda w: {"pk": w.maple_interaction.pk}, api=True),
    Upload("library page", "associate", "qio_connect:item_create", _library,
           ("qio_connect.LibraryItem",), 25 * MB, PDF),
    Upload("library api", "associate", "connect-library-item-list", _library,
           ("qio_connect.LibraryItem",), 25 * MB, PDF, api=True),
]


def _hostile_files(upload: Upload) -> dict[str, SimpleUploadedFile]:
    good_name, head = upload.good
    stem, _, ext = good_name.rpartition(".")
    # Encodings matter for text: a CSV endpoint's own type, a plain-text attachment elsewhere
    # (binary types carry any byte).
    text_name, text_head = (good_name, head) if ext == "csv" else ("notes.txt", b"Notes ")
    return {
        "executable-named-like-the-good-type": SimpleUploadedFile(
            good_name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
        "html-page": SimpleUploadedFile(f"{stem}.html", b"<script>alert(1)</script>"),
        "double-extension": SimpleUploadedFile(f"{stem}.{ext}.exe", head + b"x" * 64),
        "empty": SimpleUploadedFile(good_name, b""),
        "oversized": SimpleUploadedFile(good_name, head + b"0" * (upload.limit + 1)),
        "utf16-text": SimpleUploadedFile(text_name, "name,value\n=1+1,\u00e9\n".encode(
            "utf-16")),
        "latin1-bytes": SimpleUploadedFile(text_name, text_head + b"Caf\xe9,\xff\xfe,\x80\n"),
        "nul-bytes": SimpleUploadedFile(text_name, text_head + b"\x00\x00\x00\n"),
        PATH_IN_NAME: SimpleUploadedFile(f"../../etc/{good_name}", head),
    }


def _counts(models: tuple[str, ...]) -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in models}


def _post(client, url: str, data: dict, api: bool):
    if api:
        return client.post(url, data=data)  # multipart, as the API documents for files
    return client.post(url, data=data)


def _refused(response) -> bool:
    """The request was turned away: a form shown again with errors, 4xx, or a redirect to a
    report of what was wrong."""
    return response.status_code != 201 and not (
        response.status_code == 302 and "/uploads/" not in response.get("Location", "")
        and "/spl/" not in response.get("Location", ""))


CASES = [pytest.param(upload, kind, id=f"{upload.name}|{kind}")
         for upload in UPLOADS for kind in _hostile_files(UPLOADS[0])]


@pytest.mark.parametrize(("upload", "kind"), CASES)
def test_a_hostile_upload_is_refused_without_a_server_error_or_a_partial_save(
        world, upload, kind):
    from qio_program.models import SplUpload
    from qio_program.services.spl import spl_upload_process

    url = reverse(upload.route, kwargs=upload.kwargs(world) if upload.kwargs else None)
    file = _hostile_files(upload)[kind]
    before = _counts(upload.counted)
    uploads_before = set(SplUpload.objects.values_list("pk", flat=True))
    response = _post(client_for(world, upload.persona), url, upload.form(world, file),
                     upload.api)
    consume(response)
    assert response.status_code < 500, f"{kind} to {url}: {response.status_code}"
    for new in SplUpload.objects.exclude(pk__in=uploads_before):  # the background import
        spl_upload_process(upload_id=new.pk)
    if kind == PATH_IN_NAME:  # a good file: it may be kept, under a harmless name only
        assert _stored_paths(upload.counted, before) == [], f"{kind} to {url}"
        return
    assert _counts(upload.counted) == before, f"{kind} to {url} saved rows"


def _stored_paths(models: tuple[str, ...], before: dict[str, int]) -> list[str]:
    """Names of newly stored rows (and their files) that still climb out of a folder."""
    found = []
    for label in models:
        model = apps.get_model(label)
        added = model.objects.count() - before[label]
        for row in model.objects.order_by("-pk")[:max(added, 0)]:
            for f in row._meta.concrete_fields:
                value = getattr(row, f.attname)
                text = getattr(value, "name", value)
                if isinstance(text, str) and ("../" in text or "..\\" in text):
                    found.append(f"{label}.{f.name} = {text}")
    return found


# ---- formulas in CSV downloads ---------------------------------------------------------
def _csv_cells(body: bytes) -> list[str]:
    text = body.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _unescaped(cells: list[str]) -> list[str]:
    return [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
            and not cell.lstrip("+-").replace(".", "", 1).isdigit()]


def _spl_csv(w, rows: list[list[str]]) -> SimpleUploadedFile:
    from qio_program.services import spl_csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(spl_csv.COLUMNS)
    writer.writerows(rows)
    return SimpleUploadedFile("spl.csv", out.getvalue().encode(), content_type="text/csv")


def _spl_row(name: str, ccn: str, *, deficits: str = "Patient Safety > Falls with major "
                                                      "injury") -> list[str]:
    return [name, ccn, "", "nursing_home", "1 Main Street", "", "Portland", "ME", "04101",
            "Y", "N", "N", "N", deficits]


def _upload_spl(world, rows):
    from qio_program.models import SplUpload
    from qio_program.services.spl import spl_upload_process

    cor = client_for(world, "cor")
    response = cor.post(reverse("qio_program:spl_upload"),
                        data={"region": "northeast", "file": _spl_csv(world, rows)})
    assert response.status_code == 302, response.content[:500]
    upload = SplUpload.objects.order_by("-pk").first()
    return spl_upload_process(upload_id=upload.pk)


def test_formulas_in_an_spl_come_back_escaped_in_every_download(world):
    from qio_program.models import SplVersion

    rows = [_spl_row(formula, f"F0000{i}") for i, formula in enumerate(FORMULAS)]
    upload = _upload_spl(world, rows)
    version = SplVersion.objects.get(upload=upload)
    cor = client_for(world, "cor")
    downloads = [reverse("qio_program:spl_version_export", args=[version.pk]),
                 reverse("qio_program:provider_export")]
    for url in downloads:
        response = cor.get(url)
        assert response.status_code == 200, url
        cells = _csv_cells(consume(response))
        assert _unescaped(cells) == [], url
        assert any(cell.startswith("'=HYPERLINK") for cell in cells), url


def test_formulas_in_rejected_rows_come_back_escaped_in_the_problem_reports(world):
    from scoring.models import DataUpload

    upload = _upload_spl(world, [_spl_row("Bad row", formula) for formula in FORMULAS])
    cor = client_for(world, "cor")
    body = consume(cor.get(reverse("qio_program:spl_upload_errors_csv", args=[upload.pk])))
    assert _unescaped(_csv_cells(body)) == []

    bad = "entity_id,tin,npi\n" + "".join(f"{f},{f},{f}\n" for f in FORMULAS)
    response = cor.post(reverse("scoring:upload"), data={
        "kind": "participants", "file": SimpleUploadedFile("p.csv", bad.encode())})
    assert response.status_code == 302
    record = DataUpload.objects.order_by("-pk").first()
    body = consume(cor.get(reverse("scoring:upload_errors_csv", args=[record.pk])))
    cells = _csv_cells(body)
    assert _unescaped(cells) == []
    assert any(cell.startswith("'=") for cell in cells)


def test_formulas_typed_into_the_portal_come_back_escaped_in_csv_reports(world):
    """Library search terms land in the NLC's search report; a QIS form's text in the CMS
    export; an entity's name in the scores export."""
    from submissions.models import Submission
    from tests.access.world import MAPLE

    associate = client_for(world, "associate")
    for formula in FORMULAS:
        associate.get(reverse("qio_connect:library"), {"q": formula})
    report = _csv_cells(consume(client_for(world, "deladmin").get(
        reverse("qio_connect:report_csv", args=["searches"]))))
    assert _unescaped(report) == []
    assert ("'" + FORMULAS[0]).lower() in report  # terms are kept lower-cased

    filed = world.filed_submission
    snapshot = filed.snapshot or {}
    Submission.objects.filter(pk=filed.pk).update(snapshot={
        **snapshot, "data": {**snapshot.get("data", filed.data), "description": FORMULAS[0]}})
    export = _csv_cells(consume(client_for(world, "qis_reviewer").get(
        reverse("submissions:export_csv"), {"form_type": filed.form_type})))
    assert _unescaped(export) == []
    assert "'" + FORMULAS[0] in export

    from scoring.models import ApmEntity

    ApmEntity.objects.filter(pk=world.ocm.pk).update(name=FORMULAS[4])
    scores = _csv_cells(consume(client_for(world, "cor").get(reverse("scoring:score_export"))))
    assert _unescaped(scores) == []
    assert "'" + FORMULAS[4] in scores
    assert MAPLE  # the provider the other downloads are about


# ---- generated form input ----------------------------------------------------------------
class _FormFields(HTMLParser):
    """A page's form fields: their names, the values a select or radio offers, and the value
    each holds now (an edit form's row)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self.current: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in ("input", "textarea", "select") and name and name not in (
                "csrfmiddlewaretoken", "q"):
            kind = attrs.get("type", "text")
            if kind in ("submit", "file", "button"):
                return
            self.fields.setdefault(name, [])
            if kind in ("radio", "checkbox"):
                if attrs.get("value"):
                    self.fields[name].append(attrs["value"])
                if "checked" in attrs:
                    self.current[name] = attrs.get("value", "on")
            elif tag == "input" and attrs.get("value") is not None:
                self.current[name] = attrs["value"]
            if tag == "select":
                self._select = name
            if tag == "textarea":
                self._textarea = name
                self.current[name] = ""
        elif tag == "option" and self._select and attrs.get("value"):
            self.fields[self._select].append(attrs["value"])
            if "selected" in attrs:
                self.current[self._select] = attrs["value"]

    def handle_data(self, data):
        if self._textarea:
            self.current[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None


SUNRISE_PLAN = PLANS["Sunrise Health Plans of California"][2]
HUGE = "Ω" * 100_000
HOSTILE_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=50),
    st.sampled_from(["", " ", HUGE, "x" * 5001, "\x00", "a\x00b", "\x1b[31m", "\u202e\u200b",
                     "𝓣𝓮𝓼𝓽", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
                     *FORMULAS, "\r\n\r\n", "\ufeff"]),
)
HOSTILE_NUMBER = st.one_of(
    st.integers(min_value=-10**40, max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["-1", "0", "99999999999999999999", "1e400", "NaN", "٣", "1,000",
                     "2026-02-30", "9999-12-31", "0001-01-01", "-0"]),
)


def _value(valid: str | None, options: list[str]):
    """Mostly the valid value (so the rest of the form passes and the hostile field travels
    into the service), sometimes anything at all."""
    hostile = st.one_of(*([st.sampled_from(options)] if options else []), HOSTILE_TEXT,
                        HOSTILE_NUMBER)
    if valid is None:
        return hostile
    return st.sampled_from([True, True, False]).flatmap(
        lambda keep: st.just(valid) if keep else hostile)


@dataclass(frozen=True)
class FormCase:
    route: str
    persona: str
    counted: tuple[str, ...] = ()
    kwargs: Callable | None = None
    edited: Callable | None = None  # the row an edit form changes
    fixed: dict = field(default_factory=dict)
    valid: dict = field(default_factory=dict)  # a good submission (edit forms: the row's)


FORMS = [
    FormCase("qio_program:provider_create", "associate", ("qio_program.Provider",), valid={
        "name": "Hostile Test Clinic", "setting": "hospital", "ccn": "209977", "state": "ME",
        "address_line1": "1 Main Street", "city": "Portland", "zip_code": "04101",
        "medicare_status": "active", "medicare_verified_on": "2026-01-05"}),
    FormCase("qio_program:provider_edit", "associate", kwargs=lambda w: {"pk": w.maple.pk},
             edited=lambda w: w.maple),
    FormCase("qio_program:contact_create", "associate", ("qio_program.ProviderContact",),
             kwargs=lambda w: {"pk": w.maple.pk},
             valid={"name": "Dana Lee", "email": "dana@example.org", "phone": "207-555-0100"}),
    FormCase("qio_program:task_create", "associate", ("qio_program.Task",),
             valid={"subject": "Call back", "priority": "medium", "due_date": "2026-12-01"}),
    FormCase("submissions:plan_new", "issuer", ("submissions.ImplementationPlan",),
             valid={"qis_title": "Hostile plan", "plan_year": "2026", **{
                 key: str(value) for key, value in SUNRISE_PLAN.items()}}),
    FormCase("submissions:part", "issuer", kwargs=lambda w: {
        "pk": w.draft_submission.pk, "part": _first_part(w)}, edited=lambda w: w.draft_submission,
        fixed={"version": lambda w: w.draft_submission.version}),
    FormCase("lifecycle:qap_edit", "associate", kwargs=lambda w: {"pk": w.qap.pk},
             edited=lambda w: w.qap),
    FormCase("lifecycle:handoff", "associate", ("qio_lifecycle.HandoffNote",),
             kwargs=lambda w: {"pk": w.task_order.pk},
             valid={"topic": "partnerships", "body": "The collaborative meets monthly."}),
    FormCase("fqs:request_create", "issuer", ("fqs.FqsRequest",), valid={
        "source": "provider_request", "description": "The generator failed.",
        "facility_name": "Hostile Test Home", "facility_ccn": "335577",
        "facility_state": "NY"}),
    FormCase("fqs:request_edit", "intake", kwargs=lambda w: {"pk": w.fqs_request_new.pk},
             edited=lambda w: w.fqs_request_new),
    FormCase("scoring:entity_create", "cor", ("scoring.ApmEntity",), valid={
        "entity_id": "HOSTILE-1", "name": "Hostile ACO", "apm_type": "mssp",
        "clinician_count": "10", "improvement_activities_score": "80"}),
    FormCase("scoring:submission_create", "cor", ("scoring.QualitySubmission",),
             kwargs=lambda w: {"pk": w.ocm.pk}, valid={
                 "level": "entity", "measure_id": "001", "submission_method": "registry",
                 "numerator": "10", "denominator": "20", "data_completeness": "80"}),
    FormCase("qpp_assist:inquiry_create", "provider", ("qpp_assist.Inquiry",), valid={
        "practice_name": "Hostile Practice", "tin": "219999998", "state": "ME",
        "group_size": "5", "medicare_charges": "50000", "medicare_patients": "100",
        "mips_category": "quality", "question": "Which measures?"}),
    FormCase("qpp_assist:practice_create", "surs", ("qpp_assist.Practice",), valid={
        "name": "Hostile Practice", "tin": "219999997", "state": "ME", "group_size": "4"}),
    FormCase("qio_connect:item_create", "associate", ("qio_connect.LibraryItem",), valid={
        "kind": "article", "title": "Hostile article", "body": "Text.",
        "audience": "public"}),
    FormCase("qio_connect:item_edit", "associate",
             kwargs=lambda w: {"pk": w.library_item(FALLS).pk},
             edited=lambda w: w.library_item(FALLS)),
    FormCase("qio_connect:group_create", "associate", ("qio_connect.Group",),
             valid={"name": "Hostile group", "visibility": "public"}),
    FormCase("qio_connect:event_create", "associate", ("qio_connect.Event",), valid={
        "title": "Hostile event", "starts_at": "2026-12-01T10:00",
        "ends_at": "2026-12-01T11:00"}),
    FormCase("qio_connect:announcement_create", "cor", ("qio_connect.Announcement",),
             valid={"title": "Hostile notice", "body": "Read this.", "to_all": "on"}),
]


def _first_part(w):
    from submissions.elements import get_spec

    return get_spec(w.draft_submission.form_type).parts[0].slug


def _row(obj) -> dict:
    fresh = type(obj).objects.get(pk=obj.pk)
    return json.loads(json.dumps(model_to_dict(fresh), default=str))


@pytest.mark.parametrize("case", FORMS, ids=lambda case: f"{case.route} as {case.persona}")
def test_generated_form_input_never_breaks_a_form_or_half_saves(world, case):
    url = reverse(case.route, kwargs=case.kwargs(world) if case.kwargs else None)
    client = client_for(world, case.persona)
    page = client.get(url)
    assert page.status_code == 200, f"{url}: {page.status_code}"
    parser = _FormFields()
    parser.feed(consume(page).decode())
    assert parser.fields, f"{url}: no form fields found"
    fixed = {name: make(world) for name, make in case.fixed.items()}
    valid = {**parser.current, **case.valid}
    fields = st.fixed_dictionaries({name: _value(valid.get(name), options)
                                    for name, options in parser.fields.items()
                                    if name not in fixed})
    problems: list[str] = []

    @settings(max_examples=25, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=fields)
    def post(data):
        with transaction.atomic():
            before = _counts(case.counted)
            edited = _row(case.edited(world)) if case.edited else None
            response = client.post(url, data={**data, **fixed})
            consume(response)
            accepted = response.status_code in (301, 302, 303)
            if response.status_code >= 500:
                problems.append(f"{response.status_code} for {_short(data)}")
            elif not accepted and _counts(case.counted) != before:
                problems.append(f"refused ({response.status_code}) but saved rows: "
                                f"{_short(data)}")
            elif not accepted and edited is not None and _row(case.edited(world)) != edited:
                problems.append(f"refused ({response.status_code}) but changed the row: "
                                f"{_short(data)}")
            transaction.set_rollback(True)

    post()
    assert problems == [], f"{url} as {case.persona}:\n" + "\n".join(problems[:10])


def _short(data: dict) -> str:
    return json.dumps({key: str(value)[:40] for key, value in data.items()})[:400]


# ---- hostile URLs and query strings --------------------------------------------------------
def _api_checks(method: str):
    from tests.access.routes import CHECKS, _none

    seen = set()
    for check in CHECKS:
        if check.method != method or check.variant or not check.allowed - {"anon"}:
            continue
        name = check.route
        if ":" in name or name in seen:
            continue
        seen.add(name)
        yield check, _none


def _persona(check) -> str:
    preferred = ("cor", "readonly", "associate", "issuer", "intake", "api", "deladmin")
    return next((p for p in preferred if p in check.allowed), sorted(check.allowed)[0])


def _call(client, method: str, url: str, query: dict | None = None) -> str:
    """"" when the portal answered below 500; else the status and where it first raised."""
    raised: list[str] = []

    def record(sender, request=None, **kwargs):
        if not raised:
            raised.append(_where(sys.exc_info()[1]))

    got_request_exception.connect(record)
    client.raise_request_exception = False
    try:
        with transaction.atomic():
            if method == "GET":
                response = client.get(url, query or {})
            else:
                response = getattr(client, method.lower())(url, data="{}",
                                                           content_type="application/json")
            consume(response)
            transaction.set_rollback(True)
        status = response.status_code
    except Exception as exc:  # the error page itself failed (the transaction was aborted)
        status = 500
        raised = raised or [_where(exc)]
    finally:
        client.raise_request_exception = True
        got_request_exception.disconnect(record)
    return f"{status} {raised[0] if raised else ''}".strip() if status >= 500 else ""


def _where(exc) -> str:
    """The deepest frame of the portal's own code in the traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if "/.venv/" not in f.filename and "/tests/" not in f.filename]
    spot = (f"{os.path.relpath(frames[-1].filename, ROOT)}:{frames[-1].lineno}"
            if frames else "?")
    return f"({type(exc).__name__} at {spot}: {str(exc).splitlines()[0][:120]})"


NOT_NUMBERS = ["abc", "1.5", "-1", "%C2%9D", "99999999999999999999999", "true"]


def test_a_non_numeric_id_in_an_api_path_is_not_found_not_a_server_error(world):
    """The routers take `[^/.]+` as an id; a word there is a 404, not a ValueError."""
    from django.urls import NoReverseMatch

    errors = []
    for method in ("GET", "POST", "PATCH", "DELETE"):
        for check, no_kwargs in _api_checks(method):
            if check.kwargs is no_kwargs or set(check.kwargs(world)) != {"pk"}:
                continue
            client = client_for(world, _persona(check))
            for word in NOT_NUMBERS:
                try:
                    url = reverse(check.route, kwargs={"pk": word})
                except NoReverseMatch:  # the route only takes digits
                    break
                outcome = _call(client, method, url)
                if outcome:
                    errors.append(f"{method} {url} as {_persona(check)}: {outcome}")
    assert errors == [], "\n".join(errors)


BAD_SINCE = ["0060-08-12T08:23:16+17:39", "9999-12-31T23:59:59-23:59",
             "0001-01-01T00:00:00+14:00", "2026-02-30T00:00:00Z", "yesterday"]


def test_an_impossible_updated_since_is_refused_not_a_server_error(world):
    """PostgreSQL takes offsets up to ±15:59 and years from 4713 BC; a filter value beyond
    them must be a 400, not a DataError."""
    errors = []
    for check, _ in _api_checks("GET"):
        if not check.route.endswith("-list"):
            continue
        url = reverse(check.route, kwargs=check.kwargs(world) or None)
        client = client_for(world, _persona(check))
        for since in BAD_SINCE:
            outcome = _call(client, "GET", url, {"updated_since": since})
            if outcome:
                errors.append(f"GET {url}?updated_since={since} as {_persona(check)}: "
                              f"{outcome}")
    assert errors == [], "\n".join(errors)
