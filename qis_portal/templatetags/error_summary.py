"""The USWDS error summary: one per form with errors, each item linking to its field, and the
"Error: " page title prefix (https://designsystem.digital.gov/components/form/ — error summary).

static/js/error-summary.js moves focus to the summary when the page loads and, when an item is
followed, to the field itself (a fragment link alone scrolls but does not focus an input)."""

from django import forms, template
from django.forms.formsets import BaseFormSet

register = template.Library()

_RENDERED = "_portal_error_summary_rendered"


def _field_target(bound_field) -> str:
    """The id a summary item links to: the input itself, or a choice group's first choice."""
    widget = bound_field.field.widget
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{bound_field.auto_id}_0" if bound_field.auto_id else ""
    return bound_field.auto_id or ""


def summary_items(form) -> list[dict]:
    """(label, message, target id) of every error of a bound form, non-field errors first."""
    if not isinstance(form, forms.BaseForm) or not form.is_bound or not form.errors:
        return []
    items = [{"label": "", "message": e, "target": ""} for e in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            target = "" if bound_field.is_hidden else _field_target(bound_field)
            items.append({"label": bound_field.label, "message": message, "target": target})
    return items


@register.inclusion_tag("uswds/error_summary.html")
def error_summary(form, heading: str = "There is a problem", labels: bool = True):
    """The summary, once per form: a page that includes it before ``form|crispy`` (which
    includes it again) shows it once, at the first place. `labels=False` leaves the field
    labels out where each message already names its element (the QIS forms' "16f Measure 1a
    performance target: ...")."""
    items = summary_items(form)
    if not items or getattr(form, _RENDERED, False):
        return {"items": []}
    setattr(form, _RENDERED, True)
    if not labels:
        items = [{**item, "label": ""} for item in items]
    return {"items": items, "heading": heading}


def _has_errors(value) -> bool:
    if isinstance(value, forms.BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, BaseFormSet):
        return value.is_bound and not value.is_valid()
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    """"Error: " when any form on the page came back with errors."""
    return "Error: " if any(_has_errors(v) for v in context.flatten().values()) else ""
