"""Real-browser tests: Playwright drives Debian's Chromium (headless) against a Streamlit server
started here on a free port, on a fresh SQLite database with the demo loaded.

Never ``playwright install`` (it downloads a browser): the tests use /usr/bin/chromium. Where it
is missing the tests skip with that reason, unless PULIH_BROWSER_REQUIRED=1 (CI) fails them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PULIH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DEMO_USERS = ("admin", "manager", "staff", "viewer")
PASSWORD = "pulih-demo"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # noqa: ANN001
    if not Path(CHROMIUM).exists():
        if os.environ.get("PULIH_BROWSER_REQUIRED") == "1":
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); browser tests skipped")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """One `streamlit run app.py` process on its own port and database."""

    def __init__(self, db_url: str, env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DATABASE_URL": db_url, "PULIH_MODE": "demo", "PULIH_LOGIN_SLEEP": "0", **(env or {})}
        self.proc: subprocess.Popen | None = None

    def start(self) -> AppServer:
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
               str(self.port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false"]
        self.log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"pulih-streamlit-{self.port}.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not become healthy; see {self.log.name}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, demo_db_template):  # noqa: ANN001
    """A running app on its own copy of the demo database, shared by a test module."""
    target = tmp_path_factory.mktemp("app") / "pulih.db"
    shutil.copy(demo_db_template, target)
    server = AppServer(f"sqlite:///{target}").start()
    yield server
    server.stop()


@pytest.fixture
def fresh_server(demo_db):  # noqa: ANN001
    """A server started for this test alone: no session has run app.py on it yet."""
    server = AppServer(demo_db).start()
    yield server
    server.stop()


def login(page, base_url: str, username: str, password: str = PASSWORD, *, wait: bool = True) -> None:  # noqa: ANN001
    """Log in through the real form; with ``wait``, until the home page shows and the browser holds
    the login cookie (set by a component after the page renders), so later page loads stay logged in."""
    page.goto(base_url)
    for attempt in range(3):
        # The cookie component reruns the page once it has loaded: typing during that rerun can be lost.
        page.get_by_label("Nama pengguna").wait_for(timeout=30_000)
        settle(page)
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi", exact=True).fill(password)
        page.get_by_test_id("stFormSubmitButton").click()
        if not wait:
            return
        try:
            page.get_by_test_id("stMetric").first.wait_for(timeout=20_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
            page.goto(base_url)
    for _ in range(100):
        if any(c["name"] == "pulih_auth" for c in page.context.cookies()):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the login cookie was never set")


def settle(page, timeout: int = 30_000) -> None:  # noqa: ANN001
    """Wait until the app has finished its current run (a click during a rerun can be lost)."""
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=timeout)
