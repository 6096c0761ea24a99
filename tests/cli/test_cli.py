"""The `studio` command, run for real: `python -m studio` in a subprocess on a temp data dir."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import studio
from studio.services.accounts import MAX_FAILURES, check_policy
from studio.services.common import AccountLocked, AuthenticationFailed, Role, ValidationError
from studio.services.core import open_services
from tests.support import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ROOT,
    FakeClock,
    read_only_mount,
    row_counts,
    run_cli,
    sqlite_url,
    table_snapshot,
)

NEW_PASSWORD = "copper lanterns sway at dusk 58"


@pytest.fixture
def clock():
    """The subprocess runs on the real clock, so the services beside it start at real now."""
    return FakeClock(datetime.now(UTC))


def opened(data_dir, passwords, clock):
    return open_services(sqlite_url(data_dir / "studio.db"), clock=clock, passwords=passwords)


def test_version():
    result = run_cli("--version")
    assert (result.returncode, result.stdout, result.stderr) == (
        0, f"Linework {studio.__version__} (Python {platform.python_version()})\n", "")


def test_init_creates_the_studio_and_a_second_init_changes_nothing(data_dir, passwords, clock):
    result = run_cli("init", "--admin-email", " Ana@Studio.test", "--admin-name", "Ana Ruiz",
                     "--studio-name", "Ink & Iron", "--currency", "eur",
                     data_dir=data_dir, stdin=ADMIN_PASSWORD + "\n", env={"TZ": "America/Chicago"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Created the studio in {data_dir}; {ADMIN_EMAIL} is its admin.\n"

    services = opened(data_dir, passwords, clock)
    try:
        settings = services.settings.studio()
        # No --timezone: the PC's own zone.
        assert (settings.name, settings.timezone, settings.currency) == ("Ink & Iron", "America/Chicago", "EUR")
        actor = services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)
        assert (actor.name, actor.role) == ("Ana Ruiz", Role.ADMIN)
        before = table_snapshot(services)

        again = run_cli("init", "--admin-email", "eve@studio.test", data_dir=data_dir,
                        stdin="another strong passphrase 77\n")
        assert again.returncode != 0
        assert again.stdout == ""
        assert again.stderr == f"studio: A studio already exists in {data_dir}; nothing was changed.\n"
        assert table_snapshot(services) == before
    finally:
        services.db.dispose()


def test_init_with_a_weak_password_says_why_and_writes_nothing(data_dir, passwords, clock):
    result = run_cli("init", "--admin-email", ADMIN_EMAIL, "--timezone", "UTC", data_dir=data_dir,
                     stdin="password1234\n")
    assert result.returncode != 0
    assert result.stdout == ""
    with pytest.raises(ValidationError) as policy:
        check_policy("password1234", email=ADMIN_EMAIL, name="Admin")
    assert result.stderr == f"studio: {policy.value.message}\n"
    assert "Traceback" not in result.stderr

    services = opened(data_dir, passwords, clock)
    try:
        assert set(row_counts(services).values()) == {0}
        assert services.setup.needs_setup()
    finally:
        services.db.dispose()


def test_init_without_a_password_on_stdin_is_refused(data_dir):
    result = run_cli("init", "--admin-email", ADMIN_EMAIL, "--timezone", "UTC", data_dir=data_dir, stdin="")
    assert result.returncode == 2
    assert result.stderr == "studio: Give the password on standard input (one line).\n"


def test_reset_password_lifts_a_lockout(services, admin, data_dir, clock):
    for _ in range(MAX_FAILURES):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            services.auth.login(ADMIN_EMAIL, "certainly not the password")
    with pytest.raises(AccountLocked):
        services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)

    result = run_cli("reset-password", ADMIN_EMAIL.upper(), data_dir=data_dir, stdin=NEW_PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"New password set for {ADMIN_EMAIL}; any lockout is lifted.\n"

    assert services.auth.login(ADMIN_EMAIL, NEW_PASSWORD) == admin
    with pytest.raises(AuthenticationFailed):
        services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    [row] = [e for e in services.audit.events(admin) if e.action == "password.reset"]
    assert (row.actor_name, row.subject) == ("command line", ADMIN_EMAIL)


def test_reset_password_for_an_unknown_email_says_so_and_changes_nothing(services, admin, data_dir):
    before = table_snapshot(services)
    result = run_cli("reset-password", "nobody@studio.test", data_dir=data_dir, stdin=NEW_PASSWORD + "\n")
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr == "studio: No staff account has the email nobody@studio.test.\n"
    assert table_snapshot(services) == before


def test_without_data_dir_the_environment_decides(data_dir):
    result = run_cli("reset-password", ADMIN_EMAIL, stdin=NEW_PASSWORD + "\n",
                     env={"STUDIO_DATA_DIR": str(data_dir)})
    assert result.returncode != 0
    assert result.stderr == (
        f"studio: No studio in {data_dir}. Run 'studio init --admin-email …' first.\n")
    assert not (data_dir / "studio.db").exists()  # refusing created nothing


def test_demo_prints_four_accounts_that_sign_in(data_dir, passwords, clock):
    result = run_cli("demo", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = "Demo studio created. These passwords are shown once; write them down:"
    assert lines[0] == header
    accounts = [line.split() for line in lines[1:]]
    assert [a[0] for a in accounts] == ["admin", "artist", "artist", "front_desk"]
    assert all(len(a) == 3 for a in accounts)

    services = opened(data_dir, passwords, clock)
    try:
        for role, email, password in accounts:
            check_policy(password, email=email)
            assert services.auth.login(email, password).role is Role(role)
        assert len({password for _, _, password in accounts}) == 4
        before = table_snapshot(services)

        again = run_cli("demo", data_dir=data_dir)
        assert again.returncode != 0
        assert again.stdout == ""
        assert again.stderr == (
            f"studio: {data_dir} already holds a studio; use an empty data dir for the demo.\n")
        assert table_snapshot(services) == before
    finally:
        services.db.dispose()


@pytest.mark.skipif(not (ROOT / "studio" / "cli" / "selftest.py").exists()
                    or not (ROOT / "studio" / "ui" / "selftest.py").exists(),
                    reason="`studio self-test` arrives with the UI")
def test_self_test_passes_and_leaves_no_data_behind(data_dir):
    result = run_cli("self-test", data_dir=data_dir, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("self-test passed")
    lines = dict(line.strip().split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    from studio.services.system.selfcheck import shipped_plugins

    assert lines["plugins loaded"] == (", ".join(shipped_plugins()) or "(none)")
    assert not (data_dir / "studio.db").exists()



def _without_display() -> dict[str, str]:
    hidden = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    return {k: v for k, v in os.environ.items() if k not in hidden}


@pytest.mark.parametrize("command", [["-m", "studio.ui.kit.qtcheck"], ["-m", "studio"]],
                         ids=["make-run-check", "studio"])
def test_no_display_is_said_in_a_sentence_before_qt_starts(command, data_dir):
    extra = ["--data-dir", str(data_dir)] if command[-1] == "studio" else []
    result = subprocess.run([sys.executable, *command, *extra], capture_output=True, text=True,
                            env=_without_display(), timeout=60)
    assert result.returncode == 1
    assert "no display found (DISPLAY / WAYLAND_DISPLAY unset)" in result.stderr
    assert "plugin" not in result.stderr.lower() and "Aborted" not in result.stderr
    assert not (data_dir / "studio.db").exists()


# --- bad input on the command line ----------------------------------------------------------


def refused_in_one_sentence(result, sentence: str) -> None:
    """A non-zero exit, nothing on stdout, and exactly ``studio: sentence`` on stderr."""
    assert result.returncode != 0, result.stdout
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr == f"studio: {sentence}\n"


NOT_UTF8 = "The password on standard input is not UTF-8 text; nothing was changed."
HAS_NUL = "The password contains a NUL byte, which can't be typed; nothing was changed."
BAD_PASSWORDS = {
    "not-utf8": (b"copper lanterns \xff\xfe sway at dusk 58\n", NOT_UTF8),
    "latin-1": ("copper lanterns sway at the café 58\n".encode("latin-1"), NOT_UTF8),
    "nul": (b"copper lanterns\x00 sway at dusk 58\n", HAS_NUL),
}


@pytest.mark.parametrize("stdin, sentence", BAD_PASSWORDS.values(), ids=BAD_PASSWORDS.keys())
def test_init_refuses_a_password_that_is_not_text_and_makes_no_database(data_dir, stdin, sentence):
    result = run_cli("init", "--admin-email", ADMIN_EMAIL, "--timezone", "UTC",
                     data_dir=data_dir, stdin=stdin)
    refused_in_one_sentence(result, sentence)
    assert not (data_dir / "studio.db").exists()


@pytest.mark.parametrize("stdin, sentence", BAD_PASSWORDS.values(), ids=BAD_PASSWORDS.keys())
def test_reset_password_refuses_a_password_that_is_not_text_and_changes_nothing(
        services, admin, data_dir, stdin, sentence):
    before = table_snapshot(services)
    result = run_cli("reset-password", ADMIN_EMAIL, data_dir=data_dir, stdin=stdin)
    refused_in_one_sentence(result, sentence)
    assert table_snapshot(services) == before
    assert services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD) == admin


def test_a_byte_order_mark_before_the_password_is_not_part_of_it(services, admin, data_dir):
    result = run_cli("reset-password", ADMIN_EMAIL, data_dir=data_dir,
                     stdin=b"\xef\xbb\xbf" + NEW_PASSWORD.encode() + b"\r\n")
    assert result.returncode == 0, result.stderr
    assert services.auth.login(ADMIN_EMAIL, NEW_PASSWORD) == admin


def _folder_listing(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


# Each case: (make the bad path in tmp_path, the sentence with {path} for it).
TOO_LONG = "x" * 300  # longer than any file system allows one name to be
BAD_DATA_DIRS = {
    "a-regular-file": (lambda tmp: _file(tmp / "notes.txt"),
                       "The data folder {path} is a file; choose a folder instead."),
    "below-a-file": (lambda tmp: _file(tmp / "notes.txt") / "studio",
                     "The data folder {path} can't be made: {tmp}/notes.txt is a file."),
    "name-too-long": (lambda tmp: tmp / TOO_LONG / "studio",
                      "The data folder {path} can't be made (file name too long)."),
    # Root may create folders anywhere permission bits would stop others, but not in /proc.
    "cannot-be-made": (lambda tmp: Path("/proc/linework-test/studio"),
                       "The data folder {path} can't be made (no such file or directory)."),
}


def _file(path: Path) -> Path:
    path.write_text("not a studio\n")
    return path


@pytest.mark.parametrize("command", [["init", "--admin-email", ADMIN_EMAIL], ["reset-password", ADMIN_EMAIL],
                                     ["backup", "list"], []], ids=["init", "reset-password", "backup", "app"])
@pytest.mark.parametrize("make, sentence", BAD_DATA_DIRS.values(), ids=BAD_DATA_DIRS.keys())
def test_a_data_dir_that_cannot_be_a_folder_is_refused_in_one_sentence(tmp_path, command, make, sentence):
    path = make(tmp_path)
    before = _folder_listing(tmp_path)
    result = run_cli(*command, data_dir=path, stdin=NEW_PASSWORD + "\n")
    refused_in_one_sentence(result, sentence.format(path=path, tmp=tmp_path))
    assert _folder_listing(tmp_path) == before
    assert not os.path.lexists(path) or path.is_file()  # (lexists: False for a name too long)


@pytest.fixture
def read_only_studio(tmp_path):
    """A studio made by `studio init` on a tmpfs that is then remounted read-only."""
    folder = tmp_path / "read-only"
    folder.mkdir()

    def make_studio(path: Path) -> None:
        made = run_cli("init", "--admin-email", ADMIN_EMAIL, "--timezone", "UTC", data_dir=path,
                       stdin=ADMIN_PASSWORD + "\n")
        assert made.returncode == 0, made.stderr

    with read_only_mount(folder, make_studio) as path:
        yield path


@pytest.mark.parametrize("command", [["reset-password", ADMIN_EMAIL], ["demo"],
                                     ["init", "--admin-email", "eve@studio.test"]], ids=lambda c: c[0])
def test_a_read_only_data_folder_is_refused_in_one_sentence(read_only_studio, command):
    before = _folder_listing(read_only_studio)
    result = run_cli(*command, data_dir=read_only_studio, stdin=NEW_PASSWORD + "\n")
    refused_in_one_sentence(result, f"The data folder {read_only_studio} is read-only; nothing was changed.")
    assert _folder_listing(read_only_studio) == before


def test_when_the_log_cannot_be_written_the_command_still_works(data_dir, passwords, clock):
    (data_dir / "logs").write_text("a file where the logs folder would go\n")
    result = run_cli("init", "--admin-email", ADMIN_EMAIL, "--timezone", "UTC", data_dir=data_dir,
                     stdin=ADMIN_PASSWORD + "\n")
    assert (result.returncode, result.stderr) == (0, "")
    assert (data_dir / "logs").read_text() == "a file where the logs folder would go\n"
    services = opened(data_dir, passwords, clock)
    try:
        assert services.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD).role is Role.ADMIN
    finally:
        services.db.dispose()


def test_backup_list_and_verify_work_on_a_read_only_data_folder(tmp_path):
    folder = tmp_path / "read-only-with-backup"
    folder.mkdir()

    def make_studio_with_a_backup(path: Path) -> None:
        made = run_cli("init", "--admin-email", ADMIN_EMAIL, "--timezone", "UTC", data_dir=path,
                       stdin=ADMIN_PASSWORD + "\n")
        assert made.returncode == 0, made.stderr
        backed_up = run_cli("backup", "now", data_dir=path)
        assert backed_up.returncode == 0, backed_up.stderr

    with read_only_mount(folder, make_studio_with_a_backup) as path:
        before = _folder_listing(path)
        listed = run_cli("backup", "list", data_dir=path)
        assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
        row = listed.stdout.splitlines()[1]
        name = row.split()[0]
        assert "Current · Linework" in row and " yes " in row  # the version in words, not a migration id
        verified = run_cli("backup", "verify", name, data_dir=path)
        assert verified.returncode == 0 and f"{name}: OK" in verified.stdout, verified.stderr
        assert _folder_listing(path) == before


def test_the_command_line_speaks_the_studios_language(services, admin, data_dir):
    """A Spanish studio: the CLI's own sentences and a service's refusal read in Spanish."""
    services.settings.update(admin, name="Tinta", timezone="Europe/Madrid", currency="EUR",
                             idle_lock_minutes=5, language="es")
    services.db.dispose()
    listed = run_cli("backup", "list", data_dir=data_dir)
    assert listed.returncode == 0
    assert listed.stdout == "Aún no hay copias de seguridad. Haz una con: studio backup now\n"
    unknown = run_cli("reset-password", "nadie@studio.test", data_dir=data_dir, stdin=NEW_PASSWORD + "\n")
    assert unknown.returncode == 1
    assert unknown.stderr == "studio: Ninguna cuenta del equipo tiene el correo nadie@studio.test.\n"
    empty = run_cli("backup", "list", data_dir=data_dir / "elsewhere")  # no studio there: English
    assert empty.stdout == "No backups yet. Make one with: studio backup now\n"


def test_help_and_argparse_refusals_speak_the_studios_language_too(services, admin, data_dir):
    services.settings.update(admin, name="Tinta", timezone="America/Sao_Paulo", currency="BRL",
                             idle_lock_minutes=5, language="pt_BR")
    services.db.dispose()
    shown = run_cli("--help", data_dir=data_dir)
    assert shown.returncode == 0
    assert shown.stdout.startswith("uso: studio")
    assert "mostrar esta ajuda e sair" in shown.stdout and "criar o banco de dados do estúdio" in shown.stdout
    backup = run_cli("backup", "--help", data_dir=data_dir)
    assert "fazer agora um backup verificado" in backup.stdout
    wrong = run_cli("backup", "frobnicate", data_dir=data_dir)
    assert wrong.returncode == 2 and "studio backup: erro: argumento ACTION: opção inválida: 'frobnicate'" in wrong.stderr
    elsewhere = run_cli("--help", data_dir=data_dir / "elsewhere")  # no studio there: English
    assert elsewhere.stdout.startswith("usage: studio") and "show this help message and exit" in elsewhere.stdout
