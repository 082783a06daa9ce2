"""CMS opens a plan year's submission window."""

from django import forms


class WindowForm(forms.Form):
    plan_year = forms.IntegerField(label="Plan year", min_value=2014, max_value=2100)
    form_version = forms.CharField(
        label="Form version", max_length=200, required=False,
        help_text="As printed on the form, e.g. “2025 Plan Year Draft QIS Progress Report "
                  "Form”.")
    omb_number = forms.CharField(label="OMB control number", max_length=20, initial="0938-1286",
                                 help_text="Four digits, a hyphen, four digits.")
    opens_on = forms.DateField(label="Opens on", help_text="mm/dd/yyyy",
                               input_formats=["%m/%d/%Y", "%Y-%m-%d"])
    due_date = forms.DateField(label="Due date (last day to submit, Eastern time)",
                               help_text="mm/dd/yyyy", input_formats=["%m/%d/%Y", "%Y-%m-%d"])
