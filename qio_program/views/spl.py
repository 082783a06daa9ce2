"""SPL pages: versions per region, the CMS upload, its progress and its report of bad rows."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from qio_program.forms.spl import SplUploadForm
from qio_program.models import SplUploadStatus
from qio_program.selectors.scope import spl_uploads_for, spl_versions_for
from qio_program.services import spl_csv
from qio_program.services.spl import spl_upload_create
from qis_portal.exports import csv_response
from qis_portal.keyset import keyset_page
from qis_portal.views.common import bound, bound_files, call_service, require_perm

ERRORS_PER_PAGE = 100


def spl_list(request):
    require_perm(request, "qio_program.view_spl")
    versions = spl_versions_for(request.user).select_related("created_by").order_by(
        "region", "-number")[:200]
    uploads = (spl_uploads_for(request.user).select_related("uploaded_by", "version")
               .order_by("-id")[:20])
    return render(request, "qio_program/spl/list.html", {
        "versions": versions, "uploads": uploads,
        "can_upload": request.user.has_perm("qio_program.upload_spl"),
    })


def spl_upload(request):
    require_perm(request, "qio_program.upload_spl",
                 message="Only the CMS COR uploads Service Provider Lists.")
    form = SplUploadForm(bound(request), bound_files(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, spl_upload_create, form=form,
                            region=form.cleaned_data["region"], upload=form.cleaned_data["file"])
        if done.ok:
            messages.success(request, "File received; every row is being checked.")
            return redirect(done.result)
    return render(request, "qio_program/spl/upload.html",
                  {"form": form, "columns": spl_csv.COLUMN_RULES})


def _upload(request, pk):
    require_perm(request, "qio_program.upload_spl")
    return get_object_or_404(spl_uploads_for(request.user).select_related("uploaded_by"),
                             pk=pk)


def spl_upload_detail(request, pk: int):
    upload = _upload(request, pk)
    page = None
    if upload.status == SplUploadStatus.FAILED:
        page = keyset_page(upload.errors.all(), ordering=["row_number", "id"],
                           cursor=request.GET.get("cursor"), per_page=ERRORS_PER_PAGE)
    version = getattr(upload, "version", None) if upload.status == SplUploadStatus.IMPORTED \
        else None
    return render(request, "qio_program/spl/upload_detail.html",
                  {"upload": upload, "page": page, "version": version})


def spl_upload_progress(request, pk: int):
    """The htmx poll: the progress bar, and a full reload once the job has finished."""
    upload = _upload(request, pk)
    response = render(request, "qio_program/spl/_progress.html", {"upload": upload})
    if not upload.is_running and request.htmx:
        response["HX-Refresh"] = "true"
    return response


def spl_upload_errors_csv(request, pk: int):
    upload = _upload(request, pk)
    rows = ([e.row_number, e.column, e.rule, e.value]
            for e in upload.errors.order_by("row_number", "id").iterator(chunk_size=2000))
    return csv_response(f"spl-upload-{upload.pk}-problems.csv",
                        ["row", "column", "rule", "value"], rows)


def spl_version_detail(request, pk: int):
    require_perm(request, "qio_program.view_spl")
    version = get_object_or_404(spl_versions_for(request.user).select_related("created_by"),
                                pk=pk)
    page = keyset_page(version.entries.select_related("provider"),
                       ordering=["row_number", "id"], cursor=request.GET.get("cursor"),
                       per_page=50)
    return render(request, "qio_program/spl/version_detail.html",
                  {"version": version, "page": page})


def spl_version_export(request, pk: int):
    require_perm(request, "qio_program.view_spl")
    version = get_object_or_404(spl_versions_for(request.user), pk=pk)

    def rows():
        for entry in (version.entries.select_related("provider").order_by("row_number")
                      .iterator(chunk_size=2000)):
            p = entry.provider
            yield [p.name, p.ccn, p.tin, p.setting, p.address_line1, p.address_line2, p.city,
                   p.state, p.zip_code,
                   *("Y" if getattr(entry, name) else "N" for name in spl_csv.CRITERIA),
                   "; ".join(f"{d['aim']} > {d['sub_aim']}" for d in entry.deficits)]

    return csv_response(f"spl-{version.region}-v{version.number}.csv", spl_csv.COLUMNS, rows())


