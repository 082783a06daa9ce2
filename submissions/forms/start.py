"""Starting a form, filing an Implementation Plan, and the reviewer's determination."""

from django import forms

from submissions.elements import element_name, get_spec
from submissions.elements.progress_report import MEASURES, PROGRESS_REPORT
from submissions.forms.fields import element_field
from submissions.models import Determination, FormType, ImplementationPlan, SubmissionWindow
from submissions.services.plans import DIRECTION_KEYS, PLAN_KEYS
from submissions.validators.fields import form_value
from submissions.validators.restated import DIRECTIONS, HIGHER_IS_BETTER


class StartForm(forms.Form):
    form_type = forms.ChoiceField(label="Form", choices=FormType.choices,
                                  widget=forms.RadioSelect)
    window = forms.ModelChoiceField(label="Plan year", queryset=SubmissionWindow.objects.none(),
                                    empty_label="- Select -")
    implementation_plan = forms.ModelChoiceField(
        label="Implementation Plan on file (Progress Report only)", required=False,
        queryset=ImplementationPlan.objects.none(), empty_label="- Select -",
        help_text="The baseline QIS this Progress Report reports on; its goals, measures, "
                  "baselines and targets are filled in for you to restate.")

    def __init__(self, *args, windows, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = windows
        self.fields["implementation_plan"].queryset = plans

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("form_type") == FormType.PROGRESS_REPORT and not cleaned.get(
                "implementation_plan"):
            self.add_error("implementation_plan", "A Progress Report reports on an "
                                                  "Implementation Plan on file: choose one.")
        return cleaned


class PlanForm(forms.Form):
    """An Implementation Plan on file, with the Progress Report's own elements."""

    qis_title = forms.CharField(label="QIS Title (200-character limit)", max_length=200)
    plan_year = forms.IntegerField(label="Plan year the QIS begins", min_value=2014,
                                   max_value=2100)

    def __init__(self, *args, editing: bool = False, supplement: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["plan_year"]
        if supplement:
            self.fields["effective_year"] = forms.IntegerField(
                label="First plan year the modified plan applies to", min_value=2014,
                max_value=2100, help_text="Progress Reports of this plan year and later are "
                                          "compared with the modified plan.")
        for key in PLAN_KEYS:
            self.fields[key] = element_field(PROGRESS_REPORT.elements[key],
                                             in_fieldset=key.startswith("m"))
        for measure, key in zip(MEASURES, DIRECTION_KEYS, strict=True):
            self.fields[key] = forms.ChoiceField(
                label=f"Measure {measure}: direction of improvement", choices=DIRECTIONS,
                widget=forms.RadioSelect, required=False, initial=HIGHER_IS_BETTER,
                help_text="Lower is better for a rate to reduce, such as the NTSV C-section "
                          "rate (target 23.9 % or lower).")

    @staticmethod
    def initial_from(qis_title: str, plan_year: int, data: dict) -> dict:
        """A plan's (or a version's) values as the form shows them."""
        initial = {"qis_title": qis_title, "plan_year": plan_year}
        for key in PLAN_KEYS:
            initial[key] = form_value(PROGRESS_REPORT.elements[key], data.get(key))
        for key in DIRECTION_KEYS:
            initial[key] = data.get(key, HIGHER_IS_BETTER)
        return initial

    def plan_data(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in (*PLAN_KEYS, *DIRECTION_KEYS)}

    def sections(self):
        goals = [self["goal_1"], self["goal_2"]]
        measures = []
        for measure in MEASURES:
            p = f"m{measure}_"
            measures.append({"title": f"Measure {measure}",
                             "fields": [self[key] for key in self.fields if key.startswith(p)]})
        return {"goals": goals, "measures": measures}


class DeterminationForm(forms.Form):
    outcome = forms.ChoiceField(label="Determination", choices=Determination.Outcome.choices,
                                widget=forms.RadioSelect)
    summary = forms.CharField(label="Summary of the evaluation", required=False,
                              widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    correction_report = forms.CharField(
        label="Correction report (Interim Meets)", required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the issuer must correct; the next plan year’s Progress Report answers "
                  "it in element 17c.")


class FindingForm(forms.Form):
    element = forms.ChoiceField(label="Deficient element", required=False)
    note = forms.CharField(label="Finding", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, form_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        spec = get_spec(form_type)
        self.fields["element"].choices = [("", "- Select -")] + [
            (code, element_name(code, label) + (" (Must Pass)" if spec.is_must_pass(code) else ""))
            for code, label in spec.finding_elements]


FindingFormSet = forms.formset_factory(FindingForm, extra=4, max_num=60)
