"""Small presentation helpers for lifecycle pages (status tags, business-day clocks)."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from qis_portal.regions import state_name

register = template.Library()

STATUS_CLASSES = {
    "submitted": "bg-primary-dark", "presented": "bg-primary-dark", "sent": "bg-primary-dark",
    "approved": "bg-success-darker", "signed": "bg-success-darker",
    "active": "bg-success-darker", "returned": "bg-accent-warm-darker",
    "terminated": "bg-base-darker", "ended": "bg-base-darker",
}


@register.simple_tag
def status_tag(obj):
    """The object's status as a USWDS tag (colour plus text, never colour alone)."""
    return format_html('<span class="usa-tag {}">{}</span>', STATUS_CLASSES.get(obj.status, ""),
                       obj.get_status_display())


@register.simple_tag
def deliverable_tag(deliverable, today):
    if deliverable.delivered_at is not None:
        late = timezone.localdate(deliverable.delivered_at) > deliverable.due_date
        return format_html('<span class="usa-tag bg-success-darker">{}</span>',
                           "Delivered late" if late else "Delivered")
    if deliverable.due_date < today:
        return mark_safe('<span class="usa-tag bg-error-dark">Overdue</span>')
    return mark_safe('<span class="usa-tag">Open</span>')


@register.simple_tag
def clock(item):
    """An approval's business-day clock: left, due today, or overdue."""
    if item.due_date is None:
        return "No deadline set"
    if item.overdue:
        overdue_by = -item.days_left
        text = (f"Overdue by {overdue_by} business day{'s' if overdue_by != 1 else ''}"
                if overdue_by else "Overdue")
        if item.escalated:
            text += " — escalated"
        return format_html('<span class="usa-tag bg-error-dark">{}</span>', text)
    if item.days_left == 1:
        return format_html('<span class="usa-tag bg-accent-warm-darker">{}</span>',
                           "1 business day left (due today)")
    return f"{item.days_left} business days left"


@register.filter
def state_label(code: str) -> str:
    return f"{state_name(code)} ({code})" if code else ""


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
