"""QRDA Category III (aggregate eCQM counts), as the CMS 2020 implementation guide profiles it.

Read with defusedxml and no DTD at all: a document type declaration, an entity (the "billion
laughs"), or an external entity is refused before anything is expanded or fetched, and nothing
is read from the network. From the document:

* the program (``informationRecipient/intendedRecipient/id`` of root 2.16.840.1.113883.3.249.7):
  MIPS_INDIV (clinician: the performer's NPI 2.16.840.1.113883.4.6 and TIN
  2.16.840.1.113883.4.2), MIPS_GROUP (the TIN), MIPS_APMENTITY (the APM Entity ID,
  participant id root 2.16.840.1.113883.3.249.5.1);
* per Measure Reference and Results organizer (template 2.16.840.1.113883.10.20.27.3.1), the
  measure by its version-specific identifier (``reference/externalDocument/id`` root
  2.16.840.1.113883.4.738, the ``eMeasureUuid`` of qpp-measures-data), and per Measure Data
  observation (template 2.16.840.1.113883.10.20.27.3.5) the population (DENOM, NUMER, DENEX,
  DENEXCEP, IPOP) with its Aggregate Count (template 2.16.840.1.113883.10.20.27.3.3).

Counts map as CMS's conversion tool maps them: performanceMet = NUMER, exclusions = DENEX,
exceptions = DENEXCEP, eligiblePopulation = DENOM, performanceNotMet = DENOM - NUMER - DENEX -
DENEXCEP; the collection type is the eCQM one. A measure with several population groups
(strata) is refused with its path: the engine scores one rate per measure.
"""

import functools
import json
import xml.etree.ElementTree as ET

import defusedxml
import defusedxml.ElementTree as SafeET

from scoring.choices import PERFORMANCE_YEAR
from scoring.engine import constants as c
from scoring.formats.common import Measurement, Problems
from scoring.services.reference import measures_path

V3, XSI = "{urn:hl7-org:v3}", "{http://www.w3.org/2001/XMLSchema-instance}"
PROGRAM_ROOT, NPI_ROOT, TIN_ROOT = "2.16.840.1.113883.3.249.7", "2.16.840.1.113883.4.6", \
    "2.16.840.1.113883.4.2"
APM_ROOT, MEASURE_ROOT = "2.16.840.1.113883.3.249.5.1", "2.16.840.1.113883.4.738"
MEASURE_ORGANIZER, MEASURE_DATA, AGGREGATE_COUNT = (
    "2.16.840.1.113883.10.20.27.3.1", "2.16.840.1.113883.10.20.27.3.5",
    "2.16.840.1.113883.10.20.27.3.3")
PROGRAMS = {"MIPS_INDIV": "npi", "MIPS_GROUP": "tin", "MIPS_APMENTITY": "entity"}
POPULATIONS = ("IPOP", "DENOM", "NUMER", "DENEX", "DENEXCEP")


@functools.lru_cache(maxsize=1)
def measures_by_uuid() -> dict[str, str]:
    """eMeasureUuid (lower case) -> quality measure ID, from the qpp-measures-data package."""
    with open(measures_path(), encoding="utf-8") as fh:
        return {m["eMeasureUuid"].lower(): m["measureId"] for m in json.load(fh)
                if m.get("eMeasureUuid")}


class _Paths:
    """XPath-like locations (``/ClinicalDocument/component/.../observation[2]``) of elements."""

    def __init__(self, root: ET.Element) -> None:
        self.parent = {child: parent for parent in root.iter() for child in parent}

    def __call__(self, elem: ET.Element, attribute: str = "") -> str:
        steps = []
        while elem is not None:
            name = elem.tag.replace(V3, "")
            parent = self.parent.get(elem)
            if parent is not None:
                same = [e for e in parent if e.tag == elem.tag]
                if len(same) > 1:
                    name += f"[{same.index(elem) + 1}]"
            steps.append(name)
            elem = parent
        return "/" + "/".join(reversed(steps)) + (f"/@{attribute}" if attribute else "")


def _templates(elem: ET.Element) -> set[str]:
    return {t.get("root", "") for t in elem.findall(f"{V3}templateId")}


def _id_with_root(elem: ET.Element | None, root: str) -> ET.Element | None:
    if elem is None:
        return None
    return next((i for i in elem.iter(f"{V3}id") if i.get("root") == root), None)


def _performer(doc: ET.Element, where: _Paths, problems: Problems) -> dict | None:
    program = _id_with_root(doc.find(f"{V3}informationRecipient"), PROGRAM_ROOT)
    level = PROGRAMS.get(program.get("extension", "")) if program is not None else None
    if level is None:
        problems.add(where(program, "extension") if program is not None else
                     "/ClinicalDocument/informationRecipient",
                     f"must name the program: one of {', '.join(PROGRAMS)}",
                     program.get("extension", "") if program is not None else "")
        return None
    performer = doc.find(f"{V3}documentationOf/{V3}serviceEvent/{V3}performer/"
                         f"{V3}assignedEntity")
    found = {"level": level, "tin": "", "npi": "", "entity_id": ""}
    wanted = {"npi": [("npi", NPI_ROOT, 10), ("tin", TIN_ROOT, 9)],
              "tin": [("tin", TIN_ROOT, 9)], "entity": []}[level]
    for name, root, digits in wanted:
        ident = _id_with_root(performer, root)
        value = ident.get("extension", "") if ident is not None else ""
        if not (value.isdigit() and len(value) == digits):
            problems.add(where(ident, "extension") if ident is not None else
                         "/ClinicalDocument/documentationOf/serviceEvent/performer",
                         f"the performer's {name.upper()} ({root}) must be {digits} digits",
                         value)
            return None
        found[name] = value
    if level == "entity":
        apm = next((i for p in doc.findall(f"{V3}participant")
                    if (i := _id_with_root(p, APM_ROOT)) is not None), None)
        found["entity_id"] = apm.get("extension", "") if apm is not None else ""
    return found


def _aggregate_count(observation: ET.Element) -> ET.Element | None:
    for relation in observation.findall(f"{V3}entryRelationship"):
        inner = relation.find(f"{V3}observation")
        if inner is not None and AGGREGATE_COUNT in _templates(inner):
            return inner.find(f"{V3}value")
    return None


def _populations(organizer, where: _Paths, problems: Problems, number: int) -> dict | None:
    """Population code -> its Aggregate Count; None when any of them is unreadable."""
    counts: dict[str, int] = {}
    before = len(problems.items)
    for component in organizer.findall(f"{V3}component"):
        obs = component.find(f"{V3}observation")
        if obs is None or MEASURE_DATA not in _templates(obs):
            continue
        value = obs.find(f"{V3}value")
        code = value.get("code", "") if value is not None else ""
        if code not in POPULATIONS:
            problems.add(where(value, "code") if value is not None else where(obs),
                         f"must be a population code: one of {', '.join(POPULATIONS)}", code,
                         number)
            continue
        if code in counts:
            problems.add(where(value, "code"), f"a second {code} population: measures with "
                         "several population groups are not scored from QRDA III", code, number)
            return None
        aggregate = _aggregate_count(obs)
        raw = aggregate.get("value", "") if aggregate is not None else ""
        if aggregate is None or aggregate.get(f"{XSI}type") != "INT" or not raw.isdigit():
            problems.add(where(aggregate, "value") if aggregate is not None else where(obs),
                         f"the {code} Aggregate Count must be a whole number (xsi:type INT)",
                         raw, number)
            continue
        counts[code] = int(raw)
    return counts if len(problems.items) == before else None


def _measurement(organizer, performer: dict, where: _Paths, problems: Problems,
                 number: int) -> Measurement | None:
    path = where(organizer)
    ident = next((d for d in organizer.iter(f"{V3}id") if d.get("root") == MEASURE_ROOT), None)
    uuid = (ident.get("extension", "") if ident is not None else "").lower()
    measure_id = measures_by_uuid().get(uuid)
    if measure_id is None:
        problems.add(where(ident, "extension") if ident is not None else path,
                     "must be the version-specific identifier of a 2020 eCQM "
                     f"(externalDocument id root {MEASURE_ROOT})", uuid, number)
        return None
    counts = _populations(organizer, where, problems, number)
    if counts is None:
        return None
    missing = [code for code in ("DENOM", "NUMER") if code not in counts]
    if missing:
        problems.add(path, f"has no {' or '.join(missing)} population", "", number)
        return None
    denom, numer = counts["DENOM"], counts["NUMER"]
    denex, denexcep = counts.get("DENEX", 0), counts.get("DENEXCEP", 0)
    if numer + denex + denexcep > denom:
        problems.add(path, "NUMER + DENEX + DENEXCEP exceed DENOM", f"{numer}+{denex}+"
                     f"{denexcep}>{denom}", number)
        return None
    return Measurement(number=number, path=path, measure_id=measure_id,
                       submission_method=c.EHR, level=performer["level"],
                       tin=performer["tin"], npi=performer["npi"], performance_met=numer,
                       performance_not_met=denom - numer - denex - denexcep, exclusions=denex,
                       exceptions=denexcep, eligible_population=denom)


def _year_problem(doc: ET.Element, where: _Paths, problems: Problems) -> None:
    low = doc.find(f"{V3}documentationOf/{V3}serviceEvent/{V3}effectiveTime/{V3}low")
    if low is not None and not low.get("value", "").startswith(str(PERFORMANCE_YEAR)):
        problems.add(where(low, "value"), f"the performance period must be in "
                     f"{PERFORMANCE_YEAR}", low.get("value", ""))


def parse(data: bytes) -> tuple[list[Measurement], Problems, str]:
    """(measurements, problems, the APM Entity ID the document names or "")."""
    problems = Problems()
    try:
        doc = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        problems.add("/", "refused: a document type declaration, entity or external "
                          f"reference is not allowed in QRDA III ({type(exc).__name__})")
        return [], problems, ""
    except ET.ParseError as exc:
        problems.add("/", f"is not well-formed XML (it may be truncated): {exc}")
        return [], problems, ""
    if doc.tag != f"{V3}ClinicalDocument":
        problems.add("/", "must be an HL7 CDA ClinicalDocument (namespace urn:hl7-org:v3)",
                     doc.tag)
        return [], problems, ""
    where = _Paths(doc)
    _year_problem(doc, where, problems)
    performer = _performer(doc, where, problems)
    organizers = [o for o in doc.iter(f"{V3}organizer") if MEASURE_ORGANIZER in _templates(o)]
    if not organizers:
        problems.add("/ClinicalDocument/component/structuredBody",
                     "has no Measure Reference and Results organizer "
                     f"(template {MEASURE_ORGANIZER})")
    measurements = []
    for number, organizer in enumerate(organizers, start=1):
        if performer is not None:
            found = _measurement(organizer, performer, where, problems, number)
            if found is not None:
                measurements.append(found)
    return measurements, problems, (performer or {}).get("entity_id", "")
