"""CSV uploads: the documented columns, the upload form, the report of every bad row."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from qis_portal.exports import csv_response
from qis_portal.views.common import bound, bound_files
from scoring import selectors
from scoring.forms import CSV_KINDS, UploadForm
from scoring.models import DataUpload
from scoring.services.csv_columns import COLUMNS
from scoring.services.csv_import import upload_import
from scoring.views.common import paginate, permission_required

REPORT_PAGE_SIZE = 100


@permission_required("scoring.change_data")
def upload(request):
    form = UploadForm(bound(request), bound_files(request))
    if request.method == "POST" and form.is_valid():
        record = upload_import(actor=request.user, kind=form.cleaned_data["kind"],
                               upload=form.cleaned_data["file"], request=request)
        if record.status == DataUpload.Status.ACCEPTED:
            messages.success(request, f"{record.row_count} row(s) imported.")
        else:
            messages.error(request, f"Nothing was imported: {len(record.errors)} problem(s) "
                                    f"in {record.error_rows} row(s).")
        return redirect("scoring:upload_report", pk=record.pk)
    kinds = [{"kind": kind, "label": kind.label, "columns": COLUMNS[kind]} for kind in CSV_KINDS]
    recent = selectors.uploads_for_user(request.user).order_by("-pk")[:10]
    return render(request, "scoring/upload.html", {"form": form, "kinds": kinds,
                                                   "recent": recent})


@permission_required("scoring.change_data")
def upload_report(request, pk: int):
    record = get_object_or_404(selectors.uploads_for_user(request.user), pk=pk)
    return render(request, "scoring/upload_report.html", {
        "upload": record, **paginate(request, record.errors, per_page=REPORT_PAGE_SIZE)})


@permission_required("scoring.change_data")
def upload_errors_csv(request, pk: int):
    record = get_object_or_404(selectors.uploads_for_user(request.user), pk=pk)
    rows = ([e["row"], e["column"], e["rule"], e.get("value", "")] for e in record.errors)
    return csv_response(f"upload-{record.pk}-problems.csv", ["row", "column", "rule", "value"],
                        rows)


@permission_required("scoring.change_data")
def upload_template_csv(request, kind: str):
    if kind not in COLUMNS:
        return redirect("scoring:upload")
    columns = COLUMNS[kind]
    return csv_response(f"{kind}-template.csv", [c.name for c in columns],
                        [[c.example for c in columns]])
