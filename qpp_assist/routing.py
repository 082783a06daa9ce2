"""Which contractor answers a QPP inquiry: the seed's “Who Does What?” table as rules.

Plain Python over plain data (no ORM, no Django), so every rule can be read beside seed 004
and tested by itself. The ORM layer (services/inquiries.py) builds `Facts` and `Option`s and
stores the `Decision`.

The rules, from the table's “Providers served” and “Providers excluded” rows:

* QIN-QIO: QPP serves eligible clinicians (ECs) in large groups (16 or more clinicians) in
  its region; it excludes ECs in advanced APMs or in a PTN, and ECs in small practices.
* QPP-SURS serves ECs in small groups (15 or fewer clinicians) in its region, especially in
  medically underserved, rural or health professional shortage areas (those come first: the
  inquiry is marked priority); it excludes ECs in advanced APMs or a PTN, and large practices.
* QIN-QIO: TCPI serves practices of its region enrolled in a PTN (its service is the practice
  assessment); it excludes practices not enrolled in a PTN.
* A PTN serves the physician practices of its service area (enrolled in it); it excludes
  clinicians in any APM, including any Medicare ACO.

Order of preference: a practice-assessment request goes to QIN-QIO: TCPI first; a question
from a practice enrolled in a PTN goes to the PTN; otherwise group size decides between
QIN-QIO: QPP and QPP-SURS.

When every contractor is excluded (for example an EC in an advanced APM, whom neither
QIN-QIO: QPP nor QPP-SURS serves and no PTN may take), or the one that would serve has no
contractor on record for the region, the inquiry goes to the CMS help desk with the reasons
spelled out: the help desk answers it itself or overrides the route to a contractor, with a
reason, so no inquiry is left without an owner (“no wrong door”).
"""

from dataclasses import dataclass
from decimal import Decimal

from qpp_assist.who_does_what import PTN, QIN_QIO_QPP, QIN_QIO_TCPI, QPP_SURS

LARGE_GROUP_MIN = 16  # “large groups (16 or more clinicians)”
SMALL_GROUP_MAX = 15  # “small groups (15 or fewer clinicians)”
EC_CHARGES_OVER = Decimal("30000")  # ECs “bill more than $30,000 to Medicare”
EC_PATIENTS_OVER = 100  # “and provide care to more than 100 Medicare patients per year”

QUESTION = "question"
ASSESSMENT = "assessment"

SHORT_NAMES = {
    QIN_QIO_QPP: "QIN-QIO: QPP",
    QPP_SURS: "QPP-SURS",
    QIN_QIO_TCPI: "QIN-QIO: TCPI",
    PTN: "PTN",
}
PREFERENCE = {
    ASSESSMENT: (QIN_QIO_TCPI, PTN, QIN_QIO_QPP, QPP_SURS),
    QUESTION: (PTN, QIN_QIO_QPP, QPP_SURS),
}
RULE_HELP_DESK = "help_desk"


def is_eligible_clinician(medicare_charges: Decimal, medicare_patients: int) -> bool:
    """Seed footnote 2: bills more than $30,000 to Medicare and sees more than 100 Medicare
    patients a year (both strictly more)."""
    return (Decimal(medicare_charges) > EC_CHARGES_OVER
            and int(medicare_patients) > EC_PATIENTS_OVER)


@dataclass(frozen=True)
class Facts:
    """What the intake recorded about the clinician or practice."""

    region: str
    region_label: str
    group_size: int
    eligible_clinician: bool
    advanced_apm: bool = False
    any_apm: bool = False
    ptn_enrolled: bool = False
    ptn_id: int | None = None
    rural: bool = False
    underserved: bool = False
    shortage_area: bool = False
    kind: str = QUESTION

    @property
    def in_any_apm(self) -> bool:
        """An advanced APM is an APM."""
        return self.any_apm or self.advanced_apm

    @property
    def small(self) -> bool:
        return self.group_size <= SMALL_GROUP_MAX

    @property
    def areas(self) -> list[str]:
        return [label for flag, label in (
            (self.rural, "rural"), (self.underserved, "medically underserved"),
            (self.shortage_area, "in a health professional shortage area"),
        ) if flag]

    @property
    def surs_priority(self) -> bool:
        """“especially those in medically Underserved, Rural or health professional Shortage
        areas”: they come first in QPP-SURS's queue."""
        return self.small and bool(self.areas)


@dataclass(frozen=True)
class Option:
    """A contractor on record: its type and the region it serves."""

    id: int
    type_code: str
    region: str
    name: str


@dataclass(frozen=True)
class Verdict:
    type_code: str
    serves: bool
    reason: str

    @property
    def short_name(self) -> str:
        return SHORT_NAMES[self.type_code]


@dataclass(frozen=True)
class Decision:
    contractor_id: int | None
    contractor_name: str
    type_code: str
    rule: str
    priority: bool
    explanation: str
    verdicts: tuple[Verdict, ...]

    @property
    def to_help_desk(self) -> bool:
        return self.contractor_id is None


def _clinicians(n: int) -> str:
    return f"{n} clinician{'s' if n != 1 else ''}"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


_NOT_EC = ("it serves eligible clinicians only (more than $30,000 billed to Medicare and more "
           "than 100 Medicare patients a year)")


def judge_qin_qio_qpp(f: Facts) -> Verdict:
    excluded = []
    if f.advanced_apm:
        excluded.append("it excludes ECs participating in advanced APMs")
    if f.ptn_enrolled:
        excluded.append("it excludes ECs in a Practice Transformation Network (PTN)")
    if f.small:
        excluded.append(f"it excludes ECs in small practices (the group has "
                        f"{_clinicians(f.group_size)}; it serves groups of {LARGE_GROUP_MIN} "
                        f"or more)")
    if not f.eligible_clinician:
        excluded.append(_NOT_EC)
    if excluded:
        return Verdict(QIN_QIO_QPP, False, "; ".join(excluded))
    return Verdict(QIN_QIO_QPP, True, f"the group has {_clinicians(f.group_size)} "
                                      f"({LARGE_GROUP_MIN} or more)")


def judge_qpp_surs(f: Facts) -> Verdict:
    excluded = []
    if f.advanced_apm:
        excluded.append("it excludes ECs participating in advanced APMs")
    if f.ptn_enrolled:
        excluded.append("it excludes ECs in a PTN")
    if not f.small:
        excluded.append(f"it excludes ECs in large practices (the group has "
                        f"{_clinicians(f.group_size)}; it serves groups of {SMALL_GROUP_MAX} "
                        f"or fewer)")
    if not f.eligible_clinician:
        excluded.append(_NOT_EC)
    if excluded:
        return Verdict(QPP_SURS, False, "; ".join(excluded))
    reason = f"the group has {_clinicians(f.group_size)} ({SMALL_GROUP_MAX} or fewer)"
    if f.areas:
        reason += f" and is {_join(f.areas)}"
    return Verdict(QPP_SURS, True, reason)


def judge_qin_qio_tcpi(f: Facts) -> Verdict:
    if not f.ptn_enrolled:
        return Verdict(QIN_QIO_TCPI, False,
                       "it excludes practices that are not enrolled in a PTN")
    if f.kind != ASSESSMENT:
        return Verdict(QIN_QIO_TCPI, False, "it performs practice assessments of PTN "
                                            "practices; this is a QPP question")
    return Verdict(QIN_QIO_TCPI, True, "the practice is enrolled in a PTN and asks for a "
                                       "practice assessment")


def judge_ptn(f: Facts) -> Verdict:
    if f.in_any_apm:
        return Verdict(PTN, False, "it excludes clinicians participating in any APM, including "
                                   "any type of Medicare ACO")
    if not f.ptn_enrolled:
        return Verdict(PTN, False, "the practice is not enrolled in a PTN")
    return Verdict(PTN, True, "the practice is enrolled in a PTN and takes part in no APM")


JUDGES = {
    QIN_QIO_QPP: judge_qin_qio_qpp,
    QPP_SURS: judge_qpp_surs,
    QIN_QIO_TCPI: judge_qin_qio_tcpi,
    PTN: judge_ptn,
}


def judge_all(facts: Facts) -> tuple[Verdict, ...]:
    return tuple(JUDGES[code](facts) for code in (QIN_QIO_QPP, QPP_SURS, QIN_QIO_TCPI, PTN))


def pick_contractor(type_code: str, facts: Facts, options: list[Option]) -> Option | None:
    """The contractor of that type for the practice: the PTN it named, else the one serving its
    region (the lowest id when several are on record, so the answer is stable)."""
    of_type = sorted((o for o in options if o.type_code == type_code), key=lambda o: o.id)
    if type_code == PTN and facts.ptn_id is not None:
        named = [o for o in of_type if o.id == facts.ptn_id]
        if named:
            return named[0]
    in_region = [o for o in of_type if o.region == facts.region]
    return in_region[0] if in_region else None


def route(facts: Facts, options: list[Option]) -> Decision:
    """Decide who answers, and say why in a sentence a clinician can read."""
    verdicts = judge_all(facts)
    by_code = {v.type_code: v for v in verdicts}
    missing = []
    for code in PREFERENCE.get(facts.kind, PREFERENCE[QUESTION]):
        verdict = by_code[code]
        if not verdict.serves:
            continue
        chosen = pick_contractor(code, facts, options)
        if chosen is None:
            missing.append(f"{SHORT_NAMES[code]} would serve it ({verdict.reason}), but no "
                           f"{SHORT_NAMES[code]} contractor is on record for the "
                           f"{facts.region_label} region")
            continue
        priority = code == QPP_SURS and facts.surs_priority
        explanation = (f"Routed to {SHORT_NAMES[code]} ({chosen.name}) because "
                       f"{verdict.reason}.")
        if priority:
            explanation += (" Rural, medically underserved and health professional shortage "
                            "area practices come first, so it is marked priority.")
        return Decision(chosen.id, chosen.name, code, code, priority, explanation, verdicts)
    return Decision(None, "CMS help desk", "", RULE_HELP_DESK, False,
                    help_desk_explanation(verdicts, missing), verdicts)


def help_desk_explanation(verdicts: tuple[Verdict, ...], missing: list[str]) -> str:
    if missing:
        return ("Sent to the CMS help desk because " + "; ".join(missing) + ". The help desk "
                "answers it or routes it to a contractor.")
    reasons = "; ".join(f"{v.short_name}: {v.reason}" for v in verdicts)
    return ("Sent to the CMS help desk because every QPP technical assistance contractor is "
            f"excluded — {reasons}. The help desk answers it or routes it to a contractor.")
