"""The General Directory's bulk actions: nothing runs until it is chosen ("- Select -") and,
for the AHQT assessment, confirmed on a page that names every provider it will touch; the
result says what was done, with a link to undo it while nobody has picked the tasks up."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from qio_program.forms.directory import BulkActionForm
from qio_program.models import Task
from qio_program.selectors.scope import providers_for
from qio_program.services.ahqt import ahqt_queue_bulk, ahqt_queue_withdraw
from qis_portal.views.common import call_service, require_perm


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@require_POST
def provider_bulk(request):
    require_perm(request, "qio_program.bulk_providers")
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("qio_program:provider_list")
    providers = list(providers_for(request.user).filter(pk__in=form.cleaned_data["provider"])
                     .order_by("name", "id"))
    if not providers:
        messages.error(request, "None of the selected providers is in your directory.")
        return redirect("qio_program:provider_list")
    if form.cleaned_data["action"] == "interaction":
        # The interaction form is the confirmation: it names the providers and logs nothing
        # until it is submitted.
        query = urlencode([("provider", p.pk) for p in providers])
        return redirect(f"{reverse('qio_program:interaction_create')}?{query}")
    if not form.cleaned_data["confirm"]:
        return render(request, "qio_program/directory/bulk_confirm.html", {
            "providers": providers, "count": len(providers)})
    done = call_service(request, ahqt_queue_bulk, providers=providers)
    if not done.ok:
        return redirect("qio_program:provider_list")
    queued, already = done.result
    if queued:
        undo = (reverse("qio_program:provider_bulk_undo") + "?"
                + urlencode([("task", t.pk) for t in queued]))
        messages.success(request, format_html(
            'Queued {} in the AHQT queue. <a class="usa-link" href="{}">Undo</a>',
            _plural(len(queued), "AHQT assessment task"), undo))
    if already:
        messages.info(request, "Already queued before, so not queued again: "
                               + ", ".join(p.name for p in already))
    return redirect("qio_program:provider_list")


def provider_bulk_undo(request):
    """Withdraw the AHQT tasks a bulk action queued: a page saying which, then one POST."""
    require_perm(request, "qio_program.bulk_providers")
    ids = [v for v in request.POST.getlist("task") or request.GET.getlist("task") if v.isdigit()]
    candidates = Task.objects.filter(pk__in=ids[:200]).order_by("subject", "id")
    tasks = [t for t in candidates
             if request.user.has_perm("qio_program.withdraw_queued_ahqt", t)]
    if request.method == "POST" and tasks:
        done = call_service(request, ahqt_queue_withdraw, tasks=tasks)
        if done.ok:
            withdrawn = _plural(len(done.result), "AHQT assessment task")
            messages.success(request, f"Withdrew {withdrawn} from the AHQT queue.")
        return redirect("qio_program:provider_list")
    return render(request, "qio_program/directory/bulk_undo.html", {
        "tasks": tasks, "count": len(tasks), "kept": len(ids) - len(tasks)})
