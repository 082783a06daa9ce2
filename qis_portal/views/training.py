"""The user's training page: the modules their roles require, and the attestation form."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from qis_portal.models import TrainingModule
from qis_portal.services.training import modules_to_attest, training_attest
from qis_portal.views.common import bound, call_service


class TrainingAttestForm(forms.Form):
    module = forms.ModelChoiceField(label="Training module", queryset=TrainingModule.objects.none())
    completed_on = forms.DateField(label="Date you completed it",
                                   widget=forms.DateInput(attrs={"type": "date"},
                                                          format="%Y-%m-%d"))

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = TrainingModule.objects.filter(
            pk__in=[module.pk for module in modules])


def training(request):
    rows = modules_to_attest(request.user)
    owed = [row["module"] for row in rows if not row["current"]]
    form = TrainingAttestForm(bound(request), modules=owed,
                              initial={"module": owed[0].pk} if owed else None)
    if request.method == "POST" and form.is_valid():
        done = call_service(request, training_attest, form=form,
                            module=form.cleaned_data["module"],
                            completed_on=form.cleaned_data["completed_on"])
        if done.ok:
            messages.success(request, f"Attested: {done.result.module}.")
            return redirect("training")
    return render(request, "account/training.html", {"rows": rows, "form": form if owed else None})
