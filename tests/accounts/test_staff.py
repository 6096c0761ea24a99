"""Staff accounts: the permission matrix, the last admin, validation, passwords, the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

from studio.services import audit
from studio.services.audit import AuditFilter
from studio.services.accounts import ARTIST_PALETTE, MAX_FAILURES
from studio.services.common import (
    AccountLocked,
    AuthenticationFailed,
    Conflict,
    FormErrors,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from studio.services.core import open_services
from studio.services.common.permissions import PERMISSIONS, Permission, Role
from studio.services.common import Actor
from tests.support import (
    ADMIN_EMAIL,
    ADMIN_NAME,
    ADMIN_PASSWORD,
    STAFF_PASSWORD,
    STUDIO_NAME,
    FakeClock,
    audit_rows,
    sqlite_url,
    table_snapshot,
)

NEW_PASSWORD = "amber kettles hum at noon 18"


# --- the permission matrix ------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One service call guarded by ``permission``.

    ``prepare(services, admin, make_staff)`` makes what the call needs (as the admin) and
    returns it; ``call(services, actor, password, prepared)`` is the call under test, made as
    ``actor`` whose password is ``password``; ``done(services, admin, prepared, result)``
    checks that an allowed call did its work.
    """

    permission: Permission
    call: Callable
    done: Callable
    prepare: Callable = lambda services, admin, make_staff: None


def _target(services, admin, make_staff):
    return make_staff(Role.ARTIST, name="Target Person", email="target@studio.test")


def _inactive_target(services, admin, make_staff):
    target = _target(services, admin, make_staff)
    services.staff.set_active(admin, target.staff_id, False)
    return target


def _record_of(services, admin, staff_id):
    return next(r for r in services.staff.list_staff(admin) if r.id == staff_id)


ACTIONS: dict[str, Action] = {
    "list staff": Action(
        Permission.VIEW_STAFF,
        call=lambda s, actor, pw, t: s.staff.list_staff(actor),
        done=lambda s, admin, t, result: ADMIN_EMAIL in {r.email for r in result},
    ),
    "add staff": Action(
        Permission.MANAGE_STAFF,
        call=lambda s, actor, pw, t: s.staff.add_staff(
            actor, name="New Person", email="new@studio.test", role="front_desk", password=NEW_PASSWORD),
        done=lambda s, admin, t, result: _record_of(s, admin, result.id).role is Role.FRONT_DESK,
    ),
    "edit staff": Action(
        Permission.MANAGE_STAFF,
        prepare=_target,
        call=lambda s, actor, pw, t: s.staff.update_staff(
            actor, t.staff_id, name="Renamed Person", email=t.email, color="#0D9488"),
        done=lambda s, admin, t, result: (
            _record_of(s, admin, t.staff_id).name, _record_of(s, admin, t.staff_id).color
        ) == ("Renamed Person", "#0D9488"),
    ),
    "change a role": Action(
        Permission.MANAGE_STAFF,
        prepare=_target,
        call=lambda s, actor, pw, t: s.staff.change_role(actor, t.staff_id, "front_desk"),
        done=lambda s, admin, t, result: _record_of(s, admin, t.staff_id).role is Role.FRONT_DESK,
    ),
    "deactivate": Action(
        Permission.MANAGE_STAFF,
        prepare=_target,
        call=lambda s, actor, pw, t: s.staff.set_active(actor, t.staff_id, False),
        done=lambda s, admin, t, result: not _record_of(s, admin, t.staff_id).active,
    ),
    "reactivate": Action(
        Permission.MANAGE_STAFF,
        prepare=_inactive_target,
        call=lambda s, actor, pw, t: s.staff.set_active(actor, t.staff_id, True),
        done=lambda s, admin, t, result: _record_of(s, admin, t.staff_id).active,
    ),
    "reset someone's password": Action(
        Permission.RESET_STAFF_PASSWORD,
        prepare=_target,
        call=lambda s, actor, pw, t: s.staff.reset_password(actor, t.staff_id, NEW_PASSWORD),
        done=lambda s, admin, t, result: s.auth.login(t.email, NEW_PASSWORD).staff_id == t.staff_id,
    ),
    "change own password": Action(
        Permission.CHANGE_OWN_PASSWORD,
        call=lambda s, actor, pw, t: s.staff.change_own_password(actor, pw, NEW_PASSWORD) or actor,
        done=lambda s, admin, t, actor: s.auth.login(actor.email, NEW_PASSWORD) == actor,
    ),
    "read the audit log": Action(
        Permission.VIEW_AUDIT,
        call=lambda s, actor, pw, t: s.audit.events(actor),
        done=lambda s, admin, t, result: audit.STUDIO_CREATED in {e.action for e in result},
    ),
    "count audit events": Action(
        Permission.VIEW_AUDIT,
        call=lambda s, actor, pw, t: s.audit.count(actor, AuditFilter(action_prefix="studio.")),
        done=lambda s, admin, t, result: result == 1,
    ),
    "edit settings": Action(
        Permission.EDIT_SETTINGS,
        call=lambda s, actor, pw, t: s.settings.update(
            actor, name="Renamed Studio", timezone="Europe/Berlin", currency="EUR", idle_lock_minutes=10),
        done=lambda s, admin, t, result: s.settings.studio().name == "Renamed Studio",
    ),
    "see the dashboard": Action(
        Permission.VIEW_DASHBOARD,
        call=lambda s, actor, pw, t: s.overview.overview(actor),
        done=lambda s, admin, t, result: result.studio_name == "Ink & Iron",
    ),
}

# The areas the foundation owns; later modules test their own rows of the matrix.
FOUNDATION_AREAS = {"Dashboard", "Account", "Staff", "Audit", "Settings"}


def test_every_foundation_permission_has_a_service_call_under_test():
    foundation = {p for p, rule in PERMISSIONS.items() if rule.area in FOUNDATION_AREAS}
    assert foundation == {action.permission for action in ACTIONS.values()}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action_name", list(ACTIONS))
def test_each_role_may_do_exactly_what_the_matrix_says(services, admin, make_staff, role, action_name):
    action = ACTIONS[action_name]
    if role is Role.ADMIN:
        actor, password = admin, ADMIN_PASSWORD
    else:
        actor, password = make_staff(role), STAFF_PASSWORD
    prepared = action.prepare(services, admin, make_staff)
    allowed = role in PERMISSIONS[action.permission].roles

    if allowed:
        result = action.call(services, actor, password, prepared)
        assert action.done(services, admin, prepared, result)
    else:
        before = table_snapshot(services)
        with pytest.raises(PermissionDenied) as caught:
            action.call(services, actor, password, prepared)
        assert f"Your role ({role.label.lower()})" in caught.value.message
        assert table_snapshot(services) == before


# --- the last admin -------------------------------------------------------------------------


def test_the_last_admin_cannot_be_deactivated_or_demoted(services, admin):
    before = table_snapshot(services)
    with pytest.raises(Conflict, match="last active admin"):
        services.staff.set_active(admin, admin.staff_id, False)
    for role in (Role.ARTIST, Role.FRONT_DESK):
        with pytest.raises(Conflict, match="last active admin"):
            services.staff.change_role(admin, admin.staff_id, role.value)
    assert table_snapshot(services) == before


def test_an_edit_that_demotes_the_last_admin_changes_nothing(services, admin):
    before = table_snapshot(services)
    with pytest.raises(Conflict, match="last active admin") as refused:
        services.staff.update_staff(admin, admin.staff_id, name="Renamed", email="new@studio.test",
                                    color=ARTIST_PALETTE[1], role=Role.ARTIST.value)
    assert refused.value.field == "role"
    assert table_snapshot(services) == before  # not the name either: all or nothing


def test_an_edit_changes_the_role_with_the_rest(services, admin, make_staff):
    artist = make_staff(Role.ARTIST)
    record = services.staff.update_staff(admin, artist.staff_id, name="Mara O.", email=artist.email,
                                         color=ARTIST_PALETTE[2], role=Role.FRONT_DESK.value)
    assert (record.name, record.role) == ("Mara O.", Role.FRONT_DESK)


def test_a_deactivated_admin_does_not_count_as_another(services, admin, make_staff):
    second = make_staff(Role.ADMIN)
    services.staff.set_active(admin, second.staff_id, False)
    with pytest.raises(Conflict):
        services.staff.set_active(admin, admin.staff_id, False)
    with pytest.raises(Conflict):
        services.staff.change_role(admin, admin.staff_id, Role.ARTIST.value)


def test_with_another_admin_the_first_can_step_down(services, admin, make_staff):
    second = make_staff(Role.ADMIN)
    demoted = services.staff.change_role(admin, admin.staff_id, Role.ARTIST.value)
    assert demoted.role is Role.ARTIST
    # The change holds at once: the former admin may no longer manage staff...
    with pytest.raises(PermissionDenied):
        services.staff.list_staff(admin)
    # ...and now the second admin is the last one.
    with pytest.raises(Conflict):
        services.staff.set_active(second, second.staff_id, False)
    services.staff.change_role(second, admin.staff_id, Role.ADMIN.value)
    assert services.staff.set_active(second, admin.staff_id, False).active is False


def test_a_deactivated_persons_next_call_is_refused(services, admin, make_staff):
    artist = make_staff(Role.ARTIST)
    services.overview.overview(artist)  # allowed while active
    services.staff.set_active(admin, artist.staff_id, False)
    before = table_snapshot(services)
    with pytest.raises(PermissionDenied, match="no longer active"):
        services.overview.overview(artist)
    with pytest.raises(PermissionDenied, match="no longer active"):
        services.staff.change_own_password(artist, STAFF_PASSWORD, NEW_PASSWORD)
    assert table_snapshot(services) == before
    services.staff.set_active(admin, artist.staff_id, True)
    services.overview.overview(artist)


def test_a_removed_admin_can_no_longer_manage_staff(services, admin, make_staff):
    second = make_staff(Role.ADMIN)
    services.staff.set_active(admin, second.staff_id, False)
    with pytest.raises(PermissionDenied, match="no longer active"):
        services.staff.add_staff(second, name="Sneaky Hire", email="sneaky@studio.test",
                                 role="admin", password=NEW_PASSWORD)


# --- adding and editing ---------------------------------------------------------------------


def test_add_staff_returns_the_record_and_picks_an_unused_colour(services, admin, clock):
    clock.advance(days=1)
    record = services.staff.add_staff(admin, name="  Mara   Okafor ", email=" Mara@Studio.TEST",
                                      role="artist", password=STAFF_PASSWORD)
    assert (record.name, record.email, record.role, record.active) == (
        "Mara Okafor", "mara@studio.test", Role.ARTIST, True)
    assert record.created_at == clock()
    assert record.last_login_at is None
    # The admin took the first palette colour; the next person gets the next one.
    assert [r.color for r in services.staff.list_staff(admin)] == list(ARTIST_PALETTE[:2])


def test_staff_list_puts_active_people_first_then_by_name(services, admin, make_staff):
    zed = make_staff(Role.ARTIST, name="zed Adams")
    make_staff(Role.FRONT_DESK, name="Bea Cruz")
    make_staff(Role.ARTIST, name="Abe Diaz")
    services.staff.set_active(admin, zed.staff_id, False)
    names = [r.name for r in services.staff.list_staff(admin)]
    assert names == ["Abe Diaz", ADMIN_NAME, "Bea Cruz", "zed Adams"]


@pytest.mark.parametrize("email", ["artist1@studio.test", "ARTIST1@Studio.Test", "  artist1@studio.test "])
def test_an_email_in_use_is_refused_whatever_its_case(services, admin, make_staff, email):
    make_staff(Role.ARTIST)  # artist1@studio.test
    before = table_snapshot(services)
    with pytest.raises(FormErrors) as caught:  # a form error, shown under the email field
        services.staff.add_staff(admin, name="Copy Cat", email=email, role="artist", password=NEW_PASSWORD)
    assert caught.value.errors == {"email": "Someone already has that email address."}
    assert table_snapshot(services) == before


def test_editing_onto_someone_elses_email_is_refused(services, admin, make_staff):
    first = make_staff(Role.ARTIST)
    second = make_staff(Role.ARTIST)
    before = table_snapshot(services)
    with pytest.raises(FormErrors) as caught:
        services.staff.update_staff(admin, second.staff_id, name=second.name,
                                    email=first.email.upper(), color="#0D9488")
    assert caught.value.errors == {"email": "Someone already has that email address."}
    assert table_snapshot(services) == before


INVALID_ADDS = [
    ("name", dict(name="   ")),
    ("name", dict(name="x" * 121)),
    ("email", dict(email="")),
    ("email", dict(email="not-an-email")),
    ("email", dict(email="two@@studio.test")),
    ("email", dict(email="spaced out@studio.test")),
    ("role", dict(role="owner")),
    ("role", dict(role="Admin ")),
    ("color", dict(color="red")),
    ("color", dict(color="#12345G")),
    ("color", dict(color="#1234567")),
    ("password", dict(password="too short")),
]


@pytest.mark.parametrize("field, bad", INVALID_ADDS,
                         ids=[f"{f}={list(b.values())[0]!r:.16}" for f, b in INVALID_ADDS])
def test_invalid_new_staff_is_refused_naming_the_field(services, admin, field, bad):
    fields = dict(name="Mara Okafor", email="mara@studio.test", role="artist",
                  password=STAFF_PASSWORD, color="#E11D48") | bad
    before = table_snapshot(services)
    with pytest.raises(ValidationError) as caught:
        services.staff.add_staff(admin, **fields)
    assert caught.value.field == field
    assert caught.value.message.endswith(".")
    assert table_snapshot(services) == before


INVALID_EDITS = [
    ("name", dict(name="")),
    ("email", dict(email="mara(at)studio.test")),
    ("color", dict(color="#FFF")),
]


@pytest.mark.parametrize("field, bad", INVALID_EDITS, ids=[f for f, _ in INVALID_EDITS])
def test_invalid_edits_are_refused_naming_the_field(services, admin, make_staff, field, bad):
    mara = make_staff(Role.ARTIST, name="Mara Okafor", email="mara@studio.test", color="#E11D48")
    before = table_snapshot(services)
    with pytest.raises(ValidationError) as caught:
        services.staff.update_staff(admin, mara.staff_id, **(
            dict(name="Mara Okafor", email="mara@studio.test", color="#E11D48") | bad))
    assert caught.value.field == field
    assert table_snapshot(services) == before


def test_an_unknown_role_is_refused_naming_the_field(services, admin, make_staff):
    mara = make_staff(Role.ARTIST)
    before = table_snapshot(services)
    with pytest.raises(ValidationError) as caught:
        services.staff.change_role(admin, mara.staff_id, "manager")
    assert caught.value.field == "role"
    assert table_snapshot(services) == before


def test_a_missing_staff_member_is_not_found(services, admin):
    with pytest.raises(NotFound):
        services.staff.change_role(admin, 999, "artist")
    with pytest.raises(NotFound):
        services.staff.set_active(admin, 999, False)
    with pytest.raises(NotFound):
        services.staff.update_staff(admin, 999, name="Nobody Here", email="n@studio.test", color="#0D9488")


def test_an_edit_that_changes_nothing_writes_no_audit_row(services, admin, make_staff):
    mara = make_staff(Role.ARTIST, name="Mara Okafor", email="mara@studio.test", color="#E11D48")
    services.staff.update_staff(admin, mara.staff_id, name=" Mara  Okafor", email="MARA@studio.test",
                                color="#e11d48")
    assert audit_rows(services, audit.STAFF_UPDATED) == []
    services.staff.change_role(admin, mara.staff_id, "artist")
    services.staff.set_active(admin, mara.staff_id, True)
    assert audit_rows(services, audit.STAFF_ROLE_CHANGED) == []
    assert audit_rows(services, audit.STAFF_REACTIVATED) == []


# --- passwords ------------------------------------------------------------------------------


def lock_out(services, clock, email: str) -> None:
    for _ in range(MAX_FAILURES):
        clock.advance(seconds=2)
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            services.auth.login(email, "certainly the wrong password")
    with pytest.raises(AccountLocked):
        services.auth.login(email, STAFF_PASSWORD)


def test_reset_password_lifts_a_lockout(services, admin, make_staff, clock):
    artist = make_staff(Role.ARTIST)
    lock_out(services, clock, artist.email)
    assert _record_of(services, admin, artist.staff_id).locked_until is not None
    services.staff.reset_password(admin, artist.staff_id, NEW_PASSWORD)
    assert _record_of(services, admin, artist.staff_id).locked_until is None
    with pytest.raises(AuthenticationFailed):
        services.auth.login(artist.email, STAFF_PASSWORD)
    assert services.auth.login(artist.email, NEW_PASSWORD) == artist


def test_a_refused_reset_keeps_the_old_password_and_the_lockout(services, admin, make_staff, clock):
    artist = make_staff(Role.ARTIST)
    lock_out(services, clock, artist.email)
    before = table_snapshot(services)
    with pytest.raises(ValidationError) as caught:
        services.staff.reset_password(admin, artist.staff_id, artist.email)
    assert caught.value.field == "password"
    assert table_snapshot(services) == before


def test_changing_your_own_password_needs_the_current_one(services, admin, make_staff):
    artist = make_staff(Role.ARTIST)
    before = table_snapshot(services)
    with pytest.raises(ValidationError) as wrong:
        services.staff.change_own_password(artist, "not my password at all", NEW_PASSWORD)
    assert wrong.value.field == "current"
    with pytest.raises(ValidationError) as same:
        services.staff.change_own_password(artist, STAFF_PASSWORD, STAFF_PASSWORD)
    assert same.value.field == "password"
    with pytest.raises(ValidationError) as weak:
        services.staff.change_own_password(artist, STAFF_PASSWORD, "password1234")
    assert weak.value.field == "password"
    assert table_snapshot(services) == before

    services.staff.change_own_password(artist, STAFF_PASSWORD, NEW_PASSWORD)
    with pytest.raises(AuthenticationFailed):
        services.auth.login(artist.email, STAFF_PASSWORD)
    assert services.auth.login(artist.email, NEW_PASSWORD) == artist


# --- the audit trail of staff changes -------------------------------------------------------


def test_every_staff_change_is_audited_with_actor_and_subject(services, admin, clock):
    def step():
        clock.advance(minutes=1)
        return clock()

    times = [step()]
    mara = services.staff.add_staff(admin, name="Mara Okafor", email="mara@studio.test",
                                    role="artist", password=STAFF_PASSWORD, color="#E11D48")
    times.append(step())
    services.staff.update_staff(admin, mara.id, name="Mara O. Okafor", email="mara.o@studio.test",
                                color="#E11D48")
    times.append(step())
    services.staff.change_role(admin, mara.id, "front_desk")
    times.append(step())
    services.staff.set_active(admin, mara.id, False)
    times.append(step())
    services.staff.set_active(admin, mara.id, True)
    times.append(step())
    services.staff.reset_password(admin, mara.id, NEW_PASSWORD)
    times.append(step())
    mara_actor = Actor(staff_id=mara.id, name="Mara O. Okafor", email="mara.o@studio.test",
                       role=Role.FRONT_DESK)
    services.staff.change_own_password(mara_actor, NEW_PASSWORD, "a fresh passphrase of mine 63")

    rows = [r for r in audit_rows(services) if r["action"] != audit.STUDIO_CREATED]
    assert [(r["action"], r["detail"]) for r in rows] == [
        (audit.STAFF_ADDED, "role Artist"),
        (audit.STAFF_UPDATED, "Name: Mara Okafor → Mara O. Okafor; Email: mara@studio.test → mara.o@studio.test"),
        (audit.STAFF_ROLE_CHANGED, "Artist → Front desk"),
        (audit.STAFF_DEACTIVATED, ""),
        (audit.STAFF_REACTIVATED, ""),
        (audit.PASSWORD_RESET, ""),
        (audit.PASSWORD_CHANGED, ""),
    ]
    assert [r["at"] for r in rows] == times
    for row in rows[:-1]:
        assert (row["actor_id"], row["actor_name"]) == (admin.staff_id, ADMIN_NAME)
    assert (rows[-1]["actor_id"], rows[-1]["actor_name"]) == (mara.id, "Mara O. Okafor")
    for row in rows:
        assert (row["subject_type"], row["subject_id"]) == ("staff", str(mara.id))
    assert rows[0]["subject"] == "mara@studio.test"
    assert {r["subject"] for r in rows[1:]} == {"mara.o@studio.test"}
    everything = str(rows)
    assert STAFF_PASSWORD not in everything and NEW_PASSWORD not in everything


# --- reading the audit log ------------------------------------------------------------------


@dataclass(frozen=True)
class History:
    services: object
    admin: Actor
    moments: dict  # what happened -> when

    def events(self, flt: AuditFilter = AuditFilter(), **paging):
        return self.services.audit.events(self.admin, flt, **paging)

    def first_page(self, flt: AuditFilter = AuditFilter(), **paging):
        return self.services.audit.first_page(self.admin, flt, **paging)

    def count(self, flt: AuditFilter = AuditFilter()) -> int:
        return self.services.audit.count(self.admin, flt)


@pytest.fixture(scope="module")
def history(tmp_path_factory, passwords):
    """A studio with a day of events an hour apart, shared by the read-only audit tests
    (building it costs several password hashes)."""
    clock = FakeClock()
    services = open_services(sqlite_url(tmp_path_factory.mktemp("audit") / "studio.db"),
                             clock=clock, passwords=passwords)
    admin = services.setup.create_studio(
        studio_name=STUDIO_NAME, timezone="Europe/Lisbon", currency="EUR", admin_name=ADMIN_NAME,
        admin_email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    moments = {}

    def at(name):
        clock.advance(hours=1)
        moments[name] = clock()

    at("mara added")
    mara = services.staff.add_staff(admin, name="Mara Okafor", email="mara@studio.test",
                                    role="artist", password=STAFF_PASSWORD)
    at("jonas added")
    services.staff.add_staff(admin, name="Jonas Lindqvist", email="jonas@studio.test",
                             role="artist", password=STAFF_PASSWORD)
    at("mara promoted")
    services.staff.change_role(admin, mara.id, "front_desk")
    at("settings")
    services.settings.update(admin, name=STUDIO_NAME, timezone="Europe/Lisbon", currency="EUR",
                             idle_lock_minutes=15)
    at("failed")
    with pytest.raises(AuthenticationFailed):
        services.auth.login("stranger_1%@studio.test", "some guess or other")
    yield History(services, admin, moments)
    services.db.dispose()


def test_audit_events_come_newest_first_and_count_agrees(history):
    events = history.events()
    assert [e.action for e in events] == [
        audit.LOGIN_FAILED, audit.SETTINGS_CHANGED, audit.STAFF_ROLE_CHANGED,
        audit.STAFF_ADDED, audit.STAFF_ADDED, audit.STUDIO_CREATED]
    assert history.count() == len(events) == 6
    assert [e.subject for e in events if e.action == audit.STAFF_ADDED] == [
        "jonas@studio.test", "mara@studio.test"]


@pytest.mark.parametrize("text, expected", [
    ("mara", [audit.STAFF_ROLE_CHANGED, audit.STAFF_ADDED]),           # subject, any case
    ("MARA@", [audit.STAFF_ROLE_CHANGED, audit.STAFF_ADDED]),
    ("ana ruiz", [audit.SETTINGS_CHANGED, audit.STAFF_ROLE_CHANGED, audit.STAFF_ADDED,
                  audit.STAFF_ADDED, audit.STUDIO_CREATED]),           # actor name
    ("front desk", [audit.STAFF_ROLE_CHANGED]),                        # detail
    ("Lock after idle: 5 → 15", [audit.SETTINGS_CHANGED]),
    ("login.", [audit.LOGIN_FAILED]),                                  # action
    ("1%", [audit.LOGIN_FAILED]),                                      # wildcards are literal
    ("nothing like this", []),
])
def test_audit_text_filter(history, text, expected):
    flt = AuditFilter(text=text)
    assert [e.action for e in history.events(flt)] == expected
    assert history.count(flt) == len(expected)


@pytest.mark.parametrize("prefix, expected", [
    ("staff.", [audit.STAFF_ROLE_CHANGED, audit.STAFF_ADDED, audit.STAFF_ADDED]),
    ("staff.added", [audit.STAFF_ADDED, audit.STAFF_ADDED]),
    ("settings", [audit.SETTINGS_CHANGED]),
    ("staff_", []),   # "_" is not a wildcard
    ("%", []),
])
def test_audit_action_prefix_filter(history, prefix, expected):
    flt = AuditFilter(action_prefix=prefix)
    assert [e.action for e in history.events(flt)] == expected
    assert history.count(flt) == len(expected)


def test_audit_time_filter_includes_since_and_excludes_until(history):
    flt = AuditFilter(since=history.moments["jonas added"], until=history.moments["settings"])
    assert [e.action for e in history.events(flt)] == [
        audit.STAFF_ROLE_CHANGED, audit.STAFF_ADDED]
    assert history.count(flt) == 2
    assert [e.at for e in history.events(flt)] == [
        history.moments["mara promoted"], history.moments["jonas added"]]
    # Combined with the other filters.
    both = AuditFilter(text="jonas", action_prefix="staff.", since=history.moments["mara added"])
    assert [e.subject for e in history.events(both)] == ["jonas@studio.test"]
    later = AuditFilter(since=history.moments["failed"] + timedelta(seconds=1))
    assert history.events(later) == []
    assert history.count(later) == 0


def test_audit_paging_walks_every_event_once(history):
    everything = history.events()
    first = history.first_page(limit=4)
    assert first.total == len(everything) == 6
    pages = [list(first.rows)]
    while len(pages[-1]) == 4:
        last = pages[-1][-1]
        pages.append(history.events(before=(last.at, last.id), limit=4))
    assert [len(p) for p in pages] == [4, 2]
    assert pages[0] + pages[1] == everything
    assert len({e.id for e in everything}) == len(everything)


def test_audit_paging_by_keyset_keeps_rows_of_the_same_moment_in_order(services, admin, make_staff):
    """A FakeClock stands still: every event has the same time, and only the id orders them."""
    for _ in range(5):
        make_staff(Role.ARTIST)
    everything = services.audit.events(admin)
    assert len({e.at for e in everything}) == 1
    first = services.audit.first_page(admin, limit=3)
    last = first.rows[-1]
    rest = services.audit.events(admin, before=(last.at, last.id), limit=100)
    assert list(first.rows) + rest == everything


def test_audit_rows_at_the_same_moment_come_newest_first(services, admin, make_staff):
    first = make_staff(Role.ARTIST)
    second = make_staff(Role.ARTIST)
    added = services.audit.events(admin, AuditFilter(action_prefix=audit.STAFF_ADDED))
    assert [e.subject for e in added] == [second.email, first.email]
    assert added[0].at == added[1].at


def test_a_staff_form_is_refused_with_every_wrong_field_at_once(services, admin, make_staff):
    taken = make_staff(Role.ARTIST)
    before = table_snapshot(services)
    with pytest.raises(FormErrors) as caught:
        services.staff.add_staff(admin, name="  ", email=taken.email, role="wizard", password="short")
    assert set(caught.value.errors) == {"name", "email", "role", "password"}
    assert caught.value.errors["name"] == "Enter a name."
    with pytest.raises(FormErrors) as checked:  # the same answer without saving, for a form
        services.staff.check_form(admin, name="  ", email=taken.email, role="wizard", password="short")
    assert checked.value.errors == caught.value.errors
    services.staff.check_form(admin, name="Mara Okafor", email="mara@studio.test", role="artist",
                              password=NEW_PASSWORD)  # all fine: nothing raised
    services.staff.check_form(admin, name=taken.name, email=taken.email, staff_id=taken.staff_id)  # own email
    assert table_snapshot(services) == before


@pytest.mark.parametrize("name", ["\u200b\u200d", "\ufeff \u2060"], ids=["joiners", "bom-and-word-joiner"])
def test_a_staff_name_of_only_zero_width_characters_is_refused_as_empty(services, admin, name):
    before = table_snapshot(services)
    with pytest.raises(FormErrors) as caught:
        services.staff.add_staff(admin, name=name, email="mara@studio.test", role="artist",
                                 password=NEW_PASSWORD)
    assert caught.value.errors == {"name": "Enter a name."}
    assert table_snapshot(services) == before


def test_a_staff_name_keeps_a_joiner_inside_a_word_only(services, admin):
    added = services.staff.add_staff(admin, name="\u200bMehr\u200cnaz Rahimi\u200d", email="mehr@studio.test",
                                     role="artist", password=NEW_PASSWORD)
    assert added.name == "Mehr\u200cnaz Rahimi"


def test_setup_names_every_missing_field_at_once(services):
    with pytest.raises(FormErrors) as caught:
        services.setup.create_studio(studio_name="", timezone="Mars/Olympus", currency="EUR",
                                     admin_name="", admin_email="not an email", password="")
    assert set(caught.value.errors) == {"studio_name", "timezone", "name", "email", "password"}
    with pytest.raises(FormErrors) as checked:
        services.setup.check_studio(studio_name="", timezone="Mars/Olympus", currency="EUR",
                                    admin_name="", admin_email="not an email", password="")
    assert checked.value.errors == caught.value.errors
    assert services.setup.needs_setup()


def test_a_call_open_to_every_role_still_refuses_a_deactivated_account(services, admin, make_staff):
    """release_history is open to any active role that may edit or manage intake; the
    'still active' check comes first (authorize_active), whatever the role."""
    second = make_staff(Role.ADMIN)
    assert services.intake.release_history(second)
    services.staff.set_active(admin, second.staff_id, False)
    with pytest.raises(PermissionDenied, match="no longer active"):
        services.intake.release_history(second)
