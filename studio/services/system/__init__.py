"""The system area's public face: the demo studio (``studio demo``) and the checks
``studio self-test`` runs (system/selfcheck.py, imported as a module)."""

from studio.services.system.demo import DEMO_STEPS, build_demo, new_password

__all__ = ["DEMO_STEPS", "build_demo", "new_password"]
