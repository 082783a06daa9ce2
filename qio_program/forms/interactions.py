"""Interaction and intervention-report forms."""

from django import forms
from django.utils import timezone

from qio_program.forms.common import DateInput, MultipleFileField
from qio_program.models import (
    IDF_DISCIPLINES,
    INTERACTION_CATEGORIES,
    AudienceType,
    EngagementMode,
    IntensityLevel,
    InteractionMode,
    ProviderContact,
)
from qio_program.models.interactions import CATEGORY_CHOICES, SUBCATEGORY_CHOICES
from qio_program.services.files import ALLOWED_ATTACHMENT_TEXT


class InteractionForm(forms.Form):
    date = forms.DateField(widget=DateInput(), initial=timezone.localdate)
    contacts = forms.ModelMultipleChoiceField(
        queryset=ProviderContact.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, label="Contacts at the provider")
    other_contacts = forms.CharField(label="Other people present", max_length=300,
                                     required=False,
                                     help_text="Names and roles of anyone not listed.")
    audience_type = forms.ChoiceField(choices=[("", "- Select -")] + AudienceType.choices)
    mode = forms.ChoiceField(choices=[("", "- Select -")] + InteractionMode.choices)
    category = forms.ChoiceField(choices=[("", "- Select -")] + CATEGORY_CHOICES)
    subcategory = forms.ChoiceField(
        choices=[("", "- Select -")] + [(label, list(subs.items()))
                                        for label, subs in INTERACTION_CATEGORIES.values()],
        help_text="Grouped by category; it must belong to the chosen category.")
    duration_minutes = forms.IntegerField(label="Duration (minutes)", min_value=1,
                                          max_value=24 * 60)
    details = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    learnings = forms.CharField(max_length=5000, required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    intervention_delivered = forms.BooleanField(
        label="A QI intervention was delivered (its report is due within 5 days)",
        required=False)
    files = MultipleFileField(label="Files", required=False,
                              help_text=f"{ALLOWED_ATTACHMENT_TEXT} each; at most 10 files.")

    def __init__(self, *args, contacts_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        if contacts_of is None:
            del self.fields["contacts"]
        else:
            self.fields["contacts"].queryset = ProviderContact.objects.filter(
                provider=contacts_of)
            if not self.fields["contacts"].queryset.exists():
                del self.fields["contacts"]

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError("An interaction cannot be dated in the future.")
        return day

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("contacts", "files")}


class InteractionFilterForm(forms.Form):
    date_from = forms.DateField(label="From", required=False, widget=DateInput())
    date_to = forms.DateField(label="To", required=False, widget=DateInput())
    subcategory = forms.ChoiceField(required=False, choices=[("", "Any")] + SUBCATEGORY_CHOICES)
    report = forms.ChoiceField(label="Intervention report", required=False, choices=[
        ("", "Any"), ("overdue", "Overdue"), ("missing", "Not filed yet"), ("filed", "Filed")])

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}


class InterventionReportForm(forms.Form):
    mode_of_engagement = forms.ChoiceField(choices=[("", "- Select -")]
                                           + EngagementMode.choices)
    targeted_audience = forms.ChoiceField(choices=[("", "- Select -")] + AudienceType.choices)
    level_of_intensity = forms.ChoiceField(
        choices=IntensityLevel.choices, widget=forms.RadioSelect,
        help_text="Front-line, high-engagement work is preferred; sole reliance on passive "
                  "activities is discouraged.")
    progress_percent = forms.IntegerField(label="Progress toward completion (%)", min_value=0,
                                          max_value=100)
    progress_notes = forms.CharField(max_length=1000, required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, help_text in IDF_DISCIPLINES:
            self.fields[name] = forms.CharField(
                label=f"IDF: {label}", help_text=help_text, max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}))
        order = ["mode_of_engagement", "targeted_audience", "level_of_intensity",
                 *(name for name, _, _ in IDF_DISCIPLINES), "progress_percent",
                 "progress_notes"]
        self.order_fields(order)
