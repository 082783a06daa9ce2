"""The home panel (registered in apps.py): entities, the latest run, recent uploads."""

from scoring import selectors

# The panel counts at most this many entities: a national roll-up has 10,000 and more, and
# the home page must not count a whole table on every visit.
COUNT_CAP = 1000


def home_panel(request) -> dict:
    user = request.user
    return {
        "scoring_entities": selectors.entities_for_user(user)[:COUNT_CAP + 1].count(),
        "scoring_count_cap": COUNT_CAP,
        "scoring_run": selectors.runs_for_user(user).order_by("-pk").first(),
        "scoring_can_change": user.has_perm("scoring.change_data"),
    }
