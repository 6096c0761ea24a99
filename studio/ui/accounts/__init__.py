"""Accounts: the sign-in (login window and the lock screen's form), first-run set-up, the
change-password dialog, and the Staff page with its staff forms."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "signin": ("LoginDialog", "SignInForm", "unlock_form"),
    "setup": ("SetupDialog", "currency_combo", "timezone_combo"),
    "change_password": ("ChangePasswordDialog", "open_change_password"),
    "page": ("StaffPage",),
    "descriptor": ("DESCRIPTOR",),
})
