"""The program report PDF (its text read back with pypdf holds the seeded program's KPIs) and
``python -m pulih report``."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from pulih.cli import main
from pulih.config import settings
from pulih.database import dispose_engines, read_session
from pulih.models import BudgetLine, Cohort, Enrollment, Handover, Program, Spending
from pulih.money import format_rupiah
from pulih.report import ReportError, program_report_pdf
from tests.conftest import ROOT
from tests.services.test_dashboards import TODAY, demo_engine  # noqa: F401 - the module's demo database


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _seeded(session) -> dict:  # noqa: ANN001
    """The program's KPIs computed from the ORM rows."""
    program = session.scalar(select(Program).where(Program.code == "BKEWB-2025"))
    enrollments = [e for e in session.scalars(select(Enrollment)) if e.cohort.program_id == program.id]
    lines = [b for b in session.scalars(select(BudgetLine)) if b.program_id == program.id]
    spent = sum(x.amount for x in session.scalars(select(Spending)) if x.budget_line_id in {b.id for b in lines})
    kits = [h for h in session.scalars(select(Handover)) if h.enrollment_id in {e.id for e in enrollments}]
    return dict(program=program, participants=len({e.participant_id for e in enrollments}),
                graduated=sum(e.status == "graduated" for e in enrollments), kits=len(kits), spent=spent,
                allocation=sum((b.allocation for b in lines), Decimal(0)))


@pytest.fixture(scope="module")
def seeded(demo_engine):  # noqa: ANN001, F811
    with read_session(demo_engine) as session:
        facts = _seeded(session)
        facts["pdf"] = {lang: program_report_pdf(session, facts["program"].id, lang=lang, today=TODAY)
                        for lang in ("id", "en")}
    return facts


def _kpi_line(text: str, label: str) -> list[str]:
    line = next(x for x in text.splitlines() if x.startswith(label))
    return line[len(label):].split()


def test_report_holds_the_seeded_kpis_in_indonesian__ok(seeded):
    text = _text(seeded["pdf"]["id"])
    assert text.startswith("Laporan Program") and seeded["program"].name in text
    assert _kpi_line(text, "Peserta")[0] == str(seeded["participants"]) == "22"
    assert _kpi_line(text, "Lulus")[0] == str(seeded["graduated"]) == "21"
    assert _kpi_line(text, "Paket alat diserahkan")[0] == str(seeded["kits"]) == "21"
    absorbed = f"{seeded['spent'] * 100 / seeded['allocation']:.1f}".replace(".", ",") + "%"
    assert _kpi_line(text, "Serapan anggaran (%)")[0] == absorbed
    assert format_rupiah(seeded["spent"]) in text and format_rupiah(seeded["allocation"]) in text
    for section in ("Kemajuan angkatan", "Peralatan", "Anggaran", "Hasil tindak lanjut"):
        assert section in text


def test_report_in_english__ok(seeded):
    text = _text(seeded["pdf"]["en"])
    assert text.startswith("Program Report") and "Period: all data" in text
    assert _kpi_line(text, "Participants")[0] == "22" and _kpi_line(text, "Kits handed over")[0] == "21"
    assert f"Spent {format_rupiah(seeded['spent'])}" in text
    assert reader_has_images(seeded["pdf"]["en"])


def reader_has_images(pdf: bytes) -> bool:
    return any(page.images for page in PdfReader(io.BytesIO(pdf)).pages)


def test_report_for_one_cohort_and_period__ok(demo_engine):  # noqa: F811
    with read_session(demo_engine) as session:
        program = session.scalar(select(Program).where(Program.code == "BKEWB-2025"))
        first = session.scalar(select(Cohort).where(Cohort.code == "BKEWB-2025-01"))
        half = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
        pdf = program_report_pdf(session, program.id, cohort_id=first.id, period=half, lang="en", today=TODAY)
    text = _text(pdf)
    assert "Period: 1 January 2025 to 30 June 2025" in text and "BKEWB-2025-01" in text
    assert "BKEWB-2025-02" not in text
    assert _kpi_line(text, "Participants")[0] == "12" and _kpi_line(text, "Graduated")[0] == "12"


def test_report_unknown_program_or_foreign_cohort__error(demo_engine):  # noqa: F811
    with read_session(demo_engine) as session:
        with pytest.raises(ReportError) as err:
            program_report_pdf(session, 99999, today=TODAY)
        assert "99999" in err.value.message("en")
        program = session.scalar(select(Program).where(Program.code == "BKEWB-2025"))
        other = session.scalar(select(Cohort).where(Cohort.program_id != program.id))
        with pytest.raises(ReportError):
            program_report_pdf(session, program.id, cohort_id=other.id, today=TODAY)


def _cli(engine, *args: str):  # noqa: ANN001, ANN202
    """``python -m pulih report ...`` in a real process."""
    env = {**os.environ, "DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    return subprocess.run([sys.executable, "-m", "pulih", "report", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def _main(engine, monkeypatch, *args: str) -> int:  # noqa: ANN001
    """The same through ``pulih.cli.main`` (what ``python -m pulih`` runs), in-process to stay quick."""
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    settings.cache_clear()
    try:
        return main(["report", *args])
    finally:
        settings.cache_clear()
        dispose_engines()


def test_cli_writes_the_report__ok(demo_engine, tmp_path, monkeypatch, capsys):  # noqa: F811
    out = tmp_path / "laporan.pdf"
    code = _main(demo_engine, monkeypatch, "--program", "BKEWB-2025", "--period", "2025-01-01:2025-12-31",
                 "--cohort", "BKEWB-2025-02", "--lang", "en", "--today", TODAY.isoformat(), "-o", str(out))
    assert code == 0 and "Report written to" in capsys.readouterr().out
    text = _text(out.read_bytes())
    assert "Program Report" in text and "BKEWB-2025-02" in text and _kpi_line(text, "Graduated")[0] == "9"


@pytest.mark.parametrize("args", [["--program", "NO-SUCH"], ["--program", "BKEWB-2025", "--cohort", "NOPE"],
                                  ["--program", "BKEWB-2025", "--period", "2025-12-31:2025-01-01"],
                                  ["--program", "BKEWB-2025", "--period", "2025"]])
def test_cli_refuses_unknown_program_cohort_or_bad_period__error(
        demo_engine, tmp_path, monkeypatch, capsys, args):  # noqa: ANN001, F811
    out = tmp_path / "x.pdf"
    code = _main(demo_engine, monkeypatch, *args, "-o", str(out))
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: ") and not out.exists()
    assert "not found" in err or "not valid" in err


def test_cli_process_exits_1_without_traceback_for_unknown_program__error(demo_engine, tmp_path):  # noqa: F811
    if demo_engine.dialect.name != "sqlite":
        pytest.skip("one real process is enough; the command is the same on both databases")
    done = _cli(demo_engine, "--program", "NO-SUCH", "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: Program 'NO-SUCH' was not found")
