"""`studio intake-server` on its own, and the in-app server stopping with the app."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.intake.conftest import request

ROOT = Path(__file__).resolve().parents[2]


def test_intake_server_command_serves_until_sigterm(studio):
    studio.services.intake.walkin_qr(studio.desk)
    studio.services.db.dispose()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "studio", "--data-dir", str(studio.services.data_dir), "intake-server",
         "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        first = process.stdout.readline()
        port = int(re.search(r"port (\d+)", first).group(1))
        walkin = process.stdout.readline()
        assert walkin.startswith("Walk-in form: http://127.0.0.1:")
        path = "/" + walkin.strip().split("/", 3)[3]
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
            assert sock.recv(20).startswith(b"HTTP/1.0 200")
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Intake server stopped." in out
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))


def test_the_in_app_server_stops_with_the_app(qtbot, qapp, studio):
    from studio.config import load_config
    from studio.ui.app import build_context, create_app

    ctx = build_context(load_config(studio.services.data_dir), create_app())
    ctx.use_services(studio.services)
    ctx.runner("intake").bind_override = ("127.0.0.1", 0)
    with qtbot.waitSignal(ctx.runner("intake").state_changed, timeout=10_000):
        ctx.runner("intake").start()
    server = ctx.runner("intake").server
    host, port = server.address
    stuck = socket.create_connection((host, port))  # a phone that never finishes its request
    try:
        assert request(server, "GET", "/nothing").status == 404
        started = time.monotonic()
        ctx.stop_runners()  # what Controller.shutdown does when the app quits
        assert time.monotonic() - started < 3
    finally:
        stuck.close()
    assert not ctx.runner("intake").running
    assert not [t for t in threading.enumerate() if t.name.startswith("intake-")]
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        probe.listen()
    assert ctx.tasks.wait_for_done(10_000)


@pytest.mark.parametrize("port", ["70000"])
def test_a_bad_port_is_refused(studio, port):
    studio.services.db.dispose()
    result = subprocess.run([sys.executable, "-m", "studio", "--data-dir", str(studio.services.data_dir),
                             "intake-server", "--port", port], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT, timeout=60)
    assert result.returncode == 2 and "port" in result.stderr
