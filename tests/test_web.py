"""`handouts serve` in a real browser (Debian's chromium through chromedriver), as a clinician uses it.

One server and one browser serve every test of this module (in file order), to keep the suite quick.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from pdfcheck import all_text, validate

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
selenium = pytest.importorskip("selenium", reason="the test extra installs selenium")
pytest.importorskip("flask", reason="the test extra installs flask")
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.fail("chromium and chromedriver are needed (apt-get install chromium chromium-driver)", pytrace=False)

from selenium.webdriver import Chrome, ChromeOptions  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

PICKED = ["cat-cow", "pelvic-tilt", "knee-to-chest"]


class Server:
    def __init__(self, folder: Path):
        self.folder = folder
        env = {k: v for k, v in os.environ.items() if k != "HANDOUTS_CLINIC"}
        env["PYTHONPATH"] = str(ROOT)
        self.process = subprocess.Popen([sys.executable, str(ROOT / "generate.py"), "serve", "--port", "0"], cwd=folder,
                                        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = int(match.group(1))
                self.url = match.group(0)
                return
        self.process.kill()
        raise AssertionError(f"serve printed no URL: {''.join(lines)}{self.process.stderr.read() if self.process.stderr else ''}")

    def request(self, method: str, path: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.putrequest(method, path, skip_host=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read()

    def stop(self) -> str:
        self.process.terminate()
        _, err = self.process.communicate(timeout=20)
        return err


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("serve"))
    yield running
    log = running.stop()
    # nothing about a patient in the server's output, and nothing written where it runs but what the tests printed
    assert "Jane" not in log and "Testpatient" not in log, log
    assert [p.name for p in running.folder.iterdir()] in ([], ["out"])


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(server: Server, downloads: Path) -> Iterator[Chrome]:
    options = ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1000"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.get(server.url)
    yield driver
    driver.quit()


def wait(driver: Chrome, condition, timeout: float = 20):  # type: ignore[no-untyped-def]
    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def item_input(driver: Chrome, index: int, part: str):  # type: ignore[no-untyped-def]
    return driver.find_elements(By.CSS_SELECTOR, "#items .item")[index].find_element(By.CSS_SELECTOR, f'[data-part="{part}"]')


def set_value(element, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select what the field holds and type over it, as a person does (so the page sees each key)."""
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(text if text else Keys.BACKSPACE)


def downloaded(folder: Path, suffix: str, before: set[Path]) -> Path:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        new = [p for p in folder.glob(f"*{suffix}") if p not in before]
        if new and not list(folder.glob("*.crdownload")):
            return new[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} file was downloaded into {folder}")


def minutes_of(program_text: str) -> int:
    from handouts.jobs import load_catalog_dir
    from handouts.models.program import minutes_a_day, program_from_doc
    from handouts.yamlio import parse_yaml

    catalog = load_catalog_dir(None)
    program, _ = program_from_doc(parse_yaml(program_text, None))
    return minutes_a_day([item.dosage(catalog.exercises[item.id].dosage) for item in program.exercises])


def test_pick_three_change_a_dose_and_the_minutes_follow(browser: Chrome) -> None:
    from handouts.jobs import load_catalog_dir

    # search by another name: the exercise is found by a name its card does not lead with
    catalog = load_catalog_dir(None)
    named = next(e for e in catalog.exercises.values() if e.also_known_as)
    alias = named.also_known_as[0]
    search = browser.find_element(By.ID, "search")
    set_value(search, alias.upper())
    shown = wait(browser, lambda d: [c.get_attribute("data-id") for c in d.find_elements(By.CSS_SELECTOR, ".card")
                                     if c.is_displayed()] or None)
    assert named.id in shown
    for exercise_id in shown:
        entry = catalog.exercises[exercise_id]
        assert alias.lower() in " ".join([entry.id, entry.name, *entry.also_known_as]).lower()
    set_value(search, "")
    browser.find_element(By.ID, "patient").send_keys("Jane Testpatient")
    for exercise_id in PICKED:
        browser.find_element(By.CSS_SELECTOR, f'.card[data-id="{exercise_id}"] .add').click()
    cat_cow, pelvic_tilt, knee_to_chest = (catalog.exercises[i].name for i in PICKED)
    assert [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#items .name")] == [cat_cow, pelvic_tilt, knee_to_chest]
    names = lambda: [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#items .name")]  # noqa: E731
    browser.find_elements(By.CSS_SELECTOR, "#items .down")[0].click()
    assert names() == [pelvic_tilt, cat_cow, knee_to_chest]
    browser.execute_script("""  // drag the second row onto the first, as a mouse does
        const rows = document.querySelectorAll('#items .item'), data = new DataTransfer();
        const fire = (row, type) => row.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
        fire(rows[1], 'dragstart'); fire(rows[0], 'dragover'); fire(rows[0], 'drop'); fire(rows[1], 'dragend');""")
    assert names() == [cat_cow, pelvic_tilt, knee_to_chest]
    first = minutes_of("exercises: [cat-cow, pelvic-tilt, knee-to-chest]")
    wait(browser, lambda d: d.find_element(By.ID, "minutes").text == f"About {first} minutes a day")
    set_value(item_input(browser, 0, "repetitions"), "41")
    set_value(item_input(browser, 0, "hold_seconds"), "37")
    set_value(item_input(browser, 2, "hold_seconds"), "12-18")  # a range
    expected = minutes_of("exercises: [{id: cat-cow, repetitions: 41, hold_seconds: 37}, pelvic-tilt,"
                          " {id: knee-to-chest, hold_seconds: [12, 18]}]")
    assert expected > first
    wait(browser, lambda d: d.find_element(By.ID, "minutes").text == f"About {expected} minutes a day")


def test_preview_shows_the_real_pdf_with_those_exercises(browser: Chrome) -> None:
    browser.find_element(By.ID, "preview").click()
    wait(browser, lambda d: d.find_element(By.ID, "preview-dialog").get_attribute("open") is not None
         and d.find_element(By.ID, "preview-frame").get_attribute("src").startswith("blob:"))
    data = base64.b64decode(browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(document.getElementById('preview-frame').src).then(r => r.blob()).then(b => {
          const reader = new FileReader(); reader.onload = () => done(reader.result.split(',')[1]); reader.readAsDataURL(b); });"""))
    validate(data, "preview")
    text = all_text(data)
    from handouts.jobs import load_catalog_dir

    for name in [*(load_catalog_dir(None).exercises[i].name for i in PICKED), "Jane Testpatient"]:
        assert name in text
    browser.find_element(By.ID, "close-preview").click()


def test_saved_file_prints_the_same_bytes_as_the_download(browser: Chrome, server: Server, downloads: Path) -> None:
    from selenium.webdriver.support.select import Select

    Select(browser.find_element(By.ID, "lang")).select_by_value("es")
    Select(browser.find_element(By.ID, "layout")).select_by_value("large-print")
    before = set(downloads.iterdir())
    browser.find_element(By.ID, "save").click()
    saved = downloaded(downloads, ".yaml", before)
    browser.find_element(By.ID, "download").click()
    pdf = downloaded(downloads, ".pdf", before)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and "program.schema.json" in text
    assert "repetitions: 41" in text and "hold_seconds: 37" in text and "- pelvic-tilt" in text
    assert "hold_seconds: [12, 18]" in text
    assert "lang: es\n" in text and "layout: large-print\n" in text and "clinic:" not in text
    result = run_cli("check", str(saved), cwd=server.folder)
    assert result.code == 0, result.stdout + result.stderr
    result = run_cli("program", str(saved), "-o", str(server.folder / "out"), cwd=server.folder)
    assert result.code == 0, result.stderr
    printed = (server.folder / "out" / f"{saved.stem}.pdf").read_bytes()
    assert printed == pdf.read_bytes()
    from handouts.jobs import load_catalog_dir

    spanish = load_catalog_dir(None).exercises["cat-cow"].translations.es
    assert spanish is not None and spanish.name and spanish.name in all_text(printed)  # in Spanish, as chosen on the page


def test_open_a_saved_file(browser: Chrome, downloads: Path) -> None:
    saved = sorted(downloads.glob("*.yaml"))[0]
    browser.find_element(By.ID, "new").click()
    browser.switch_to.alert.accept()
    wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, "#items .item"))
    chooser = browser.find_element(By.ID, "open-file")
    browser.execute_script("arguments[0].hidden = false", chooser)
    chooser.send_keys(str(saved))
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#items .item")) == 3)
    assert browser.find_element(By.ID, "patient").get_attribute("value") == "Jane Testpatient"
    assert item_input(browser, 0, "repetitions").get_attribute("value") == "41"
    assert item_input(browser, 2, "hold_seconds").get_attribute("value") == "12-18"
    from handouts.jobs import load_catalog_dir
    from handouts.web.programs import dose_text

    pelvic_tilt = load_catalog_dir(None).exercises["pelvic-tilt"].dosage.repetitions
    assert item_input(browser, 1, "repetitions").get_attribute("value") == dose_text(pelvic_tilt)
    assert f"Opened {saved.name}" in browser.find_element(By.ID, "status").text


def test_a_file_with_mistakes_is_not_opened_and_says_why(browser: Chrome, server: Server) -> None:
    bad = server.folder / "typo.yaml"
    bad.write_text("exercises:\n  - cat-cow\n  - id: pelvic-tilt\n    sets: 11\n", encoding="utf-8")
    result = run_cli("check", str(bad), cwd=server.folder)
    chooser = browser.find_element(By.ID, "open-file")
    chooser.send_keys(str(bad))
    shown = wait(browser, lambda d: d.find_element(By.ID, "file-problems").text)
    assert result.code == 1 and shown.splitlines()[0] in result.stdout + result.stderr
    assert shown.startswith("typo.yaml:4: exercises[2].sets: ")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#items .item")) == 3  # the program on the page is kept
    bad.unlink()


def test_a_dose_out_of_bounds_is_refused_beside_its_field(browser: Chrome, server: Server, tmp_path: Path) -> None:
    field = item_input(browser, 1, "repetitions")
    set_value(field, "500")
    row = browser.find_elements(By.CSS_SELECTOR, "#items .item")[1]
    message = wait(browser, lambda d: row.find_element(By.CSS_SELECTOR, ".dose-msg").text)
    assert field.get_attribute("aria-invalid") == "true"
    # the command line's own words for the same file
    bad = tmp_path / "bad.yaml"
    bad.write_text("exercises:\n  - cat-cow\n  - id: pelvic-tilt\n    repetitions: 500\n", encoding="utf-8")
    result = run_cli("program", str(bad), "-o", str(tmp_path))
    assert result.code == 1
    words = result.stderr.splitlines()[0].split("exercises[2].repetitions: ", 1)[1]
    assert message == f"Repetitions: {words}"
    browser.find_element(By.ID, "download").click()
    wait(browser, lambda d: "Not printed" in d.find_element(By.ID, "status").text)
    set_value(field, "5")
    wait(browser, lambda d: not row.find_element(By.CSS_SELECTOR, ".dose-msg").text)


def test_foreign_host_and_missing_token_are_refused(browser: Chrome, server: Server) -> None:
    token = browser.find_element(By.CSS_SELECTOR, 'meta[name="handouts-token"]').get_attribute("content")
    body = json.dumps({"exercises": [{"id": "cat-cow"}]}).encode()
    json_type = {"Content-Type": "application/json"}
    local = f"127.0.0.1:{server.port}"
    assert server.request("GET", "/", {"Host": local})[0] == 200
    assert server.request("GET", "/", {"Host": f"localhost:{server.port}"})[0] == 200
    status, text = server.request("GET", "/", {"Host": f"attacker.example:{server.port}"})
    assert status == 403 and b"refused" in text
    assert server.request("POST", "/api/pdf", {"Host": f"attacker.example:{server.port}", "X-Handouts-Token": token,
                                               **json_type}, body)[0] == 403
    status, text = server.request("POST", "/api/pdf", {"Host": local, **json_type}, body)
    assert status == 403 and b"token" in text
    assert server.request("POST", "/api/pdf", {"Host": local, "X-Handouts-Token": "guess", **json_type}, body)[0] == 403
    assert server.request("POST", "/api/pdf", {"Host": local, "X-Handouts-Token": token, "Origin": "http://attacker.example",
                                               **json_type}, body)[0] == 403
    status, pdf = server.request("POST", "/api/pdf", {"Host": local, "X-Handouts-Token": token, **json_type}, body)
    assert status == 200 and pdf.startswith(b"%PDF")
    # the page's own script without the token is refused too
    code = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('/api/pdf', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"exercises": []}'})
          .then(r => done(r.status));""")
    assert code == 403


def test_region_handout_download(browser: Chrome, downloads: Path) -> None:
    before = set(downloads.iterdir())
    browser.find_element(By.CSS_SELECTOR, '[data-document="region/lower"]').click()
    pdf = downloaded(downloads, ".pdf", before)
    assert pdf.name == "lower-back.pdf"
    validate(pdf.read_bytes(), "lower-back.pdf")
    assert "Lower back" in all_text(pdf.read_bytes())
    browser.find_element(By.CSS_SELECTOR, '[data-document="booklet-imposed"]').click()
    imposed = downloaded(downloads, "-imposed.pdf", before)
    validate(imposed.read_bytes(), imposed.name)
    wait(browser, lambda d: "flip on the SHORT edge" in d.find_element(By.ID, "status").text)
