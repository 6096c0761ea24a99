"""Who may do what with clients, for every role, checked in the service."""

from __future__ import annotations

import pytest

from studio.services.clients import ClientInput, MedicalInfo
from studio.services.common import PermissionDenied
from studio.services.common.permissions import PERMISSIONS, Permission, Role, can
from tests.support import book_artist

ALL = {"admin", "artist", "front_desk"}
CARE = {"admin", "artist"}
ADMIN = {"admin"}
MEDICAL = MedicalInfo(checks=frozenset({"diabetes"}), conditions="Type 1")


def _export(s, actor, cid, tmp):
    return s.client_rights.export_client(actor, cid, tmp)


OPERATIONS = {
    "count": (ALL, lambda s, a, cid, tmp: s.clients.count(a, "zo")),
    "page": (ALL, lambda s, a, cid, tmp: s.clients.page(a, "zo")),
    "search": (ALL, lambda s, a, cid, tmp: s.clients.search(a, "zo")),
    "get": (ALL, lambda s, a, cid, tmp: s.clients.get(a, cid)),
    "validate": (ALL, lambda s, a, cid, tmp: s.clients.validate(a, ClientInput("X"))),
    "find_duplicates": (ALL, lambda s, a, cid, tmp: s.clients.find_duplicates(a, "912345678", "")),
    "create": (ALL, lambda s, a, cid, tmp: s.clients.create(a, ClientInput("New Person"))),
    "create with medical": (CARE, lambda s, a, cid, tmp: s.clients.create(a, ClientInput("New"), medical=MEDICAL)),
    "update": (ALL, lambda s, a, cid, tmp: s.clients.update(a, cid, ClientInput("Zoë M"), version=1)),
    "update medical": (CARE, lambda s, a, cid, tmp: s.clients.update(a, cid, ClientInput("Zoë"), version=1,
                                                                    medical=MEDICAL)),
    "medical": (CARE, lambda s, a, cid, tmp: s.clients.medical(a, cid)),
    "photo": (ALL, lambda s, a, cid, tmp: s.clients.photo(a, cid)),
    "set_photo": (ALL, lambda s, a, cid, tmp: s.clients.set_photo(a, cid, None)),
    "issue_client_qr": (ALL, lambda s, a, cid, tmp: s.services.intake.issue_client_qr(a, cid)),
    "client_qr": (ALL, lambda s, a, cid, tmp: s.services.intake.client_qr(a, cid)),
    "export_client": (ADMIN, _export),
    "erase_client": (ADMIN, lambda s, a, cid, tmp: s.client_rights.erase_client(a, cid, "Zoë")),
}


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_every_role(studio, tmp_path, role, operation):
    allowed, call = OPERATIONS[operation]
    cid = studio.clients.create(studio.admin, ClientInput("Zoë", phone="912 345 678")).id
    actor = studio.by_role(role)
    if role == "artist":  # an artist reads the health of the clients they look after
        book_artist(studio.services, studio.admin, actor, cid)
    if role in allowed:
        call(studio, actor, cid, tmp_path)
    else:
        with pytest.raises(PermissionDenied) as err:
            call(studio, actor, cid, tmp_path)
        assert err.value.message.startswith("Your role (")
        # Refused means untouched.
        assert studio.clients.get(studio.admin, cid).version == 1
        assert studio.clients.count(studio.admin) == 1


def test_permission_rows_and_matrix():
    expected = {
        Permission.VIEW_CLIENTS: ALL, Permission.EDIT_CLIENTS: ALL, Permission.RENEW_CLIENT_QR: ALL,
        Permission.VIEW_MEDICAL: CARE, Permission.EDIT_MEDICAL: CARE,
        Permission.EXPORT_CLIENT: ADMIN, Permission.ERASE_CLIENT: ADMIN,
    }
    for permission, roles in expected.items():
        assert {r.value for r in Role if can(r, permission)} == roles
        assert PERMISSIONS[permission].area == "Clients"


def test_deactivated_staff_are_refused(studio):
    cid = studio.clients.create(studio.desk, ClientInput("Zoë")).id
    studio.services.staff.set_active(studio.admin, studio.artist.staff_id, False)
    with pytest.raises(PermissionDenied):
        studio.clients.medical(studio.artist, cid)
    with pytest.raises(PermissionDenied):
        studio.clients.search(studio.artist, "zo")
    with pytest.raises(PermissionDenied):
        studio.clients.count(studio.artist, "z")
    with pytest.raises(PermissionDenied):
        studio.clients.page(studio.artist, "")
