"""Signing in, the lockout, re-hashing, locking and unlocking the session — real argon2 on a
real SQLite file, time moved by the injected clock."""

from __future__ import annotations

import statistics
import threading
import time
from datetime import timedelta

import pytest
from argon2 import PasswordHasher, Type, extract_parameters

from studio.services import audit
from studio.services.accounts import BAD_CREDENTIALS, FAILURE_WINDOW, LOCKOUT, MAX_FAILURES, Passwords
from studio.services.common import (
    AccountLocked,
    AuthenticationFailed,
    Conflict,
    PermissionDenied,
    Role,
)
from studio.services.core import Services, open_services
from tests.support import (
    ADMIN_EMAIL,
    ADMIN_NAME,
    ADMIN_PASSWORD,
    STAFF_PASSWORD,
    TEST_ARGON2,
    audit_rows,
    stored_hash,
    table_snapshot,
)

WRONG = "not the right password at all"


def fail_login(services, email: str, password: str = WRONG):
    """One failed sign-in; returns the exception so the caller can look at its type."""
    with pytest.raises((AuthenticationFailed, AccountLocked)) as caught:
        services.auth.login(email, password)
    return caught.value


def fail_times(services, clock, email: str, times: int, *, step=timedelta(seconds=2)):
    """``times`` failed sign-ins a couple of seconds apart, as a person typing makes them;
    the clock is left at the last one."""
    errors = []
    for n in range(times):
        if n:
            clock.advance(step)
        errors.append(fail_login(services, email))
    return errors


# --- setting up ---------------------------------------------------------------------------


def test_create_studio_makes_the_first_admin_and_only_once(services, clock):
    assert services.setup.needs_setup()
    admin = services.setup.create_studio(
        studio_name="  Ink   & Iron ", timezone="Europe/Lisbon", currency="eur",
        admin_name="Ana Ruiz", admin_email="  Ana@Studio.TEST ", password=ADMIN_PASSWORD,
    )
    assert (admin.name, admin.email, admin.role) == ("Ana Ruiz", ADMIN_EMAIL, Role.ADMIN)
    assert not services.setup.needs_setup()
    settings = services.settings.studio()
    assert (settings.name, settings.timezone, settings.currency) == ("Ink & Iron", "Europe/Lisbon", "EUR")
    [created] = audit_rows(services, audit.STUDIO_CREATED)
    assert (created["actor_id"], created["actor_name"], created["at"]) == (admin.staff_id, "Ana Ruiz", clock())
    assert "Europe/Lisbon" in created["detail"] and "EUR" in created["detail"]

    before = table_snapshot(services)
    with pytest.raises(Conflict, match="already set up"):
        services.setup.create_studio(
            studio_name="Another", timezone="UTC", currency="USD", admin_name="Eve Other",
            admin_email="eve@studio.test", password="a different long passphrase 99",
        )
    assert table_snapshot(services) == before


# --- signing in -----------------------------------------------------------------------------


def test_login_returns_the_actor_and_stamps_last_login(services, admin, clock):
    clock.advance(hours=2)
    actor = services.auth.login("  ANA@studio.test ", ADMIN_PASSWORD)
    assert actor == admin
    [record] = services.staff.list_staff(actor)
    assert record.last_login_at == clock()
    assert record.locked_until is None


@pytest.mark.parametrize("case", ["unknown email", "wrong password", "deactivated"])
def test_one_message_for_unknown_email_wrong_password_and_deactivated(services, admin, make_staff, case):
    if case == "unknown email":
        email, password = "nobody@studio.test", STAFF_PASSWORD
    elif case == "wrong password":
        email, password = ADMIN_EMAIL, WRONG
    else:
        gone = make_staff(Role.ARTIST)
        services.staff.set_active(admin, gone.staff_id, False)
        # The right password: a deactivated account must not tell that it exists.
        email, password = gone.email, STAFF_PASSWORD
    with pytest.raises(AuthenticationFailed) as caught:
        services.auth.login(email, password)
    assert type(caught.value) is AuthenticationFailed
    assert caught.value.message == str(caught.value) == BAD_CREDENTIALS
    assert caught.value.field is None


def test_failures_take_about_as_long_whatever_the_cause(services, admin, make_staff, clock):
    """The hash is computed for unknown and deactivated accounts too, so timing tells nothing."""
    gone = make_staff(Role.ARTIST)
    services.staff.set_active(admin, gone.staff_id, False)
    cases = {
        "unknown": ("nobody@studio.test", STAFF_PASSWORD),
        "wrong password": (ADMIN_EMAIL, WRONG),
        "deactivated": (gone.email, STAFF_PASSWORD),
    }
    timings: dict[str, list[float]] = {name: [] for name in cases}
    for _round in range(5):
        # Interleaved, so a busy machine slows every case alike.
        for name, (email, password) in cases.items():
            started = time.perf_counter()
            with pytest.raises(AuthenticationFailed):
                services.auth.login(email, password)
            timings[name].append(time.perf_counter() - started)
        clock.advance(FAILURE_WINDOW + timedelta(seconds=1))  # never reach a lockout
    medians = {name: statistics.median(values) for name, values in timings.items()}
    assert max(medians.values()) < 2 * min(medians.values()), medians


# --- the lockout ----------------------------------------------------------------------------


def test_five_failures_lock_the_email_even_for_the_right_password(services, admin, clock):
    errors = fail_times(services, clock, ADMIN_EMAIL, MAX_FAILURES)
    assert [type(e) for e in errors] == [AuthenticationFailed] * (MAX_FAILURES - 1) + [AccountLocked]
    with pytest.raises(AccountLocked):
        services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    [record] = services.staff.list_staff(admin)
    assert record.locked_until is not None and record.locked_until > clock()


def test_unknown_emails_are_locked_out_too(services, admin, clock):
    errors = fail_times(services, clock, "Probe@Studio.test", MAX_FAILURES)
    assert [type(e) for e in errors] == [AuthenticationFailed] * (MAX_FAILURES - 1) + [AccountLocked]
    # The same email however it is typed.
    assert isinstance(fail_login(services, "  probe@studio.TEST"), AccountLocked)
    # Other accounts are not affected.
    assert services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD) == admin


def test_the_lock_message_says_to_wait_or_ask_an_admin(services, admin, clock):
    for _ in range(MAX_FAILURES - 1):
        fail_login(services, ADMIN_EMAIL)
    locked = fail_login(services, ADMIN_EMAIL)
    assert isinstance(locked, AccountLocked)
    assert "Wait 15 minutes" in locked.message
    assert "ask an admin" in locked.message

    clock.advance(minutes=10)
    later = fail_login(services, ADMIN_EMAIL, ADMIN_PASSWORD)
    assert isinstance(later, AccountLocked) and "Wait 5 minutes" in later.message
    clock.advance(minutes=4, seconds=30)
    last = fail_login(services, ADMIN_EMAIL, ADMIN_PASSWORD)
    assert isinstance(last, AccountLocked) and "Wait 1 minute," in last.message


def test_the_lock_runs_out_after_fifteen_minutes(services, admin, clock):
    fail_times(services, clock, ADMIN_EMAIL, MAX_FAILURES)
    [record] = services.staff.list_staff(admin)
    assert record.locked_until == clock() + LOCKOUT
    clock.advance(LOCKOUT - timedelta(seconds=1))
    assert isinstance(fail_login(services, ADMIN_EMAIL, ADMIN_PASSWORD), AccountLocked)
    clock.advance(seconds=1)
    assert services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD) == admin
    [record] = services.staff.list_staff(admin)
    assert record.locked_until is None


def test_after_the_lock_runs_out_counting_starts_again(services, admin, clock):
    fail_times(services, clock, ADMIN_EMAIL, MAX_FAILURES)
    clock.advance(LOCKOUT)
    # A single slip after waiting is not a new lockout.
    assert type(fail_login(services, ADMIN_EMAIL)) is AuthenticationFailed
    assert services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD) == admin


def test_failures_older_than_the_window_do_not_count(services, admin, clock):
    fail_times(services, clock, ADMIN_EMAIL, MAX_FAILURES - 1)
    clock.advance(FAILURE_WINDOW)
    # Four more: with the old four still counted the first of these would lock.
    errors = fail_times(services, clock, ADMIN_EMAIL, MAX_FAILURES - 1)
    assert [type(e) for e in errors] == [AuthenticationFailed] * (MAX_FAILURES - 1)
    assert services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD) == admin


def test_the_window_rolls_so_failures_either_side_of_a_boundary_count_together(services, admin, clock):
    fail_times(services, clock, ADMIN_EMAIL, 1)
    clock.advance(minutes=14)
    fail_times(services, clock, ADMIN_EMAIL, MAX_FAILURES - 2)  # 4 within the last 15 minutes
    clock.advance(minutes=2)  # the first failure is now older than the window; 3 remain
    errors = fail_times(services, clock, ADMIN_EMAIL, 2)
    # A window that restarted after 15 minutes would have counted these as 1 and 2.
    assert [type(e) for e in errors] == [AuthenticationFailed, AccountLocked]


def test_a_success_clears_the_failures(services, admin, clock):
    fail_times(services, clock, ADMIN_EMAIL, MAX_FAILURES - 1)
    services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    errors = fail_times(services, clock, ADMIN_EMAIL, MAX_FAILURES - 1)
    assert [type(e) for e in errors] == [AuthenticationFailed] * (MAX_FAILURES - 1)


def test_the_lockout_survives_reopening_the_database(services, admin, clock, database_url, passwords):
    fail_times(services, clock, ADMIN_EMAIL, MAX_FAILURES)
    services.db.dispose()
    reopened = open_services(database_url, clock=clock, passwords=passwords)
    try:
        assert isinstance(fail_login(reopened, ADMIN_EMAIL, ADMIN_PASSWORD), AccountLocked)
        clock.advance(LOCKOUT)
        assert reopened.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD) == admin
    finally:
        reopened.db.dispose()


# --- how passwords are stored ---------------------------------------------------------------


OWASP_MIN_MEMORY_KIB = 19456
OWASP_MIN_TIME_COST = 2


def create_admin(services) -> None:
    services.setup.create_studio(
        studio_name="Ink & Iron", timezone="UTC", currency="EUR", admin_name=ADMIN_NAME,
        admin_email=ADMIN_EMAIL, password=ADMIN_PASSWORD,
    )


def test_the_app_stores_argon2id_at_or_above_the_owasp_floor(database_url, clock):
    app = open_services(database_url, clock=clock)  # the app's own Passwords()
    try:
        create_admin(app)
        stored = stored_hash(app, ADMIN_EMAIL)
    finally:
        app.db.dispose()
    params = extract_parameters(stored)
    assert params.type is Type.ID
    assert params.memory_cost >= OWASP_MIN_MEMORY_KIB
    assert params.time_cost >= OWASP_MIN_TIME_COST
    assert params.parallelism >= 1
    assert ADMIN_PASSWORD not in stored


def test_a_hash_with_older_parameters_is_upgraded_at_the_next_sign_in(database_url, clock):
    weak = PasswordHasher(time_cost=2, memory_cost=OWASP_MIN_MEMORY_KIB, parallelism=1)
    old = open_services(database_url, clock=clock, passwords=Passwords(weak))
    try:
        create_admin(old)
        before = extract_parameters(stored_hash(old, ADMIN_EMAIL))
    finally:
        old.db.dispose()
    assert (before.time_cost, before.memory_cost, before.parallelism) == (2, OWASP_MIN_MEMORY_KIB, 1)

    current = open_services(database_url, clock=clock)  # the app's default parameters
    try:
        current.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)
        upgraded = stored_hash(current, ADMIN_EMAIL)
        after = extract_parameters(upgraded)
        default = PasswordHasher()
        assert (after.type, after.time_cost, after.memory_cost, after.parallelism) == (
            Type.ID, default.time_cost, default.memory_cost, default.parallelism)
        assert after != before
        # The new hash opens the account, and is not re-hashed again.
        current.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)
        assert stored_hash(current, ADMIN_EMAIL) == upgraded
    finally:
        current.db.dispose()


def test_a_failed_sign_in_does_not_rehash(services, admin):
    weak_hash = stored_hash(services, ADMIN_EMAIL)
    stronger = Passwords(PasswordHasher(time_cost=3, memory_cost=OWASP_MIN_MEMORY_KIB, parallelism=1))
    assert stronger.needs_rehash(weak_hash)
    current = Services(services.db, clock=services.clock, passwords=stronger)
    fail_login(current, ADMIN_EMAIL)
    assert stored_hash(current, ADMIN_EMAIL) == weak_hash


# --- lock, unlock, logout -------------------------------------------------------------------


def test_unlock_takes_the_same_persons_password(services, admin, make_staff):
    artist = make_staff(Role.ARTIST)
    services.auth.lock(admin, reason="idle")
    with pytest.raises(AuthenticationFailed):
        services.auth.unlock(admin, STAFF_PASSWORD)  # someone else's password
    assert services.auth.unlock(admin, ADMIN_PASSWORD) == admin
    assert services.auth.unlock(artist, STAFF_PASSWORD) == artist


def test_unlock_refuses_whoever_now_holds_the_email(services, admin, make_staff):
    """The email of a locked session may have moved to another account since sign-in."""
    mara = make_staff(Role.ARTIST, name="Mara Okafor", email="mara@studio.test")
    services.staff.update_staff(admin, mara.staff_id, name="Mara Okafor",
                                email="mara.okafor@studio.test", color="#E11D48")
    services.staff.add_staff(admin, name="Other Mara", email="mara@studio.test", role="artist",
                             password="someone else's passphrase 31")
    with pytest.raises(AuthenticationFailed):
        services.auth.unlock(mara, "someone else's passphrase 31")


def test_unlock_refuses_a_deactivated_account(services, admin, make_staff):
    artist = make_staff(Role.ARTIST)
    services.auth.lock(artist)
    services.staff.set_active(admin, artist.staff_id, False)
    with pytest.raises(AuthenticationFailed, match=BAD_CREDENTIALS):
        services.auth.unlock(artist, STAFF_PASSWORD)


def test_failed_unlocks_count_towards_the_lockout(services, admin, clock):
    services.auth.lock(admin)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(AuthenticationFailed):
            services.auth.unlock(admin, WRONG)
    with pytest.raises(AccountLocked):
        services.auth.unlock(admin, WRONG)
    with pytest.raises(AccountLocked):
        services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)


def test_current_actor_follows_role_changes_and_deactivation(services, admin, make_staff):
    artist = make_staff(Role.ARTIST)
    services.staff.change_role(admin, artist.staff_id, Role.FRONT_DESK.value)
    assert services.auth.current_actor(artist).role is Role.FRONT_DESK
    services.staff.set_active(admin, artist.staff_id, False)
    with pytest.raises(PermissionDenied, match="no longer active"):
        services.auth.current_actor(artist)


# --- the audit trail ------------------------------------------------------------------------


def test_sign_in_events_are_audited(services, admin, clock):
    start = clock()
    services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    clock.advance(minutes=1)
    services.auth.lock(admin, reason="idle for 5 minutes")
    clock.advance(minutes=1)
    services.auth.unlock(admin, ADMIN_PASSWORD)
    clock.advance(minutes=1)
    services.auth.logout(admin)
    fail_times(services, clock, "nobody@studio.test", MAX_FAILURES)
    fail_login(services, "nobody@studio.test")  # while locked

    rows = [r for r in audit_rows(services) if r["action"] != audit.STUDIO_CREATED]
    actions = [r["action"] for r in rows]
    assert actions == (
        [audit.LOGIN_OK, audit.SESSION_LOCKED, audit.SESSION_UNLOCKED, audit.LOGOUT]
        + [audit.LOGIN_FAILED] * MAX_FAILURES + [audit.LOGIN_LOCKED, audit.LOGIN_FAILED]
    )
    mine = rows[:4]
    assert [r["at"] for r in mine] == [start + timedelta(minutes=n) for n in range(4)]
    for row in mine:
        assert (row["actor_id"], row["actor_name"]) == (admin.staff_id, ADMIN_NAME)
        assert (row["subject_type"], row["subject_id"], row["subject"]) == (
            "staff", str(admin.staff_id), ADMIN_EMAIL)
    assert mine[1]["detail"] == "idle for 5 minutes"

    probes = rows[4:]
    for row in probes:
        # Nobody signed in: the typed email stands as the actor, no staff row is the subject.
        assert (row["actor_id"], row["actor_name"], row["subject"], row["subject_id"]) == (
            None, "nobody@studio.test", "nobody@studio.test", "")
    assert [r["detail"] for r in probes[:MAX_FAILURES]] == [
        f"failure {n} of {MAX_FAILURES}" for n in range(1, MAX_FAILURES + 1)]
    assert probes[MAX_FAILURES]["detail"] == "locked for 15 minutes"
    assert probes[-1]["detail"] == "refused while locked"
    assert WRONG not in str(rows)  # passwords are never written down


def test_a_failure_on_a_real_account_names_it_as_the_subject(services, admin):
    fail_login(services, ADMIN_EMAIL)
    [row] = audit_rows(services, audit.LOGIN_FAILED)
    assert (row["actor_id"], row["subject_type"], row["subject_id"], row["subject"]) == (
        None, "staff", str(admin.staff_id), ADMIN_EMAIL)


# --- many sign-ins at once ------------------------------------------------------------------


class CountingPasswords(Passwords):
    """argon2's wrapper as the app uses it, counting the passwords it is asked to check."""

    def __init__(self, hasher: PasswordHasher) -> None:
        super().__init__(hasher)
        self.checked = 0
        self._count_lock = threading.Lock()

    def verify(self, stored_hash: str | None, password: str) -> bool:
        with self._count_lock:
            self.checked += 1
        return super().verify(stored_hash, password)


ATTEMPTS_AT_ONCE = 20


def test_twenty_sign_ins_at_once_check_no_more_passwords_than_the_lockout_allows(
        services, admin, clock, database_url):
    counting = CountingPasswords(PasswordHasher(**TEST_ARGON2))
    # A second Services on the same file, as a second window or the intake server would be.
    racing = open_services(database_url, clock=clock, passwords=counting)
    start = threading.Barrier(ATTEMPTS_AT_ONCE, timeout=30)
    outcomes: list[type[BaseException]] = []

    def attempt(n: int) -> None:
        start.wait()
        try:
            racing.auth.login(ADMIN_EMAIL, f"{WRONG} {n}")
        except (AuthenticationFailed, AccountLocked) as error:
            outcomes.append(type(error))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS_AT_ONCE)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads)
        assert len(outcomes) == ATTEMPTS_AT_ONCE

        assert counting.checked == MAX_FAILURES
        failed = audit_rows(services, audit.LOGIN_FAILED)
        checked = [r["detail"] for r in failed if r["detail"].startswith("failure ")]
        assert sorted(checked) == [f"failure {n} of {MAX_FAILURES}" for n in range(1, MAX_FAILURES + 1)]
        assert len(failed) == ATTEMPTS_AT_ONCE  # the refused ones are audited too
        assert len(audit_rows(services, audit.LOGIN_LOCKED)) == 1
        # Every attempt past the fifth was refused without a look at its password.
        assert outcomes.count(AccountLocked) >= ATTEMPTS_AT_ONCE - MAX_FAILURES + 1
        assert outcomes.count(AuthenticationFailed) <= MAX_FAILURES - 1

        with pytest.raises(AccountLocked):
            racing.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)
        assert counting.checked == MAX_FAILURES
    finally:
        racing.db.dispose()


def test_the_lock_message_reads_in_the_language_with_the_end_in_the_studios_zone(services, admin, clock):
    """10:00 UTC is 07:00 in São Paulo: the lock (15 minutes) ends at 07:15 there."""
    from studio.services.common import formats, i18n

    services.settings.update(admin, name="Ink & Iron", timezone="America/Sao_Paulo", currency="BRL",
                             idle_lock_minutes=5)
    formats.set_region("BR")
    for _ in range(MAX_FAILURES - 1):
        fail_login(services, ADMIN_EMAIL)
    with i18n.using_language("pt_BR"):
        locked = fail_login(services, ADMIN_EMAIL)
    assert isinstance(locked, AccountLocked)
    assert locked.message == ("Muitas tentativas de entrada com falha para este e-mail. Aguarde 15 minutos ou "
                              "peça a um administrador para redefinir a senha. O bloqueio termina às 07:15.")
    english = fail_login(services, ADMIN_EMAIL)
    assert "Wait 15 minutes, or ask an admin" in english.message and english.message.endswith("ends at 7:15\u202fAM.")  # English in Brazil: en_US times
