"""QIN-QIO regions and AIAN tribal regions (DOMAIN.md §3.1, seed 001)."""

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
