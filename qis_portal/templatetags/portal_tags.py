from django import template

from qis_portal.services.audit import audit_history

register = template.Library()


@register.filter
def startswith(value: str, prefix: str) -> bool:
    return bool(prefix) and prefix != "/" and str(value).startswith(prefix)


@register.inclusion_tag("includes/history.html")
def history_panel(obj, limit: int = 50):
    """The audit trail of one object, for its page."""
    return {"events": audit_history(obj)[:limit], "object": obj}


@register.simple_tag
def field_describedby(field, counter: bool = False) -> str:
    """Ids of the hint, error and counter that exist for a field (axe: no dangling ids)."""
    fid = field.auto_id
    ids = []
    if counter:
        ids.append(f"{fid}-info")
    if field.help_text:
        ids.append(f"{fid}-hint")
    if field.errors:
        ids.append(f"{fid}-error")
    if field.field.widget.attrs.get("data_word_limit"):
        ids.append(f"{fid}-words")
    return " ".join(ids)
