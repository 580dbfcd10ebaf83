"""PDF documents made by Pulih with fpdf2: handover receipts (``pulih.pdf.receipts``); the shared
font, layout and table helpers live in ``pulih.pdf.base`` for the case file and program report."""

from pulih.pdf.base import PulihPDF, format_date, pdf_bytes, unicode_font_files

__all__ = ["PulihPDF", "format_date", "pdf_bytes", "unicode_font_files"]
