"""One form per Part of the paper, built from the element list (seed order and wording)."""

from django import forms

from submissions.elements import FormSpec, Part
from submissions.forms.fields import element_field
from submissions.validators import clean_values
from submissions.validators.fields import form_value


class PartForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, spec: FormSpec, part: Part, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec, self.part = spec, part
        self.values: dict = {}
        for block in part.blocks:
            for key in block.keys:
                self.fields[key] = element_field(spec.elements[key],
                                                 in_fieldset=bool(block.legend))

    @classmethod
    def initial_from(cls, data: dict, spec: FormSpec, part: Part, version: int) -> dict:
        initial = {"version": version}
        for key in part.keys:
            if key in data:
                initial[key] = form_value(spec.elements[key], data[key])
        return initial

    def clean(self):
        cleaned = super().clean()
        raw = {key: cleaned.get(key) for key in self.part.keys}
        self.values, errors = clean_values(self.spec, raw, self.part.keys)
        for key, messages in errors.items():
            for message in messages:
                self.add_error(key if key in self.fields else None, message)
        return cleaned

    def blocks(self):
        """The part's blocks with their bound fields, for the template."""
        return [{"heading": block.heading, "text": block.text, "legend": block.legend,
                 "hint": block.hint, "keys": block.keys,
                 "fields": [self[key] for key in block.keys]}
                for block in self.part.blocks]
