"""General Directory pages: the list (filters, search), a provider, contacts; the bulk
actions are in `directory_bulk`."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qio_program.forms.directory import (
    ProviderContactForm,
    ProviderFilterForm,
    ProviderForm,
)
from qio_program.provider_sections import sections_for
from qio_program.selectors.directory import (
    current_spl_entry,
    provider_for_user,
    provider_open_tasks,
    provider_recent_interactions,
    provider_recent_outcomes,
    provider_search,
)
from qio_program.selectors.scope import providers_for, user_qio
from qio_program.services.providers import (
    provider_contact_delete,
    provider_contact_save,
    provider_create,
    provider_update,
)
from qio_program.services.spl import aim_work_refusal
from qio_program.views.common import PER_PAGE
from qis_portal.exports import csv_response
from qis_portal.keyset import keyset_page
from qis_portal.views.common import bound, call_service, require_perm, run_action

EXPORT_HEADER = ["name", "ccn", "tin", "setting", "address_line1", "address_line2", "city",
                 "state", "zip_code", "region", "medicare_status", "medicare_verified_at",
                 "on_spl"]


def _filters(request):
    form = ProviderFilterForm(request.GET or None, show_region=request.user.is_cms)
    return form, (form.filters() if request.GET else {})


def provider_list(request):
    require_perm(request, "qio_program.view_directory")
    form, filters = _filters(request)
    page = keyset_page(provider_search(request.user, **filters), ordering=["name", "id"],
                       cursor=request.GET.get("cursor"), per_page=PER_PAGE)
    return render(request, "qio_program/directory/list.html", {
        "form": form, "page": page, "filtered": bool(filters),
        "can_bulk": request.user.has_perm("qio_program.bulk_providers"),
        "can_add": request.user.has_perm("qio_program.add_provider"),
        "can_export": request.user.has_perm("qio_program.export_directory"),
        "export_query": urlencode(filters),
    })


def provider_export(request):
    require_perm(request, "qio_program.export_directory")
    _, filters = _filters(request)
    rows = (
        [p.name, p.ccn, p.tin, p.setting, p.address_line1, p.address_line2, p.city, p.state,
         p.zip_code, p.region, p.medicare_status,
         p.medicare_verified_at.isoformat() if p.medicare_verified_at else "",
         "Y" if p.spl_eligible else "N"]
        for p in provider_search(request.user, **filters).order_by("name", "id")
        .iterator(chunk_size=2000)
    )
    return csv_response("providers.csv", EXPORT_HEADER, rows)


def provider_create_view(request):
    require_perm(request, "qio_program.add_provider",
                 message="Only QIO users add providers to the directory.")
    form = ProviderForm(bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, provider_create, form=form, data=form.service_data())
        if done.ok:
            messages.success(request, f"{done.result} added to the directory.")
            return redirect(done.result)
    return render(request, "qio_program/directory/provider_form.html",
                  {"form": form, "provider": None})


def provider_edit(request, pk: int):
    provider = provider_for_user(request.user, pk)
    require_perm(request, "qio_program.change_provider", provider)
    form = ProviderForm(bound(request), initial=ProviderForm.initial_from(provider))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, provider_update, form=form, provider=provider,
                            data=form.service_data())
        if done.ok:
            messages.success(request, f"{done.result} saved.")
            return redirect(done.result)
    return render(request, "qio_program/directory/provider_form.html",
                  {"form": form, "provider": provider})


def provider_detail(request, pk: int):
    provider = provider_for_user(request.user, pk)
    require_perm(request, "qio_program.view_provider", provider)
    user = request.user
    is_qio = user_qio(user) is not None
    return render(request, "qio_program/directory/provider_detail.html", {
        "provider": provider,
        "contacts": list(provider.contacts.all()),
        "spl_entry": current_spl_entry(provider),
        "can_edit": user.has_perm("qio_program.change_provider", provider),
        "can_log": user.has_perm("qio_program.add_interaction", provider),
        "sees_interactions": user.has_perm("qio_program.view_interaction", provider),
        "interactions": (provider_recent_interactions(user, provider)
                         if user.has_perm("qio_program.view_interaction", provider) else []),
        "tasks": provider_open_tasks(user, provider) if is_qio else [],
        "is_qio": is_qio,
        "outcomes": provider_recent_outcomes(provider),
        "aim_work_refusal": aim_work_refusal(user, provider) if is_qio else "",
        "sections": sections_for(request, provider),
    })


def contact_edit(request, pk: int, contact_pk: int | None = None):
    provider = provider_for_user(request.user, pk)
    require_perm(request, "qio_program.change_provider", provider)
    contact = (get_object_or_404(provider.contacts, pk=contact_pk)
               if contact_pk is not None else None)
    initial = ({name: getattr(contact, name) for name in ProviderContactForm.base_fields}
               if contact else None)
    form = ProviderContactForm(bound(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(request, provider_contact_save, form=form, provider=provider,
                            data=form.cleaned_data, contact=contact)
        if done.ok:
            messages.success(request, f"Contact {done.result.name} saved.")
            return redirect(f"{provider.get_absolute_url()}#contacts")
    return render(request, "qio_program/directory/contact_form.html",
                  {"form": form, "provider": provider, "contact": contact})


@require_POST
def contact_delete(request, pk: int, contact_pk: int):
    provider = provider_for_user(request.user, pk)
    contact = get_object_or_404(provider.contacts, pk=contact_pk)
    return run_action(request, f"{provider.get_absolute_url()}#contacts",
                      provider_contact_delete, f"Contact {contact.name} removed.",
                      contact=contact)


def my_outcomes(request):
    """A provider user's way to their own outcomes page."""
    require_perm(request, "qio_program.view_own_outcomes")
    provider = providers_for(request.user).first()
    if provider is None:
        raise Http404("Your organization is not linked to a provider in the directory.")
    return redirect("qio_program:provider_outcomes", pk=provider.pk)
