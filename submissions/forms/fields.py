"""Django form fields for paper elements. The fields only carry widgets, labels and hints;
every rule is applied by submissions.validators (one place for forms, API and services)."""

from django import forms
from django.core.validators import MaxLengthValidator

from submissions import elements as k
from submissions.elements import Element

NUMBER_KINDS = {k.DECIMAL: "decimal", k.PERCENT: "decimal", k.COUNT: "numeric",
                k.DIGITS: "numeric"}
NO_PREFIX = ("QIS Title", "Part A", "Optional", "Confirmation")


def element_label(element: Element, in_fieldset: bool) -> str:
    if in_fieldset or element.number in NO_PREFIX or element.label.startswith(element.number):
        return element.label
    return f"{element.number}. {element.label}"


def element_field(element: Element, *, in_fieldset: bool = False) -> forms.Field:
    label = element_label(element, in_fieldset)
    common = {"required": False, "label": label, "help_text": element.help}
    if element.kind in (k.CHOICE, k.YESNO):
        return forms.ChoiceField(choices=element.choices, widget=forms.RadioSelect, **common)
    if element.kind == k.MULTI:
        return forms.MultipleChoiceField(choices=element.choices,
                                         widget=forms.CheckboxSelectMultiple, **common)
    if element.kind == k.CONFIRM:
        return forms.BooleanField(**common)
    attrs = {}
    if element.kind in NUMBER_KINDS:
        attrs["inputmode"] = NUMBER_KINDS[element.kind]
    if element.kind == k.EMAIL:
        attrs["autocomplete"] = "email"
    if element.kind == k.PHONE:
        attrs["autocomplete"] = "tel-national"
    if element.kind == k.MONTH:
        common["help_text"] = element.help or "MM/YYYY"
    if element.kind == k.TEXTAREA:
        widget = forms.Textarea(attrs={"rows": 5, **attrs})
    else:
        widget = forms.TextInput(attrs=attrs)
    if element.max_words:
        widget.attrs["data_word_limit"] = element.max_words
    max_length = element.max_chars if element.kind in (k.TEXT, k.TEXTAREA) else None
    field = forms.CharField(max_length=max_length, widget=widget, strip=False, **common)
    # The limit drives the USWDS character counter; the rule itself (with the element's name
    # in the message) lives in the validators.
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    return field
