"""A PDF of a form as filed (reportlab, pure Python), in the paper's order and numbering."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from submissions.elements import get_spec
from submissions.models import Submission
from submissions.presentation import render_form


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def submission_pdf(submission: Submission) -> bytes:
    styles = getSampleStyleSheet()
    small = ParagraphStyle("small", parent=styles["BodyText"], fontSize=9, leading=11)
    label = ParagraphStyle("label", parent=small, textColor=colors.HexColor("#1b1b1b"),
                           fontName="Helvetica-Bold")
    spec = get_spec(submission.form_type)
    buffer = io.BytesIO()
    filed = submission.snapshot is not None
    doc = SimpleDocTemplate(
        buffer, pagesize=LETTER, leftMargin=0.7 * inch, rightMargin=0.7 * inch,
        topMargin=0.7 * inch, bottomMargin=0.7 * inch,
        title=f"{spec.title} — {submission.issuer.name} — {submission.window.plan_year}",
        author=submission.issuer.name,
    )
    story = [_p(spec.title, styles["Title"]),
             _p(f"{submission.window.plan_year} plan year — {submission.issuer.name} "
                f"(HIOS Issuer ID {submission.issuer.hios_issuer_id or '—'})", styles["Heading3"])]
    if filed:
        story.append(_p(f"As filed {submission.submitted_at:%Y-%m-%d %H:%M} UTC by "
                        f"{submission.snapshot.get('submitted_by', '')}; status: "
                        f"{submission.get_status_display()}.", small))
    else:
        story.append(_p("DRAFT — not submitted. Values may still change.", label))
    story.append(Spacer(1, 8))
    for part in render_form(submission.form_type, submission.filed_data):
        story.append(_p(part.title, styles["Heading2"]))
        for section in part.sections:
            if section.heading:
                story.append(_p(section.heading, styles["Heading4"]))
            for text in section.text:
                story.append(_p(text, small))
            rows = [[_p(row.number, label), _p(row.label, small), _p(row.value or "—", small)]
                    for row in section.rows]
            if rows:
                table = Table(rows, colWidths=[0.8 * inch, 3.0 * inch, 3.3 * inch])
                table.setStyle(TableStyle([
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dfe1e2")),
                ]))
                story.append(table)
            story.append(Spacer(1, 4))
    determination = getattr(submission, "determination", None)
    if determination is not None:
        story.append(_p("CMS determination", styles["Heading2"]))
        story.append(_p(f"{determination.get_outcome_display()} — "
                        f"{determination.determined_at:%Y-%m-%d}", label))
        for finding in determination.findings.all():
            story.append(_p(f"{finding}: {finding.note}", small))
        if determination.correction_report:
            story.append(_p(f"Correction report: {determination.correction_report}", small))
    doc.build(story)
    return buffer.getvalue()
