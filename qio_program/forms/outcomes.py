from django import forms
from django.db.models import Q

from qio_program.models import OutcomeMeasure
from qio_program.services.outcomes import current_quarter


class OutcomeForm(forms.Form):
    measure = forms.ModelChoiceField(queryset=OutcomeMeasure.objects.none())
    year = forms.IntegerField(min_value=2020, max_value=2100)
    quarter = forms.TypedChoiceField(coerce=int, choices=[(1, "Q1 (Jan–Mar)"),
                                                         (2, "Q2 (Apr–Jun)"),
                                                         (3, "Q3 (Jul–Sep)"),
                                                         (4, "Q4 (Oct–Dec)")])
    value = forms.DecimalField(max_digits=12, decimal_places=4)
    numerator = forms.IntegerField(min_value=0, required=False)
    denominator = forms.IntegerField(min_value=0, required=False)
    notes = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, provider, measure_ids, **kwargs):
        """`measure_ids`: the measure set pinned for the provider's task order."""
        year, quarter = current_quarter()
        kwargs.setdefault("initial", {"year": year, "quarter": quarter})
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = OutcomeMeasure.objects.filter(
            Q(applies_to="") | Q(applies_to=provider.setting), pk__in=measure_ids)


class OutcomeQueryForm(forms.Form):
    question = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text="What the reporter should check or correct.")
