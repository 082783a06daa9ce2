"""Measure achievement points against the real 2020 benchmarks (seed §4.2.1-§4.2.2)."""

from pathlib import Path

import pytest

from scoring.engine import (
    MeasureSubmission,
    load_reference_from_package,
    score_batch,
    score_submission,
    web_interface_completeness,
)
from scoring.engine import types as t
from scoring.engine.batch import STATUS_NAMES

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
REF = load_reference_from_package(PACKAGE)


def sub(mid, method, num=None, den=None, *, rate=None, cases=None, completeness=100.0, **kw):
    return MeasureSubmission(mid, method, numerator=num, denominator=den, performance_rate=rate,
                             eligible_population=cases, data_completeness=completeness, **kw)


def test_measure_047_registry_120_of_156_is_decile_5_and_5_8733_points():
    a = score_submission(sub("047", "registry", 120, 156), REF)
    assert round(a.performance_rate, 4) == 76.9231
    assert a.decile == 5
    assert a.points == 5.8733
    assert a.status == t.SCORED


def test_partial_points_are_rounded_half_up_not_truncated():
    # 5 + (76.923077 - 36.15) / (82.84 - 36.15) = 5.8732678...; truncation would give 5.8732.
    raw = 5 + (120 / 156 * 100 - 36.15) / (82.84 - 36.15)
    assert int(raw * 10000) / 10000 == 5.8732
    assert score_submission(sub("047", "registry", 120, 156), REF).points == 5.8733


def test_a_rate_on_a_decile_lower_bound_opens_that_decile():
    a = score_submission(sub("047", "registry", rate=36.15, cases=50), REF)
    assert (a.decile, a.points) == (5, 5.0)


def test_the_top_decile_earns_10_points_flat():
    a = score_submission(sub("047", "registry", 100, 100), REF)
    assert (a.decile, a.points) == (10, 10.0)


def test_deciles_1_and_2_get_the_3_point_floor():
    a = score_submission(sub("110", "registry", rate=0.1, cases=50), REF)
    assert a.decile == 2
    assert a.points == 3.0
    assert "three_point_floor" in a.caps


def test_inverse_measures_score_lower_rates_higher():
    # 001 registry (inverse): bounds 100, 79.99, 70, 60, ...; 56 % lies in decile 5 (50, 60].
    a = score_submission(sub("001", "registry", rate=56, cases=50), REF)
    assert (a.decile, a.points) == (5, 5.4)
    best = score_submission(sub("001", "registry", rate=5, cases=50), REF)
    assert (best.decile, best.points) == (10, 10.0)
    assert "inverse" in a.reason


def test_a_benchmark_topped_out_by_program_caps_the_measure_at_7_points():
    a = score_submission(sub("047", "claims", 100, 100), REF)
    assert a.decile == 10
    assert a.points == 7.0
    assert "topped_out_7_point_cap" in a.caps


def test_a_topped_out_benchmark_not_flagged_by_program_is_not_capped():
    assert REF.benchmark("110", "claims") is not None
    topped = next(b for b in REF.benchmarks.values()
                  if b.is_topped_out and not b.is_topped_out_by_program and not b.is_inverse)
    a = score_submission(sub(topped.measure_id, topped.submission_method, 100, 100), REF)
    assert a.points == 10.0
    assert "not capped" in a.reason


def test_a_clamped_source_benchmark_is_named_in_the_reason():
    a = score_submission(sub("ACRAD25", "registry", rate=50.0, cases=40), REF)
    assert a.status == t.SCORED
    assert "220.3" in a.reason


def test_a_measure_without_benchmark_earns_3_points_outside_the_web_interface():
    a = score_submission(sub("370", "registry", 30, 100), REF)
    assert a.status == t.NO_BENCHMARK_FLOOR
    assert a.points == 3.0
    assert "no 2020 benchmark for measure 370 by submission method registry" in a.reason


def test_a_cahps_survey_without_benchmark_is_excluded_like_other_cms_collected_measures():
    # CMS draws the survey sample itself (no completeness floor), so, like the Web Interface
    # and administrative claims (§4.2.2 exceptions 1-2), no benchmark means no 3-point floor.
    survey = score_submission(sub("ACO321", "certifiedSurveyVendor", rate=80, cases=100), REF)
    assert (survey.status, survey.points) == (t.EXCLUDED_NO_BENCHMARK, None)


def test_a_measure_under_the_20_case_minimum_earns_3_points_when_complete():
    a = score_submission(sub("047", "registry", 19, 19), REF)
    assert a.status == t.CASE_MINIMUM_FLOOR
    assert a.points == 3.0
    assert score_submission(sub("047", "registry", 20, 20), REF).status == t.SCORED


def test_eligible_population_not_denominator_decides_the_case_minimum():
    a = score_submission(sub("047", "registry", 10, 15, cases=25), REF)
    assert a.status == t.SCORED


def test_a_web_interface_measure_without_benchmark_is_excluded():
    a = score_submission(sub("370", "cmsWebInterface", 50, 100), REF)
    assert a.status == t.EXCLUDED_NO_BENCHMARK
    assert a.points is None
    assert "no 2020 benchmark for measure 370 by submission method cmsWebInterface" in a.reason


def test_a_web_interface_measure_under_the_case_minimum_is_excluded():
    a = score_submission(sub("110", "cmsWebInterface", 10, 19), REF)
    assert a.status == t.EXCLUDED_CASE_MINIMUM
    assert a.points is None


def test_the_readmission_measure_has_a_200_case_minimum_and_no_2020_benchmark():
    under = score_submission(sub("458", "administrativeClaims", rate=15, cases=199,
                                 completeness=None), REF)
    assert (under.status, under.case_minimum, under.points) == (t.EXCLUDED_CASE_MINIMUM, 200,
                                                                 None)
    met = score_submission(sub("458", "administrativeClaims", rate=15, cases=200,
                               completeness=None), REF)
    assert met.status == t.EXCLUDED_NO_BENCHMARK
    assert ("no 2020 benchmark for measure 458 by submission method administrativeClaims"
            in met.reason)


def test_data_completeness_below_70_percent_earns_0_points():
    a = score_submission(sub("047", "registry", 120, 156, completeness=69.9), REF)
    assert (a.status, a.points) == (t.INCOMPLETE_ZERO, 0.0)
    assert score_submission(sub("047", "registry", 120, 156, completeness=70), REF).points > 5


def test_small_practices_keep_3_points_when_data_completeness_is_not_met():
    a = score_submission(sub("047", "registry", 120, 156, completeness=50), REF,
                         small_practice=True)
    assert (a.status, a.points) == (t.INCOMPLETE_SMALL_PRACTICE, 3.0)


def test_an_incomplete_web_interface_measure_earns_0_even_without_benchmark():
    a = score_submission(sub("370", "cmsWebInterface", 50, 100, completeness=99), REF)
    assert (a.status, a.points) == (t.INCOMPLETE_ZERO, 0.0)


@pytest.mark.parametrize(("reported", "sample", "percent"), [
    (248, 600, 100.0), (247, 600, 247 / 248 * 100), (120, 120, 100.0), (119, 120, 119 / 1.2),
])
def test_web_interface_completeness_is_248_consecutive_or_all_when_fewer(reported, sample,
                                                                         percent):
    assert web_interface_completeness(reported, sample) == pytest.approx(percent)


def test_external_points_are_used_as_given_when_the_case_minimum_is_met():
    a = score_submission(MeasureSubmission("ACO321", "certifiedSurveyVendor",
                                           external_points=5.4, eligible_population=20), REF)
    assert (a.status, a.points) == (t.EXTERNAL_POINTS, 5.4)


def test_batch_scores_match_single_submission_scores():
    cases = [("047", "registry", 120, 156), ("047", "claims", 100, 100),
             ("001", "registry", 28, 50), ("110", "cmsWebInterface", 10, 19),
             ("370", "cmsWebInterface", 50, 100),
             ("438", "registry", 0, 30), ("458", "administrativeClaims", 30, 250)]
    rows = [((m, meth), n, d, None, 80.0 if meth != "cmsWebInterface" else 100.0)
            for m, meth, n, d in cases]
    out = score_batch(REF.table, rows)
    for (m, meth, n, d), pts, status in zip(cases, out.points, out.statuses, strict=True):
        completeness = 100.0 if meth == "cmsWebInterface" else 80.0
        single = score_submission(sub(m, meth, n, d, completeness=completeness), REF)
        assert pts == single.points
        assert STATUS_NAMES[status] == single.status
