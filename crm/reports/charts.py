"""Vector charts for the brief (reportlab graphics), labelled in Chinese with the embedded
font. Values arrive as exact Decimals and are rounded half-up before they become floats,
so chart labels agree with the tables."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, Polygon, String
from reportlab.lib import colors

from crm.money import format_decimal, format_yi
from crm.reports.fonts import FONT_NAME

PRIMARY = colors.HexColor("#c0392b")
SECONDARY = colors.HexColor("#7f8c8d")
ACCENT = colors.HexColor("#2e6da4")
GRID = colors.HexColor("#dddddd")
TEXT = colors.HexColor("#222222")
FUNNEL_COLORS = ("#d6e4f0", "#b5cde4", "#8fb3d6", "#6a98c7", "#4a7fb8", "#2e6da4", "#bbbbbb")


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    # The renderer's starting font: the embedded one, so no Helvetica enters the PDF.
    drawing.initialFontName = FONT_NAME
    return drawing


def _value(amount: Decimal) -> float:
    return float(amount)


def _label(value: float) -> str:
    """One decimal; a small figure that is not zero keeps the places that show it."""
    return format_decimal(Decimal(repr(value)))


def _caption(drawing: Drawing, text: str, width: float) -> None:
    drawing.add(
        String(
            width / 2,
            drawing.height - 12,
            text,
            fontName=FONT_NAME,
            fontSize=9,
            textAnchor="middle",
            fillColor=TEXT,
        )
    )


def horizontal_bars(
    items: Sequence[tuple[str, Decimal]], *, width: float, title: str, label_width: float = 150
) -> Drawing:
    """One bar per item, the largest first, value printed at the bar's end."""
    values = [_value(v) for _, v in items]
    row_height = 16
    height = 30 + row_height * max(1, len(items)) + 20
    drawing = _drawing(width, height)
    _caption(drawing, title, width)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 20
    chart.width = width - label_width - 50
    chart.height = row_height * max(1, len(items))
    # Reportlab draws the first category at the bottom: reverse so the largest is on top.
    chart.data = [list(reversed(values)) or [0]]
    chart.categoryAxis.categoryNames = [name for name, _ in reversed(items)] or [""]
    chart.categoryAxis.labels.fontName = FONT_NAME
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labels.fontName = FONT_NAME
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.visibleGrid = True
    if not any(values):
        chart.valueAxis.valueMax = 1
    chart.bars[0].fillColor = PRIMARY
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = _label
    chart.barLabels.fontName = FONT_NAME
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barWidth = 10
    drawing.add(chart)
    return drawing


def trend_bars(
    points: Sequence[tuple[str, Decimal, Decimal]], *, width: float, title: str
) -> Drawing:
    """This year against last year, per month or week (亿元)."""
    height = 190
    drawing = _drawing(width, height)
    _caption(drawing, title, width)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 40
    chart.width, chart.height = width - 60, height - 80
    now = [_value(p[1]) for p in points] or [0]
    before = [_value(p[2]) for p in points] or [0]
    chart.data = [now, before]
    chart.categoryAxis.categoryNames = [p[0] for p in points] or [""]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = FONT_NAME
        axis.labels.fontSize = 7
    if len(points) > 14:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    if not any(now + before):
        chart.valueAxis.valueMax = 1
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.bars[0].fillColor = PRIMARY
    chart.bars[1].fillColor = SECONDARY
    for n in (0, 1):
        chart.bars[n].strokeColor = None
    chart.groupSpacing = 6
    drawing.add(chart)
    legend = Legend()
    legend.fontName = FONT_NAME
    legend.fontSize = 8
    legend.x, legend.y = width - 150, height - 22
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(PRIMARY, "本年"), (SECONDARY, "上年同期")]
    drawing.add(legend)
    drawing.add(String(8, height - 30, "亿元", fontName=FONT_NAME, fontSize=7, fillColor=TEXT))
    return drawing


def funnel(stages: Sequence[tuple[str, int, Decimal]], *, width: float, title: str) -> Drawing:
    """The pipeline as a funnel: one band per stage, width by project count."""
    band = 22
    height = 30 + band * len(stages) + 6
    drawing = _drawing(width, height)
    _caption(drawing, title, width)
    largest = max((count for _, count, _ in stages), default=0) or 1
    centre = width * 0.42
    full = width * 0.6
    top = height - 26
    for n, (name, count, amount) in enumerate(stages):
        half = max(18.0, full * count / largest / 2)
        y = top - band * (n + 1)
        fill = colors.HexColor(FUNNEL_COLORS[min(n, len(FUNNEL_COLORS) - 1)])
        drawing.add(
            Polygon(
                [
                    centre - half,
                    y + band - 2,
                    centre + half,
                    y + band - 2,
                    centre + half,
                    y + 1,
                    centre - half,
                    y + 1,
                ],
                fillColor=fill,
                strokeColor=None,
            )
        )
        drawing.add(
            String(
                centre,
                y + band / 2 - 3,
                name,
                fontName=FONT_NAME,
                fontSize=8,
                textAnchor="middle",
                fillColor=TEXT,
            )
        )
        drawing.add(
            String(
                centre + full / 2 + 12,
                y + band / 2 - 3,
                f"{count}个 / {format_yi(amount)}亿元",
                fontName=FONT_NAME,
                fontSize=8,
                fillColor=TEXT,
            )
        )
    return drawing


def team_progress(
    rows: Sequence[tuple[str, Decimal | None]], *, elapsed: Decimal, width: float, title: str
) -> Drawing:
    """Target completion per team (%), with a dashed line at the time elapsed (序时进度)."""
    values = [(name, value) for name, value in rows if value is not None]
    drawing = horizontal_bars(values, width=width, title=title, label_width=170)
    charts = [c for c in drawing.contents if isinstance(c, HorizontalBarChart)]
    if not charts or not values:
        return drawing
    chart = charts[0]
    chart.bars[0].fillColor = ACCENT
    top_value = max(max(_value(v) for _, v in values), _value(elapsed)) * 1.1 or 1
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top_value
    x = chart.x + chart.width * _value(elapsed) / top_value
    drawing.add(
        Line(
            x,
            chart.y - 4,
            x,
            chart.y + chart.height + 4,
            strokeColor=PRIMARY,
            strokeWidth=1,
            strokeDashArray=[3, 2],
        )
    )
    drawing.add(
        String(
            x,
            chart.y + chart.height + 6,
            f"序时进度{_label(_value(elapsed))}%",
            fontName=FONT_NAME,
            fontSize=7,
            textAnchor="middle",
            fillColor=PRIMARY,
        )
    )
    return drawing
