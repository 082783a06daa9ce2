"""Numbers of the APM Scoring Standard, performance year 2020 (seed 003).

Each constant names the seed section it comes from, so a reader can check it beside the text.
"""

from decimal import Decimal

PERFORMANCE_YEAR = 2020

# Submission methods, spelled as in qpp-measures-data (benchmarks-schema.yaml `submissionMethod`).
CLAIMS = "claims"  # Medicare Part B claims measures
REGISTRY = "registry"  # MIPS CQMs and QCDR measures
EHR = "electronicHealthRecord"  # eCQMs
WEB_INTERFACE = "cmsWebInterface"
ADMIN_CLAIMS = "administrativeClaims"  # CMS-calculated, e.g. all-cause readmission
SURVEY = "certifiedSurveyVendor"  # CAHPS for MIPS / CAHPS for ACOs
SUBMISSION_METHODS = (CLAIMS, REGISTRY, EHR, WEB_INTERFACE, ADMIN_CLAIMS, SURVEY)

# §4.2.2 note 41: case minimum 20, all-cause hospital readmission 200.
CASE_MINIMUM = 20
READMISSION_MEASURE_ID = "458"
READMISSION_CASE_MINIMUM = 200
# §4.1.2 / §4.3.3: readmission is an automatic 7th measure for 16 or more clinicians.
READMISSION_MIN_CLINICIANS = 16

# §4.1.1 / §4.1.2 / §4.3.2: the CMS Web Interface and the CAHPS for MIPS survey are "for groups
# with 25 or more clinicians".
LARGE_GROUP_MIN_CLINICIANS = 25
CAHPS_FOR_MIPS_ID = "321"
# qpp-measures-data lists the CAHPS for MIPS summary survey measures as CAHPS_1 ... CAHPS_11;
# §4.3.3: "The CAHPS for MIPS measure, if submitted, will be considered as one of the six
# required measures", so they are scored only inside measure 321.
CAHPS_FOR_MIPS_SUMMARY_PREFIX = "CAHPS_"
CAHPS_FOR_ACOS_SUMMARY_PREFIX = "CAHPS_ACO_"

# §4.2.2: data completeness 70 % (QCDR, MIPS CQM, eCQM, Part B claims); Web Interface: the first
# 248 consecutively ranked beneficiaries, or 100 % of them when fewer are assigned.
DATA_COMPLETENESS_PERCENT = 70.0
WEB_INTERFACE_CONSECUTIVE_BENEFICIARIES = 248

# §4.3.2 / §4.3.3: a small practice has 15 or fewer MIPS eligible clinicians.
SMALL_PRACTICE_MAX_CLINICIANS = 15
SMALL_PRACTICE_BONUS = 6

# §4.2.2: 3 to 10 achievement points; 10th decile earns 10.0 flat; 3-point floor.
MAX_MEASURE_POINTS = 10.0
FLOOR_POINTS = 3.0
# Benchmarks flagged isToppedOutByProgram are capped at 7 points (MIPS topped-out policy).
TOPPED_OUT_CAP = 7.0
POINTS_PER_MEASURE = 10

# §4.1.2: six measures required outside the Web Interface; best six count.
REQUIRED_MEASURES = 6

# §4.2.3: high-priority and CEHRT bonus each capped at 10 % of available achievement points.
BONUS_CAP_FRACTION = Decimal("0.10")
OUTCOME_TYPES = frozenset({"outcome", "intermediateOutcome", "patientReportedOutcome"})
PATIENT_EXPERIENCE_TYPES = frozenset({"patientEngagementExperience"})
TWO_POINT_TYPES = OUTCOME_TYPES | PATIENT_EXPERIENCE_TYPES
# §4.2.3 item 2 and Tables 3-5: end-to-end CEHRT bonus for eCQM, QCDR/MIPS CQM and Web Interface
# measures; Part B claims, CAHPS and CMS-calculated measures are not eligible.
CEHRT_METHODS = frozenset({EHR, REGISTRY, WEB_INTERFACE})

# §4.2.4: improvement score 0-10 percentage points; prior achievement <= 30 % counts as 30 %.
IMPROVEMENT_MAX = Decimal("10")
IMPROVEMENT_PRIOR_FLOOR = Decimal("30")

# §4.2.5: APM Quality Reporting Credit.
QUALITY_REPORTING_CREDIT = Decimal("50")
QUALITY_PERCENT_CAP = Decimal("100")

# §2.4 / §2.5: category weights and final score.
WEIGHTS_DEFAULT = {"quality": Decimal("0.50"), "cost": Decimal("0"), "ia": Decimal("0.20"),
                   "pi": Decimal("0.30")}
WEIGHTS_PI_REWEIGHTED = {"quality": Decimal("0.80"), "cost": Decimal("0"), "ia": Decimal("0.20"),
                         "pi": Decimal("0")}
WEIGHTS_QUALITY_REWEIGHTED = {"quality": Decimal("0"), "cost": Decimal("0"),
                              "ia": Decimal("0.25"), "pi": Decimal("0.75")}
COMPLEX_PATIENT_BONUS_MAX = Decimal("5")
FINAL_SCORE_CAP = Decimal("100")
# The seed says "a final score equal to the performance threshold" (§2.5) without the number;
# the PY2020 MIPS performance threshold is 45 points (2020 QPP final rule).
PERFORMANCE_THRESHOLD = Decimal("45")
