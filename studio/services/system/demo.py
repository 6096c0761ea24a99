"""`studio demo`: a realistic studio to try Linework on. Each module adds its own data."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Callable

from studio.services.common.permissions import Role
from studio.services.system.demo_clients import add_demo_clients


@dataclass(frozen=True)
class DemoAccount:
    role: str
    name: str
    email: str
    password: str


DEMO_STAFF = (
    (Role.ARTIST, "Mara Okafor", "mara@inkandiron.test", "#E11D48"),
    (Role.ARTIST, "Jonas Lindqvist", "jonas@inkandiron.test", "#0D9488"),
    (Role.FRONT_DESK, "Zoë Martín", "zoe@inkandiron.test", "#D97706"),
)


def new_password() -> str:
    """Random, typeable and well past the policy: 4 groups of 4 letters and digits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


# Later modules add a step here: a function (services, admin actor, progress) -> None that
# fills its own area with realistic data as the admin.
DemoStep = Callable[..., None]
DEMO_STEPS: list[DemoStep] = [add_demo_clients]


def build_demo(services, progress: Callable[[str], None] = lambda _text: None) -> list[DemoAccount]:
    """Create the demo studio in an empty database; returns the accounts with passwords."""
    progress("Creating the studio and its staff…")
    admin_password = new_password()
    admin = services.setup.create_studio(
        studio_name="Ink & Iron Tattoo", timezone="Europe/Lisbon", currency="EUR",
        admin_name="Ana Ruiz", admin_email="ana@inkandiron.test", password=admin_password,
    )
    accounts = [DemoAccount(Role.ADMIN.value, admin.name, admin.email, admin_password)]
    for role, name, email, color in DEMO_STAFF:
        password = new_password()
        services.staff.add_staff(admin, name=name, email=email, role=role.value,
                                 password=password, color=color)
        accounts.append(DemoAccount(role.value, name, email, password))
    for step in DEMO_STEPS:
        step(services, admin, progress)
    return accounts


def _module_steps() -> None:
    from studio.services.system.demo_intake import intake_demo_step
    from studio.services.system.demo_inventory import add_demo_inventory
    from studio.services.system.demo_register import add_demo_register
    from studio.services.system.demo_schedule import add_demo_schedule

    DEMO_STEPS.append(intake_demo_step)
    DEMO_STEPS.append(add_demo_schedule)
    DEMO_STEPS.append(add_demo_register)  # after the schedule: it checks out its appointments
    DEMO_STEPS.append(add_demo_inventory)  # after the schedule: its sessions use the stock


_module_steps()
