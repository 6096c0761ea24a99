"""The finance area's public face: the studio's numbers over a range of its local days
(FinanceService: summary, artists, ledger, the monthly report) and the records it passes."""

from studio.services.finance.records import (
    ArtistFigures,
    DateRange,
    Granularity,
    LedgerFilter,
    LedgerPage,
    Summary,
    SummaryPoint,
    net_cents,
)
from studio.services.finance.service import FinanceService
from studio.services.finance.tax import TaxSetting

__all__ = ["ArtistFigures", "DateRange", "FinanceService", "Granularity", "LedgerFilter", "LedgerPage", "Summary",
           "SummaryPoint", "TaxSetting", "net_cents"]
