"""The state-of-the-art chart as SVG geometry: every claim a point, a step line through the records.

Pure computation over selector rows; the template draws it. Values keep their natural axis (higher up);
the step line follows the metric's direction because the records come from the history selector.
"""

import datetime
import math
from dataclasses import dataclass, field

from claims.selectors.history import HistoryPoint
from claims.selectors.scores import ScoreRow

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 44


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    row: ScoreRow
    is_record: bool


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right_edge: float
    top: int
    bottom_edge: float
    points: list[ChartPoint] = field(default_factory=list)
    records: list[ChartPoint] = field(default_factory=list)
    step_path: str = ""
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    undated: int = 0

    @property
    def y_middle(self) -> float:
        return (self.top + self.bottom_edge) / 2


def _nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _value_ticks(low: float, high: float) -> tuple[float, float, list[float]]:
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = _nice_step(high - low, 5)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    ticks, value = [], start
    while value <= end + step / 1000:
        ticks.append(round(value, 10))
        value += step
    return start, end, ticks


def _date_ticks(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """January firsts when the span covers years, month starts otherwise."""
    if (last - first).days > 540:
        return [datetime.date(year, 1, 1) for year in range(first.year + 1, last.year + 1)] or [first]
    ticks, year, month = [], first.year, first.month
    step = max(1, round(((last - first).days / 30) / 6))
    while True:
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        tick = datetime.date(year, month, 1)
        if tick > last:
            break
        ticks.append(tick)
    return ticks or [first]


def _value_label(value: float) -> str:
    return f"{value:g}"


def sota_chart(*, rows: list[ScoreRow], records: list[HistoryPoint]) -> Chart | None:
    """None when no claim has a date to place it on."""
    dated = [row for row in rows if row.paper_published]
    if not dated:
        return None
    record_ids = {point.row.claim_id for point in records}
    first = min(row.paper_published for row in dated)
    last = max(row.paper_published for row in dated)
    # Half a month either side keeps the first and last points off the axes.
    first, last = first - datetime.timedelta(days=15), last + datetime.timedelta(days=15)
    low, high, value_ticks = _value_ticks(min(r.value for r in dated), max(r.value for r in dated))

    right_edge, bottom_edge = WIDTH - RIGHT, HEIGHT - BOTTOM
    span_days = max((last - first).days, 1)

    def x_of(day: datetime.date) -> float:
        return round(LEFT + (day - first).days / span_days * (right_edge - LEFT), 1)

    def y_of(value: float) -> float:
        return round(bottom_edge - (value - low) / (high - low) * (bottom_edge - TOP), 1)

    points = [
        ChartPoint(x_of(r.paper_published), y_of(r.value), r, r.claim_id in record_ids)
        for r in sorted(dated, key=lambda r: (r.paper_published, r.claim_id))
    ]
    record_points = [ChartPoint(x_of(p.row.paper_published), y_of(p.row.value), p.row, True) for p in records]
    path = ""
    if record_points:
        start = record_points[0]
        parts = [f"M{start.x},{start.y}"]
        for point in record_points[1:]:
            parts.append(f"H{point.x}V{point.y}")
        parts.append(f"H{right_edge}")
        path = "".join(parts)
    x_ticks = [Tick(x_of(day), str(day.year) if day.month == 1 else day.strftime("%b %Y")) for day in
               _date_ticks(first, last) if first <= day <= last]  # fmt: skip
    y_ticks = [Tick(y_of(value), _value_label(value)) for value in value_ticks]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_edge=right_edge,
        top=TOP,
        bottom_edge=bottom_edge,
        points=points,
        records=record_points,
        step_path=path,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        undated=len(rows) - len(dated),
    )
