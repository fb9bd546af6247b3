import datetime

from claims.selectors.history import HistoryPoint
from claims.selectors.scores import ScoreRow
from tracker.web.chart import sota_chart


def row(claim_id: int, value: float, day: datetime.date | None) -> ScoreRow:
    return ScoreRow(
        claim_id=claim_id,
        value=value,
        unit="%",
        method=f"M{claim_id}",
        setting="",
        split="",
        claim_status="extracted",
        provenance="extracted",
        evidence="",
        paper_id=claim_id,
        paper_title="T",
        paper_published=day,
        paper_arxiv_id="",
    )


def test_every_dated_claim_is_a_point_and_records_make_the_steps():
    rows = [row(1, 10, datetime.date(2020, 1, 1)), row(2, 30, datetime.date(2021, 6, 1)),
            row(3, 20, datetime.date(2022, 1, 1)), row(4, 50, None)]  # fmt: skip
    records = [HistoryPoint(rows[0], None), HistoryPoint(rows[1], 10)]

    chart = sota_chart(rows=rows, records=records)

    assert [p.row.claim_id for p in chart.points] == [1, 2, 3]
    assert chart.undated == 1
    assert [p.is_record for p in chart.points] == [True, True, False]
    # One horizontal-then-vertical step per record after the first, and a run to the right edge.
    assert chart.step_path.count("H") == len(records)
    assert chart.step_path.count("V") == len(records) - 1
    # Higher values are drawn higher (smaller y) and later dates further right.
    first, second, third = chart.points
    assert second.y < third.y < first.y
    assert first.x < second.x < third.x


def test_axes_are_labelled_with_years_and_round_values():
    rows = [row(1, 41.2, datetime.date(2022, 3, 1)), row(2, 92.1, datetime.date(2025, 8, 1))]

    chart = sota_chart(rows=rows, records=[HistoryPoint(rows[0], None), HistoryPoint(rows[1], 41.2)])

    assert [t.label for t in chart.x_ticks] == ["2023", "2024", "2025"]
    values = [float(t.label) for t in chart.y_ticks]
    assert values[0] <= 41.2 and values[-1] >= 92.1
    assert len({round(b - a, 6) for a, b in zip(values, values[1:], strict=False)}) == 1


def test_lower_is_better_records_step_down():
    rows = [row(1, 9.0, datetime.date(2021, 1, 1)), row(2, 4.5, datetime.date(2023, 1, 1))]

    chart = sota_chart(rows=rows, records=[HistoryPoint(rows[0], None), HistoryPoint(rows[1], 9.0)])

    first, second = chart.records
    assert second.y > first.y  # a smaller value, lower on the natural axis


def test_no_dated_claim_means_no_chart():
    assert sota_chart(rows=[row(1, 3.0, None)], records=[]) is None


def test_a_single_value_still_gets_a_range():
    rows = [row(1, 5.0, datetime.date(2024, 2, 1)), row(2, 5.0, datetime.date(2024, 5, 1))]

    chart = sota_chart(rows=rows, records=[HistoryPoint(rows[0], None)])

    assert len(chart.y_ticks) >= 2
    assert all(chart.top <= p.y <= chart.bottom_edge for p in chart.points)
    assert [t.label for t in chart.x_ticks]  # month labels for a short span
