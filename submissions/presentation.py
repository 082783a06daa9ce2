"""The form as filed, element by element in the paper's order: one structure for the detail
page, the print view, the PDF and the CSV columns."""

from dataclasses import dataclass

from submissions.elements import FormSpec, get_spec
from submissions.validators.common import result_kind
from submissions.validators.fields import display_value, is_blank

# Paper entries without an element number of their own.
UNNUMBERED = ("Part A", "QIS Title", "Optional")


@dataclass(frozen=True)
class Row:
    number: str
    label: str
    value: str


@dataclass(frozen=True)
class Section:
    heading: str
    text: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class RenderedPart:
    title: str
    sections: tuple[Section, ...]


def _count(value) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


def _result_text(spec: FormSpec, data: dict, prefix: str) -> str | None:
    group = next((g for g in spec.results if g.prefix == prefix), None)
    if group is None:
        return None
    kind = result_kind(data, group)
    rate, num, den, point = (data.get(key) for key in group.keys)
    if kind == "rate":
        return f"Calculated rate {rate} % (numerator {_count(num)}, denominator {_count(den)})"
    if kind == "data_point":
        return f"Data point {point}"
    parts = [f"{label} {value}" for label, value in (
        ("calculated rate", rate), ("numerator", num), ("denominator", den),
        ("data point", point)) if not is_blank(value)]
    return "; ".join(parts)


def render_form(form_type: str, data: dict) -> list[RenderedPart]:
    spec = get_spec(form_type)
    rendered = []
    for part in spec.parts:
        sections = []
        for block in part.blocks:
            rows = []
            done = set()
            for key in block.keys:
                if key in done:
                    continue
                element = spec.elements[key]
                prefix = key.rsplit("_", 1)[0]
                if key.endswith("_rate") and any(g.prefix == prefix for g in spec.results):
                    group = next(g for g in spec.results if g.prefix == prefix)
                    done.update(group.keys)
                    rows.append(Row(element.number, block.legend or group.subject,
                                    _result_text(spec, data, prefix)))
                    continue
                period = next((p for p in spec.periods if p.start == key), None)
                if period is not None:
                    done.update((period.start, period.end))
                    start, end = data.get(period.start) or "", data.get(period.end) or ""
                    value = f"{start} to {end}" if start or end else ""
                    rows.append(Row(element.number, block.legend or period.subject, value))
                    continue
                number = "" if element.number in UNNUMBERED else element.number
                rows.append(Row(number, element.label, display_value(element, data.get(key))))
            sections.append(Section(block.heading, block.text, tuple(rows)))
        rendered.append(RenderedPart(part.title, tuple(sections)))
    return rendered


def flat_columns(form_type: str) -> list[tuple[str, str]]:
    """(key, header) for every element, in the paper's order (CSV export)."""
    spec = get_spec(form_type)
    columns = []
    for part in spec.parts:
        for key in part.keys:
            element = spec.elements[key]
            columns.append((key, element.code[:120]))
    return columns
