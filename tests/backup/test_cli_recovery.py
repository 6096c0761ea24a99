"""The command line on a damaged studio: one sentence, never a traceback; `backup list` and
`backup restore NAME` work; `studio check` names what is wrong and exits non-zero."""

from __future__ import annotations

import os
import re

import pytest

from tests.backup.conftest import ADMIN_EMAIL
from tests.backup.test_recovery import DAMAGE
from tests.backup.test_schedule_cli import _studio
from tests.support import back_up_and_close

COMMANDS = (("reset-password", ADMIN_EMAIL), ("init", "--admin-email", "x@studio.test"),
            ("backup", "now"), ("check",), ("intake-server", "--port", "0"))


@pytest.fixture
def backed_up(studio, config):
    services, admin, _artist = studio
    return back_up_and_close(services, admin, config.database_path)


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_every_command_says_what_is_wrong_and_restore_brings_the_studio_back(backed_up, config, kind):
    DAMAGE[kind](config.database_path)
    for command in COMMANDS:
        result = _studio(config.data_dir, *command, stdin="lantern pepper orbit canyon 9\n")
        assert result.returncode != 0, (command, result.stdout)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        assert "can't read this studio's database" in result.stderr, (command, result.stderr)
        assert "studio backup restore NAME" in result.stderr, (command, result.stderr)
    listing = _studio(config.data_dir, "backup", "list")
    assert listing.returncode == 0 and backed_up.name in listing.stdout, listing.stderr
    assert "can't read this studio's database" in listing.stderr
    restored = _studio(config.data_dir, "backup", "restore", "--yes", backed_up.name)
    assert restored.returncode == 0, restored.stderr
    assert "damaged database it replaced is kept" in restored.stdout
    check = _studio(config.data_dir, "check")
    assert check.returncode == 0 and "is sound" in check.stdout, check.stderr


def test_check_names_a_missing_consent_and_a_foreign_trigger(backed_up, config):
    import sqlite3

    conn = sqlite3.connect(config.database_path)
    conn.execute("INSERT INTO consents(client_name, search_name, release_version, signed_at, accepted_at, "
                 "accepted_by_name, pdf_file) VALUES ('A B', 'a b', 1, '2026-01-01 00:00:00', "
                 "'2026-01-01 00:00:00', 'Ana', 'gone.pdf')")
    conn.commit()
    conn.close()
    missing = _studio(config.data_dir, "check")
    assert missing.returncode == 1 and "consents/gone.pdf is missing" in missing.stderr, missing.stderr
    conn = sqlite3.connect(config.database_path)
    conn.execute("CREATE TRIGGER forget AFTER INSERT ON login_failures BEGIN DELETE FROM login_failures; END")
    conn.commit()
    conn.close()
    foreign = _studio(config.data_dir, "check")
    assert foreign.returncode == 1 and "trigger forget" in foreign.stderr, foreign.stderr
    assert "Traceback" not in foreign.stderr


def test_check_names_stock_whose_total_is_not_its_movements(studio, config):
    import sqlite3

    from studio.services.inventory import Category, Delivery, ItemInput

    services, admin, _artist = studio
    item = services.inventory.create(admin, ItemInput("Black ink", Category.INK, "bottle"))
    services.stock.receive(admin, (Delivery(item.id, 10, "A-100"),))
    services.db.dispose()
    assert _studio(config.data_dir, "check").returncode == 0
    conn = sqlite3.connect(config.database_path)
    conn.execute("UPDATE stock_lots SET on_hand = 7")  # a total edited behind Linework's back
    conn.commit()
    conn.close()
    result = _studio(config.data_dir, "check")
    assert result.returncode == 1, result.stdout
    assert "Black ink, lot A-100 shows 7 on hand, but its movements add up to 10." in result.stderr


def test_a_read_only_studio_still_lists_and_verifies(backed_up, config):
    config.database_path.chmod(0o444)
    try:
        listing = _studio(config.data_dir, "backup", "list")
        assert listing.returncode == 0 and backed_up.name in listing.stdout, listing.stderr
        verify = _studio(config.data_dir, "backup", "verify", backed_up.name)
        assert verify.returncode == 0 and "OK" in verify.stdout, verify.stderr
        assert _studio(config.data_dir, "check").returncode == 0
    finally:
        config.database_path.chmod(0o644)


def test_an_empty_database_in_a_studio_with_backups_is_damaged_not_new(backed_up, config):
    config.database_path.write_bytes(b"")
    made = _studio(config.data_dir, "backup", "now")
    assert made.returncode == 1 and "empty (0 bytes)" in made.stderr, made.stderr
    assert config.database_path.stat().st_size == 0  # not turned into a new, empty studio
    assert os.listdir(config.backups_dir).count(f"{backed_up.name}.json") == 1


def test_check_names_a_day_whose_finance_totals_are_not_its_entries(studio, config):
    import sqlite3

    from studio.services.register import EntryInput, EntryKind, Method

    services, admin, _artist = studio
    services.register.record(admin, EntryInput(EntryKind.SALE, Method.CASH, 5_000, note="Flash"))
    services.db.dispose()
    assert _studio(config.data_dir, "check").returncode == 0
    conn = sqlite3.connect(config.database_path)
    day = conn.execute("SELECT day FROM cash_entries").fetchone()[0]
    conn.execute("UPDATE cash_day_totals SET total_cents = 4000")  # a total edited behind Linework's back
    conn.commit()
    conn.close()
    result = _studio(config.data_dir, "check")
    assert result.returncode == 1, result.stdout
    # In the studio's number format (a comma in this test studio's region).
    assert re.search(f"The finance totals for {day} add up to 40[.,]00, but that day's cash entries add up to "
                     "50[.,]00.", result.stderr), result.stderr
