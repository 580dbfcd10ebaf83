"""Issue 3 journey in a real browser: an admin uploads an XLSForm and publishes it; a staff user
fills it with a wrong answer and sees the form's message, corrects it and saves; the submission
shows in the browser and in the XLSX export."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import login

TIMEOUT = 30_000


def _xlsform(path) -> None:  # noqa: ANN001
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label::Bahasa Indonesia (id)", "label::English (en)", "required",
                   "constraint", "constraint_message::Bahasa Indonesia (id)", "constraint_message::English (en)"])
    survey.append(["text", "household", "Nama kepala keluarga", "Head of household", "yes", "", "", ""])
    survey.append(["integer", "members", "Jumlah anggota keluarga", "Household members", "yes",
                   ". >= 1 and . <= 20", "Jumlah harus 1 sampai 20", "Must be 1 to 20"])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(["Survei Rumah Tangga", "household_survey", "2025050101", "id"])
    book.save(path)


def test_upload_publish_fill_fix_save_export__ok(browser, app_server, tmp_path):
    path = tmp_path / "household.xlsx"
    _xlsform(path)

    admin = browser.new_context()
    page = admin.new_page()
    login(page, app_server.url, "admin")
    expect(page.get_by_role("heading", name="Selamat datang").first).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{app_server.url}/form_admin")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(path))
    expect(page.get_by_text("household_survey").first).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Terbitkan sebagai versi baru").click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text="versi 1")).to_be_visible(timeout=TIMEOUT)
    admin.close()

    staff = browser.new_context()
    page = staff.new_page()
    login(page, app_server.url, "staff")
    expect(page.get_by_role("heading", name="Selamat datang").first).to_be_visible(timeout=TIMEOUT)
    page.goto(f"{app_server.url}/fill?form=household_survey")
    page.get_by_label("Nama kepala keluarga *").fill("Keluarga Budi")
    page.get_by_label("Nama kepala keluarga *").press("Enter")
    members = page.get_by_label("Jumlah anggota keluarga *")
    members.fill("50")
    members.press("Enter")
    expect(page.get_by_text("Jumlah harus 1 sampai 20")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Perbaiki jawaban yang ditandai")).to_be_visible(timeout=TIMEOUT)
    members.fill("4")
    members.press("Enter")
    expect(page.get_by_text("Jumlah harus 1 sampai 20")).to_have_count(0, timeout=TIMEOUT)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(has_text="Tersimpan sebagai isian")).to_be_visible(timeout=TIMEOUT)

    page.goto(f"{app_server.url}/submissions?form=household_survey")
    expect(page.get_by_text("1 isian")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    page.get_by_role("tab", name="Ekspor").click()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Unduh XLSX").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert len(data) == 1
    record = dict(zip(header, data[0]))
    assert record["household"] == "Keluarga Budi"
    assert record["members"] == 4
    assert record["submitted_by"] == "staff"
    assert record["form_version"] == 1
    staff.close()
