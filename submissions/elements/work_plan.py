"""Covered California QHP QIS 2 Work Plan – Appropriate Use of C-Sections (seed 002), whole."""

from submissions.elements import (
    CONFIRM,
    COUNT,
    DATE,
    DECIMAL,
    MONTH,
    MULTI,
    PERCENT,
    TEXT,
    TEXTAREA,
    Block,
    Element,
    FormSpec,
    Part,
    Period,
    ResultGroup,
)

FORM_TYPE = "work_plan"
QIS_TITLE = "QIS 2 Work Plan – Appropriate Use of C-Sections"
# Seed 002: "so that all maternity hospitals achieve an NTSV C-Section rate of 23.9% or lower".
NTSV_TARGET = "23.9"
NTSV_MEASURE = "Nulliparous Term Singleton Vertex (NTSV) Cesarean Section rate"

# Work Plans are for issuers offering coverage in California (Covered California, seed 002).
COVERED_CA_STATE = "CA"

# Seed 002, verbatim: what the Applicant must do, and what the workplan must address. Shown at
# the top of the form and kept as the reviewer's checklist (each item met / not met, a note).
APPLICANT_MUST = (
    "Progressively adopt physician and hospital payment strategies so that revenue for labor "
    "and delivery only supports medically necessary care and no financial incentive exists to "
    "perform a non-medically necessary Nulliparous Term Singleton Vertex (NTSV) Cesarean "
    "Section (C-Section).",
    "Promote improvement work through the California Maternal Quality Care Collaborative "
    "(CMQCC) Maternal Data Center (MDC), so that all maternity hospitals achieve an NTSV "
    "C-Section rate of 23.9% or lower or are at least working toward that goal.",
    "Consider a hospital’s NTSV C-section rate, improvement trajectory, and willingness to "
    "engage in coaching as part of its maternity hospital contracting decisions and terms. "
    "Covered California does not expect Contractor to base poor performance, and potential "
    "network removal decisions, on one measure alone.",
)
WORKPLAN_MUST_ADDRESS = (
    "Description of how Applicant engages with its network hospitals to reduce non-medically "
    "necessary NTSV C- Section rates to 23.9% or less by year end 2023",
    "Description of its adjustments to payment strategy in alignment with Smart Care "
    "California guidelines so that no hospitals or physicians are incentivized to perform a "
    "non-medically necessary  NTSV C-Section by year end 2023",
    "Description of how NTSV C-section rates are included in network hospital and provider "
    "contracting criteria",
    "Description of how Applicant promotes and encourages all in-network hospitals that "
    "provide maternity services to use the resources provided by CMQCC and enroll in the "
    "CMQCC MDC",
    "Updates to hospital participation in CMQCC and hospital engagement in maternity care "
    "quality improvement, particularly those with a NTSV rate higher than 23.9%",
    "How Applicant encourages providers with high rates of NTSV C-section delivery to pursue "
    "CMQCC coaching",
    "List any known or anticipated barriers in implementing QIS activities and progress of "
    "mitigation activities",
)
APPLICANT_MUST_HEADING = "Applicant must:"
WORKPLAN_MUST_ADDRESS_HEADING = "This workplan must address the following:"
RULE_LISTS = ((APPLICANT_MUST_HEADING, APPLICANT_MUST),
              (WORKPLAN_MUST_ADDRESS_HEADING, WORKPLAN_MUST_ADDRESS))
# The reviewer's checklist: (key, list heading, number, text); keys "applicant_1", "address_1".
CHECKLIST = (
    *((f"applicant_{n}", APPLICANT_MUST_HEADING, n, text)
      for n, text in enumerate(APPLICANT_MUST, start=1)),
    *((f"address_{n}", WORKPLAN_MUST_ADDRESS_HEADING, n, text)
      for n, text in enumerate(WORKPLAN_MUST_ADDRESS, start=1)),
)

PRODUCT_TYPES = (
    ("hmo", "Health Maintenance Organization (HMO)"),
    ("ppo", "Preferred Provider Organization (PPO)"),
    ("epo", "Exclusive Provider Organization (EPO)"),
)
DATA_SOURCES = (
    ("internal", "Internal issuer enrollee data"),
    ("medical_records", "Medical records"),
    ("claims", "Claim files"),
    ("surveys", "Surveys (enrollee, beneficiary satisfaction, other)"),
    ("plan_data", "Plan data (complaints, appeals, customer service, other)"),
    ("registries", "Registries"),
    ("census", "Census data"),
    ("ahrf", "Area Health Resource File (AHRF)"),
    ("all_payer", "All-payer claims data"),
    ("state_health", "State health department population data"),
    ("regional", "Regional collaborative health data"),
    ("other", "Other"),
)
PROVIDER_INCENTIVES = (
    ("increased_reimbursement", "Increased reimbursement"),
    ("bonus_payment", "Bonus payment"),
    ("in_kind", "In-kind incentives"),
    ("other_provider", "Other provider market-based incentives"),
)
ENROLLEE_INCENTIVES = (("enrollee_program", "Enrollee incentive program"),)
# A checked incentive that asks for a description, and the key holding it (element 6).
INCENTIVE_DESCRIPTIONS = {
    "in_kind": "in_kind_description",
    "other_provider": "other_provider_description",
    "enrollee_program": "enrollee_description",
}
MEASURES = ("1a", "1b", "2a", "2b")
MILESTONES = range(1, 11)
RATE_NOTE = ("Either the calculated rate with its numerator and denominator (they should "
             "calculate to the rate, within ±0.05 percentage points), or the data point if the "
             "measure is not a rate — exactly one.")


def _measure(measure: str) -> tuple[list[Element], list[Block], ResultGroup, Period]:
    p = f"m{measure}"
    subject = f"Measure {measure}"
    elements = [
        Element(f"{p}_name", "9", f"Measure {measure} Name", TEXT, "d", max_chars=500,
                subject=f"{subject} name"),
        Element(f"{p}_supports", "9", f"Describe how Measure {measure} supports the goal "
                "(100 words)", TEXTAREA, "d", max_words=100,
                subject=f"{subject}, how it supports the goal"),
        Element(f"{p}_baseline_rate", "9", "Calculated Rate (%)", PERCENT, "d",
                subject=f"{subject} baseline, calculated rate"),
        Element(f"{p}_baseline_numerator", "9", "Numerator", COUNT, "d",
                subject=f"{subject} baseline, numerator"),
        Element(f"{p}_baseline_denominator", "9", "Denominator", COUNT, "d",
                subject=f"{subject} baseline, denominator"),
        Element(f"{p}_baseline_data_point", "9", "Data Point", DECIMAL, "d",
                subject=f"{subject} baseline, data point"),
        Element(f"{p}_baseline_start", "9", "Data collection began (MM/YYYY)", MONTH, "d",
                subject=f"{subject} baseline period, start"),
        Element(f"{p}_baseline_end", "9", "Data collection ended (MM/YYYY)", MONTH, "d",
                subject=f"{subject} baseline period, end"),
        Element(f"{p}_target", "9", "Numerical value performance target (rate % or data "
                "point)", DECIMAL, "d", subject=f"{subject} performance target",
                help="A rate (%) or a data point target, not a percentage change."
                + (" Goal 1, when Measure 1a is a rate: 23.9 % or lower; a Measure 1a counted as a "
                   "data point gives its own target." if measure == "1a" else "")),
    ]
    blocks = [
        Block((f"{p}_name", f"{p}_supports"), heading=f"Measure {measure}"),
        Block(tuple(f"{p}_baseline_{s}" for s in ("rate", "numerator", "denominator",
                                                 "data_point")),
              legend=f"Measure {measure} Baseline Assessment: Provide the baseline results",
              hint=RATE_NOTE),
        Block((f"{p}_baseline_start", f"{p}_baseline_end"),
              legend=f"Measure {measure}: Provide the baseline performance period",
              hint="Month and year, MM/YYYY; the start may not be after the end (one month, "
                   "01/2024–01/2024, is a period)."),
        Block((f"{p}_target",)),
    ]
    return (elements, blocks, ResultGroup(f"{p}_baseline", "9", f"{subject} baseline"),
            Period(f"{p}_baseline_start", f"{p}_baseline_end", "9", f"{subject} baseline period"))


def _build() -> FormSpec:
    a = [Element("product_types", "1", "Select the relevant product types to which the QIS "
                 "applies. Check all that apply.", MULTI, "a", choices=PRODUCT_TYPES,
                 subject="Product types",
                 help="The issuer must ensure all eligible issuer-products are covered by an "
                      "existing or new QIS work plan for each strategy.")]
    b = [
        Element("data_sources", "2", "Indicate the data sources used for identifying QHP "
                "enrollee population needs and supporting the QIS rationale. Check all that "
                "apply.", MULTI, "b", choices=DATA_SOURCES, subject="Data Sources"),
        Element("census_type", "2", "Census data: Specify Type (e.g., block, tract, ZIP Code)",
                TEXT, "b", max_chars=200, subject="Census data type"),
        Element("data_source_other", "2", "Other: Please describe. Do not include company "
                "identifying information in your data source description. (100 words)",
                TEXTAREA, "b", max_words=100, subject="Other data source description"),
    ]
    c = [
        Element("description", "4", "Provide a brief description of the Applicant’s QIS for "
                "appropriate use of C-sections. (200 words)", TEXTAREA, "c", max_words=200,
                subject="QIS Description"),
        Element("goal_1", "5", "QIS Goal 1 (200 words)", TEXTAREA, "c", max_words=200,
                subject="QIS Goal 1",
                help="Goal 1 must address Applicant’s ability to engage with its network "
                     "hospitals to reduce non-medically necessary NTSV C-Section rates to 23.9% "
                     "or less."),
        Element("goal_2", "5", "QIS Goal 2 (200 words)", TEXTAREA, "c", max_words=200,
                subject="QIS Goal 2",
                help="Goal 2 must address Applicant’s payment strategy implementation in "
                     "alignment with Smart Care California guidelines so that no hospitals or "
                     "physicians are incentivized to perform a non-medically necessary NTSV "
                     "C-Section."),
    ]
    d = [
        Element("incentives", "6", "Select the sub-type of market-based incentive(s) the QIS "
                "includes. Check all that apply.", MULTI, "d",
                choices=(*PROVIDER_INCENTIVES, *ENROLLEE_INCENTIVES),
                subject="Market-based Incentive Type(s)",
                help="Provider market-based incentives: increased reimbursement, bonus payment, "
                     "in-kind, other. Enrollee market-based incentives: enrollee incentive "
                     "program."),
        Element("in_kind_description", "6", "In-kind incentives: provide a description "
                "(100 words)", TEXTAREA, "d", max_words=100,
                subject="In-kind incentives description"),
        Element("other_provider_description", "6", "Other provider market-based incentives: "
                "provide a description (100 words)", TEXTAREA, "d", max_words=100,
                subject="Other provider market-based incentives description"),
        Element("enrollee_description", "6", "Enrollee incentive program: provide a "
                "description (100 words)", TEXTAREA, "d", max_words=100,
                subject="Enrollee incentive program description"),
        Element("rationale", "7", "Provide a rationale for the QIS that describes the issuer’s "
                "current QHP enrollee population(s) and how the QIS will address the needs of "
                "the current QHP enrollee population(s). (200 words)", TEXTAREA, "d",
                max_words=200, subject="Rationale for QIS"),
        Element("activities", "8a", "List the activities that will be implemented to achieve "
                "the goals described. (200 words)", TEXTAREA, "d", max_words=200,
                subject="Activities"),
        Element("activities_incentives", "8b", "Describe how the activities listed in 8a "
                "relate to the market-based incentive(s) selected in Question 6. (200 words)",
                TEXTAREA, "d", max_words=200, subject="How the activities relate to the "
                "incentives"),
    ]
    blocks_d = [
        Block(("incentives", "in_kind_description", "other_provider_description",
               "enrollee_description"), heading="6. Market-based Incentive Type(s)",
              text=("If either “In-kind incentives,” “Other provider market-based incentives,” "
                    "or “Other enrollee market-based incentives” is selected, provide a brief "
                    "description in the space provided.",)),
        Block(("rationale",), heading="7. Rationale for QIS"),
        Block(("activities", "activities_incentives"),
              heading="8. Activity(ies) That Will Be Conducted to Implement the QIS"),
    ]
    results, periods = [], []
    for measure in MEASURES:
        if measure in ("1a", "2a"):
            goal = measure[0]
            key = f"attachment_j_goal{goal}"
            question = "18/19/20/21.4.4.3" if goal == "1" else "18/19/20/21.4.4.4"
            d.append(Element(key, "9", f"Applicant has answered Certification Application "
                             f"questions {question} in Attachment J.", CONFIRM, "d",
                             subject=f"Goal {goal} Attachment J questions {question}"))
            text = (("For Goal 1, Applicant must address its ability to engage with its network "
                     "hospitals to reduce non-medically necessary NTSV C- Section rates to 23.9% "
                     "or less. Applicant must answer Certification Application questions "
                     "18/19/20/21.4.4.3 in Attachment J to provide the data for reporting to "
                     "CMQCC MDC.",) if goal == "1" else
                    ("For Goal 2, Applicant must address its implementation of payment "
                     "strategies in alignment with Smart Care California guidelines so that no "
                     "hospitals or physicians are incentivized to perform a non-medically "
                     "necessary NTSV C-Section. Applicant must answer Certification Application "
                     "questions 18/19/20/21.4.4.4 in Attachment J to provide the data for "
                     "reporting Payment Strategies for Maternity Services.",))
            blocks_d.append(Block((key,), heading=(
                "9. Goal(s), Measure(s), and Performance Target(s) to Monitor QIS Progress"
                if goal == "1" else ""), text=(f"QIS Goal {goal}:", *text)))
        elements, blocks, result, period = _measure(measure)
        d += elements
        blocks_d += blocks
        results.append(result)
        periods.append(period)
    d.append(Element("start_date", "10a", "QIS Initiation/Start Date", DATE, "d",
                     help="mm/dd/yyyy", subject="QIS Initiation/Start Date"))
    blocks_d.append(Block(("start_date",),
                          heading="10. Timeline for Implementing the QIS Work Plan"))
    milestone_keys = []
    for n in MILESTONES:
        d += [Element(f"milestone_{n}", "10b", f"Milestone {n} (50 word limit)", TEXTAREA, "d",
                      max_words=50, subject=f"Milestone {n}"),
              Element(f"milestone_{n}_date", "10b", f"Date for Milestone {n}", DATE, "d",
                      help="mm/dd/yyyy", subject=f"Milestone {n} date")]
        milestone_keys.append((f"milestone_{n}", f"milestone_{n}_date"))
    for n, keys in zip(MILESTONES, milestone_keys, strict=True):
        blocks_d.append(Block(keys, legend=f"10b. Milestone {n}", text=(
            ("10b. Describe the milestone(s) and provide the date(s) for each milestone (i.e., "
             "when activities described in Question 9 will be implemented). At least one "
             "milestone is required. (50 word limit per milestone)",) if n == 1 else ())))
    d += [
        Element("barriers", "11a", "List all known or anticipated barriers to implementing QIS "
                "activities. (200 words)", TEXTAREA, "d", max_words=200,
                subject="Known or anticipated barriers"),
        Element("risk_assessment", "11a", "If no barriers were identified, describe how you "
                "assessed risk in the box below. If barriers were identified above, this box "
                "should be left blank. (200 words)", TEXTAREA, "d", max_words=200,
                subject="How risk was assessed"),
        Element("mitigation", "11b", "Describe the mitigation activities that will be "
                "incorporated to address each barrier identified in 11a. If there were no "
                "barriers identified, this box should be left blank. (200 words)", TEXTAREA,
                "d", max_words=200, subject="Mitigation activities"),
    ]
    blocks_d.append(Block(("barriers", "risk_assessment", "mitigation"),
                          heading="11. Risk Assessment"))
    parts = (
        Part("a", "Part A. QIS Work Plan Applicability", "Part A: Applicability",
             intro=("For any fields that do not apply, please simply leave them blank.",),
             blocks=(Block(("product_types",)),)),
        Part("b", "Part B. Data Sources Used for Goal Identification and Monitoring Progress",
             "Part B: Data sources", blocks=(Block(("data_sources", "census_type",
                                                    "data_source_other")),)),
        Part("c", "Part C. QIS Work Plan Summary", "Part C: Summary",
             intro=(f"3. QIS Title – {QIS_TITLE}",),
             blocks=(Block(("description",), heading="4. QIS Description"),
                     Block(("goal_1", "goal_2"), heading="5. QIS Goals",
                           text=("Describe the overall goals of the QIS.",)))),
        Part("d", "Part D. QIS Work Plan Requirements", "Part D: Requirements",
             blocks=tuple(blocks_d)),
    )
    elements = {e.key: e for e in [*a, *b, *c, *d]}
    findings = (("1", "Product types"), ("2", "Data Sources"), ("3", "QIS Title"),
                ("4", "QIS Description"), ("5", "QIS Goals"),
                ("6", "Market-based Incentive Type(s)"), ("7", "Rationale for QIS"),
                ("8a", "Activities"), ("8b", "Activities and incentives"),
                ("9", "Goal(s), Measure(s), and Performance Target(s)"),
                ("10a", "QIS Initiation/Start Date"), ("10b", "Milestones"),
                ("11a", "Barriers or risk assessment"), ("11b", "Mitigation activities"))
    # Market-based incentives and the rationale are the Must Pass elements of a QIS plan (the
    # seed's own bookmarks: "Market-based Incentive Type(s) (Must Pass)", "Rationale for QIS
    # (Must Pass)").
    return FormSpec(form_type=FORM_TYPE, title="Covered California QIS 2 Work Plan",
                    parts=parts, elements=elements, results=tuple(results),
                    periods=tuple(periods), finding_elements=findings,
                    must_pass=frozenset({"6", "7"}))


WORK_PLAN = _build()
