"""The seed's table “QIN-QIOs and the Quality Payment Program: Who Does What?” as data.

Seed 004, word for word (the footnote marks dropped, the bold initials of “Small, Underserved,
Rural, Shortage” joined back into their words). The data migration 0002 loads it; nothing here
is invented. Two numbers the seed's “How success is measured” row states are also kept as
numbers, because the portal enforces them: QIN-QIO: QPP responds within 1 business day, and
QPP-SURS reaches at least 75 % of SURS practices.
"""

QIN_QIO_QPP = "qin_qio_qpp"
QPP_SURS = "qpp_surs"
QIN_QIO_TCPI = "qin_qio_tcpi"
PTN = "ptn"

INTRO = (
    "CMS promotes exceptional customer service and a “no wrong door” approach for Quality "
    "Payment Program technical assistance. No matter the point of entry, the eligible clinician "
    "will be connected to the appropriate technical assistance contractor. The process for "
    "ensuring that eligible clinicians are being supported by the appropriate technical "
    "assistance source may initially require one contractor to refer a clinician to another "
    "contractor via a warm hand-off."
)

FOOTNOTES = (
    "CMS’ Transforming Clinical Practice Initiative; its two primary components are "
    "1) Practice Transformation Networks and 2) Support and Alignment Networks.",
    "Eligible Clinicians in 2017 are physicians, physician assistants, nurse practitioners, "
    "clinical nurse specialists and certified registered nurse anesthetists who bill more than "
    "$30,000 to Medicare and provide care to more than 100 Medicare patients per year.",
    "Advanced APMs require clinicians to assume some financial risk for patient outcomes.",
    "CMS does not designate all APMs as “advanced”.",
)

_EDUCATION = "Education and information about program structure, requirements, timelines."
_EC_INQUIRIES = "Response to EC inquiries, whether direct or through CMS help desk."
_PROMOTION = "Promotion of educational resources available from CMS."
_GENERAL_TA = (
    "General technical assistance to understand potential financial impact of "
    "participation/non-participation, select “pace” of QPP participation, understand options "
    "for advanced APM participation."
)
_FOCUSED = "Focused technical assistance, such as:"
_CLINICIANS_QPP = (
    "Clinicians: Enroll in QPP, report data, avoid negative payment adjustment, earn positive "
    "payment adjustment."
)


def _item(text: str, items: tuple[str, ...] = ()) -> dict:
    return {"text": text, "items": list(items)}


CONTRACTOR_TYPES: tuple[dict, ...] = (
    {
        "code": QIN_QIO_QPP,
        "order": 1,
        "short_name": "QIN-QIO: QPP",
        "name": "Quality Innovation Network-Quality Improvement Organizations: Quality Payment "
                "Program",
        "providers_served": "Eligible Clinicians (ECs) in large groups (16 or more clinicians) "
                            "in the QIN's region.",
        "providers_excluded": "ECs participating in advanced Alternative Payment Models (APMs) "
                              "or in a Practice Transformation Network (PTN). ECs in small "
                              "practices.",
        "primary_objectives": "Increase EC awareness and understanding of QPP. Support "
                              "successful participation in QPP, particularly the Merit-based "
                              "Incentive Payment System (MIPS).",
        "key_services": [
            _item(_EDUCATION), _item(_EC_INQUIRIES), _item(_PROMOTION), _item(_GENERAL_TA),
            _item(_FOCUSED, (
                "MIPS Quality Category: Assistance for selecting PQRS measures, reporting data, "
                "using data to improve performance.",
                "MIPS Advancing Care Information Category: Referral to best practices, "
                "resources for optimizing EHR systems for better care and efficiency.",
                "MIPS Improvement Activity Category: Help selecting and documenting activities. "
                "EC participation in certain QIN improvement initiatives counts toward this "
                "category’s requirements.",
                "MIPS Cost Category: Help obtaining and understanding the QRUR.",
            )),
        ],
        "success_measures": [
            _CLINICIANS_QPP,
            "QIN-QIO: Deliver excellent customer service by responding to QPP inquiries within "
            "1 business day, contribute to CMS’ QPP reach.",
        ],
        "response_business_days": 1,
        "reach_goal_percent": None,
    },
    {
        "code": QPP_SURS,
        "order": 2,
        "short_name": "QPP-SURS",
        "name": "Quality Payment Program Small, Underserved & Rural Support Contractors",
        "providers_served": "ECs in Small groups (15 or fewer clinicians) in the QPP-SURS's "
                            "region, especially those in medically Underserved, Rural or health "
                            "professional Shortage areas.",
        "providers_excluded": "ECs participating in advanced APMs or a PTN. ECs in large "
                              "practices.",
        "primary_objectives": "Increase EC awareness and understanding of QPP. Support "
                              "successful participation in QPP, particularly MIPS.",
        "key_services": [
            _item(_EDUCATION), _item(_EC_INQUIRIES),
            _item("Intensive outreach, networking to ensure SURS ECs are aware of QPP, help CMS "
                  "makes available."),
            _item(_PROMOTION), _item(_GENERAL_TA),
            _item(_FOCUSED, (
                "MIPS Quality Category: Assistance for selecting PQRS measures, reporting data, "
                "using data to improve performance.",
                "MIPS Advancing Care Information Category: Referral to best practices, "
                "resources for optimizing EHR systems for better care and efficiency.",
                "MIPS Improvement Activity Category: Help selecting and documenting activities.",
                "MIPS Cost Category: Help obtaining and understanding the QRUR.",
            )),
        ],
        "success_measures": [
            _CLINICIANS_QPP,
            "QPP-SURS: Reach at least 75% of SURS practices, demonstrate both good customer "
            "service and high customer satisfaction.",
        ],
        "response_business_days": None,
        "reach_goal_percent": 75,
    },
    {
        "code": QIN_QIO_TCPI,
        "order": 3,
        "short_name": "QIN-QIO: TCPI",
        "name": "Quality Innovation Network-Quality Improvement Organizations: Transforming "
                "Clinical Practice Initiative",
        "providers_served": "Practices in the QIN's region that are enrolled in a PTN.",
        "providers_excluded": "Practices in the QIN's region that are not enrolled in a PTN.",
        "primary_objectives": "Assist PTNs with practice recruitment. In coordination with "
                              "PTNs, perform baseline and follow-up assessments of a sample of "
                              "PTN practices to measure transformation progress.",
        "key_services": [
            _item("Some elements of practice assessment may be proxies for QPP readiness."),
        ],
        "success_measures": [
            "Clinicians: Enroll in PTN, receive PTN services targeted to their current stage "
            "and level of need.",
            "QIN-QIO: Deliver timely, thorough and accurate practice assessments.",
        ],
        "response_business_days": None,
        "reach_goal_percent": None,
    },
    {
        "code": PTN,
        "order": 4,
        "short_name": "PTN",
        "name": "Practice Transformation Networks: Transforming Clinical Practice Initiative",
        "providers_served": "Physician practices in the PTN's service area desiring assistance "
                            "in transforming clinical and operational processes to deliver "
                            "better value.",
        "providers_excluded": "Clinicians participating in any APM, including any type of "
                              "Medicare Accountable Care Organization (ACO).",
        "primary_objectives": "Prepare clinicians for successful participation in APMs. "
                              "Increase EC awareness and understanding of QPP. Support "
                              "successful participation in QPP, particularly MIPS.",
        "key_services": [
            _item(_EDUCATION),
            _item("Response to PTN participant inquiries about QPP."),
            _item(_PROMOTION), _item(_GENERAL_TA),
            _item(_FOCUSED, (
                "MIPS Quality Category: Assistance for reporting data on PQRS measures and "
                "using data to improve performance.",
                "MIPS Advancing Care Information Category: Assistance optimizing EHR systems, "
                "workflows, for better care and efficiency.",
                "MIPS Improvement Activity Category: PTN participation allows ECs to meet half "
                "of the requirements in this MIPS category.",
                "MIPS Cost Category: Technical assistance implementing processes that deliver "
                "better care at lower cost (transitional care management, chronic care "
                "management, annual wellness visit, specialty referrals based on data about "
                "performance).",
            )),
        ],
        "success_measures": [
            "Clinicians: Move through the 5 stages of transformation, “graduate” to ACO and "
            "benefit from shared savings.",
            "PTN: Demonstrate improved quality and decreased cost as a result of focusing "
            "improvement activities on PTN measure set. Graduate practices.",
        ],
        "response_business_days": None,
        "reach_goal_percent": None,
    },
)

# Which organizations may act as each type (the brief's mapping of the seed's contractors):
# QIN-QIOs act as QIN-QIO: QPP and QIN-QIO: TCPI for their region; SURS and PTN contractors
# are QPP technical assistance contractors.
ORG_TYPES_BY_CONTRACTOR_TYPE = {
    QIN_QIO_QPP: ("qin_qio",),
    QIN_QIO_TCPI: ("qin_qio",),
    QPP_SURS: ("ta_contractor",),
    PTN: ("ta_contractor",),
}
