"""FQS forms (USWDS through crispy). Forms validate input; services do every write."""

from django import forms
from django.utils import timezone

from fqs.models import (
    FqsRequest,
    RequestSource,
    SprintDays,
    SprintRequestKind,
    SurveyResponse,
)
from fqs.models.choices import EARLY_CLOSEOUT_REASONS
from fqs.selectors import cms_users_with_role, facilities_for_picker
from fqs.uploads import ALLOWED_LABEL
from qio_program.models import Provider, ProviderSetting
from qis_portal.models import Role, User
from qis_portal.regions import Region

YES_NO = [("yes", "Yes"), ("no", "No")]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def yes_no(label: str, **kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, coerce=lambda v: v == "yes",
                                  widget=forms.RadioSelect, **kwargs)


def text(label: str, max_length: int = 5000, required: bool = True, **kwargs):
    return forms.CharField(label=label, max_length=max_length, required=required,
                           widget=forms.Textarea(attrs={"rows": 4}), **kwargs)


def bool_initial(value):
    return None if value is None else ("yes" if value else "no")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


def provider_field(required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Facility from the General Directory", required=required,
        queryset=Provider.objects.order_by("name"), empty_label="— Not in the directory —",
        help_text="Leave empty and name the facility below if it is not in the directory.",
    )


class FacilityMixin(forms.Form):
    provider = provider_field()
    facility_name = forms.CharField(label="Facility name (not in the directory)",
                                    max_length=200, required=False)
    facility_ccn = forms.CharField(label="Facility CCN (not in the directory)", max_length=10,
                                   required=False)
    facility_state = forms.CharField(label="Facility state (two letters)", max_length=2,
                                     required=False)

    def clean(self):
        data = super().clean()
        if not data.get("provider"):
            if not data.get("facility_name"):
                self.add_error("facility_name", "Choose a facility from the directory or "
                                                "name the facility.")
            if not data.get("facility_ccn"):
                self.add_error("facility_ccn", "Give the CCN of a facility that is not in the "
                                               "directory.")
        return data


class FqsRequestForm(FacilityMixin):
    source = forms.ChoiceField(label="Source of the need", choices=RequestSource.choices,
                               widget=forms.RadioSelect)
    description = text("Describe the urgent need")
    files = MultipleFileField(
        label="Supporting files", required=False,
        help_text=f"{ALLOWED_LABEL}; at most 10 MB each.")

    field_order = ["source", "provider", "facility_name", "facility_ccn", "facility_state",
                   "description", "files"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = facilities_for_picker(user)


class IntakeForm(FacilityMixin):
    source = forms.ChoiceField(label="Source of the need", choices=RequestSource.choices,
                               widget=forms.RadioSelect)
    description = text("Description of the need")
    aims = text("Related aims", 2000, required=False)
    sub_aims = text("Related sub-aims", 2000, required=False)
    work_description = text("Description of work", required=False,
                            help_text="Required before the request is approved.")
    route_cors = forms.ModelMultipleChoiceField(
        label="CORs to route to", required=False, widget=forms.CheckboxSelectMultiple,
        queryset=cms_users_with_role(Role.CMS_COR))
    route_smes = forms.ModelMultipleChoiceField(
        label="Subject-matter experts to route to", required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=cms_users_with_role(Role.CMS_FQS_REVIEWER, Role.CMS_INTAKE_REVIEWER,
                                     Role.CMS_COR, Role.CMS_READ_ONLY))

    field_order = ["source", "provider", "facility_name", "facility_ccn", "facility_state",
                   "description", "aims", "sub_aims", "work_description", "route_cors",
                   "route_smes"]

    @classmethod
    def for_request(cls, fqs_request: FqsRequest, data=None):
        initial = {name: getattr(fqs_request, name) for name in (
            "source", "provider", "facility_name", "facility_ccn", "facility_state",
            "description", "aims", "sub_aims", "work_description")}
        initial["route_cors"] = list(fqs_request.route_cors.all())
        initial["route_smes"] = list(fqs_request.route_smes.all())
        return cls(data, initial=initial)


class NoteForm(forms.Form):
    body = text("Note", help_text="Background research, communications, review notes.")


class AttachmentForm(forms.Form):
    file = forms.FileField(label="File", help_text=f"{ALLOWED_LABEL}; at most 10 MB.")


class ApproveForm(forms.Form):
    note = text("Note (optional)", 2000, required=False)


class RejectForm(forms.Form):
    reason = text("Reason for rejecting", 2000)


class DeclineForm(forms.Form):
    reason = text("Reason for declining (the COR reads it)", 2000)


class ActivationForm(forms.Form):
    focus_area = forms.CharField(label="Focus area", max_length=200)
    onsite_required = yes_no("Is on-site work required?")
    sprint_days = forms.TypedChoiceField(label="Sprint length", coerce=int,
                                         choices=SprintDays.choices, widget=forms.RadioSelect)
    quality_issue = text("Quality issue: what is the problem we are trying to solve?")
    inclusion_criteria = text("Inclusion criteria")
    closeout_metrics = text("Evaluation (close-out) metrics")
    reporting_requirements = text("Reporting requirements")

    @classmethod
    def for_activation(cls, activation, data=None):
        initial = {name: getattr(activation, name) for name in (
            "focus_area", "sprint_days", "quality_issue", "inclusion_criteria",
            "closeout_metrics", "reporting_requirements")}
        initial["onsite_required"] = bool_initial(activation.onsite_required)
        return cls(data, initial=initial)


class ActivationProviderForm(FacilityMixin):
    region = forms.ChoiceField(label="Region (facility not in the directory)", required=False,
                               choices=[("", "— Choose —"), *Region.choices])
    baseline_metric = forms.CharField(label="Baseline metric", max_length=200)
    baseline_value = forms.DecimalField(label="Baseline value", max_digits=12,
                                        decimal_places=4)

    def clean(self):
        data = super().clean()
        if not data.get("provider") and not data.get("region"):
            self.add_error("region", "Choose the region of a facility not in the directory.")
        return data


class SubmitForm(forms.Form):
    comment = text("Comments to the COR (optional)", 2000, required=False)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label="Associate", queryset=User.objects.none())

    def __init__(self, *args, associates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = associates


class InitiationForm(forms.Form):
    provider_engaged_on = forms.DateField(label="Date the provider agreed to engage",
                                          required=False, widget=DATE)
    root_causes = text("Root causes (RCA)", required=False)
    action_plans = text("Plans of action", required=False)
    baseline_metrics = text("Baseline metrics", required=False)


class QapForm(forms.Form):
    planned_interventions = text("Planned interventions", required=False)
    sustainability_plan = text("Sustainability plan", required=False)
    qap_agreed_on = forms.DateField(label="Date the provider agreed to the QAP",
                                    required=False, widget=DATE)


class InterventionForm(forms.Form):
    performed_on = forms.DateField(label="Date performed", widget=DATE)
    description = text("Intervention")


class OutcomeForm(forms.Form):
    measured_on = forms.DateField(label="Measurement date", widget=DATE)
    value = forms.DecimalField(label="Measured value", max_digits=12, decimal_places=4)
    note = forms.CharField(label="Note", max_length=500, required=False)


class SprintRequestForm(forms.Form):
    kind = forms.ChoiceField(label="Request", choices=SprintRequestKind.choices,
                             widget=forms.RadioSelect)
    closeout_reason = forms.ChoiceField(
        label="Ground for early close-out", required=False, widget=forms.RadioSelect,
        choices=[(reason.value, reason.label) for reason in EARLY_CLOSEOUT_REASONS])
    justification = text("Justification", 2000)

    def clean(self):
        data = super().clean()
        if data.get("kind") == SprintRequestKind.CLOSEOUT and not data.get("closeout_reason"):
            self.add_error("closeout_reason", "Choose the ground for early close-out.")
        return data


class ProviderCreateForm(forms.Form):
    name = forms.CharField(label="Facility name", max_length=200)
    setting = forms.ChoiceField(label="Setting", choices=ProviderSetting.choices)
    ccn = forms.CharField(label="CCN", max_length=10)
    state = forms.CharField(label="State (two letters)", max_length=2, min_length=2)
    address_line1 = forms.CharField(label="Street address", max_length=200, required=False)
    city = forms.CharField(label="City", max_length=100, required=False)
    zip_code = forms.CharField(label="ZIP code", max_length=10, required=False)
    verification_source = forms.CharField(
        label="Where the Medicare certification was verified", max_length=200,
        help_text="For example: CMS Provider of Services file, QIES, the state survey agency.")
    verified_on = forms.DateField(label="Date verified", widget=DATE)
    document = forms.FileField(label="Certification document",
                               help_text=f"{ALLOWED_LABEL}; at most 10 MB.")
    attested = forms.BooleanField(
        label="I verified that this facility holds an active Medicare certification.")

    def clean_verified_on(self):
        value = self.cleaned_data["verified_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("The verification date cannot be in the future.")
        return value


class MedicareVerificationForm(forms.Form):
    source = forms.CharField(
        label="Where the Medicare certification was verified", max_length=200,
        help_text="For example: CMS Provider of Services file, QIES, the state survey agency.")
    verified_on = forms.DateField(label="Date verified", widget=DATE)
    document = forms.FileField(label="Certification document",
                               help_text=f"{ALLOWED_LABEL}; at most 10 MB.")


class SurveyForm(forms.Form):
    overall_satisfaction = forms.TypedChoiceField(
        label="Overall, how satisfied are you with the QIO's focused service?", coerce=int,
        choices=SurveyResponse.Rating.choices, widget=forms.RadioSelect)
    issue_resolved = yes_no("Was the urgent issue resolved?")
    would_recommend = yes_no("Would you recommend QIO assistance to other providers?")
    comments = text("Comments (optional)", 2000, required=False)
