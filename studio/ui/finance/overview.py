"""The finance page's overview: the range's totals as figure cards, toggles for what the
charts draw, the range's periods (days, or weeks for a long range) and its months."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from studio.services.common import N_, _, money
from studio.services.finance import Granularity, Summary
from studio.ui.finance.charts import AVERAGES, SERIES, PeriodChart, series_color
from studio.ui.finance.ranges import WEEKLY_AFTER_DAYS
from studio.ui.kit import icons
from studio.ui.kit.widgets import AmountCard, button, card, label, set_variant

# key, caption (shown with _()), what it reads of the range's totals.
FIGURES = (
    ("sales", N_("Sales"), lambda t: t.sales_cents),
    ("tips", N_("Tips"), lambda t: t.tips_cents),
    ("expenses", N_("Expenses"), lambda t: t.expenses_cents),
    ("refunds", N_("Refunds"), lambda t: t.refunds_cents),
    ("net", N_("Net"), lambda t: t.net_cents),
)


class Overview(QWidget):
    def __init__(self, currency: str) -> None:
        super().__init__()
        self.setObjectName("FinanceOverview")
        self.currency = currency
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 12, 0, 0)
        outer.setSpacing(12)
        strip = QHBoxLayout()
        strip.setSpacing(12)
        self.figures: dict[str, AmountCard] = {}
        for key, caption, _read in FIGURES:
            self.figures[key] = AmountCard(_(caption), f"Figure-{key}")
            strip.addWidget(self.figures[key], 1)
        self.figures["net"].setToolTip(_("Sales, tips and kept deposits, less expenses and refunds."))
        outer.addLayout(strip)

        toggles = QHBoxLayout()
        toggles.setSpacing(6)
        self.toggles: dict[str, QPushButton] = {}
        for key, text, *_rest in (*SERIES, *AVERAGES):
            toggle = button(_(text), tooltip=_("Show or hide {series} on the charts").format(series=_(text)))
            toggle.setObjectName(f"Toggle-{key}")
            toggle.setCheckable(True)
            toggle.setChecked(True)
            toggle.toggled.connect(lambda on, k=key: self._toggled(k, on))
            self.toggles[key] = toggle
            toggles.addWidget(toggle)
        toggles.addStretch(1)
        outer.addLayout(toggles)

        charts = QHBoxLayout()
        charts.setSpacing(12)
        frame, inside = card(margins=12, spacing=4)
        self.period_title = label("", "title")
        self.period_title.setObjectName("PeriodTitle")
        inside.addWidget(self.period_title)
        self.grouping = label("", "small")
        self.grouping.setObjectName("Grouping")
        self.grouping.setWordWrap(True)
        inside.addWidget(self.grouping)
        self.chart = PeriodChart(currency, "RevenueChart")
        inside.addWidget(self.chart, 1)
        charts.addWidget(frame, 3)
        frame, inside = card(margins=12, spacing=4)
        inside.addWidget(label(_("By month"), "title"))
        self.months = PeriodChart(currency, "MonthChart", max_ticks=6)
        inside.addWidget(self.months, 1)
        charts.addWidget(frame, 2)
        outer.addLayout(charts, 1)
        self._paint_toggles()

    def show_summary(self, main: Summary, months: Summary) -> None:
        for key, _caption, read in FIGURES:
            self.figures[key].amount.setText(money(read(main.totals), self.currency))
        weekly = main.granularity == Granularity.WEEK
        self.period_title.setText(_("By week") if weekly else _("By day"))
        self.grouping.setText(
            _("Ranges over {days} days are drawn by week (from Monday); the 7- and 30-day averages show on "
              "shorter ranges.").format(days=WEEKLY_AFTER_DAYS) if weekly else "")
        self.grouping.setVisible(weekly)
        self.chart.set_points(main.points, main.granularity, main.rolling_7_cents, main.rolling_30_cents)
        self.months.set_points(months.points, months.granularity)

    def _toggled(self, key: str, on: bool) -> None:
        for chart in (self.chart, self.months):
            chart.set_shown(key, on)
        self._paint_toggles()

    def _paint_toggles(self) -> None:
        from studio.ui.kit import theme

        for key, toggle in self.toggles.items():
            on = toggle.isChecked()
            set_variant(toggle, "secondary" if on else "ghost")
            toggle.setIcon(icons.dot(series_color(key) if on else theme.current().border))

    def retheme(self) -> None:
        self._paint_toggles()
