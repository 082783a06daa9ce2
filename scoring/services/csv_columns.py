"""The documented columns of each CSV upload: name, whether required, the rule, an example.

The upload page prints these tables, so the documentation and the checks are one thing.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from scoring.choices import ApmType, Level, SubmissionMethod
from scoring.models import DataUpload

_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    rule: str
    parse: Callable[[str], Any]
    example: str = ""


def _text(max_length: int, pattern: str | None = None, message: str = ""):
    def parse(raw: str) -> str:
        if len(raw) > max_length:
            raise ValueError(f"at most {max_length} characters")
        if pattern and not re.fullmatch(pattern, raw):
            raise ValueError(message)
        return raw
    return parse


MAX_COUNT = 2_147_483_647  # the database's integer column


def _integer(lo: int = 0, hi: int = MAX_COUNT):
    def parse(raw: str) -> int:
        if not re.fullmatch(r"[0-9]{1,10}", raw):
            raise ValueError("a whole number (digits only)")
        value = int(raw)
        if not lo <= value <= hi:
            raise ValueError(f"between {lo} and {hi}")
        return value
    return parse


def _decimal(lo: int, hi: int):
    def parse(raw: str) -> Decimal:
        try:
            value = Decimal(raw)
        except InvalidOperation as exc:
            raise ValueError("a number such as 85 or 85.5") from exc
        if not value.is_finite():
            raise ValueError("a number such as 85 or 85.5")
        if not lo <= value <= hi:
            raise ValueError(f"between {lo} and {hi}")
        if value != value.quantize(Decimal("0.0001")):
            raise ValueError("at most four decimal places")
        return value
    return parse


SUMMARY_EXAMPLE = "CAHPS_1=84.2; CAHPS_2=77.5"


def parse_summary_measures(raw: str) -> list[dict]:
    """``CAHPS_1=84.2; CAHPS_2=77.5`` (``;`` or new lines between, ``=`` or ``:`` inside)
    as the contract's ``[{measure_id, performance_rate}]``; rates are percents 0 to 100."""
    percent = _decimal(0, 100)
    out = []
    for part in (p.strip() for p in re.split(r"[;\n]+", raw)):
        if not part:
            continue
        pieces = re.split(r"\s*[=:]\s*", part)
        if len(pieces) != 2 or not re.fullmatch(r"CAHPS_[A-Z0-9_]+", pieces[0]):
            raise ValueError(f"pairs such as {SUMMARY_EXAMPLE} (not {part[:40]})")
        try:
            rate = percent(pieces[1])
        except ValueError as exc:
            raise ValueError(f"a score of {pieces[0]} {exc}") from exc
        rate = int(rate) if rate == rate.to_integral_value() else float(rate)
        out.append({"measure_id": pieces[0], "performance_rate": rate})
    return out


def _boolean(raw: str) -> bool:
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ValueError("yes or no")


def _choice(choices):
    values = [str(value) for value, _ in choices if value]

    def parse(raw: str) -> str:
        if raw not in values:
            raise ValueError("one of " + ", ".join(values))
        return raw
    return parse


ENTITY_ID = Column("entity_id", True, "APM Entity ID: letters, digits, - and _ (at most 40)",
                   _text(40, r"[A-Za-z0-9][A-Za-z0-9_-]*",
                         "letters, digits, hyphens and underscores"), "OCM-0001")
TIN = Column("tin", True, "nine digits, on the entity's participation list",
             _text(9, r"[0-9]{9}", "nine digits"), "123456789")
NPI = Column("npi", True, "ten digits", _text(10, r"[0-9]{10}", "ten digits"), "1234567890")

ENTITY_COLUMNS = (
    ENTITY_ID,
    Column("name", True, "at most 200 characters", _text(200), "Riverside Oncology Partners"),
    Column("apm_type", True, "one of " + ", ".join(ApmType.values), _choice(ApmType.choices),
           "ocm"),
    Column("clinician_count", False, "whole number; blank counts the participation list",
           _integer(), "20"),
    Column("small_practice", False, "yes or no; blank derives it (15 or fewer clinicians)",
           _boolean, ""),
    Column("complex_patient_bonus", False, "0 to 5; blank is 0", _decimal(0, 5), "1.5"),
    Column("improvement_activities_score", False, "percent 0 to 100; blank: reweighted to 0",
           _decimal(0, 100), "100"),
    Column("promoting_interoperability_score", False,
           "percent 0 to 100; blank: reweighted to 0", _decimal(0, 100), "80"),
    Column("quality_reweighted", False, "yes or no; blank is no", _boolean, "no"),
    Column("prior_year_quality_achievement_percent", False,
           "percent 0 to 100: the 2019 achievement percent (without bonus) of the identifier "
           "that submitted in 2019; blank: no improvement score unless individual 2019 "
           "scores are given", _decimal(0, 100), "40"),
    Column("prior_year_identifier", False,
           "the identifier that submitted in 2019; blank: this APM Entity ID. When it "
           "differs, the individuals' 2019 scores are averaged (seed §4.2.4)",
           _text(40), ""),
    Column("improvement_score", False,
           "0 to 10 percentage points, as CMS provides it; used instead of the 2019 scores "
           "(give one or the other)", _decimal(0, 10), ""),
)

PARTICIPANT_COLUMNS = (
    Column("entity_id", True, "an existing 2020 APM Entity ID", ENTITY_ID.parse, "OCM-0001"),
    Column("tin", True, "nine digits", TIN.parse, "123456789"),
    NPI,
    Column("prior_year_achievement_percent", False,
           "percent 0 to 100: the achievement percent behind the clinician's 2019 final "
           "score (averaged when the entity's 2019 identifier differs, seed §4.2.4); blank "
           "keeps the stored one", _decimal(0, 100), ""),
)

SUBMISSION_COLUMNS = (
    Column("entity_id", True, "an existing 2020 APM Entity ID", ENTITY_ID.parse, "OCM-0001"),
    Column("level", True, "entity, tin or npi", _choice(Level.choices), "entity"),
    Column("tin", False, "nine digits; required for level tin and npi, blank for entity",
           TIN.parse, ""),
    Column("npi", False, "ten digits; required for level npi, listed under the TIN",
           NPI.parse, ""),
    Column("measure_id", True, "a 2020 quality measure's Quality ID, e.g. 047",
           _text(20, r"[A-Za-z0-9_.-]+", "a Quality ID such as 047"), "047"),
    Column("submission_method", True, "one of " + ", ".join(SubmissionMethod.values)
           + ", allowed for the measure", _choice(SubmissionMethod.choices), "registry"),
    Column("numerator", False, "whole number, at most the denominator; with the denominator",
           _integer(), "120"),
    Column("denominator", False, "whole number (performance denominator)", _integer(), "156"),
    Column("performance_rate", False, "percent 0 to 100 (proportion measures), when no "
           "numerator and denominator", _decimal(0, 99_999_999), ""),
    Column("eligible_population", False, "whole number of cases (case minimum 20; "
           "readmission 200); blank uses the denominator; required for a CMS-calculated "
           "measure (administrativeClaims, certifiedSurveyVendor) without one",
           _integer(), "160"),
    Column("data_completeness", False, "percent 0 to 100; required for claims, registry, "
           "eCQM and Web Interface (70 % needed; Web Interface 100 %)", _decimal(0, 100),
           "85"),
    Column("end_to_end", False, "yes or no: reported end to end through CEHRT", _boolean,
           "no"),
    Column("external_points", False, "0 to 10; CMS-calculated points (CAHPS, administrative "
           "claims) only", _decimal(0, 10), ""),
    Column("summary_measures", False, "CAHPS 321 / ACO321 only: each summary survey "
           f"measure's score, e.g. {SUMMARY_EXAMPLE}; the survey counts as one measure",
           parse_summary_measures, ""),
    Column("wi_reported_beneficiaries", False, "Web Interface only: consecutively ranked "
           "beneficiaries reported; with wi_sample_size instead of data_completeness",
           _integer(), ""),
    Column("wi_sample_size", False, "Web Interface only: beneficiaries in the sample CMS "
           "provided (248 or all of them must be reported)", _integer(), ""),
)

COLUMNS = {
    DataUpload.Kind.ENTITIES: ENTITY_COLUMNS,
    DataUpload.Kind.PARTICIPANTS: PARTICIPANT_COLUMNS,
    DataUpload.Kind.SUBMISSIONS: SUBMISSION_COLUMNS,
}
