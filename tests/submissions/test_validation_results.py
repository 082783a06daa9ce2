"""Results (rate with numerator and denominator, or a data point, exactly one), targets, and
the payment-model total (seed 000 element 15: approximately 100 %, accepted 99–101 %)."""

import pytest

from submissions.validators import RATE_TOLERANCE, submit_errors
from tests.submissions.conftest import PLAN_DATA, PROGRESS_ANSWERS

BASE = {**PLAN_DATA, **PROGRESS_ANSWERS, "qis_title": "Reducing NTSV C-sections",
        "issuer_legal_name": "Sunrise Health Plans", "hios_issuer_id": "12345",
        "issuer_state": "CA"}


def errors(**changes):
    data = {**BASE, **changes}
    return submit_errors("progress_report", {k: v for k, v in data.items() if v is not None})


def test_the_seed_based_report_is_complete():
    assert dict(errors()) == {}


def test_the_rounding_tolerance_is_five_hundredths_of_a_percentage_point():
    assert str(RATE_TOLERANCE) == "0.05"


@pytest.mark.parametrize("rate", ["27.4", "27.40", "27.44", "27.36"])
def test_a_rate_within_the_tolerance_of_numerator_over_denominator_is_accepted(rate):
    # 1,370 / 5,000 = 27.4 %
    assert "m1a_baseline_rate" not in errors(m1a_baseline_rate=rate)


def test_a_rate_that_the_numerator_and_denominator_do_not_calculate_to_is_refused():
    assert errors(m1a_baseline_rate="27.5")["m1a_baseline_rate"] == [
        "16b Measure 1a baseline: the numerator 1,370 and denominator 5,000 calculate to "
        "27.4 %, not the calculated rate 27.5 % (tolerance ±0.05 percentage points)."]


def test_the_progress_rate_is_checked_the_same_way():
    # 1,205 / 5,000 = 24.1 %
    assert errors(m1a_progress_rate="24.2")["m1a_progress_rate"][0].startswith(
        "16d Measure 1a progress result: the numerator 1,205 and denominator 5,000 calculate")


def test_a_rate_and_a_data_point_together_are_refused():
    assert errors(m1a_baseline_data_point="27.4")["m1a_baseline_data_point"] == [
        "16b Measure 1a baseline: give either the calculated rate with its numerator and "
        "denominator, or a data point — not both."]


def test_a_data_point_alone_is_a_result():
    result = errors(m1a_baseline_rate=None, m1a_baseline_numerator=None,
                    m1a_baseline_denominator=None, m1a_baseline_data_point="4.2",
                    m1a_progress_rate=None, m1a_progress_numerator=None,
                    m1a_progress_denominator=None, m1a_progress_data_point="3.9")
    assert not any(key.startswith("m1a_baseline") or key.startswith("m1a_progress")
                   for key in result)


def test_neither_a_rate_nor_a_data_point_is_refused_for_a_required_measure():
    result = errors(m1a_progress_rate=None, m1a_progress_numerator=None,
                    m1a_progress_denominator=None)
    assert result["m1a_progress_rate"] == [
        "16d Measure 1a progress result: give either the calculated rate with its numerator "
        "and denominator, or a data point."]


def test_a_rate_without_its_denominator_names_what_is_missing():
    assert errors(m1a_baseline_denominator=None)["m1a_baseline_denominator"] == [
        "16b Measure 1a baseline: a rate needs the calculated rate, the numerator and the "
        "denominator; missing: denominator."]


def test_a_zero_denominator_and_a_numerator_above_the_denominator_are_refused():
    assert "greater than 0" in errors(m1a_baseline_denominator=0)["m1a_baseline_denominator"][0]
    assert "cannot be larger" in errors(m1a_baseline_numerator=6000)["m1a_baseline_numerator"][0]


def test_a_period_may_not_start_after_it_ends_but_may_be_one_month():
    assert errors(m1a_progress_start="12/2024", m1a_progress_end="01/2024")[
        "m1a_progress_start"] == [
        "16e Measure 1a progress period: the start (12/2024) cannot be after the end (01/2024)."]
    # Seed 000 asks when collection began and ended; one month (01/2024-01/2024) is a period.
    one_month = errors(m1a_progress_start="01/2024", m1a_progress_end="01/2024")
    assert "m1a_progress_start" not in one_month and "m1a_progress_end" not in one_month


def test_a_target_is_a_rate_or_data_point_not_a_percentage_change():
    from submissions.elements import get_spec
    from submissions.validators import clean_values

    _, found = clean_values(get_spec("progress_report"), {"m1a_target": "-10"})
    assert found["m1a_target"] == [
        "16f Measure 1a performance target: give the target rate (%) or data point itself, not "
        "a percentage change (no + or − sign)."]
    assert "rate between 0 and 100" in errors(m1a_target="123")["m1a_target"][0]


@pytest.mark.parametrize("total_parts", [("40", "30", "20", "9"), ("40", "30", "20", "11"),
                                         ("40", "30", "20", "10")])
def test_payment_percentages_totalling_99_to_101_are_approximately_100(total_parts):
    a, b, c, d = total_parts
    result = errors(payment_ffs_no_link=a, payment_ffs_linked=b, payment_apm_ffs=c,
                    payment_population=d)
    assert "payment_models" not in result


@pytest.mark.parametrize(("population", "total"), [("8.9", "98.9"), ("11.5", "101.5")])
def test_payment_percentages_outside_99_to_101_are_refused(population, total):
    assert errors(payment_population=population)["payment_models"] == [
        f"15 Current Payment Model(s): the percentages total {total} %; the total must equal "
        "approximately 100 % (99–101 %)."]


def test_a_selected_payment_category_needs_its_percentage_and_an_unselected_one_none():
    result = errors(payment_models=["ffs_no_link", "ffs_linked", "apm_ffs"],
                    payment_apm_ffs=None)
    assert result["payment_apm_ffs"] == ["15 Payment percentage, Alternative Payment Models "
                                         "Built on Fee for Service Architecture: give the "
                                         "percentage for a selected category."]
    assert "select this category" in result["payment_population"][0]
    assert "at least one" in errors(payment_models=[])["payment_models"][0]


def test_a_second_measure_begun_must_be_completed():
    result = errors(m1b_name="Postpartum visit rate")
    assert result["m1b_baseline_rate"][0].startswith("16i Measure 1b baseline")
    assert result["m1b_target_achieved"] == [
        "16n Measure 1b target achieved: required before you submit."]


def test_goal_2_measures_need_goal_2():
    result = errors(m2a_name="Blended case rate share")
    assert result["goal_2"][0].startswith("16 QIS Goal 2: required")
