"""Issue 5 "done when", in a real browser: staff hands the toolkit to a participant of the running
cohort (serial numbers typed, signed receipt uploaded), downloads the receipt PDF, whose text
names the participant, the items and the receipt number; stock on hand drops by one kit; and the
manager's budget page shows the year's figures."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from pulih.database import make_engine, read_session
from pulih.money import format_rupiah
from pulih.services import budget as bg
from pulih.services import equipment as eq
from pulih.services.programs import list_cohorts
from tests.browser.conftest import login

TIMEOUT = 30_000
# A 1x1 PNG: the photo of the signed receipt.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5E"
                       "rkJggg==")


def _plain(text: str) -> str:
    """PDF text compared loosely: dashes unified, every run of whitespace one space."""
    return " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())


def _metric(page, label: str):  # noqa: ANN001, ANN202
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def test_staff_hands_over_kit_and_downloads_the_receipt__ok(browser, app_server):
    engine = make_engine(app_server.env["DATABASE_URL"])
    with read_session(engine) as s:
        cohort = list_cohorts(s)[0]  # the running cohort (newest first)
        waiting = eq.participants_without_kit(s, cohort.id)[0]
        kit = eq.list_kits(s)[0]
        kits_before = eq.kits_available(s)[0]["available"]
        serial_items = [i for i in eq.list_items(s) if i.has_serials]
        budget_year = bg.fiscal_year_of(s, dt.date.today().year)
        total = bg.absorption_total(s, budget_year.id)
    engine.dispose()

    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    login(page, app_server.url, "staff")
    expect(page.get_by_role("heading", name="Selamat datang").first).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{app_server.url}/equipment")
    expect(page.get_by_role("heading", name="Peralatan", exact=True).first).to_be_visible(timeout=TIMEOUT)
    kits_label = "Paket lengkap tersedia"
    expect(_metric(page, kits_label)).to_have_text(str(kits_before), timeout=TIMEOUT)

    page.get_by_role("tab", name="Serah terima").click()
    expect(page.get_by_role("combobox", name="Peserta", exact=True)).to_have_value(waiting["participant"])
    expect(page.get_by_role("combobox", name="Paket", exact=True)).to_have_value(kit["name"])
    for item in serial_items:
        page.get_by_label(f"{item.name} – nomor seri unit 1").fill(f"{item.code}-JOURNEY-01")
    page.get_by_label("Catatan").fill("Diserahkan setelah praktik terakhir")
    form = page.get_by_test_id("stForm").filter(has_text="Simpan serah terima")
    form.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "bast.png", "mimeType": "image/png", "buffer": PNG}])
    expect(form.get_by_test_id("stFileChipName")).to_have_text("bast.png", timeout=TIMEOUT)
    form.get_by_test_id("stFormSubmitButton").click()

    success = page.get_by_test_id("stAlertContentSuccess").filter(has_text="Serah terima tersimpan")
    expect(success).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    receipt = re.search(r"BAST/\d{4}/\d{4}", success.inner_text()).group(0)
    assert waiting["participant"] in success.inner_text()

    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_role("button", name="Unduh berita acara (PDF)").click()
    content = download.value.path().read_bytes()
    assert content.startswith(b"%PDF")
    text = _plain("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))
    assert receipt in text and waiting["participant"] in text
    for line in kit["lines"]:
        assert _plain(line["item"]) in text, line["item"]
    for item in serial_items:  # a long serial may wrap inside its table cell
        assert f"{item.code}-JOURNEY-01" in text.replace(" ", "")

    page.get_by_role("tab", name="Stok").click()
    expect(_metric(page, kits_label)).to_have_text(str(kits_before - 1), timeout=TIMEOUT)
    engine = make_engine(app_server.env["DATABASE_URL"])
    with read_session(engine) as s:
        saved = next(h for h in eq.handovers(s) if h["receipt_number"] == receipt)
    engine.dispose()
    assert saved["participant_id"] == waiting["participant_id"] and saved["signed_receipt"]
    context.close()

    manager = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = manager.new_page()
    login(page, app_server.url, "manager")
    expect(page.get_by_role("heading", name="Selamat datang").first).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{app_server.url}/budget")
    expect(page.get_by_role("heading", name="Anggaran", exact=True).first).to_be_visible(timeout=TIMEOUT)
    absorption = f"{total['absorption_pct']}%".replace(".", ",")
    expect(_metric(page, f"Serapan {budget_year.year}")).to_have_text(absorption, timeout=TIMEOUT)
    expect(_metric(page, "Pagu")).to_have_text(format_rupiah(total["allocation"]))
    expect(_metric(page, "Realisasi")).to_have_text(format_rupiah(total["spent"]))
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("5.1.02.05.01.0001")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    manager.close()
