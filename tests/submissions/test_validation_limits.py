"""Character limits, word limits and formats, each error naming the element and the rule
(seed 000: 200, 500, 1,000 and 1,500 characters; seed 002: 200, 100 and 50 words)."""

import pytest

from submissions.elements import get_spec
from submissions.validators import clean_values, count_words

PR = get_spec("progress_report")
WP = get_spec("work_plan")


def errors_for(spec, key, value):
    _, errors = clean_values(spec, {key: value})
    return errors.get(key, [])


@pytest.mark.parametrize(("key", "limit", "code"), [
    ("qis_title", 200, "QIS Title"),
    ("goal_1", 500, "16 QIS Goal 1"),
    ("goal_2", 500, "16 QIS Goal 2"),
    ("progress_summary", 1000, "17a Summary of progress"),
    ("closeout_rationale", 1000, "17b Rationale for discontinuing the QIS"),
    ("correction_changes", 1000, "17c Changes made after the Correction Report"),
    ("barriers_description", 1500, "18a Description of barriers and mitigation"),
    ("timeline_description", 1500, "18b Description of timeline problems and mitigation"),
    ("additional_info", 1500, "Optional Additional information"),
])
def test_each_character_limit_of_the_progress_report_is_enforced_at_the_limit_plus_one(
        key, limit, code):
    assert errors_for(PR, key, "x" * limit) == []
    assert errors_for(PR, key, "x" * (limit + 1)) == [
        f"{code}: {limit + 1:,} characters; the limit is {limit:,} characters."]


def test_a_line_break_counts_as_one_character_as_the_browser_counter_does():
    text = "a\r\n" * 100  # 300 characters posted, 200 as typed (the last newline is trimmed)
    assert errors_for(PR, "qis_title", text) == []


@pytest.mark.parametrize(("key", "limit", "code"), [
    ("description", 200, "4 QIS Description"),
    ("goal_1", 200, "5 QIS Goal 1"),
    ("goal_2", 200, "5 QIS Goal 2"),
    ("rationale", 200, "7 Rationale for QIS"),
    ("activities", 200, "8a Activities"),
    ("activities_incentives", 200, "8b How the activities relate to the incentives"),
    ("barriers", 200, "11a Known or anticipated barriers"),
    ("risk_assessment", 200, "11a How risk was assessed"),
    ("mitigation", 200, "11b Mitigation activities"),
    ("data_source_other", 100, "2 Other data source description"),
    ("in_kind_description", 100, "6 In-kind incentives description"),
    ("other_provider_description", 100,
     "6 Other provider market-based incentives description"),
    ("enrollee_description", 100, "6 Enrollee incentive program description"),
    ("milestone_1", 50, "10b Milestone 1"),
    ("milestone_10", 50, "10b Milestone 10"),
])
def test_each_word_limit_of_the_work_plan_counts_words_not_characters(key, limit, code):
    assert errors_for(WP, key, " ".join(["antidisestablishmentarianism"] * limit)) == []
    assert errors_for(WP, key, " ".join(["a"] * (limit + 1))) == [
        f"{code}: {limit + 1:,} words; the limit is {limit:,} words."]


def test_words_are_separated_by_any_whitespace():
    assert count_words("  one\ttwo\nthree   four ") == 4
    assert count_words("") == 0


@pytest.mark.parametrize("value", ["0471", "1234"])
def test_a_four_digit_cbe_id_is_accepted(value):
    assert errors_for(PR, "m1a_cbe_id", value) == []


@pytest.mark.parametrize("value", ["471", "04710", "04a1", "٠٤٧١"])
def test_a_cbe_id_that_is_not_four_digits_names_16a_and_the_rule(value):
    assert errors_for(PR, "m1a_cbe_id", value) == [
        f"16a Measure 1a CBE-ID: must be exactly 4 digits (you entered “{value}”)."]


def test_the_cbe_id_of_measure_2b_is_element_16v():
    assert errors_for(PR, "m2b_cbe_id", "12")[0].startswith("16v Measure 2b CBE-ID")


@pytest.mark.parametrize("value", ["1234", "123456", "12a45"])
def test_a_hios_issuer_id_must_be_five_digits(value):
    assert errors_for(PR, "hios_issuer_id", value) == [
        f"4 HIOS Issuer ID: must be exactly 5 digits (you entered “{value}”)."]
    assert errors_for(PR, "hios_issuer_id", "12345") == []


def test_periods_are_month_and_year():
    cleaned, errors = clean_values(PR, {"m1a_baseline_start": "1/2023",
                                        "m1a_baseline_end": "2023-12"})
    assert errors == {}
    assert cleaned == {"m1a_baseline_start": "01/2023", "m1a_baseline_end": "12/2023"}
    assert errors_for(PR, "m1a_baseline_start", "13/2023") == [
        "16c Measure 1a baseline period, start: “13/2023” is not a real month (MM/YYYY)."]
    assert errors_for(PR, "m1a_progress_end", "December 2024")[0].startswith(
        "16e Measure 1a progress period, end: give the month and year as MM/YYYY")


def test_dates_are_accepted_as_typed_and_stored_iso():
    cleaned, errors = clean_values(PR, {"exchange_start_date": "01/01/2014"})
    assert errors == {} and cleaned["exchange_start_date"] == "2014-01-01"
    assert errors_for(PR, "exchange_start_date", "02/30/2014")[0].startswith(
        "14 Date Issuer Began Offering Coverage Through the Exchange: give a real date")


def test_phone_state_and_email_formats_name_their_elements():
    assert errors_for(PR, "primary_phone", "555-0100")[0].startswith(
        "8 QIS Primary Contact’s Phone: give a 10-digit phone number")
    assert errors_for(PR, "issuer_state", "XX")[0].startswith("5 Issuer State:")
    assert errors_for(PR, "secondary_email", "not-an-email")[0].startswith(
        "13 QIS Secondary Contact’s Email:")
    cleaned, _ = clean_values(PR, {"primary_phone": "(916) 555 0100", "issuer_state": "ca"})
    assert cleaned == {"primary_phone": "916-555-0100", "issuer_state": "CA"}


def test_an_unknown_element_or_a_value_of_the_wrong_shape_is_an_error_not_a_crash():
    _, errors = clean_values(PR, {"status": "meets", "qis_title": ["a"], "goal_1": {"x": 1},
                                  "m1a_baseline_numerator": True, "payment_models": "bitcoin"})
    assert "“status” is not an element of the QIS Progress Report." in errors["status"]
    assert errors["qis_title"] == ["QIS Title: give a single value, not a list."]
    assert errors["goal_1"] == ["16 QIS Goal 1: give a single value, not an object."]
    assert "whole number" in errors["m1a_baseline_numerator"][0]
    assert "is not one of the choices" in errors["payment_models"][0]


def test_a_rate_is_a_percentage_between_0_and_100_and_may_carry_a_percent_sign():
    cleaned, errors = clean_values(PR, {"m1a_baseline_rate": "27.4 %"})
    assert errors == {} and cleaned["m1a_baseline_rate"] == "27.4"
    assert errors_for(PR, "m1a_baseline_rate", "127.4") == [
        "16b Measure 1a baseline, calculated rate: a percentage must be between 0 and 100."]
    assert "is not a number" in errors_for(PR, "m1a_baseline_rate", "NaN")[0]
