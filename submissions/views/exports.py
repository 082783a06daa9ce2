"""Copies: the print view and PDF of any form as filed; CSV and JSON exports for CMS."""

import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from qis_portal.services.audit import audit_record
from qis_portal.views.common import require_perm
from submissions import selectors
from submissions.models import FormType
from submissions.presentation import render_form
from submissions.services.exports import submission_json, submissions_csv
from submissions.services.pdf import submission_pdf
from submissions.views.common import get_submission

EXPORT_LIMIT = 5000


def _filename(submission, ext: str) -> str:
    issuer = submission.issuer.hios_issuer_id or submission.issuer_id
    kind = submission.form_type.replace("_", "-")
    return f"qis-{kind}-{issuer}-{submission.window.plan_year}-{submission.pk}.{ext}"


def submission_print(request, pk: int):
    submission = get_submission(request, pk)
    return render(request, "submissions/print.html", {
        "submission": submission,
        "rendered": render_form(submission.form_type, submission.filed_data),
        "determination": getattr(submission, "determination", None),
    })


def submission_pdf_view(request, pk: int):
    submission = get_submission(request, pk)
    response = HttpResponse(submission_pdf(submission), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(submission, "pdf")}"'
    return response


def _export_queryset(request, params):
    require_perm(request, "submissions.export_submission", message="Exports are for CMS users.")
    qs = selectors.filter_submissions(selectors.submissions_for(request.user), params)
    return (selectors.with_details(qs).prefetch_related("determination__findings")
            .order_by("id")[:EXPORT_LIMIT])


def export_csv(request):
    params = request.GET.copy()
    if params.get("form_type") not in FormType.values:
        params["form_type"] = FormType.PROGRESS_REPORT
    form_type = params["form_type"]
    rows = list(_export_queryset(request, params))
    audit_record(action="submission.export_csv", actor=request.user, request=request,
                 details={"filters": dict(params.items()), "rows": len(rows)})
    response = HttpResponse(submissions_csv(rows, form_type),
                            content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (f'attachment; filename="qis-{form_type.replace("_", "-")}'
                                       f'-{stamp}.csv"')
    return response


def export_json(request):
    qs = list(_export_queryset(request, request.GET))
    audit_record(action="submission.export_json", actor=request.user, request=request,
                 details={"filters": dict(request.GET.items()), "rows": len(qs)})
    response = JsonResponse({"submissions": [submission_json(s) for s in qs]},
                            json_dumps_params={"indent": 2, "default": str})
    response["Content-Disposition"] = 'attachment; filename="qis-submissions.json"'
    return response


def submission_json_view(request, pk: int):
    submission = get_submission(request, pk)
    body = json.dumps(submission_json(submission), indent=2, default=str)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_filename(submission, "json")}"'
    return response
