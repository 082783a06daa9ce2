"""The two paper forms, element by element, in the seeds' order, numbering and wording.

One description of each form drives everything else: the part forms, the validators, the
print view, the PDF, the CSV columns and the review checklist. An issuer holding the paper
(seed 000: QIS Progress Report, OMB 0938-1286; seed 002: Covered California QIS 2 Work Plan)
finds the same numbers and words on the screen.
"""

from dataclasses import dataclass, field

# Element kinds. Values are stored in Submission.data as JSON: text as str, decimals as str
# ("27.4"), counts as int, months as "MM/YYYY", dates as ISO "YYYY-MM-DD", yes/no as
# "yes"/"no", check-all-that-apply as a list of choice values, confirmations as bool.
TEXT = "text"
TEXTAREA = "textarea"
CHOICE = "choice"
MULTI = "multi"
YESNO = "yesno"
CONFIRM = "confirm"
DECIMAL = "decimal"
PERCENT = "percent"
COUNT = "count"
MONTH = "month"
DATE = "date"
EMAIL = "email"
PHONE = "phone"
DIGITS = "digits"
STATE = "state"

YES_NO = (("yes", "Yes"), ("no", "No"))


def element_name(number: str, label: str) -> str:
    """An element as a reviewer or a CSV column names it: number and label, once when the
    paper's entry has no number of its own ("QIS Title", not "QIS Title QIS Title")."""
    if not number or label == number or label.startswith(f"{number} "):
        return label
    return f"{number} {label}"


@dataclass(frozen=True)
class Element:
    """One answer on the paper form."""

    key: str
    number: str  # the element's number on the paper ("16b", "15", "QIS Title")
    label: str  # the paper's wording, shortened only where the paper repeats itself
    kind: str
    part: str
    max_chars: int | None = None
    max_words: int | None = None
    digits: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    subject: str = ""  # what the element is about, for error messages ("Measure 1a baseline")

    @property
    def code(self) -> str:
        """How errors and findings name the element: number and subject."""
        return element_name(self.number, self.subject or self.label)


@dataclass(frozen=True)
class Block:
    """A run of elements on the page: an optional heading, the paper's text, and either single
    fields or one fieldset (legend) holding several."""

    keys: tuple[str, ...]
    heading: str = ""
    text: tuple[str, ...] = ()
    legend: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Part:
    slug: str
    title: str  # "Part A. Progress Report or Closeout QIS Submission"
    short: str  # step indicator label
    intro: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for block in self.blocks for key in block.keys)


@dataclass(frozen=True)
class ResultGroup:
    """A result given either as a rate with numerator and denominator, or as a data point."""

    prefix: str  # keys are prefix + _rate, _numerator, _denominator, _data_point
    number: str
    subject: str

    @property
    def keys(self) -> tuple[str, str, str, str]:
        return (f"{self.prefix}_rate", f"{self.prefix}_numerator",
                f"{self.prefix}_denominator", f"{self.prefix}_data_point")


@dataclass(frozen=True)
class Period:
    start: str
    end: str
    number: str
    subject: str


@dataclass(frozen=True)
class FormSpec:
    form_type: str
    title: str
    parts: tuple[Part, ...]
    elements: dict[str, Element]
    results: tuple[ResultGroup, ...] = ()
    periods: tuple[Period, ...] = ()
    finding_elements: tuple[tuple[str, str], ...] = ()  # (code, label) a reviewer may cite
    must_pass: frozenset[str] = field(default_factory=frozenset)

    def part(self, slug: str) -> Part | None:
        return next((part for part in self.parts if part.slug == slug), None)

    def part_of(self, key: str) -> Part | None:
        return next((part for part in self.parts if key in part.keys), None)

    def is_must_pass(self, code: str) -> bool:
        return any(code == top or code.startswith(top) and not code[len(top):].isdigit()
                   for top in self.must_pass)


def measure_letters(first_index: int) -> list[str]:
    """Progress Report element letters run 16a … 16z, 16aa, 16bb (seed 000)."""
    letters = [chr(ord("a") + i) for i in range(26)] + ["aa", "bb"]
    return letters[first_index:first_index + 7]


def get_spec(form_type: str) -> FormSpec:
    from submissions.elements.progress_report import PROGRESS_REPORT
    from submissions.elements.work_plan import WORK_PLAN

    return {PROGRESS_REPORT.form_type: PROGRESS_REPORT, WORK_PLAN.form_type: WORK_PLAN}[form_type]
