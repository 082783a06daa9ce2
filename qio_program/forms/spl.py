from django import forms

from qis_portal.regions import QIN_REGIONS


class SplUploadForm(forms.Form):
    region = forms.ChoiceField(label="QIN region", choices=[("", "- Select -")]
                               + [(r.value, r.label) for r in QIN_REGIONS])
    file = forms.FileField(
        label="SPL file (CSV)", widget=forms.ClearableFileInput(
            attrs={"class": "usa-file-input", "accept": ".csv,text/csv"}),
        help_text="A UTF-8 CSV in the documented SPL format, up to 20 MB. The whole file is "
                  "checked first: one bad row imports nothing.")
