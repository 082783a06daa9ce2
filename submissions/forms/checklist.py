"""The Work Plan reviewer's checklist: seed 002's "Applicant must" (1-3) and "This workplan
must address" (1-7) items, each met or not met, with a note."""

from django import forms

from submissions.elements.work_plan import CHECKLIST

MET_CHOICES = (("met", "Met"), ("not_met", "Not met"))


class ChecklistForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, heading, number, text in CHECKLIST:
            self.fields[f"{key}_met"] = forms.ChoiceField(
                label=f"{heading} {number}. {text}", choices=MET_CHOICES,
                widget=forms.RadioSelect, required=False)
            self.fields[f"{key}_note"] = forms.CharField(
                label=f"Note on item {number}", required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}))

    def groups(self) -> list[dict]:
        """The two lists, each with its items' fields, in the seed's order."""
        result: list[dict] = []
        for key, heading, _number, _text in CHECKLIST:
            if not result or result[-1]["heading"] != heading:
                result.append({"heading": heading, "items": []})
            result[-1]["items"].append((self[f"{key}_met"], self[f"{key}_note"]))
        return result

    def answers(self) -> list[dict]:
        return [{"key": key, "met": self.cleaned_data.get(f"{key}_met") or "",
                 "note": self.cleaned_data.get(f"{key}_note") or ""}
                for key, _heading, _number, _text in CHECKLIST]
