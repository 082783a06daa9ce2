"""Decision notes, announcements and the report period."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from qis_portal.models import QIO_ORG_TYPES, Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_REPORT_DAYS = 366


class NoteForm(forms.Form):
    note = forms.CharField(label="Note (optional)", max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class AnnouncementForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    body = forms.CharField(label="Message", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 6}))
    to_all = forms.BooleanField(label="Send to all QIOs", required=False)
    organizations = forms.ModelMultipleChoiceField(
        label="Or choose QIO organizations", required=False,
        queryset=Organization.objects.filter(
            org_type__in=QIO_ORG_TYPES).order_by("name"),
        widget=forms.CheckboxSelectMultiple)

    def clean(self):
        data = super().clean()
        if not data.get("to_all") and not data.get("organizations"):
            self.add_error("organizations", "Choose the QIOs to send to, or all QIOs.")
        return data


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=DATE)
    end = forms.DateField(label="To", required=False, widget=DATE)

    def period(self):
        from ..selectors.reports import Period

        default = Period.last_days(30)
        if not self.is_valid():
            return default
        start = self.cleaned_data.get("start") or default.start
        end = self.cleaned_data.get("end") or timezone.localdate()
        if end < start:
            start, end = end, start
        if (end - start).days > MAX_REPORT_DAYS:
            start = end - timedelta(days=MAX_REPORT_DAYS)
        return Period(start, end)
