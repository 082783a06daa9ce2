"""Batch rows may carry a database's integer code for (measure, method): same points; and
score_batch (numerator / denominator) agrees with score_rate_batch (rates) on any row."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.engine import load_reference_from_package, score_batch, score_rate_batch

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
REF = load_reference_from_package(PACKAGE)
KEYS = [("047", "registry"), ("236", "electronicHealthRecord"), ("370", "registry"),
        ("458", "administrativeClaims"), ("001", "claims")]
ROWS = [(120, 156, 160, 85.0), (70, 100, 300, 90.0), (8, 40, None, 75.0), (10, 350, 350, None),
        (30, 100, 100, 60.0)]


def test_a_coded_table_scores_exactly_like_tuple_keys():
    by_tuple = score_batch(REF.table, [(k, *r) for k, r in zip(KEYS, ROWS, strict=True)])
    coded = REF.table.coded(KEYS)
    by_code = score_batch(coded, [(i, *r) for i, r in enumerate(ROWS)])
    assert by_code == by_tuple
    assert by_code.points[0] == 5.8733 and by_code.deciles[0] == 5  # seed: 047, 120/156


def test_an_unknown_code_is_an_error_not_a_silent_floor():
    with pytest.raises(KeyError, match="unknown measure code 9"):
        score_batch(REF.table.coded(KEYS), [(9, 1, 2, 30, 80.0)])


ALL_KEYS = sorted(REF.table.entries)
ROW = st.tuples(st.sampled_from(ALL_KEYS), st.integers(0, 500), st.integers(0, 500),
                st.none() | st.integers(0, 600),
                st.none() | st.sampled_from([0.0, 50.0, 69.99, 70.0, 99.9, 100.0]))


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(ROW, max_size=40), small=st.booleans())
def test_score_batch_agrees_with_score_rate_batch_on_any_row(rows, small):
    """score_batch repeats score_rate_batch's loop with the rate inline: same results."""
    rows = [(k, min(num, den), den, elig, compl) for k, num, den, elig, compl in rows]
    rated = [(k, num * 100.0 / den if den else None, den if elig is None else elig, compl)
             for k, num, den, elig, compl in rows]
    assert score_batch(REF.table, rows, small_practice=small) == score_rate_batch(
        REF.table, rated, small_practice=small)
