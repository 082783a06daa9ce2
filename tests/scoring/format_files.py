"""Files built from the specifications: a QPP Submissions API submission (qpp-submissions-docs:
submission, measurementSets, measurements) and a QRDA Category III document (CMS 2020 QRDA III
implementation guide: program, performer, Measure Reference and Results, Measure Data with
Aggregate Counts)."""

import json

# qpp-measures-data 2020: measure 001 (CMS122v8) as an eCQM, by its eMeasureUuid.
CMS122_UUID = "40280382-6963-bf5e-0169-da3833273869"


def qpp_submission(*, entity_type="apm", entity_id="OCM-0009", measurements=None,
                   method="registry", year=2020, **top) -> bytes:
    performer = {"entityType": entity_type, "performanceYear": year}
    if entity_type == "apm":
        performer["entityId"] = entity_id
    else:
        performer["taxpayerIdentificationNumber"] = "123456789"
    if entity_type == "individual":
        performer["nationalProviderIdentifier"] = "1000000000"
    sets = [{"category": "ia", "submissionMethod": "registry", "measurements": []},
            {"category": "quality", "submissionMethod": method,
             "performanceStart": f"{year}-01-01", "performanceEnd": f"{year}-12-31",
             "measurements": measurements if measurements is not None else [m047()]}]
    return json.dumps({**performer, "measurementSets": sets, **top}).encode()


def m047(**value) -> dict:
    """Seed §4.2.2: measure 047, 120 met of 156, 160 eligible, 85 % complete."""
    return {"measureId": "047", "value": {
        "isEndToEndReported": False, "performanceMet": 120, "performanceNotMet": 36,
        "eligiblePopulationExclusion": 0, "eligiblePopulationException": 4,
        "eligiblePopulation": 160, "reportingRate": 85, **value}}


def _population(code: str, count) -> str:
    return f"""
        <component><observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.27.3.5" extension="2016-09-01"/>
          <templateId root="2.16.840.1.113883.10.20.27.3.16" extension="2019-05-01"/>
          <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
          <statusCode code="completed"/>
          <value xsi:type="CD" code="{code}" codeSystem="2.16.840.1.113883.5.4"/>
          <entryRelationship typeCode="SUBJ" inversionInd="true">
            <observation classCode="OBS" moodCode="EVN">
              <templateId root="2.16.840.1.113883.10.20.27.3.3"/>
              <code code="MSRAGG" codeSystem="2.16.840.1.113883.5.4"/>
              <value xsi:type="INT" value="{count}"/>
              <methodCode code="COUNT" codeSystem="2.16.840.1.113883.5.84"/>
            </observation>
          </entryRelationship>
          <entryRelationship typeCode="COMP">
            <observation classCode="OBS" moodCode="EVN">
              <templateId root="2.16.840.1.113883.10.20.27.3.6" extension="2016-09-01"/>
              <value xsi:type="CD" code="F" codeSystem="2.16.840.1.113883.5.1"/>
              <entryRelationship typeCode="SUBJ" inversionInd="true">
                <observation classCode="OBS" moodCode="EVN">
                  <templateId root="2.16.840.1.113883.10.20.27.3.3"/>
                  <value xsi:type="INT" value="1"/>
                </observation>
              </entryRelationship>
            </observation>
          </entryRelationship>
        </observation></component>"""


def qrda3(*, program="MIPS_GROUP", tin="123456789", npi="1000000000", uuid=CMS122_UUID,
          populations=(("IPOP", 200), ("DENOM", 180), ("NUMER", 40), ("DENEX", 10)),
          low="20200101", prolog="", apm_id="OCM-0009") -> bytes:
    pops = "".join(_population(code, n) for code, n in populations)
    return f"""<?xml version="1.0" encoding="utf-8"?>{prolog}
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <realmCode code="US"/>
  <templateId root="2.16.840.1.113883.10.20.27.1.1" extension="2017-06-01"/>
  <templateId root="2.16.840.1.113883.10.20.27.1.2" extension="2019-05-01"/>
  <code code="55184-6" codeSystem="2.16.840.1.113883.6.1"/>
  <informationRecipient><intendedRecipient>
    <id root="2.16.840.1.113883.3.249.7" extension="{program}"/>
  </intendedRecipient></informationRecipient>
  <participant typeCode="TRC"><associatedEntity classCode="PROG">
    <id root="2.16.840.1.113883.3.249.5.1" extension="{apm_id}"/>
  </associatedEntity></participant>
  <documentationOf typeCode="DOC"><serviceEvent classCode="PCPR">
    <effectiveTime><low value="{low}"/><high value="20201231"/></effectiveTime>
    <performer typeCode="PRF"><assignedEntity>
      <id root="2.16.840.1.113883.4.6" extension="{npi}"/>
      <representedOrganization><id root="2.16.840.1.113883.4.2" extension="{tin}"/>
      </representedOrganization>
    </assignedEntity></performer>
  </serviceEvent></documentationOf>
  <component><structuredBody><component><section>
    <templateId root="2.16.840.1.113883.10.20.27.2.1" extension="2017-06-01"/>
    <templateId root="2.16.840.1.113883.10.20.27.2.3" extension="2019-05-01"/>
    <entry><organizer classCode="CLUSTER" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.24.3.98"/>
      <templateId root="2.16.840.1.113883.10.20.27.3.1" extension="2016-09-01"/>
      <templateId root="2.16.840.1.113883.10.20.27.3.17" extension="2019-05-01"/>
      <statusCode code="completed"/>
      <reference typeCode="REFR"><externalDocument classCode="DOC" moodCode="EVN">
        <id root="2.16.840.1.113883.4.738" extension="{uuid}"/>
      </externalDocument></reference>{pops}
    </organizer></entry>
  </section></component></structuredBody></component>
</ClinicalDocument>""".encode()
