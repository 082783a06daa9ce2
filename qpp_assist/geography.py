"""The QIN region of a practice, from its state (QIN-QIO: QPP and QPP-SURS serve “the QIN's
region”, seed 004). The state lists are the portal's one map, in qis_portal.regions; AIAN
tribal regions overlap the QIN regions and are not QPP service areas, so only the 7 QIN
regions count here."""

from qis_portal.regions import QIN_REGIONS, REGION_STATES, STATE_NAMES, Region

_QIN_REGION_OF_STATE: dict[str, str] = {
    state: str(region.value) for region in QIN_REGIONS for state in REGION_STATES[region]
}
STATE_CHOICES: list[tuple[str, str]] = sorted(
    ((code, f"{name} ({code})") for code, name in STATE_NAMES.items()
     if code in _QIN_REGION_OF_STATE),
    key=lambda item: item[1],
)


def qin_region_for_state(state: str) -> str:
    """The QIN region value of a USPS state code, or "" when the code is unknown."""
    return _QIN_REGION_OF_STATE.get((state or "").strip().upper(), "")


def region_label(region: str) -> str:
    return Region(region).label if region in Region.values else region
