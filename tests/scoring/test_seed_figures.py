"""Figures 2a-2e: the TIN/NPI roll-up to the APM Entity (seed §4.2.6.2)."""

from decimal import Decimal

from scoring.engine import Participant, attribute_clinicians, average_clinician_score
from scoring.engine.rounding import q4

TIN_A, TIN_B, TIN_C = "000000001", "000000002", "000000003"


def npi(n):
    return f"{n:010d}"


# Figure 2a: TIN A has NPIs 1-3, TIN B NPIs 4-8, TIN C NPIs 9-18.
PARTICIPANTS = (
    Participant(TIN_A, tuple(npi(n) for n in range(1, 4))),
    Participant(TIN_B, tuple(npi(n) for n in range(4, 9))),
    Participant(TIN_C, tuple(npi(n) for n in range(9, 19))),
)
TIN_SCORES = {TIN_A: Decimal(76), TIN_B: Decimal(70)}  # TIN C did not report as a group
NPI_SCORES = {(TIN_B, npi(7)): Decimal(88)}
NPI_SCORES.update({(TIN_C, npi(n)): Decimal(75) for n in range(10, 14)})
NPI_SCORES.update({(TIN_C, npi(n)): Decimal(95) for n in range(14, 19)})


def clinicians():
    return {cs.npi: cs for cs in attribute_clinicians(PARTICIPANTS, TIN_SCORES, NPI_SCORES)}


def test_figure_2a_the_entity_is_three_tins_with_18_npis():
    assert [len(p.npis) for p in PARTICIPANTS] == [3, 5, 10]
    assert len(clinicians()) == 18


def test_figure_2b_tin_a_reported_as_a_group_and_each_npi_contributes_76_percent():
    by_npi = clinicians()
    for n in (1, 2, 3):
        assert by_npi[npi(n)].score == Decimal("76.0000")
        assert by_npi[npi(n)].source == "tin"


def test_figure_2c_npi_7_keeps_its_higher_individual_88_percent_over_tin_b_70():
    by_npi = clinicians()
    assert by_npi[npi(7)].score == Decimal("88.0000")
    assert by_npi[npi(7)].source == "npi"
    for n in (4, 5, 6, 8):
        assert by_npi[npi(n)].score == Decimal("70.0000")


def test_figure_2d_tin_c_individuals_75_and_95_and_non_reporting_npi_9_zero():
    by_npi = clinicians()
    assert by_npi[npi(9)].score == Decimal("0.0000")
    assert by_npi[npi(9)].source == "none"
    assert [by_npi[npi(n)].score for n in range(10, 14)] == [Decimal("75.0000")] * 4
    assert [by_npi[npi(n)].score for n in range(14, 19)] == [Decimal("95.0000")] * 5


def test_figure_2e_the_entity_score_is_the_average_over_18_npis_76_17_percent():
    average, _ = average_clinician_score(clinicians().values())
    assert q4(average) == Decimal("76.1667")
    assert round(average, 2) == Decimal("76.17")


def test_a_clinician_above_100_percent_is_capped_before_averaging():
    scores = attribute_clinicians([Participant(TIN_A, (npi(1), npi(2)))],
                                  {TIN_A: Decimal("112.5")}, {})
    assert [cs.score for cs in scores] == [Decimal("100.0000")] * 2
