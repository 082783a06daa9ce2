"""The SPL CSV format (docs/SPL_CSV.md): columns, and the rule each cell must meet.

Pure parsing and checking, no database: `parse_spl_csv` returns the rows it understood and
every broken rule as (row number, column, rule, value). Row 1 is the header line, so row
numbers match what a spreadsheet shows.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from qio_program.models import ProviderSetting
from qis_portal.regions import STATE_NAMES

COLUMNS = [
    "provider_name", "ccn", "tin", "setting", "address_line1", "address_line2", "city",
    "state", "zip_code", "poor_performance", "adi_dual_eligibility", "enforcement",
    "not_submitting_data", "deficits",
]
# (column, what it holds and the rule it must meet): the upload page and docs/SPL_CSV.md.
COLUMN_RULES = [
    ("provider_name", "Provider name; required, at most 200 characters."),
    ("ccn", "CMS Certification Number: exactly 6 letters or digits. A CCN or a TIN is required."),
    ("tin", "Taxpayer Identification Number: 9 digits (a hyphen is ignored)."),
    ("setting", "nursing_home, hospital or outpatient_clinical_practice; required."),
    ("address_line1", "Street address; required, at most 200 characters."),
    ("address_line2", "Second address line; optional."),
    ("city", "City; required, at most 100 characters."),
    ("state", "Two-letter USPS code of a state, DC or a territory; required."),
    ("zip_code", "5 digits or ZIP+4 (12345-6789); required."),
    ("poor_performance", "Criterion 1, poor performance on selected quality metrics: Y or N."),
    ("adi_dual_eligibility", "Criterion 2, area deprivation index and dual eligibility: Y or N."),
    ("enforcement", "Criterion 3, enforcement data: Y or N."),
    ("not_submitting_data", "Criterion 4, not submitting quality reporting data: Y or N. At "
                            "least one of the four criteria is Y."),
    ("deficits", "Aims and sub-aims with deficits: “Aim > Sub-aim”, several separated by “;”; "
                 "at least one."),
]
CRITERIA = ["poor_performance", "adi_dual_eligibility", "enforcement", "not_submitting_data"]
TRUE_WORDS = {"y", "yes", "true", "1"}
FALSE_WORDS = {"n", "no", "false", "0"}
SETTING_WORDS = {
    **{value: value for value in ProviderSetting.values},
    **{label.lower(): value for value, label in ProviderSetting.choices},
}
CCN_RE = re.compile(r"^[A-Za-z0-9]{6}$")
TIN_RE = re.compile(r"^\d{9}$")
ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")
MAX_TEXT = {"provider_name": 200, "address_line1": 200, "address_line2": 200, "city": 100}
MAX_AIM = 100


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    rule: str
    value: str = ""


@dataclass
class SplRow:
    row: int
    name: str
    ccn: str
    tin: str
    setting: str
    address_line1: str
    address_line2: str
    city: str
    state: str
    zip_code: str
    criteria: dict[str, bool]
    deficits: list[dict[str, str]] = field(default_factory=list)

    @property
    def identity(self) -> tuple[str, str]:
        """How the row finds its directory provider: CCN when given, else TIN."""
        return ("ccn", self.ccn) if self.ccn else ("tin", self.tin)


def _excerpt(value: str) -> str:
    return value if len(value) <= 100 else value[:97] + "..."


def _flag(row: int, column: str, value: str, errors: list[CellError]) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word not in FALSE_WORDS:
        errors.append(CellError(row, column, "must be Y or N (yes/no, true/false, 1/0)",
                                _excerpt(value)))
    return False


def _deficits(row: int, value: str, errors: list[CellError]) -> list[dict[str, str]]:
    items = []
    for part in [p.strip() for p in value.split(";") if p.strip()]:
        aim, sep, sub_aim = (x.strip() for x in part.partition(">"))
        if not sep or not aim or not sub_aim:
            errors.append(CellError(row, "deficits",
                                    "each deficit is “Aim > Sub-aim”, separated by “;”",
                                    _excerpt(part)))
            continue
        if len(aim) > MAX_AIM or len(sub_aim) > MAX_AIM:
            errors.append(CellError(row, "deficits",
                                    f"aim and sub-aim names are at most {MAX_AIM} characters",
                                    _excerpt(part)))
            continue
        items.append({"aim": aim, "sub_aim": sub_aim})
    if not items and not any(e.row == row and e.column == "deficits" for e in errors):
        errors.append(CellError(row, "deficits",
                                "at least one aim and sub-aim with a deficit is required"))
    return items


def check_row(row: int, cells: dict[str, str]) -> tuple[SplRow | None, list[CellError]]:
    """Every rule of one data row; the row is usable only when the error list is empty."""
    errors: list[CellError] = []
    get = {name: (cells.get(name) or "").strip() for name in COLUMNS}
    for column in ("provider_name", "setting", "address_line1", "city", "state", "zip_code"):
        if not get[column]:
            errors.append(CellError(row, column, "is required"))
    for column, limit in MAX_TEXT.items():
        if len(get[column]) > limit:
            errors.append(CellError(row, column, f"is at most {limit} characters",
                                    _excerpt(get[column])))
    ccn = get["ccn"].upper()
    tin = get["tin"].replace("-", "")
    if ccn and not CCN_RE.match(ccn):
        errors.append(CellError(row, "ccn", "a CCN is exactly 6 letters or digits",
                                _excerpt(get["ccn"])))
    if tin and not TIN_RE.match(tin):
        errors.append(CellError(row, "tin", "a TIN is exactly 9 digits", _excerpt(get["tin"])))
    if not ccn and not tin:
        errors.append(CellError(row, "ccn", "a CCN or a TIN is required"))
    setting = SETTING_WORDS.get(get["setting"].lower(), "")
    if get["setting"] and not setting:
        errors.append(CellError(row, "setting",
                                "must be nursing_home, hospital or outpatient_clinical_practice",
                                _excerpt(get["setting"])))
    state = get["state"].upper()
    if state and state not in STATE_NAMES:
        errors.append(CellError(row, "state", "must be a two-letter US state or territory code",
                                _excerpt(get["state"])))
    if get["zip_code"] and not ZIP_RE.match(get["zip_code"]):
        errors.append(CellError(row, "zip_code", "must be 5 digits or ZIP+4 (12345-6789)",
                                _excerpt(get["zip_code"])))
    criteria = {name: _flag(row, name, get[name], errors) for name in CRITERIA}
    flags_readable = not any(e.column in CRITERIA for e in errors)
    if flags_readable and not any(criteria.values()):
        errors.append(CellError(row, "criteria",
                                "at least one of the four SPL criteria must be Y"))
    deficits = _deficits(row, get["deficits"], errors)
    if errors:
        return None, errors
    return SplRow(row, get["provider_name"], ccn, tin, setting, get["address_line1"],
                  get["address_line2"], get["city"], state, get["zip_code"], criteria,
                  deficits), []


def read_header(text: str) -> tuple[list[list[str]], list[CellError]]:
    """All records of the file, header first; errors when the header is not the documented one."""
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return [], [CellError(1, "", f"the file is not valid CSV ({exc})")]
    if not records:
        return [], [CellError(1, "", "the file is empty")]
    header = [name.strip().lower() for name in records[0]]
    errors = [CellError(1, name, "is a required column and is missing")
              for name in COLUMNS if name not in header]
    errors += [CellError(1, name or "(blank)", "is not a column of the SPL format")
               for name in header if name not in COLUMNS]
    seen = set()
    for name in header:
        if name in seen:
            errors.append(CellError(1, name, "appears twice in the header"))
        seen.add(name)
    if len(records) < 2 and not errors:
        errors.append(CellError(1, "", "the file has a header but no provider rows"))
    return records, errors


def rows_as_dicts(records: list[list[str]]):
    """Yield (row number, cells by column, field-count error or None) for each data record."""
    header = [name.strip().lower() for name in records[0]]
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines (a trailing newline, an empty spreadsheet row) are skipped
        if len(record) != len(header):
            yield index, {}, CellError(
                index, "", f"has {len(record)} fields; the header has {len(header)}")
            continue
        yield index, dict(zip(header, record, strict=True)), None
