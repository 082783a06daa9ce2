"""QIS Progress Report Form, 2025 plan year, OMB 0938-1286 (seed 000), whole."""

from submissions.elements import (
    CHOICE,
    CONFIRM,
    COUNT,
    DATE,
    DECIMAL,
    DIGITS,
    EMAIL,
    MONTH,
    MULTI,
    PERCENT,
    PHONE,
    STATE,
    TEXT,
    TEXTAREA,
    YES_NO,
    YESNO,
    Block,
    Element,
    FormSpec,
    Part,
    Period,
    ResultGroup,
    measure_letters,
)

FORM_TYPE = "progress_report"
CLOSEOUT = "closeout"
WITH_MODIFICATIONS = "progress_report_modified"
# Element 1 (seed 000): a Progress Report continues the QIS "with or without modifications";
# with them, the issuer "must also complete a Modification Summary Supplement form".
SUBMISSION_TYPES = (
    ("progress_report", "Progress Report — continuing the QIS without modifications"),
    (WITH_MODIFICATIONS, "Progress Report — continuing the QIS with modifications (with a "
                         "Modification Summary Supplement)"),
    (CLOSEOUT, "Progress Report Closeout Form"),
)
PAYMENT_MODELS = (
    ("ffs_no_link", "Fee for Service – No Link to Quality and Value"),
    ("ffs_linked", "Fee for Service – Linked to Quality and Value"),
    ("apm_ffs", "Alternative Payment Models Built on Fee for Service Architecture"),
    ("population", "Population-based Payment"),
)
PAYMENT_DESCRIPTIONS = {
    "ffs_no_link": "Payments are based on volume of services and not linked to quality or "
                   "efficiency.",
    "ffs_linked": "At least a portion of payments vary based on the quality or efficiency of "
                  "health care delivery.",
    "apm_ffs": "Some payment is linked to the effective management of a segment of the "
               "population or an episode of care. Payments are still triggered by delivery of "
               "services, but there are opportunities for shared savings or two-sided risk.",
    "population": "Payment is not directly triggered by service delivery, so payment is not "
                  "linked to volume. Clinicians and organizations are paid and responsible for "
                  "the care of a beneficiary for a long period (e.g., more than one year).",
}
PAYMENT_KEYS = {code: f"payment_{code}" for code, _ in PAYMENT_MODELS}
# "approximately 100 percent" (element 15): we accept 99 to 101 percent inclusive.
PAYMENT_TOTAL_RANGE = ("99", "101")

MEASURES = ("1a", "1b", "2a", "2b")
RATE_NOTE = ("Either the calculated rate with its numerator and denominator (the numerator and "
             "denominator should calculate to the rate provided, within ±0.05 percentage "
             "points), or the data point if the measure is not a rate — exactly one.")
PERIOD_NOTE = ("Month and year, MM/YYYY; the start may not be after the end (one month, "
               "01/2024–01/2024, is a period).")


def _measure_elements(measure: str) -> tuple[list[Element], list[Block], ResultGroup,
                                             ResultGroup, Period, Period]:
    index = MEASURES.index(measure)
    name_l, base_l, bper_l, prog_l, pper_l, targ_l, ach_l = (
        f"16{letter}" for letter in measure_letters(index * 7))
    p = f"m{measure}"
    on_file = "from the Implementation Plan or the Modification Summary Supplement on file, " \
              "if applicable"

    def result(prefix: str, number: str, subject: str) -> list[Element]:
        return [
            Element(f"{prefix}_rate", number, "Calculated Rate (%)", PERCENT, "c",
                    subject=f"{subject}, calculated rate"),
            Element(f"{prefix}_numerator", number, "Numerator", COUNT, "c",
                    subject=f"{subject}, numerator"),
            Element(f"{prefix}_denominator", number, "Denominator", COUNT, "c",
                    subject=f"{subject}, denominator"),
            Element(f"{prefix}_data_point", number, "Data Point", DECIMAL, "c",
                    subject=f"{subject}, data point"),
        ]

    def period(prefix: str, number: str, subject: str) -> list[Element]:
        return [
            Element(f"{prefix}_start", number, "Data collection began (MM/YYYY)", MONTH, "c",
                    subject=f"{subject}, start"),
            Element(f"{prefix}_end", number, "Data collection ended (MM/YYYY)", MONTH, "c",
                    subject=f"{subject}, end"),
        ]

    elements = [
        Element(f"{p}_name", name_l, f"Restate Measure {measure} name {on_file}:", TEXT, "c",
                max_chars=500, subject=f"Measure {measure} name"),
        Element(f"{p}_cbe_id", name_l,
                "If this a consensus-based entity (CBE)-endorsed measure, please provide the "
                "4-digit CBE-ID number:", DIGITS, "c", digits=4,
                subject=f"Measure {measure} CBE-ID"),
        *result(f"{p}_baseline", base_l, f"Measure {measure} baseline"),
        *period(f"{p}_baseline", bper_l, f"Measure {measure} baseline period"),
        *result(f"{p}_progress", prog_l, f"Measure {measure} progress result"),
        *period(f"{p}_progress", pper_l, f"Measure {measure} progress period"),
        Element(f"{p}_target", targ_l, "Restate the numerical value performance target for "
                "this measure (i.e., the target rate or data point the QIS intends to achieve) "
                f"{on_file}:", DECIMAL, "c",
                help="(Note: This entry should be a rate (%) or a data point target, NOT a "
                     "percentage change.)", subject=f"Measure {measure} performance target"),
        Element(f"{p}_target_achieved", ach_l, "Was the performance target achieved?", YESNO,
                "c", choices=YES_NO, subject=f"Measure {measure} target achieved"),
    ]
    blocks = [
        Block((f"{p}_name", f"{p}_cbe_id"), heading=f"Measure {measure}",
              legend=f"{name_l}. Measure {measure}"),
        Block(tuple(f"{p}_baseline_{s}" for s in ("rate", "numerator", "denominator",
                                                 "data_point")),
              legend=f"{base_l}. Baseline Assessment: Restate the baseline results {on_file}",
              hint=RATE_NOTE),
        Block((f"{p}_baseline_start", f"{p}_baseline_end"),
              legend=f"{bper_l}. Provide the baseline performance period (i.e., month and year "
                     "when data collection began and ended) covered by the baseline assessment "
                     f"provided in the Implementation Plan or the Modification Summary "
                     f"Supplement on file, if applicable", hint=PERIOD_NOTE),
        Block(tuple(f"{p}_progress_{s}" for s in ("rate", "numerator", "denominator",
                                                 "data_point")),
              legend=f"{prog_l}. Provide the Progress Report results", hint=RATE_NOTE),
        Block((f"{p}_progress_start", f"{p}_progress_end"),
              legend=f"{pper_l}. Provide the Progress Report performance period (i.e., month "
                     "and year when data collection began and ended) covered by the progress "
                     "report assessment", hint=PERIOD_NOTE),
        Block((f"{p}_target",)),
        Block((f"{p}_target_achieved",)),
    ]
    groups = (ResultGroup(f"{p}_baseline", base_l, f"Measure {measure} baseline"),
              ResultGroup(f"{p}_progress", prog_l, f"Measure {measure} progress result"))
    periods = (Period(f"{p}_baseline_start", f"{p}_baseline_end", bper_l,
                      f"Measure {measure} baseline period"),
               Period(f"{p}_progress_start", f"{p}_progress_end", pper_l,
                      f"Measure {measure} progress period"))
    return elements, blocks, *groups, *periods


def _contact(prefix: str, role: str, numbers: tuple[str, str, str, str, str]) -> list[Element]:
    n_name, n_title, n_phone, n_email = numbers[0], numbers[1], numbers[2], numbers[3]
    return [
        Element(f"{prefix}_first_name", n_name, f"QIS {role} Contact’s First Name", TEXT, "b",
                max_chars=100),
        Element(f"{prefix}_last_name", n_name, f"QIS {role} Contact’s Last Name", TEXT, "b",
                max_chars=100),
        Element(f"{prefix}_title", n_title, f"QIS {role} Contact’s Title", TEXT, "b",
                max_chars=150),
        Element(f"{prefix}_phone", n_phone, f"QIS {role} Contact’s Phone", PHONE, "b",
                max_chars=20, help="Ten digits, for example 916-555-0100."),
        Element(f"{prefix}_phone_ext", n_phone, "Ext.", DIGITS, "b", max_chars=6,
                subject=f"QIS {role} Contact’s Phone extension"),
        Element(f"{prefix}_email", n_email, f"QIS {role} Contact’s Email", EMAIL, "b",
                max_chars=254),
    ]


def _build() -> FormSpec:
    part_a = [
        Element("reviewed_plan", "Part A",
                "I confirm I have reviewed our baseline QIS Implementation Plan (and associated "
                "Modification Summary Supplement, if applicable) in preparing this submission.",
                CONFIRM, "a", subject="Confirmation of review of the Implementation Plan"),
        Element("submission_type", "1", "Type of QIS Submission", CHOICE, "a",
                choices=SUBMISSION_TYPES,
                help="Progress Report: continuing the current QIS, without or with "
                     "modifications; with modifications, file a Modification Summary "
                     "Supplement on the Implementation Plan first. Progress Report Closeout "
                     "Form: discontinuing the current QIS; you must also file a new "
                     "Implementation Plan for the new QIS.",
                subject="Type of QIS Submission"),
        Element("qis_title", "QIS Title",
                "QIS Title: Restate the short title for the QIS being reported on. "
                "(200-character limit)", TEXT, "a", max_chars=200, subject="QIS Title"),
    ]
    part_b = [
        Element("issuer_legal_name", "2", "Issuer Legal Name", TEXT, "b", max_chars=200),
        Element("company_legal_name", "3", "Company Legal Name", TEXT, "b", max_chars=200),
        Element("hios_issuer_id", "4", "HIOS Issuer ID", DIGITS, "b", digits=5,
                help="Five digits."),
        Element("issuer_state", "5", "Issuer State", STATE, "b", max_chars=2,
                help="Two-letter postal code, for example CA."),
        *_contact("primary", "Primary", ("6", "7", "8", "9", "")),
        *_contact("secondary", "Secondary", ("10", "11", "12", "13", "")),
        Element("exchange_start_date", "14",
                "Date Issuer Began Offering Coverage Through the Exchange", DATE, "b",
                help="mm/dd/yyyy"),
        Element("payment_models", "15", "Payment model categories used across the Exchange "
                "product line (select all that apply)", MULTI, "b", choices=PAYMENT_MODELS,
                subject="Current Payment Model(s)"),
        *[Element(PAYMENT_KEYS[code], "15", f"{label}: percentage of payments", PERCENT, "b",
                  help=PAYMENT_DESCRIPTIONS[code], subject=f"Payment percentage, {label}")
          for code, label in PAYMENT_MODELS],
    ]
    part_c = [Element("goal_1", "16", "QIS Goal 1 (500 character limit)", TEXTAREA, "c",
                      max_chars=500, subject="QIS Goal 1")]
    blocks_c = [Block(("goal_1",), heading="16. Analyze Progress Using Baseline Data, as "
                      "Documented in the Implementation Plan (Must Pass)",
                      text=("Restate Goal 1 identified in the Implementation Plan or the "
                            "Modification Summary Supplement on file, if applicable.",))]
    results, periods = [], []
    for measure in MEASURES:
        if measure == "2a":
            part_c.append(Element("goal_2", "16", "QIS Goal 2 (500 character limit)", TEXTAREA,
                                  "c", max_chars=500, subject="QIS Goal 2"))
            blocks_c.append(Block(("goal_2",), heading="QIS Goal 2",
                                  text=("Restate Goal 2 identified in the Implementation Plan "
                                        "or the Modification Summary Supplement on file, if "
                                        "applicable.",)))
        elements, blocks, base, prog, bper, pper = _measure_elements(measure)
        part_c += elements
        blocks_c += blocks
        results += [base, prog]
        periods += [bper, pper]
    part_c += [
        Element("progress_summary", "17a", "Please provide a summary of progress (1,000 "
                "character limit)", TEXTAREA, "c", max_chars=1000, subject="Summary of progress"),
        Element("closeout_rationale", "17b", "If the issuer selected “Progress Report Closeout "
                "Form” in Element 1 of this Progress Report form, provide the rationale for "
                "discontinuing the QIS. (1,000 character limit)", TEXTAREA, "c", max_chars=1000,
                subject="Rationale for discontinuing the QIS"),
        Element("correction_changes", "17c", "If the issuer received an “Interim Meets” "
                "determination during the previous QIS Evaluation Period and was instructed to "
                "address the deficiencies in its subsequent Plan Year submission, please "
                "indicate which elements and/or criteria were updated based on the QIS "
                "Evaluation Period Correction Report and describe the changes. (1,000 character "
                "limit)", TEXTAREA, "c", max_chars=1000,
                subject="Changes made after the Correction Report"),
        Element("barriers", "18a", "Were barriers encountered in implementing the QIS over "
                "time?", YESNO, "c", choices=YES_NO, subject="Barriers encountered"),
        Element("barriers_description", "18a", "If “Yes,” describe the barriers, and the "
                "mitigation activities implemented to address each barrier. (1,500-character "
                "limit)", TEXTAREA, "c", max_chars=1500,
                subject="Description of barriers and mitigation"),
        Element("timeline_problems", "18b", "Were there problems meeting timelines as "
                "indicated in the QIS Implementation Plan on file?", YESNO, "c", choices=YES_NO,
                subject="Problems meeting timelines"),
        Element("timeline_description", "18b", "If “Yes,” describe the problems in meeting "
                "timelines and the mitigation activities implemented to address each problem "
                "in meeting the timeline. (1,500-character limit)", TEXTAREA, "c",
                max_chars=1500, subject="Description of timeline problems and mitigation"),
        Element("additional_info", "Optional", "Optional: If there is any additional "
                "information you would like to provide regarding your QIS Progress Report, "
                "please do so in the box below. (1,500 character limit)", TEXTAREA, "c",
                max_chars=1500, subject="Additional information"),
    ]
    blocks_c += [
        Block(("progress_summary",), heading="17. Summary of Progress (Must Pass)",
              text=("17a. Please provide a summary of progress covering the following details: "
                    "(Note: Regardless of if you made progress toward the performance "
                    "target(s), you will be required to describe any barriers encountered in "
                    "Criterion 18a and any problems meeting timelines in Criterion 18b.)",
                    "Indicate why progress was or was not made toward the performance target(s) "
                    "documented in your QIS Implementation Plan or the Modification Summary "
                    "Supplement on file, if applicable, and include a description of "
                    "activities that led to the outcome.")),
        Block(("closeout_rationale",)),
        Block(("correction_changes",)),
        Block(("barriers", "barriers_description"),
              heading="18. Barriers and Mitigation Activities",
              text=("18a. (Note: If your description of activities in Criterion 17a includes "
                    "barriers to implementing the QIS, you are still required to complete "
                    "Criterion 18a and elaborate on those barriers and any other barriers in "
                    "implementing the QIS, if applicable.)",)),
        Block(("timeline_problems", "timeline_description"),
              text=("18b. (Note: If your description of activities in Criterion 17a includes "
                    "problems meeting timelines, you are still required to complete Criterion "
                    "18b and elaborate on those problems and any other problems in meeting "
                    "timelines, if applicable.)",)),
        Block(("additional_info",), heading="Additional information"),
    ]
    parts = (
        Part("a", "Part A. Progress Report or Closeout QIS Submission", "Part A: Submission type",
             intro=("These fields are required but will not be scored as part of the QIS "
                    "evaluation.",
                    "Both issuers who are CONTINUING or DISCONTINUING a QIS need to submit a "
                    "Progress Report form. Issuers discontinuing their current QIS should select "
                    "Progress Report Closeout Form and also submit a QIS Implementation Plan "
                    "for the new QIS."),
             blocks=(Block(("reviewed_plan",)), Block(("submission_type",)),
                     Block(("qis_title",)))),
        Part("b", "Part B. Issuer Information", "Part B: Issuer information",
             intro=("These fields are required but will not be scored as part of the QIS "
                    "evaluation. Issuers may update the information in Part B from year to "
                    "year, as needed.",),
             blocks=(
                 Block(("issuer_legal_name", "company_legal_name", "hios_issuer_id",
                        "issuer_state")),
                 Block(tuple(e.key for e in part_b if e.key.startswith("primary_")),
                       legend="6–9. QIS Primary Contact"),
                 Block(tuple(e.key for e in part_b if e.key.startswith("secondary_")),
                       legend="10–13. QIS Secondary Contact"),
                 Block(("exchange_start_date",)),
                 Block(("payment_models", *PAYMENT_KEYS.values()),
                       heading="15. Current Payment Model(s) Description",
                       text=("Select the category(ies) of payment models that are used by the "
                             "issuer across its Exchange product line. Provide the percentage "
                             "of payments in each payment model category used by the issuer "
                             "across its Exchange product line. The total percentage of "
                             "payments across all four payment model types should equal "
                             "approximately 100 percent (this portal accepts a total from 99 "
                             "to 101 percent).",
                             "Note: These percentages can be estimates and do not need to be "
                             "exact figures.")),
             )),
        Part("c", "Part C. QIS Progress Report Summary", "Part C: Progress report summary",
             intro=("The Elements in Part C will be scored as part of the QIS evaluation.",
                    "The Goal(s) and Measure(s) in this section are the Goal(s) and Measure(s) "
                    "from the Implementation Plan form (and associated Modification Summary "
                    "Supplement, if applicable) on file against which QIS progress is "
                    "measured. Please make sure to correctly restate the values from the most "
                    "recent Implementation Plan on file."),
             blocks=tuple(blocks_c)),
    )
    elements = {e.key: e for e in [*part_a, *part_b, *part_c]}
    findings = [("1", "Type of QIS Submission"), ("QIS Title", "QIS Title")]
    findings += [(str(n), label) for n, label in (
        (2, "Issuer Legal Name"), (3, "Company Legal Name"), (4, "HIOS Issuer ID"),
        (5, "Issuer State"), (6, "Primary Contact’s Name"), (7, "Primary Contact’s Title"),
        (8, "Primary Contact’s Phone"), (9, "Primary Contact’s Email"),
        (10, "Secondary Contact’s Name"), (11, "Secondary Contact’s Title"),
        (12, "Secondary Contact’s Phone"), (13, "Secondary Contact’s Email"),
        (14, "Date Issuer Began Offering Coverage"), (15, "Current Payment Model(s)"))]
    sub_labels = ("name and CBE-ID", "baseline results", "baseline period", "progress results",
                  "progress period", "performance target", "target achieved")
    for index, measure in enumerate(MEASURES):
        for letter, label in zip(measure_letters(index * 7), sub_labels, strict=True):
            findings.append((f"16{letter}", f"Measure {measure} {label}"))
    findings += [("17a", "Summary of progress"), ("17b", "Rationale for discontinuing"),
                 ("17c", "Changes after the Correction Report"),
                 ("18a", "Barriers and mitigation"), ("18b", "Problems meeting timelines")]
    return FormSpec(
        form_type=FORM_TYPE, title="QIS Progress Report", parts=parts, elements=elements,
        results=tuple(results), periods=tuple(periods), finding_elements=tuple(findings),
        must_pass=frozenset({"16", "17"}),
    )


PROGRESS_REPORT = _build()
# Values the Progress Report restates from the Implementation Plan on file (seed 000, Part C).
RESTATED_KEYS = ("qis_title", "goal_1", "goal_2", *[
    f"m{m}_{suffix}" for m in MEASURES for suffix in (
        "name", "cbe_id", "baseline_rate", "baseline_numerator", "baseline_denominator",
        "baseline_data_point", "baseline_start", "baseline_end", "target")])
