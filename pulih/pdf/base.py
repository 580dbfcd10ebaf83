"""Shared pieces of Pulih's PDFs (handover receipts now; case files and the program report later).

Fonts: DejaVu Sans (Unicode) from Debian's ``fonts-dejavu-core`` package, looked up in
``$PULIH_PDF_FONT_DIR`` and then ``/usr/share/fonts/truetype/dejavu``. Without it the PDF falls
back to the core Helvetica font and every text is reduced to Latin-1 first (accents kept where
Latin-1 has them, other characters simplified or replaced by "?"), so a missing font never breaks
a download. Text is always written as plain text: no markdown, no HTML.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu",)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
              "BI": "DejaVuSans-BoldOblique.ttf"}
MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_LATIN1_SUBSTITUTES = {"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2026": "...", "\u2022": "-", "\u00a0": " "}


@lru_cache(maxsize=1)
def unicode_font_files() -> dict[str, Path] | None:
    """The DejaVu Sans files per style, or None if the regular and bold faces are not installed."""
    folders = [os.environ.get("PULIH_PDF_FONT_DIR", ""), *FONT_DIRS]
    for folder in filter(None, folders):
        files = {style: Path(folder) / name for style, name in FONT_FILES.items()}
        found = {style: path for style, path in files.items() if path.is_file()}
        if "" in found and "B" in found:
            found.setdefault("I", found[""])
            found.setdefault("BI", found["B"])
            return found
    return None


def to_latin1(text: str) -> str:
    """Text the core fonts can print: known punctuation replaced, accents kept if Latin-1 has them."""
    text = "".join(_LATIN1_SUBSTITUTES.get(ch, ch) for ch in text)
    out = []
    for ch in text:
        if ord(ch) < 256:
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


def format_date(value: dt.date | None, lang: str = "id") -> str:
    """``12 Mei 2025`` / ``12 May 2025``; "-" for no date."""
    if value is None:
        return "-"
    months = MONTHS.get(lang, MONTHS["id"])
    return f"{value.day} {months[value.month - 1]} {value.year}"


class PulihPDF(FPDF):
    """A4 portrait document with Pulih's font, margins and a footer (text and page number)."""

    def __init__(self, title: str = "", *, lang: str = "id", orientation: str = "P") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.lang = lang
        self.footer_text = ""
        fonts = unicode_font_files()
        self.unicode = fonts is not None
        if fonts:
            for style, path in fonts.items():
                self.add_font("DejaVu", style, str(path))
        self.family = "DejaVu" if self.unicode else "helvetica"
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_creator("Pulih")
        self.set_font(self.family, size=10)

    def normalize_text(self, text: str) -> str:
        return super().normalize_text(text if self.unicode else to_latin1(text))

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, size=7)
        self.set_text_color(110)
        self.cell(0, 5, self.footer_text)
        self.set_x(self.l_margin)
        self.cell(0, 5, str(self.page_no()), align="R")
        self.set_text_color(0)

    # Building blocks -------------------------------------------------------------------------

    def title_block(self, title: str, *subtitles: str) -> None:
        self.set_font(self.family, "B", 13)
        self.multi_cell(0, 7, title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, size=10)
        for line in subtitles:
            self.multi_cell(0, 5.5, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    def paragraph(self, text: str, *, size: float = 10, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(0, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, size=10)

    def key_values(self, rows: Sequence[tuple[str, str]], *, label_width: float = 38) -> None:
        """Label : value lines; long values wrap under themselves."""
        for label, value in rows:
            self.set_font(self.family, size=10)
            self.cell(label_width, 6, label)
            self.cell(4, 6, ":")
            self.multi_cell(0, 6, value or "-", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def data_table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], *, col_widths: Sequence[float],
                   align: Sequence[str] | None = None, footer: Sequence[str] | None = None) -> None:
        """A bordered table with a bold heading row (repeated on each page) and an optional bold last row."""
        self.set_font(self.family, size=9)
        text_align = tuple(align or ("LEFT",) * len(headers))
        with self.table(col_widths=tuple(col_widths), text_align=text_align, line_height=5.5, padding=1.2,
                        borders_layout=TableBordersLayout.ALL, headings_style=FontFace(emphasis="BOLD"),
                        repeat_headings=1) as table:
            table.row(list(headers))
            for row in rows:
                table.row([str(cell) for cell in row])
            if footer:
                table.row(list(footer), style=FontFace(emphasis="BOLD"))
        self.set_font(self.family, size=10)
        self.ln(3)

    def signature_blocks(self, blocks: Sequence[tuple[str, str, str]], *, space: float = 22) -> None:
        """Side-by-side places to sign: (role, name, caption under the name) per block."""
        needed = space + 22
        if self.get_y() + needed > self.page_break_trigger:
            self.add_page()
        width = (self.w - self.l_margin - self.r_margin) / max(len(blocks), 1)
        top = self.get_y() + 4
        for index, (role, name, caption) in enumerate(blocks):
            x = self.l_margin + index * width
            self.set_xy(x, top)
            self.set_font(self.family, "B", 10)
            self.cell(width, 6, role, align="C")
            self.set_xy(x + 8, top + 6 + space)
            self.line(x + 8, top + 6 + space, x + width - 8, top + 6 + space)
            self.set_xy(x, top + 7 + space)
            self.set_font(self.family, size=10)
            self.multi_cell(width, 5, f"( {name or ' ' * 30} )", align="C")
            if caption:
                self.set_xy(x, top + 12 + space)
                self.set_font(self.family, size=8)
                self.multi_cell(width, 4.5, caption, align="C")
        self.set_font(self.family, size=10)
        self.set_xy(self.l_margin, top + space + 20)


def pdf_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())
