"""USWDS forms (rendered by crispy's uswds pack); the rules live in services and the engine."""

import re

from django import forms

from qis_portal.models import Organization
from scoring.choices import ApmType, Level, SubmissionMethod
from scoring.models import ApmEntity, DataUpload, EntityScore, QualitySubmission, ScoringRun
from scoring.services.csv_columns import parse_summary_measures

_TRI_STATE = [("", "Derive it from the clinician count"), ("yes", "Yes"), ("no", "No")]


class ApmEntityForm(forms.ModelForm):
    small_practice = forms.TypedChoiceField(
        choices=_TRI_STATE, required=False, label="Small practice",
        coerce=lambda value: {"yes": True, "no": False}.get(value), empty_value=None,
        help_text="15 or fewer MIPS eligible clinicians (seed §4.3.3).")
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.order_by("name"), required=False,
        label="Organization that may push data by API",
        help_text="Its REST client may read and update this entity.")

    class Meta:
        model = ApmEntity
        fields = ["entity_id", "name", "apm_type", "clinician_count", "small_practice",
                  "complex_patient_bonus", "improvement_activities_score",
                  "promoting_interoperability_score", "quality_reweighted",
                  "prior_year_quality_achievement_percent", "prior_year_identifier",
                  "improvement_score", "organization"]
        help_texts = {"apm_type": "Shared Savings Program and NGACO entities must report "
                                  "through MIPS and earn no APM Quality Reporting Credit; "
                                  "every other MIPS APM earns the 50 % credit (seed §4.1)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["small_practice"] = {True: "yes", False: "no"}.get(
                self.instance.small_practice, "")


class ParticipantsForm(forms.Form):
    tin = forms.CharField(label="TIN", max_length=9, help_text="Nine digits.")
    npis = forms.CharField(
        label="NPIs", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ten digits each, one per line or separated by commas.")
    prior_year_achievement_percent = forms.DecimalField(
        label="2019 achievement percent of these clinicians", required=False, min_value=0,
        max_value=100, max_digits=7, decimal_places=4,
        help_text="Optional: the Quality performance category achievement percent score "
                  "associated with each one's 2019 final score; averaged when the entity's "
                  "2019 identifier differs (seed §4.2.4). Also updates clinicians already "
                  "listed.")

    def clean_tin(self):
        tin = self.cleaned_data["tin"].strip()
        if not re.fullmatch(r"[0-9]{9}", tin):
            raise forms.ValidationError("A TIN is nine digits.")
        return tin

    def clean_npis(self):
        npis = [n for n in re.split(r"[\s,;]+", self.cleaned_data["npis"]) if n]
        bad = [n for n in npis if not re.fullmatch(r"[0-9]{10}", n)]
        if bad:
            raise forms.ValidationError("Not ten digits: " + ", ".join(bad[:10]))
        if not npis:
            raise forms.ValidationError("Enter at least one NPI.")
        return npis


class ParticipantRemoveForm(forms.Form):
    tin = forms.CharField(label="TIN", max_length=9)
    npi = forms.CharField(label="NPI", max_length=10)

    def __init__(self, *args, entity: ApmEntity, **kwargs):
        self.entity = entity
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["participant"] = self.entity.participants.filter(
            tin=data["tin"].strip(), npi=data["npi"].strip()).first()
        if data["participant"] is None:
            raise forms.ValidationError("This TIN/NPI is not on the participation list.")
        return data


class QualitySubmissionForm(forms.ModelForm):
    level = forms.ChoiceField(choices=Level.choices, widget=forms.RadioSelect,
                              label="Who reported")

    class Meta:
        model = QualitySubmission
        fields = ["level", "tin", "npi", "measure_id", "submission_method", "numerator",
                  "denominator", "performance_rate", "eligible_population",
                  "data_completeness", "wi_reported_beneficiaries", "wi_sample_size",
                  "end_to_end", "external_points", "summary_measures"]
        help_texts = {
            "tin": "For TIN and TIN/NPI reporting: a TIN on the participation list.",
            "npi": "For TIN/NPI reporting: an NPI listed under that TIN.",
            "measure_id": "The 2020 Quality ID, for example 047.",
            "performance_rate": "Only when there is no numerator and denominator.",
            "eligible_population": "Cases for the case minimum (20; readmission 200); blank "
                                   "uses the denominator. Required for a CMS-calculated "
                                   "measure (administrative claims, CAHPS survey) without a "
                                   "denominator.",
            "wi_reported_beneficiaries": "Web Interface only, instead of data completeness: "
                                         "\"the first 248 consecutively ranked beneficiaries "
                                         "in the sample\" (seed §4.2.2).",
            "wi_sample_size": "Web Interface only: \"If the sample of eligible assigned "
                              "beneficiaries is less than 248, then the group must report on "
                              "100 percent of assigned beneficiaries\".",
            "data_completeness": "70 % needed (Web Interface: 100 % of the first 248 "
                                 "beneficiaries); not needed for CMS-calculated measures.",
        }

    summary_measures = forms.CharField(
        label="Summary survey measure scores", required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="CAHPS for MIPS (321) or CAHPS for ACOs (ACO321) only, one per line, e.g. "
                  "CAHPS_1=84.2. \"The CAHPS for MIPS measure, if submitted, will be "
                  "considered as one of the six required measures\" (seed §4.3.3): it is "
                  "worth the average of their points.")

    def __init__(self, *args, entity: ApmEntity, **kwargs):
        self.entity = entity
        super().__init__(*args, **kwargs)
        self.fields["submission_method"].choices = SubmissionMethod.choices
        if self.instance.pk and not self.is_bound:
            self.initial["summary_measures"] = "\n".join(
                f"{s['measure_id']}={s['performance_rate']}"
                for s in self.instance.summary_measures or ())

    def clean_summary_measures(self):
        try:
            return parse_summary_measures(self.cleaned_data["summary_measures"] or "")
        except ValueError as exc:
            raise forms.ValidationError(f"Enter {exc}.") from exc

    def clean(self):
        from scoring.services.entities import submission_errors

        data = super().clean()
        if self.errors:
            return data
        for name, messages in submission_errors(entity=self.entity, data=data).items():
            for message in messages:
                self.add_error(None if name == "__all__" else name, message)
        return data

    def validate_unique(self):
        """Duplicates are found by the service's full_clean (the entity is not a field)."""


CSV_KINDS = (DataUpload.Kind.ENTITIES, DataUpload.Kind.PARTICIPANTS, DataUpload.Kind.SUBMISSIONS)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k.label) for k in CSV_KINDS], widget=forms.RadioSelect,
                             label="What the file holds")
    file = forms.FileField(label="CSV file", help_text="UTF-8 CSV, at most 5 MB, with the "
                                                       "documented header row.",
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))


class FormatUploadForm(forms.Form):
    """A QPP Submissions API JSON or QRDA Category III file for one APM Entity."""

    format = forms.ChoiceField(choices=[("qpp_json", DataUpload.Kind.QPP_JSON.label),
                                        ("qrda3", DataUpload.Kind.QRDA3.label)],
                               widget=forms.RadioSelect, label="File format")
    entity_id = forms.CharField(label="APM Entity ID", max_length=40,
                                help_text="The entity whose measure data the file holds.")
    file = forms.FileField(label="File", help_text="JSON or XML, at most 5 MB.",
                           widget=forms.ClearableFileInput(
                               attrs={"accept": ".json,.xml,application/json,text/xml"}))

    def __init__(self, *args, entities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entities = entities

    def clean_entity_id(self):
        value = self.cleaned_data["entity_id"].strip()
        entity = self.entities.filter(entity_id=value).order_by("-performance_year").first()
        if entity is None:
            raise forms.ValidationError("No APM Entity has this ID.")
        self.cleaned_data["entity"] = entity
        return value


class RunStartForm(forms.Form):
    performance_year = forms.TypedChoiceField(choices=[(2020, "2020")], coerce=int,
                                              label="Performance year")


class _GetForm(forms.Form):
    """Filters read from the query string: bad values are dropped, never a 500."""

    def values(self) -> dict:
        if not self.is_valid():
            return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return self.cleaned_data


_ANY_YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


class CatalogueFilterForm(_GetForm):
    q = forms.CharField(label="Search by Quality ID or title", required=False, max_length=100)
    measure_type = forms.ChoiceField(label="Measure type", required=False)
    high_priority = forms.TypedChoiceField(label="High priority", choices=_ANY_YES_NO,
                                           required=False, coerce=_yes_no, empty_value=None)
    submission_method = forms.ChoiceField(
        label="Submission method", required=False,
        choices=[("", "Any"), *SubmissionMethod.choices])
    topped_out = forms.TypedChoiceField(label="Topped out (any 2020 benchmark)",
                                        choices=_ANY_YES_NO, required=False, coerce=_yes_no,
                                        empty_value=None)

    def __init__(self, *args, measure_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_type"].choices = [("", "Any"), *((t, t) for t in measure_types)]


class EntityFilterForm(_GetForm):
    q = forms.CharField(label="Search by ID or name", required=False, max_length=100)
    apm_type = forms.ChoiceField(label="APM", required=False,
                                 choices=[("", "Any"), *ApmType.choices])


class ScoreFilterForm(_GetForm):
    q = forms.CharField(label="Search by entity ID or name", required=False, max_length=100)
    run = forms.ModelChoiceField(queryset=ScoringRun.objects.none(), required=False,
                                 label="Scoring run", empty_label="Any")
    status = forms.ChoiceField(label="Result", required=False,
                               choices=[("", "Any"), *EntityScore.Status.choices])
    apm_type = forms.ChoiceField(label="APM", required=False,
                                 choices=[("", "Any"), *ApmType.choices])
    level = forms.ChoiceField(label="Quality reported at", required=False,
                              choices=[("", "Any"), ("entity", "APM Entity level"),
                                       ("tin_npi", "TIN/NPI roll-up"),
                                       ("reweighted", "Quality reweighted")])
    min_final = forms.DecimalField(label="Final score at least", required=False, min_value=0,
                                   max_value=100)
    max_final = forms.DecimalField(label="Final score at most", required=False, min_value=0,
                                   max_value=100)

    def __init__(self, *args, runs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if runs is not None:
            self.fields["run"].queryset = runs
