"""QIN-QIO regions and AIAN tribal regions (DOMAIN.md §3.1, seed 001), and the states and
territories each covers: the portal's one list of US states.

Seed 001 names the 7 QIN-QIO regions and the 11 AIAN tribal regions but lists no states, so
the portal uses the standard federal groupings behind them:

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
for every state and territory of the region, by month 9) and "is this a US state code".
"""

from django.db import models


class Region(models.TextChoices):
    # 7 QIN-QIO regions
    NORTHEAST = "northeast", "Northeast"
    MID_ATLANTIC = "mid_atlantic", "Mid-Atlantic"
    SOUTHEAST = "southeast", "Southeast"
    GREAT_LAKES = "great_lakes", "Great Lakes"
    SOUTHCENTRAL = "southcentral", "Southcentral"
    MIDWEST = "midwest", "Midwest"
    WEST = "west", "West"
    # 11 AIAN tribal regions
    AIAN_NORTHWEST = "aian_northwest", "AIAN Northwest"
    AIAN_ROCKY_MOUNTAIN = "aian_rocky_mountain", "AIAN Rocky Mountain"
    AIAN_GREAT_PLAINS = "aian_great_plains", "AIAN Great Plains"
    AIAN_GREAT_LAKES = "aian_great_lakes", "AIAN Great Lakes"
    AIAN_CALIFORNIA = "aian_california", "AIAN California"
    AIAN_SOUTHWEST = "aian_southwest", "AIAN Southwest"
    AIAN_NAVAJO = "aian_navajo", "AIAN Navajo"
    AIAN_NEW_MEXICO = "aian_new_mexico", "AIAN New Mexico"
    AIAN_OKLAHOMA = "aian_oklahoma", "AIAN Oklahoma"
    AIAN_ALASKA = "aian_alaska", "AIAN Alaska"
    AIAN_EASTERN = "aian_eastern", "AIAN Eastern"


QIN_REGIONS = [r for r in Region if not r.value.startswith("aian_")]
AIAN_REGIONS = [r for r in Region if r.value.startswith("aian_")]


# USPS codes of the states, DC and the inhabited territories.
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

# (code, name) by name: the choices of a provider's or a facility's state.
STATE_CHOICES: list[tuple[str, str]] = sorted(STATE_NAMES.items(), key=lambda item: item[1])

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


def state_choices(codes) -> list[tuple[str, str]]:
    """(code, "Name (CODE)") for each of `codes`, in their order."""
    return [(code, f"{state_name(code)} ({code})") for code in codes]
