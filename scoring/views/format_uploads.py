"""Uploads of the formats registries and EHRs produce: QPP Submissions API JSON, QRDA III."""

from django.contrib import messages
from django.shortcuts import redirect, render

from qis_portal.views.common import bound, bound_files
from scoring import selectors
from scoring.forms import FormatUploadForm
from scoring.services.format_import import format_import
from scoring.views.common import permission_required


@permission_required("scoring.change_data")
def format_upload(request):
    form = FormatUploadForm(bound(request), bound_files(request),
                            entities=selectors.entities_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = format_import(actor=request.user, fmt=form.cleaned_data["format"],
                               entity=form.cleaned_data["entity"], data=upload.read(),
                               filename=upload.name or "upload", request=request)
        if record.status == record.Status.ACCEPTED:
            messages.success(request, f"{record.row_count} measure(s) imported for "
                                      f"{form.cleaned_data['entity'].entity_id}.")
        else:
            messages.error(request, f"Nothing was imported: {len(record.errors)} problem(s).")
        return redirect("scoring:upload_report", pk=record.pk)
    return render(request, "scoring/format_upload.html", {"form": form})
