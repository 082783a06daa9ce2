from datetime import timedelta

from django import forms
from django.utils import timezone

from qio_program.forms.common import DateInput
from qis_portal.regions import Region

DEFAULT_WINDOW_DAYS = 90


class DateRangeForm(forms.Form):
    date_from = forms.DateField(label="From", required=False, widget=DateInput())
    date_to = forms.DateField(label="To", required=False, widget=DateInput())
    region = forms.ChoiceField(required=False, choices=[("", "All regions")] + Region.choices)

    def __init__(self, *args, show_region: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_region:
            del self.fields["region"]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("“From” must be on or before “To”.")
        return data

    def window(self):
        """(from, to, region): the last 90 days unless the user chose a valid range."""
        today = timezone.localdate()
        if self.is_valid():
            end = self.cleaned_data.get("date_to") or today
            start = self.cleaned_data.get("date_from") or end - timedelta(days=DEFAULT_WINDOW_DAYS)
            return start, end, self.cleaned_data.get("region", "")
        return today - timedelta(days=DEFAULT_WINDOW_DAYS), today, ""
