"""Interaction Tool pages: log (one or many providers), lists, one interaction, its files
and its intervention report."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from qio_program.forms.interactions import (
    InteractionFilterForm,
    InteractionForm,
    InterventionReportForm,
)
from qio_program.models import IDF_DISCIPLINES, InterventionReport
from qio_program.selectors.directory import provider_for_user
from qio_program.selectors.interactions import (
    INTERACTION_ORDERING,
    interaction_for_user,
    interaction_list,
)
from qio_program.selectors.scope import providers_for
from qio_program.services.interactions import MAX_BULK_PROVIDERS, interaction_create
from qio_program.services.interventions import REPORT_FIELDS, intervention_report_save
from qio_program.views.common import PER_PAGE, int_or_none
from qis_portal.keyset import keyset_page
from qis_portal.views.common import bound, bound_files, call_service, require_perm


def _list(request, *, provider=None):
    require_perm(request, "qio_program.view_interaction", provider)
    form = InteractionFilterForm(request.GET or None)
    qs = interaction_list(request.user, provider_id=provider.pk if provider else None,
                          associate_id=int_or_none(request.GET.get("associate")),
                          **form.filters())
    page = keyset_page(qs, ordering=INTERACTION_ORDERING, cursor=request.GET.get("cursor"),
                       per_page=PER_PAGE)
    return render(request, "qio_program/interactions/list.html", {
        "form": form, "page": page, "provider": provider,
        "can_log": provider is not None
        and request.user.has_perm("qio_program.add_interaction", provider),
    })


def interaction_list_view(request):
    return _list(request)


def provider_interactions(request, pk: int):
    return _list(request, provider=provider_for_user(request.user, pk))


def interaction_create_view(request):
    """Log one interaction per chosen provider (from a provider page or the directory)."""
    require_perm(request, "qio_program.add_interaction")
    source = request.POST if request.method == "POST" else request.GET
    ids = [int(v) for v in source.getlist("provider") if v.isdigit()][:MAX_BULK_PROVIDERS + 1]
    providers = list(providers_for(request.user).filter(pk__in=ids).order_by("name", "id"))
    if not providers:
        messages.info(request, "Choose one or more providers in the directory, then “Log an "
                               "interaction”.")
        return redirect("qio_program:provider_list")
    for provider in providers:
        require_perm(request, "qio_program.add_interaction", provider,
                     message=f"You cannot log interactions for {provider}.")
    single = providers[0] if len(providers) == 1 else None
    form = InteractionForm(bound(request), bound_files(request), contacts_of=single)
    if request.method == "POST" and form.is_valid():
        done = call_service(request, interaction_create, form=form, providers=providers,
                            data=form.service_data(),
                            files=form.cleaned_data.get("files") or [],
                            contacts=form.cleaned_data.get("contacts") or [])
        if done.ok:
            created = done.result
            if len(created) == 1:
                messages.success(request, f"Interaction with {providers[0]} logged.")
                return redirect(created[0])
            messages.success(request, f"Logged {len(created)} interactions, one for each "
                                      f"provider: {', '.join(p.name for p in providers)}.")
            return redirect("qio_program:interaction_list")
    return render(request, "qio_program/interactions/form.html",
                  {"form": form, "providers": providers})


def interaction_detail(request, pk: int):
    interaction = interaction_for_user(request.user, pk)
    require_perm(request, "qio_program.view_interaction", interaction)
    report = getattr(interaction, "intervention_report", None)
    idf = ([(label, getattr(report, name)) for name, label, _ in IDF_DISCIPLINES]
           if report else [])
    return render(request, "qio_program/interactions/detail.html", {
        "interaction": interaction, "report": report, "idf": idf,
        "can_report": request.user.has_perm("qio_program.add_interventionreport",
                                            interaction) and interaction.intervention_delivered,
    })


def attachment_download(request, pk: int, attachment_pk: int):
    """Files are always downloaded (never shown inline), under their checked type."""
    interaction = interaction_for_user(request.user, pk)
    require_perm(request, "qio_program.view_interaction", interaction)
    attachment = get_object_or_404(interaction.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The file is no longer stored.") from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)


def intervention_report_edit(request, pk: int):
    interaction = interaction_for_user(request.user, pk)
    require_perm(request, "qio_program.add_interventionreport", interaction,
                 message="You cannot report on this interaction.")
    if not interaction.intervention_delivered:
        messages.info(request, "This interaction delivered no intervention, so it has no "
                               "intervention report.")
        return redirect(interaction)
    report = InterventionReport.objects.filter(interaction=interaction).first()
    initial = {name: getattr(report, name) for name in REPORT_FIELDS} if report else None
    form = InterventionReportForm(bound(request), initial=initial)
    if request.method == "POST" and form.is_valid() and call_service(
            request, intervention_report_save, form=form, interaction=interaction,
            data=form.cleaned_data).ok:
            messages.success(request, "Intervention report saved.")
            return redirect(f"{reverse('qio_program:interaction_detail', args=[pk])}#report")
    return render(request, "qio_program/interactions/report_form.html",
                  {"form": form, "interaction": interaction, "report": report})
