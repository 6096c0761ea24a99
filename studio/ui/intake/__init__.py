"""Intake: the Intake page with its submissions model, the review dialog, the intake
settings dialog, the consent list and the client view's Consents tab, the server's state in
the status bar, and the runner that keeps the phone form's server going while Linework is open."""

from studio.faces import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("IntakePage",),
    "runner": ("IntakeRunner",),
    "consents": ("ConsentModel", "on_file_sentence", "open_consent"),
    "client_tab": ("ConsentsTab",),
    "status": ("IntakeStateLabel", "pending_badge"),
    "descriptor": ("DESCRIPTOR",),
})
