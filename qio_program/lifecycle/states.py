"""Which states and territories each QIN-QIO region and AIAN tribal region covers.

Source: seed 001 names the 7 QIN-QIO regions and the 11 AIAN tribal regions but lists no
states, so the portal uses the standard federal groupings behind them:

* QIN-QIO regions follow the ten HHS/CMS regional offices, joined where the 13th SOW has
  fewer regions: Northeast = HHS Regions 1 and 2 (New England, New York, New Jersey, Puerto
  Rico, U.S. Virgin Islands); Mid-Atlantic = Region 3; Southeast = Region 4; Great Lakes =
  Region 5; Southcentral = Region 6; Midwest = Regions 7 and 8; West = Regions 9 and 10
  (including the Pacific territories). Every state, DC and the five inhabited territories
  belong to exactly one region.
* AIAN tribal regions follow the Indian Health Service Area offices they are named after
  (Portland = Northwest, Billings = Rocky Mountain, Bemidji = Great Lakes, Nashville =
  Eastern, Albuquerque = New Mexico, Phoenix and Tucson = Southwest, Oklahoma City =
  Oklahoma); a state may be served by more than one tribal region.

This module is the one place that answers "which A3Cs does this QIO owe" (seed 001: an A3C
for every state and territory of the region, by month 9).
"""

from qis_portal.regions import Region

STATE_NAMES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "PR": "Puerto Rico", "VI": "U.S. Virgin Islands", "GU": "Guam",
    "AS": "American Samoa", "MP": "Northern Mariana Islands",
}

REGION_STATES: dict[str, tuple[str, ...]] = {
    Region.NORTHEAST: ("CT", "ME", "MA", "NH", "RI", "VT", "NJ", "NY", "PR", "VI"),
    Region.MID_ATLANTIC: ("DE", "DC", "MD", "PA", "VA", "WV"),
    Region.SOUTHEAST: ("AL", "FL", "GA", "KY", "MS", "NC", "SC", "TN"),
    Region.GREAT_LAKES: ("IL", "IN", "MI", "MN", "OH", "WI"),
    Region.SOUTHCENTRAL: ("AR", "LA", "NM", "OK", "TX"),
    Region.MIDWEST: ("IA", "KS", "MO", "NE", "CO", "MT", "ND", "SD", "UT", "WY"),
    Region.WEST: ("AZ", "CA", "HI", "NV", "AS", "GU", "MP", "AK", "ID", "OR", "WA"),
    Region.AIAN_NORTHWEST: ("ID", "OR", "WA"),
    Region.AIAN_ROCKY_MOUNTAIN: ("MT", "WY"),
    Region.AIAN_GREAT_PLAINS: ("IA", "NE", "ND", "SD"),
    Region.AIAN_GREAT_LAKES: ("IL", "IN", "MI", "MN", "WI"),
    Region.AIAN_CALIFORNIA: ("CA",),
    Region.AIAN_SOUTHWEST: ("AZ", "NV", "UT"),
    Region.AIAN_NAVAJO: ("AZ", "NM", "UT"),
    Region.AIAN_NEW_MEXICO: ("CO", "NM", "TX"),
    Region.AIAN_OKLAHOMA: ("KS", "OK", "TX"),
    Region.AIAN_ALASKA: ("AK",),
    Region.AIAN_EASTERN: ("AL", "CT", "FL", "LA", "ME", "MA", "MS", "NY", "NC", "RI", "SC",
                          "VA"),
}


def states_for_region(region: str) -> tuple[str, ...]:
    """The states and territories a QIO of `region` assesses (empty for an unknown region)."""
    return REGION_STATES.get(region, ())


def state_name(code: str) -> str:
    return STATE_NAMES.get(code, code)


def state_choices(region: str) -> list[tuple[str, str]]:
    return [(code, f"{state_name(code)} ({code})") for code in states_for_region(region)]
