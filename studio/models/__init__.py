"""SQLAlchemy models, one module per area. Importing this package registers them all."""

from studio.models.audit import AuditEvent
from studio.models.base import Base
from studio.models.clients import Client, ClientSearchTerm
from studio.models.intake import Consent, IntakePhoto, IntakeSubmission, ReleaseText, WalkinToken
from studio.models.inventory import StockItem, StockLot, StockMovement
from studio.models.register import CashDayTotal, CashEntry, CashMonthTotal, CommissionRate, Receipt, RegisterDay, Voucher
from studio.models.scheduling import Appointment, Deposit, Project, ProjectImage, TimeOff, WaitlistEntry
from studio.models.settings import Setting
from studio.models.staff import LoginFailure, LoginThrottle, Staff

__all__ = ["Appointment", "AuditEvent", "Base", "CashDayTotal", "CashEntry", "CashMonthTotal", "Client", "ClientSearchTerm", "CommissionRate",
           "Consent", "Deposit", "IntakePhoto", "IntakeSubmission", "LoginFailure", "LoginThrottle", "Project",
           "ProjectImage", "Receipt", "RegisterDay", "ReleaseText", "Setting", "Staff", "StockItem", "StockLot",
           "StockMovement", "TimeOff", "Voucher", "WaitlistEntry", "WalkinToken"]
