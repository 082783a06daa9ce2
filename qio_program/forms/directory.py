"""Directory forms: the list's filters, a provider, a contact."""

from datetime import datetime, time

from django import forms
from django.utils import timezone

from qio_program.forms.common import DateInput
from qio_program.models import MedicareStatus, ProviderSetting
from qis_portal.regions import STATE_CHOICES, Region

ANY = [("", "Any")]


class ProviderFilterForm(forms.Form):
    q = forms.CharField(label="Search by name, CCN or TIN", required=False, max_length=100)
    state = forms.ChoiceField(choices=ANY + STATE_CHOICES, required=False)
    setting = forms.ChoiceField(choices=ANY + ProviderSetting.choices, required=False)
    spl = forms.ChoiceField(label="SPL status", required=False, choices=ANY + [
        ("yes", "On the SPL"), ("no", "Not on the SPL")])
    medicare_status = forms.ChoiceField(label="Medicare certification", required=False,
                                        choices=ANY + MedicareStatus.choices)
    region = forms.ChoiceField(choices=ANY + Region.choices, required=False)

    def __init__(self, *args, show_region: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_region:
            del self.fields["region"]

    def filters(self) -> dict:
        """Valid filters only; an invalid value is dropped, never a 500."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class ProviderForm(forms.Form):
    name = forms.CharField(max_length=200)
    setting = forms.ChoiceField(choices=ProviderSetting.choices)
    ccn = forms.CharField(label="CCN", max_length=6, required=False,
                          help_text="CMS Certification Number: 6 letters or digits.")
    tin = forms.CharField(label="TIN", max_length=10, required=False,
                          help_text="Taxpayer Identification Number: 9 digits. Give a CCN, a "
                                    "TIN, or both.")
    npi = forms.CharField(label="NPI", max_length=10, required=False,
                          help_text="National Provider Identifier: 10 digits.")
    address_line1 = forms.CharField(label="Street address", max_length=200, required=False)
    address_line2 = forms.CharField(label="Street address line 2", max_length=200,
                                    required=False)
    city = forms.CharField(max_length=100, required=False)
    state = forms.ChoiceField(choices=[("", "- Select -")] + STATE_CHOICES)
    zip_code = forms.CharField(label="ZIP code", max_length=10, required=False)
    phone = forms.CharField(max_length=30, required=False)
    email = forms.EmailField(max_length=254, required=False)
    medicare_status = forms.ChoiceField(label="Medicare certification status",
                                        choices=MedicareStatus.choices,
                                        initial=MedicareStatus.PENDING)
    medicare_verified_on = forms.DateField(
        label="Medicare certification verified on", required=False, widget=DateInput(),
        help_text="The date the certification was verified (for example in PRS).")

    @classmethod
    def initial_from(cls, provider) -> dict:
        initial = {name: getattr(provider, name) for name in cls.base_fields
                   if hasattr(provider, name)}
        if provider.medicare_verified_at:
            initial["medicare_verified_on"] = timezone.localtime(
                provider.medicare_verified_at).date()
        return initial

    def clean_medicare_verified_on(self):
        day = self.cleaned_data.get("medicare_verified_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError("The verification date cannot be in the future.")
        return day

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "medicare_verified_on"}
        day = self.cleaned_data.get("medicare_verified_on")
        data["medicare_verified_at"] = (timezone.make_aware(datetime.combine(day, time(12)))
                                        if day else None)
        return data


class ProviderContactForm(forms.Form):
    name = forms.CharField(max_length=200)
    title = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(max_length=254, required=False)
    phone = forms.CharField(max_length=30, required=False)
    is_qi_lead = forms.BooleanField(label="QI lead / point of contact", required=False)


BULK_ACTIONS = [
    ("interaction", "Log an interaction for each selected provider"),
    ("ahqt", "Send an AHQT assessment (queue a task for each)"),
]


class BulkActionForm(forms.Form):
    """The directory's bulk action: no action until one is chosen; `confirm` is set only by
    the confirmation page, which says how many providers it will touch."""

    action = forms.ChoiceField(choices=[("", "- Select -"), *BULK_ACTIONS], error_messages={
        "required": "Choose what to do with the selected providers."})
    confirm = forms.BooleanField(required=False)
    provider = forms.TypedMultipleChoiceField(coerce=int, choices=[], required=True,
                                              error_messages={"required":
                                                              "Select at least one provider."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = self.data.getlist("provider") if hasattr(self.data, "getlist") else []
        self.fields["provider"].choices = [(v, v) for v in ids if str(v).isdigit()][:200]
