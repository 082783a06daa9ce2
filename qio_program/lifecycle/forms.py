"""Browser forms; services validate again, so a form is never the only check."""

from django import forms

from qio_program.lifecycle.choices import HandoffTopic, QioRole, TrainingAudience
from qio_program.lifecycle.models import (
    ProviderAssessment,
    ProviderEngagementStrategy,
    ProviderServiceAgreement,
    QualityActionPlan,
    SubAim,
)
from qio_program.lifecycle.services.reports import REPORT_MAX_CHARS, REPORT_SECTIONS
from qis_portal.models import QIO_ORG_TYPES, Organization, Role, RoleAssignment, User

TEXT_MAX = 5000


def long_text(label: str, *, help_text: str = "", required: bool = False,
              max_length: int = TEXT_MAX) -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=required,
                           max_length=max_length, widget=forms.Textarea(attrs={"rows": 4}))


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def cor_field(label: str, *, required: bool, help_text: str = "") -> forms.ModelChoiceField:
    """A choice of the users who hold the CMS COR role now."""
    cors = User.objects.filter(
        is_active=True, role_assignments__role=Role.CMS_COR,
        role_assignments__status=RoleAssignment.Status.APPROVED).order_by("email")
    return forms.ModelChoiceField(label=label, queryset=cors, required=required,
                                  help_text=help_text)


class TaskOrderForm(forms.Form):
    qio = forms.ModelChoiceField(
        label="QIO", queryset=Organization.objects.filter(
            org_type__in=QIO_ORG_TYPES).order_by("name"))
    number = forms.CharField(label="Task order number", max_length=40)
    award_date = date_field("Award date", help_text="Every deliverable's due date counts from "
                                                    "this date.")
    cor = cor_field("COR", required=False, help_text="Leave empty to be its COR yourself.")
    alternate_cor = cor_field("Alternate COR", required=False)


class TaskOrderCorsForm(forms.Form):
    cor = cor_field("COR", required=True)
    alternate_cor = cor_field("Alternate COR", required=False,
                              help_text="Another COR, who decides when the COR is away.")
    note = forms.CharField(label="Reason (leave, turnover)", max_length=500, required=False)


class PsaTargetForm(forms.Form):
    target = forms.IntegerField(label="Target number of PSAs", min_value=1, max_value=100000)
    note = forms.CharField(label="Note", max_length=500, required=False)


class TaskOrderEndForm(forms.Form):
    ended_on = date_field("Last day of performance", required=False,
                          help_text="Leave empty for the last day of the period of performance. "
                                    "Accounts of the QIO's users close the day after.")
    note = forms.CharField(label="Note", max_length=500, required=False)


class HandoffNoteForm(forms.Form):
    topic = forms.ChoiceField(label="Topic", choices=HandoffTopic.choices,
                              widget=forms.RadioSelect)
    provider = forms.ModelChoiceField(label="Provider (optional)", queryset=None, required=False)
    incoming_contractor = forms.CharField(label="Incoming contractor", max_length=200,
                                          required=False)
    incoming_qio = forms.ModelChoiceField(
        label="Incoming QIO (optional)", queryset=None, required=False,
        help_text="Its staff can read this note.")
    body = long_text("Hand-off note", required=True)

    def __init__(self, *args, providers, incoming_qios, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["incoming_qio"].queryset = incoming_qios


class StateForm(forms.Form):
    state = forms.ChoiceField(label="State or territory")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = choices


class A3CForm(forms.Form):
    """The four scans, then per sub-aim: assessment, the QIO's role, its rationale."""

    general_assessment = long_text("General Assessment",
                                   help_text="The state's landscape for health quality and "
                                             "safety.")
    healthcare_scan = long_text("Healthcare Scan",
                                help_text="Comparative analysis of health statistics for the "
                                          "clinical and foundational aims.")
    quality_scan = long_text("Quality Scan", help_text="Federal, state, local and private "
                                                       "quality improvement initiatives.")
    partner_scan = long_text("Partner Scan", help_text="Key stakeholders and QI partners of "
                                                       "those initiatives.")

    def __init__(self, *args, a3c, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(a3c.focus_areas.select_related("sub_aim__aim"))
        for name in ("general_assessment", "healthcare_scan", "quality_scan", "partner_scan"):
            self.fields[name].initial = getattr(a3c, name)
        self.focus_groups = []
        for area in self.areas:
            prefix = f"fa{area.sub_aim_id}"
            self.fields[f"{prefix}_assessment"] = long_text(
                f"Assessment — {area.sub_aim.name}")
            self.fields[f"{prefix}_qio_role"] = forms.ChoiceField(
                label=f"QIO role — {area.sub_aim.name}", required=False,
                choices=[("", "Choose a role"), *QioRole.choices])
            self.fields[f"{prefix}_rationale"] = long_text(f"Rationale — {area.sub_aim.name}")
            self.fields[f"{prefix}_assessment"].initial = area.assessment
            self.fields[f"{prefix}_qio_role"].initial = area.qio_role
            self.fields[f"{prefix}_rationale"].initial = area.rationale
            self.focus_groups.append((area, [self[f"{prefix}_{field}"] for field in
                                             ("assessment", "qio_role", "rationale")]))

    def scans(self) -> dict:
        return {name: self.cleaned_data[name] for name in
                ("general_assessment", "healthcare_scan", "quality_scan", "partner_scan")}

    def focus_areas(self) -> dict[int, dict]:
        return {area.sub_aim_id: {field: self.cleaned_data[f"fa{area.sub_aim_id}_{field}"]
                                  for field in ("assessment", "qio_role", "rationale")}
                for area in self.areas}


class ProviderChoiceForm(forms.Form):
    provider = forms.ModelChoiceField(label="Provider", queryset=None)

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class _TextModelForm(forms.ModelForm):
    """Model forms whose text areas get the portal's length limit and counter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.max_length = TEXT_MAX
                field.widget.attrs.update({"rows": 4, "maxlength": TEXT_MAX})
                field.validators.append(_max_len)


def _max_len(value):
    if value and len(value) > TEXT_MAX:
        raise forms.ValidationError(f"At most {TEXT_MAX:,} characters.")


class PesForm(_TextModelForm):
    class Meta:
        model = ProviderEngagementStrategy
        fields = ["qi_lead_name", "qi_lead_email", "needs_summary", "engagement_approach",
                  "planned_interventions"]


class PsaForm(_TextModelForm):
    class Meta:
        model = ProviderServiceAgreement
        fields = ["provider_needs", "service_response", "start_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class AssessmentForm(_TextModelForm):
    class Meta:
        model = ProviderAssessment
        fields = ["general_assessment", "readiness_assessment", "needs_assessment",
                  "resource_assessment"]


class QapForm(_TextModelForm):
    class Meta:
        model = QualityActionPlan
        fields = ["quality_landscape", "deficiencies", "collaborating_entities", "health_equity"]


class InitiativeForm(forms.Form):
    sub_aim = forms.ModelChoiceField(
        label="Aim and sub-aim",
        queryset=SubAim.objects.filter(active=True, aim__active=True).select_related("aim"))
    title = forms.CharField(label="Initiative", max_length=200)
    description = long_text("Description")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_aim"].label_from_instance = (
            lambda sub: f"{sub.aim.name} → {sub.name}")


class InterventionForm(forms.Form):
    title = forms.CharField(label="Intervention", max_length=200)
    description = long_text("Description")


class ActivityForm(forms.Form):
    title = forms.CharField(label="Activity", max_length=200)
    description = long_text("Description")
    target_date = date_field("Target date", required=False)


class TrainingItemForm(forms.Form):
    plan_year = forms.IntegerField(label="Plan year", min_value=1, max_value=5)
    audience = forms.ChoiceField(label="Audience", choices=TrainingAudience.choices,
                                 widget=forms.RadioSelect)
    topic = forms.CharField(label="Training topic", max_length=200)
    description = long_text("Description")


class DashboardTemplateForm(forms.Form):
    layout = long_text("Dashboard layout and sections")
    measures = long_text("Performance measures and outcomes shown")


class ReportForm(forms.Form):
    """One text area per section of the report's kind (services.reports.REPORT_SECTIONS)."""

    def __init__(self, *args, kind: str, content: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for section in REPORT_SECTIONS[kind]:
            self.fields[section.key] = long_text(section.label, help_text=section.hint,
                                                 max_length=REPORT_MAX_CHARS)
            self.fields[section.key].initial = content.get(section.key, "")



class ContactChoiceForm(forms.Form):
    """Which of the provider's contacts signs (the QI lead first, seed 001)."""

    contact = forms.ModelChoiceField(label="Provider contact", queryset=None,
                                     help_text="The contact's e-mail receives the link.")

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = provider.contacts.all()


class PaperSignatureForm(ContactChoiceForm):
    signed_on = date_field("Date on the signed paper")
    scan = forms.FileField(label="Scan of the signed page",
                           help_text="PDF, PNG or JPEG, at most 10 MB.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].help_text = "Who signed the paper."


class LinkSignatureForm(forms.Form):
    """The contact signs by typing their name, or asks for changes instead."""

    DECISIONS = [("sign", "I sign this document"), ("changes", "I ask for changes first")]
    decision = forms.ChoiceField(label="Your decision", choices=DECISIONS,
                                 widget=forms.RadioSelect)
    signature_name = forms.CharField(label="Your full name (your signature)", max_length=200,
                                     required=False)
    comments = long_text("What should change (when you ask for changes)")

    def clean(self):
        data = super().clean()
        if data.get("decision") == "sign" and not (data.get("signature_name") or "").strip():
            self.add_error("signature_name", "Type your full name to sign.")
        if data.get("decision") == "changes" and not (data.get("comments") or "").strip():
            self.add_error("comments", "Say what you would like changed.")
        return data
