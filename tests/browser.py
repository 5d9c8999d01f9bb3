"""A real browser for page tests: Debian's headless Chromium driven by Selenium.

`browser` is a Selenium WebDriver with Chrome's performance log switched on, so a test can list
every URL the page requested (`requested_urls(browser)`), e.g. to prove no other host was called.
"""

import json
import shutil
import tempfile

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
DESKTOP = (1280, 900)


@pytest.fixture(scope="session")
def _browser_session():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not shutil.which(CHROMIUM) or not shutil.which(CHROMEDRIVER):
        pytest.fail("Chromium is missing: `make setup` installs Debian's chromium and chromium-driver")
    profile = tempfile.mkdtemp(prefix="culturalmap-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def browser(_browser_session, live_server):
    # Every site's cookies (delete_all_cookies only reaches the page shown, about:blank by now).
    _browser_session.execute_cdp_cmd("Network.clearBrowserCookies", {})
    _browser_session.get_log("performance")  # drop what earlier tests requested
    yield _browser_session
    # A map still asking for tiles would reach the live server while the test's data is flushed.
    _browser_session.get("about:blank")
    _wait_for_requests_in_flight()
    # A test at a phone's width leaves the window narrow for the next one (facets fold away there).
    _browser_session.set_window_size(*DESKTOP)


def _wait_for_requests_in_flight(timeout: float = 15.0) -> None:
    """Leaving the page stops the browser asking, but a request the live server is already answering
    still reads the tables; the flush that ends the test would deadlock with it (TRUNCATE against a
    join's share locks). Wait until no other session of the test database is busy."""
    import time

    from django.db import connection

    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


def watch_csp_violations(driver) -> None:
    """From the next page on, each page lists the Content-Security-Policy violations it reports (read
    them with `csp_violations`): DevTools puts the listener in before any script of the page runs."""
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        },
    )


def csp_violations(driver) -> list[str]:
    """The violations the page shown reported ("directive blocked-URL"), since it was loaded."""
    return driver.execute_script("return window.__violations")


def requested_urls(driver) -> list[str]:
    """Every URL the page asked the network for since the last call."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def sign_in(driver, live_server, username: str) -> None:
    """Sign in through the sign-in page as a factory user; returns once the account menu shows."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.factories import PASSWORD

    driver.get(live_server.url + "/accounts/login/")
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 15).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".account form")))
