"""Intake: the Intake page with its submissions model, the review dialog, the intake
settings dialog, the consent list (shown on the client view too) and the runner that keeps
the phone form's server going while the window is open."""

from studio.ui.kit.exports import lazy_exports

__getattr__, __all__ = lazy_exports(__name__, {
    "page": ("IntakePage",),
    "runner": ("IntakeRunner",),
    "consents": ("ConsentModel", "on_file_sentence", "open_consent"),
})
