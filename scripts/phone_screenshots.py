"""Screenshots of the phone form as a client sees it (360 px wide), in Debian's chromium
through Playwright: the first section, the health section and the signature step.
Skipped with a message when /usr/bin/chromium is missing."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    if not CHROMIUM.exists():
        print("phone screenshots skipped: /usr/bin/chromium is not installed (apt-get install chromium)")
        return 0
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from playwright.sync_api import sync_playwright

    from studio.config import load_config
    from studio.intake.server import IntakeServer
    from studio.services.core import open_services
    from studio.services.system import build_demo

    with tempfile.TemporaryDirectory(prefix="linework-phone-") as tmp:
        config = load_config(tmp)
        services = open_services(config.database_url, config=config)
        accounts = build_demo(services)
        admin = services.auth.login(accounts[0].email, accounts[0].password)
        server = IntakeServer(services)
        host, port = server.start("127.0.0.1", 0)
        try:
            path = services.intake.walkin_qr(admin).url.split("/", 3)[3]
            url = f"http://{host}:{port}/{path}"
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
                page = browser.new_page(viewport={"width": 360, "height": 780}, device_scale_factor=2)
                page.goto(url)
                page.screenshot(path=str(OUT / "phone-form.png"))
                page.fill("#f-full_name", "Rosa Amaral")
                page.fill("#f-date_of_birth", "1990-04-21")
                page.fill("#f-phone", "+351 912 345 678")
                page.fill("#f-email", "rosa@example.com")
                page.fill("#f-emergency_name", "Pedro Amaral")
                page.fill("#f-emergency_phone", "+351 913 000 111")
                page.click("#s-you button.next")
                page.check("input[name=med_allergy_latex]")
                page.screenshot(path=str(OUT / "phone-health.png"))
                browser.close()
        finally:
            server.stop()
            services.db.dispose()
    print(f"phone screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
