"""QPP forms (USWDS through crispy). Forms parse input; services check the rules and write."""

from django import forms

from qpp_assist import selectors
from qpp_assist.geography import STATE_CHOICES
from qpp_assist.models import AssistanceRecord, Contractor, MipsCategory, RequestKind
from qpp_assist.routing import LARGE_GROUP_MIN, SMALL_GROUP_MAX

YES_NO = [("yes", "Yes"), ("no", "No")]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AREAS = [
    ("rural", "A rural area"),
    ("underserved", "A medically underserved area"),
    ("shortage_area", "A health professional shortage area"),
]


def yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, coerce=lambda v: v == "yes",
                                  widget=forms.RadioSelect, help_text=help_text)


def text(label: str, max_length: int, required: bool = True, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required,
                           widget=forms.Textarea(attrs={"rows": 4}), **kwargs)


def state_field() -> forms.ChoiceField:
    return forms.ChoiceField(label="State or territory of the practice",
                             choices=[("", "- Select -"), *STATE_CHOICES])


def group_size_field() -> forms.IntegerField:
    return forms.IntegerField(
        label="Number of clinicians in the group", min_value=1,
        help_text=f"Large groups have {LARGE_GROUP_MIN} or more clinicians; small groups "
                  f"{SMALL_GROUP_MAX} or fewer.")


class PracticeFactsForm(forms.Form):
    """Facts that decide who serves a practice (seed 004, Providers served / excluded)."""

    advanced_apm = yes_no("Does the practice participate in an advanced Alternative Payment "
                          "Model (APM)?", "Advanced APMs require clinicians to assume some "
                          "financial risk for patient outcomes.")
    any_apm = yes_no("Does it participate in any APM, including any type of Medicare "
                     "Accountable Care Organization (ACO)?",
                     "An advanced APM counts as an APM too.")
    ptn_enrolled = yes_no("Is the practice enrolled in a Practice Transformation Network "
                          "(PTN)?")
    areas = forms.MultipleChoiceField(
        label="The practice is in (check all that apply)", choices=AREAS, required=False,
        widget=forms.CheckboxSelectMultiple)

    def facts(self) -> dict:
        data = self.cleaned_data
        areas = set(data.get("areas") or ())
        return {"advanced_apm": data["advanced_apm"], "any_apm": data["any_apm"],
                "ptn_enrolled": data["ptn_enrolled"], "rural": "rural" in areas,
                "underserved": "underserved" in areas,
                "shortage_area": "shortage_area" in areas}


class InquiryForm(PracticeFactsForm):
    field_order = [
        "practice_name", "tin", "state", "clinician_name", "contact_email", "group_size",
        "medicare_charges", "medicare_patients", "advanced_apm", "any_apm", "ptn_enrolled",
        "ptn", "areas", "kind", "mips_category", "question",
    ]
    practice_name = forms.CharField(label="Practice name", max_length=200)
    tin = forms.CharField(label="Practice TIN", help_text="Taxpayer Identification Number: "
                                                           "9 digits.")
    state = state_field()
    clinician_name = forms.CharField(label="Clinician's name", max_length=200, required=False,
                                     help_text="When the question comes from one clinician.")
    contact_email = forms.EmailField(label="E-mail address for the answer", required=False,
                                     max_length=254)
    group_size = group_size_field()
    medicare_charges = forms.DecimalField(
        label="Amount the clinician bills to Medicare a year (dollars)", min_value=0,
        max_digits=12, decimal_places=2,
        help_text="An eligible clinician bills more than $30,000 to Medicare a year.")
    medicare_patients = forms.IntegerField(
        label="Medicare patients the clinician cares for a year", min_value=0,
        help_text="An eligible clinician cares for more than 100 Medicare patients a year.")
    ptn = forms.ModelChoiceField(label="Which PTN?", required=False,
                                 queryset=Contractor.objects.none(),
                                 empty_label="- Not listed or not sure -",
                                 help_text="Only when the practice is enrolled in a PTN.")
    kind = forms.ChoiceField(label="What is asked for?", choices=RequestKind.choices,
                             initial=RequestKind.QUESTION, widget=forms.RadioSelect)
    mips_category = forms.ChoiceField(label="What is the question about?",
                                      choices=MipsCategory.choices, widget=forms.RadioSelect)
    question = text("Your question", 4000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ptn"].queryset = selectors.ptn_contractors()
        self.fields["ptn"].label_from_instance = lambda c: c.organization.name

    def clean(self):
        data = super().clean()
        if data.get("ptn") and data.get("ptn_enrolled") is False:
            self.add_error("ptn", "Name a PTN only when the practice is enrolled in one.")
        return data

    def to_data(self) -> dict:
        data = self.cleaned_data
        return {**{name: data[name] for name in (
            "practice_name", "tin", "state", "clinician_name", "contact_email", "group_size",
            "medicare_charges", "medicare_patients", "kind", "mips_category", "question")},
            **self.facts(), "ptn": data["ptn"].pk if data.get("ptn") else None}


class RespondForm(forms.Form):
    response = text("Answer to the clinician", 5000)


def contractor_choice(label: str, exclude_id: int | None) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=label, queryset=selectors.active_contractors().exclude(pk=exclude_id or 0),
        empty_label="- Select -")
    field.label_from_instance = lambda c: (f"{c.contractor_type.short_name}: "
                                           f"{c.organization.name} ({c.get_region_display()})")
    return field


class HandOffForm(forms.Form):
    prefix = "handoff"  # three forms on one page: their field ids must not collide

    def __init__(self, *args, current_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_contractor"] = contractor_choice("Contractor to hand off to", current_id)
        self.fields["note"] = text("Note for the next contractor", 2000,
                                   help_text="Why it is theirs, and what you already know.")


class OverrideForm(forms.Form):
    prefix = "override"

    def __init__(self, *args, current_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_contractor"] = contractor_choice("Contractor to route to", current_id)
        self.fields["reason"] = text("Reason for overriding the route", 2000)


class PracticeForm(PracticeFactsForm):
    field_order = ["name", "tin", "state", "group_size", "advanced_apm", "any_apm",
                   "ptn_enrolled", "areas"]
    name = forms.CharField(label="Practice name", max_length=200)
    tin = forms.CharField(label="Practice TIN", help_text="9 digits.")
    state = state_field()
    group_size = group_size_field()

    def to_data(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "tin": data["tin"], "state": data["state"],
                "group_size": data["group_size"], **self.facts()}


class AssistanceForm(forms.Form):
    provided_on = forms.DateField(label="Date of the assistance", widget=DATE)
    kind = forms.ChoiceField(label="Kind of assistance", choices=AssistanceRecord.Kind.choices,
                             widget=forms.RadioSelect)
    note = text("Note", 2000, required=False)

    def __init__(self, *args, contractors=(), **kwargs):
        super().__init__(*args, **kwargs)
        contractors = list(contractors)
        if len(contractors) > 1:
            field = forms.ModelChoiceField(
                label="Given as", empty_label="- Select -",
                queryset=Contractor.objects.filter(pk__in=[c.pk for c in contractors]))
            field.label_from_instance = lambda c: c.contractor_type.short_name
            self.fields["contractor"] = field
