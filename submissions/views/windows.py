"""Plan years: every reader sees the windows; CMS opens a new plan year's window."""

from django.contrib import messages
from django.shortcuts import redirect, render

from qis_portal.views.common import bound, call_service, require_perm
from submissions import selectors
from submissions.forms import WindowForm
from submissions.services import submission_window_open


def window_list(request):
    require_perm(request, "submissions.view_submissionwindow",
                 message="You cannot see the QIS plan years.")
    can_open = request.user.has_perm("submissions.add_submissionwindow")
    form = WindowForm(bound(request)) if can_open else None
    if request.method == "POST":
        require_perm(request, "submissions.add_submissionwindow",
                     message="Only CMS QIS reviewers open plan years.")
        if form.is_valid():
            done = call_service(request, submission_window_open, form=form, **form.cleaned_data)
            if done.ok:
                messages.success(request, f"The {done.result.plan_year} plan year is open until "
                                          f"{done.result.due_date:%m/%d/%Y}.")
                return redirect("submissions:window_list")
    return render(request, "submissions/windows.html", {
        "windows": selectors.windows().select_related("opened_by"), "form": form,
        "open_ids": set(selectors.open_windows().values_list("id", flat=True)),
    })
