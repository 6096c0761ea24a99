"""The finance page's charts, drawn with pyqtgraph in the theme's colours: a period chart
(bars per series, grouped side by side, the rolling averages of net as lines, a crosshair
whose period's figures show in a readout above the plot) and the artists' sales as
horizontal bars in each artist's colour.

pyqtgraph is imported when a chart is built (the page's first opening), never at this
module's import, so signing in does not pay for it. Plotted values are currency units
(cents / 100): the drawing's only use of floats; every figure shown as text is formatted
from the service's integer cents."""

from __future__ import annotations

from datetime import date
from math import ceil

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from studio.services.common import N_, _, money
from studio.services.finance import Granularity, SummaryPoint
from studio.ui.kit import theme
from studio.ui.kit.widgets import label

# key, label (shown with _()), the theme token it is drawn in, what it reads of a point.
SERIES = (
    ("sales", N_("Sales"), "accent", lambda p: p.sales_cents),
    ("tips", N_("Tips"), "success", lambda p: p.tips_cents),
    ("expenses", N_("Expenses"), "danger", lambda p: p.expenses_cents),
    ("net", N_("Net"), "warning", lambda p: p.net_cents),
)
AVERAGES = (("avg7", N_("7-day average"), "text"), ("avg30", N_("30-day average"), "text_muted"))
BAR_ROOM = 0.8  # of a period's width; the rest is the gap between periods
THEME_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange)


def _plot():
    """A PlotWidget in the house style: no context menu, no mouse panning, no autorange button."""
    import pyqtgraph as pg

    # No context menus: pyqtgraph builds them eagerly, and they are most of a plot's making.
    plot = pg.PlotWidget(viewBox=pg.ViewBox(enableMenu=False, enableMouse=False))
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.getPlotItem().setContentsMargins(4, 8, 8, 4)
    plot.setMinimumHeight(160)
    return plot


def _theme_plot(plot) -> None:
    import pyqtgraph as pg

    t = theme.current()
    plot.setBackground(QColor(t.surface))
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(t.border))
        axis.setTextPen(pg.mkPen(t.text_muted))
        axis.setZValue(-1)  # its grid lines under the bars, not across them
    plot.showGrid(x=False, y=True, alpha=0.25)


def _fit_y(plot, low: float, high: float) -> None:
    span = (high - low) or 1.0
    plot.setYRange(low - span * 0.03, high + span * 0.05, padding=0)


def _color(token: str) -> QColor:
    return QColor(getattr(theme.current(), token))


def _cents(value: int) -> float:
    return value / 100


def period_tick(day: date, granularity: Granularity) -> str:
    """A short label under a bar: "16 Mar" (a day or a week's Monday), "Mar 2026" (a month),
    in the signed-in person's language."""
    fmt = "MMM yyyy" if granularity == Granularity.MONTH else "d MMM"
    from studio.ui.kit.format import qlocale

    return qlocale().toString(QDate(day.year, day.month, day.day), fmt)


class _Themed(QWidget):
    """A widget holding a plot that follows the theme when the app's palette changes."""

    _themed_as = None

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        # Qt sends a few of these on one change (and on polishing): re-tint once per theme.
        if event.type() in THEME_EVENTS and getattr(self, "plot", None) is not None \
                and self._themed_as is not theme.current():
            self.retheme()

    def retheme(self) -> None:
        """Tints the plot in the current theme; subclasses draw their own items too."""
        self._themed_as = theme.current()
        _theme_plot(self.plot)


class PeriodChart(_Themed):
    """A range's periods as grouped bars, one group per period, one bar per shown series;
    the rolling averages (by day only) as lines; the crosshair's period in ``readout``."""

    def __init__(self, currency: str, name: str, *, max_ticks: int = 8) -> None:
        import pyqtgraph as pg

        super().__init__()
        self.setObjectName(name)
        self.currency = currency
        self.max_ticks = max_ticks
        self.points: tuple[SummaryPoint, ...] = ()
        self.granularity = Granularity.DAY
        self.rolling: dict[str, tuple[int, ...]] = {"avg7": (), "avg30": ()}
        self.shown = {key for key, *_rest in SERIES} | {key for key, *_rest in AVERAGES}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.readout = label("", "small")
        self.readout.setObjectName(f"{name}Readout")
        self.readout.setMinimumWidth(10)  # long readouts are cut, never widen the page
        # Its line kept when empty: a height that came and went would re-lay and repaint the plot.
        self.readout.setFixedHeight(self.readout.fontMetrics().lineSpacing() + 4)
        layout.addWidget(self.readout)
        self.plot = _plot()
        self.plot.setObjectName(f"{name}Plot")
        layout.addWidget(self.plot, 1)
        self.bars = {}
        for key, _label, _token, _read in SERIES:
            bars = pg.BarGraphItem(x=[], height=[], width=BAR_ROOM)
            self.bars[key] = bars
            self.plot.addItem(bars)
        self.lines = {}
        for key, _label, _token in AVERAGES:
            line = pg.PlotDataItem([], [])
            self.lines[key] = line
            self.plot.addItem(line)
        self.crosshair = pg.InfiniteLine(angle=90, movable=False)
        self.crosshair.setVisible(False)
        self.plot.addItem(self.crosshair, ignoreBounds=True)
        self.hovered: int | None = None
        self.plot.scene().sigMouseMoved.connect(self._moved)
        self.retheme()

    # --- what it shows ----------------------------------------------------------------------
    def set_points(self, points: tuple[SummaryPoint, ...], granularity: Granularity,
                   rolling_7: tuple[int, ...] = (), rolling_30: tuple[int, ...] = ()) -> None:
        self.points, self.granularity = tuple(points), Granularity(granularity)
        self.rolling = {"avg7": tuple(rolling_7), "avg30": tuple(rolling_30)}
        self.hovered = None
        self.crosshair.setVisible(False)
        self.readout.setText("")
        self._draw()
        step = max(1, ceil(len(self.points) / self.max_ticks))
        ticks = [(i, period_tick(p.start, self.granularity)) for i, p in enumerate(self.points) if i % step == 0]
        self.plot.getAxis("bottom").setTicks([ticks, []])
        self.plot.setXRange(-0.6, max(len(self.points) - 0.4, 0.6), padding=0)

    def set_shown(self, key: str, on: bool) -> None:
        (self.shown.add if on else self.shown.discard)(key)
        self._draw()

    def heights(self, key: str) -> list[float]:
        """The drawn bars of a series (currency units), one per period; [] when hidden."""
        bars = self.bars[key]
        return [float(h) for h in bars.opts["height"]] if bars.isVisible() else []

    def line(self, key: str) -> list[float]:
        line = self.lines[key]
        return [float(y) for y in line.yData] if line.isVisible() and line.yData is not None else []

    def _draw(self) -> None:
        shown = [key for key, *_rest in SERIES if key in self.shown]
        width = BAR_ROOM / max(len(shown), 1)
        for key, _label, _token, read in SERIES:
            bars = self.bars[key]
            visible = key in shown and bool(self.points)
            bars.setVisible(visible)
            slot = shown.index(key) if key in shown else 0
            offset = -BAR_ROOM / 2 + width * (slot + 0.5)
            bars.setOpts(x=[i + offset for i in range(len(self.points))],
                         height=[_cents(read(p)) for p in self.points], width=width)
        drawn = [0.0]
        for key, _label, _token, read in SERIES:
            if self.bars[key].isVisible():
                drawn.extend(_cents(read(p)) for p in self.points)
        for key, values in self.rolling.items():
            line = self.lines[key]
            line.setData(list(range(len(values))), [_cents(v) for v in values])
            line.setVisible(key in self.shown and bool(values))
            if line.isVisible():
                drawn.extend(_cents(v) for v in values)
        # The range set here, not auto-ranged: pyqtgraph auto-ranges while painting, then paints again.
        _fit_y(self.plot, min(drawn), max(drawn))

    # --- the crosshair ----------------------------------------------------------------------
    def _moved(self, scene_pos) -> None:
        item = self.plot.getPlotItem()
        if not self.points or not item.vb.sceneBoundingRect().contains(scene_pos):
            return
        index = int(round(item.vb.mapSceneToView(scene_pos).x()))
        if not 0 <= index < len(self.points):
            return
        self.hover(index)

    def hover(self, index: int) -> None:
        self.hovered = index
        self.crosshair.setPos(index)
        self.crosshair.setVisible(True)
        text = self.describe(index)
        self.readout.setText(text)
        self.plot.setToolTip(text)

    def describe(self, index: int) -> str:
        point = self.points[index]
        when = period_tick(point.start, self.granularity)
        figures = {key: money(read(point), self.currency) for key, _label, _token, read in SERIES}
        if self.granularity == Granularity.WEEK:
            # Translators: the chart's readout for a week; {when} is its Monday, e.g. "16 Mar".
            return _("Week of {when} · sales {sales} · tips {tips} · expenses {expenses} · net {net}").format(
                when=when, **figures)
        if self.granularity == Granularity.MONTH:
            # Translators: the chart's readout for a month, e.g. "Mar 2026".
            return _("{when} · sales {sales} · tips {tips} · expenses {expenses} · net {net}").format(
                when=when, **figures)
        if index < len(self.rolling["avg7"]) and index < len(self.rolling["avg30"]):
            # Translators: the chart's readout for a day, e.g. "16 Mar"; the averages are of net.
            return _("{when} · sales {sales} · tips {tips} · expenses {expenses} · net {net} · "
                     "7-day average {avg7} · 30-day average {avg30}").format(
                when=when, avg7=money(self.rolling["avg7"][index], self.currency),
                avg30=money(self.rolling["avg30"][index], self.currency), **figures)
        return _("{when} · sales {sales} · tips {tips} · expenses {expenses} · net {net}").format(
            when=when, **figures)

    # --- the look ---------------------------------------------------------------------------
    def retheme(self) -> None:
        import pyqtgraph as pg

        super().retheme()
        for key, _label, token, _read in SERIES:
            self.bars[key].setOpts(brush=pg.mkBrush(_color(token)), pen=pg.mkPen(None))
        for (key, _label, token), style in zip(AVERAGES, (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine)):
            self.lines[key].setPen(pg.mkPen(_color(token), width=2, style=style))
        self.crosshair.setPen(pg.mkPen(_color("text_muted"), width=1, style=Qt.PenStyle.DotLine))


def series_color(key: str) -> str:
    """The theme colour a series or an average is drawn in (for its toggle's swatch)."""
    token = next(t for k, _l, t, *_r in (*SERIES, *AVERAGES) if k == key)
    return getattr(theme.current(), token)


class ArtistBars(_Themed):
    """Each artist's sales for the range as a horizontal bar in their colour, names on the left."""

    def __init__(self) -> None:
        import pyqtgraph as pg

        super().__init__()
        self.setObjectName("ArtistBars")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.plot = _plot()
        self.plot.setObjectName("ArtistBarsPlot")
        self.plot.getViewBox().invertY(True)  # the table's first row on top
        layout.addWidget(self.plot)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[])
        self.plot.addItem(self.bars)
        self.colors: list[str] = []
        self.retheme()

    def set_artists(self, names: list[str], sales_cents: list[int], colors: list[str]) -> None:
        import pyqtgraph as pg

        self.colors = list(colors)
        self.bars.setOpts(x0=[0] * len(names), y=list(range(len(names))), height=0.7,
                          width=[_cents(c) for c in sales_cents],
                          brushes=[pg.mkBrush(QColor(c)) for c in colors], pen=pg.mkPen(None))
        self.plot.getAxis("left").setTicks([[(i, n) for i, n in enumerate(names)], []])
        self.plot.setYRange(-0.6, max(len(names) - 0.4, 0.6), padding=0)
        low, high = min([_cents(c) for c in sales_cents] + [0.0]), max([_cents(c) for c in sales_cents] + [0.0])
        span = (high - low) or 1.0
        self.plot.setXRange(low - span * 0.02, high + span * 0.05, padding=0)

    def widths(self) -> list[float]:
        return [float(w) for w in self.bars.opts["width"]]

    def retheme(self) -> None:
        super().retheme()
        self.plot.showGrid(x=True, y=False, alpha=0.25)
