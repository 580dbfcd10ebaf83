"""Messages of the budget area: {key: {"id": Bahasa Indonesia, "en": English}}."""

MESSAGES: dict[str, dict[str, str]] = {
    # Who may do what
    "budget.user_unknown": {
        "id": "Pengguna '{username}' tidak dikenal atau tidak aktif. Masuk kembali dengan akun yang aktif.",
        "en": "User '{username}' is unknown or disabled. Log in again with an active account.",
    },
    "budget.role_forbidden": {
        "id": "Peran '{role}' tidak boleh mengubah anggaran. Minta manajer atau admin.",
        "en": "The role '{role}' may not change the budget. Ask a manager or an admin.",
    },
    # Amounts (also used by pulih.money)
    "budget.amount_invalid": {
        "id": "'{value}' bukan jumlah rupiah. Tulis misalnya 1.250.000 atau Rp 1.250.000,50 "
              "(titik pemisah ribuan, koma untuk sen).",
        "en": "'{value}' is not a rupiah amount. Write for example 1.250.000 or Rp 1.250.000,50 "
              "(dots group thousands, a comma marks the cents).",
    },
    "budget.amount_positive": {
        "id": "Jumlah harus lebih dari 0 (tertulis '{value}').",
        "en": "The amount must be above 0 (got '{value}').",
    },
    # Structure
    "budget.year_invalid": {
        "id": "Tahun anggaran '{value}' tidak sah. Tulis tahun empat angka, misalnya 2025.",
        "en": "The fiscal year '{value}' is not valid. Write a four-digit year, for example 2025.",
    },
    "budget.fiscal_year_exists": {"id": "Tahun anggaran {year} sudah ada.", "en": "Fiscal year {year} already exists."},
    "budget.fiscal_year_not_found": {
        "id": "Tahun anggaran #{fiscal_year_id} tidak ditemukan.",
        "en": "Fiscal year #{fiscal_year_id} was not found.",
    },
    "budget.fiscal_year_closed": {
        "id": "Tahun anggaran {year} sudah ditutup; belanja tidak bisa dicatat atau diubah lagi.",
        "en": "Fiscal year {year} is closed; spending can no longer be entered or changed.",
    },
    "budget.code_required": {
        "id": "Isi kode sumber dana (misalnya APBD-2025).",
        "en": "Fill in the code of the funding source (for example APBD-2025).",
    },
    "budget.name_required": {"id": "Isi namanya.", "en": "Fill in the name."},
    "budget.account_code_required": {
        "id": "Isi kode rekening mata anggaran (misalnya 5.1.02.01).",
        "en": "Fill in the account code of the budget line (for example 5.1.02.01).",
    },
    "budget.source_code_taken": {
        "id": "Kode sumber dana '{code}' sudah dipakai.",
        "en": "The funding source code '{code}' is already in use.",
    },
    "budget.source_not_found": {
        "id": "Sumber dana #{source_id} tidak ditemukan.",
        "en": "Funding source #{source_id} was not found.",
    },
    "budget.program_not_found": {
        "id": "Program #{program_id} tidak ditemukan.",
        "en": "Program #{program_id} was not found.",
    },
    "budget.account_code_taken": {
        "id": "Kode rekening '{code}' sudah ada di tahun anggaran ini.",
        "en": "The account code '{code}' already exists in this fiscal year.",
    },
    "budget.line_not_found": {
        "id": "Mata anggaran #{line_id} tidak ditemukan.",
        "en": "Budget line #{line_id} was not found.",
    },
    "budget.allocation_below_spent": {
        "id": "Pagu {line} tidak bisa menjadi {allocation}: sudah terpakai {spent}.",
        "en": "The allocation of {line} cannot become {allocation}: {spent} is already spent.",
    },
    "budget.allocation_below_plan": {
        "id": "Pagu {line} tidak bisa menjadi {allocation}: rencana bulanan berjumlah {plan}. Turunkan rencananya "
              "dulu.",
        "en": "The allocation of {line} cannot become {allocation}: its monthly plan totals {plan}. Lower the plan "
              "first.",
    },
    "budget.plan_length": {
        "id": "Rencana bulanan perlu 12 angka (Januari sampai Desember), ada {count}.",
        "en": "A monthly plan needs 12 amounts (January to December); {count} were given.",
    },
    "budget.plan_month_invalid": {
        "id": "Bulan '{month}' tidak sah (1 sampai 12).",
        "en": "Month '{month}' is not valid (1 to 12).",
    },
    "budget.plan_exceeds_allocation": {
        "id": "Rencana bulanan {line} berjumlah {plan}, melebihi pagu {allocation}. Kurangi rencananya.",
        "en": "The monthly plan of {line} totals {plan}, more than its allocation of {allocation}. Lower the plan.",
    },
    # Spending
    "budget.date_invalid": {
        "id": "Tanggal '{value}' tidak sah. Pilih tanggal (TTTT-BB-HH).",
        "en": "The date '{value}' is not valid. Pick a date (YYYY-MM-DD).",
    },
    "budget.date_outside_year": {
        "id": "Tanggal {date} di luar tahun anggaran {year}. Pilih tanggal di tahun {year} atau mata anggaran tahun "
              "lain.",
        "en": "The date {date} is outside fiscal year {year}. Pick a date in {year} or a budget line of another year.",
    },
    "budget.description_required": {
        "id": "Isi uraian belanja (apa yang dibayar).",
        "en": "Fill in the description (what was paid for).",
    },
    "budget.over_allocation": {
        "id": "Belanja ditolak: {line} berpagu {allocation}, terpakai {spent}, sisa {remaining}; "
              "belanja ini {requested}. Kurangi jumlahnya, atau manajer dapat menyetujui dengan alasan.",
        "en": "Spending refused: {line} has an allocation of {allocation}, {spent} spent, {remaining} remaining; "
              "this entry is {requested}. Lower the amount, or a manager may override with a reason.",
    },
    "budget.override_not_allowed": {
        "id": "Belanja melebihi sisa pagu {line} (sisa {remaining}, diminta {requested}); "
              "hanya manajer atau admin yang boleh menyetujui, bukan peran '{role}'.",
        "en": "This spending exceeds what remains on {line} ({remaining} left, {requested} requested); "
              "only a manager or an admin may override, not the role '{role}'.",
    },
    "budget.spending_not_found": {
        "id": "Belanja #{spending_id} tidak ditemukan.",
        "en": "Spending entry #{spending_id} was not found.",
    },
    "budget.reason_required": {
        "id": "Tuliskan alasan perubahan; alasan disimpan di log audit.",
        "en": "Give the reason for the change; it is kept in the audit log.",
    },
    "budget.spending_has_receipts": {
        "id": "Belanja #{spending_id} terkait dengan {count} penerimaan barang; belanja ini tidak bisa dibatalkan. "
              "Koreksi jumlahnya saja.",
        "en": "Spending entry #{spending_id} is linked to {count} stock receipt(s) and cannot be cancelled. "
              "Correct its amount instead.",
    },
    # Attachments
    "budget.file_empty": {"id": "Berkas '{filename}' kosong.", "en": "The file '{filename}' is empty."},
    "budget.file_too_large": {
        "id": "Berkas '{filename}' lebih dari {limit_mb} MB. Perkecil atau pindai ulang.",
        "en": "The file '{filename}' is larger than {limit_mb} MB. Make it smaller.",
    },
    "budget.file_type": {
        "id": "Berkas '{filename}' ({content_type}) tidak didukung. Unggah foto (JPEG, PNG, WebP, HEIC) atau PDF.",
        "en": "The file '{filename}' ({content_type}) is not supported. Upload a photo (JPEG, PNG, WebP, HEIC) or a "
              "PDF.",
    },
    # Screens (pages/budget.py and ui/budget_*.py)
    "budget.ui.intro": {
        "id": "Pagu, belanja dan serapan anggaran per tahun anggaran; semua jumlah dalam rupiah.",
        "en": "Allocation, spending and absorption per fiscal year; every amount in rupiah.",
    },
    "budget.ui.tab.overview": {"id": "Ringkasan", "en": "Overview"},
    "budget.ui.tab.spending": {"id": "Belanja", "en": "Spending"},
    "budget.ui.tab.lines": {"id": "Mata anggaran & rencana", "en": "Lines & plan"},
    "budget.ui.tab.setup": {"id": "Tahun & sumber dana", "en": "Years & sources"},
    "budget.ui.no_years": {
        "id": "Belum ada tahun anggaran. Buat tahun anggaran dan sumber dana di bawah.",
        "en": "There is no fiscal year yet. Create a fiscal year and a funding source below.",
    },
    "budget.ui.no_lines": {
        "id": "Tahun ini belum punya mata anggaran. Buat di tab Mata anggaran & rencana.",
        "en": "This year has no budget lines yet. Create them in the Lines & plan tab.",
    },
    "budget.ui.closed": {"id": "ditutup", "en": "closed"},
    "budget.ui.year_closed": {
        "id": "Tahun anggaran {year} sudah ditutup: belanja tidak bisa dicatat atau diubah.",
        "en": "Fiscal year {year} is closed: spending can no longer be entered or changed.",
    },
    "budget.ui.rows": {"id": "{count} baris", "en": "{count} rows"},
    "budget.ui.date_from": {"id": "Dari tanggal", "en": "From"},
    "budget.ui.date_to": {"id": "Sampai tanggal", "en": "To"},
    "budget.ui.all_lines": {"id": "Semua mata anggaran", "en": "All budget lines"},
    "budget.ui.col.id": {"id": "No.", "en": "No."},
    "budget.ui.col.year": {"id": "Tahun anggaran", "en": "Fiscal year"},
    "budget.ui.col.closed": {"id": "Ditutup", "en": "Closed"},
    "budget.ui.col.code": {"id": "Kode", "en": "Code"},
    "budget.ui.col.name": {"id": "Nama", "en": "Name"},
    "budget.ui.col.account_code": {"id": "Kode rekening", "en": "Account code"},
    "budget.ui.col.line": {"id": "Mata anggaran", "en": "Budget line"},
    "budget.ui.col.funding_source": {"id": "Sumber dana", "en": "Funding source"},
    "budget.ui.col.allocation": {"id": "Pagu", "en": "Allocation"},
    "budget.ui.col.spent": {"id": "Realisasi", "en": "Spent"},
    "budget.ui.col.remaining": {"id": "Sisa", "en": "Remaining"},
    "budget.ui.col.absorption": {"id": "Serapan", "en": "Absorption"},
    "budget.ui.col.date": {"id": "Tanggal", "en": "Date"},
    "budget.ui.col.amount": {"id": "Jumlah", "en": "Amount"},
    "budget.ui.col.description": {"id": "Uraian", "en": "Description"},
    "budget.ui.col.document_ref": {"id": "No. dokumen", "en": "Document ref."},
    "budget.ui.col.attachment": {"id": "Lampiran", "en": "Attachment"},
    "budget.ui.col.override_reason": {"id": "Alasan melebihi pagu", "en": "Override reason"},
    "budget.ui.col.entered_by": {"id": "Dicatat oleh", "en": "Entered by"},
    "budget.ui.col.month": {"id": "Bulan", "en": "Month"},
    "budget.ui.col.plan_cumulative": {"id": "Rencana kumulatif", "en": "Plan, cumulative"},
    "budget.ui.col.actual_cumulative": {"id": "Realisasi kumulatif", "en": "Spent, cumulative"},
    "budget.ui.col.plan_pct": {"id": "Rencana serapan", "en": "Planned absorption"},
    "budget.ui.col.actual_pct": {"id": "Serapan", "en": "Absorption"},
    # Overview
    "budget.ui.absorption_year": {"id": "Serapan {year}", "en": "Absorption {year}"},
    "budget.ui.absorption_help": {
        "id": "Bagian pagu tahun ini yang sudah dibelanjakan (realisasi dibagi pagu).",
        "en": "The share of this year's allocation already spent (spent divided by allocation).",
    },
    "budget.ui.per_participant": {"id": "Biaya per peserta", "en": "Cost per participant"},
    "budget.ui.per_graduate": {"id": "Biaya per lulusan", "en": "Cost per graduate"},
    "budget.ui.per_help": {
        "id": "{program}: realisasi {spent} dibagi {n} orang.",
        "en": "{program}: {spent} spent divided by {n} people.",
    },
    "budget.ui.participants_graduates": {"id": "Peserta / lulusan", "en": "Participants / graduates"},
    "budget.ui.lines_title": {"id": "Mata anggaran", "en": "Budget lines"},
    "budget.ui.monthly_title": {
        "id": "Bulan demi bulan: realisasi dan rencana",
        "en": "Month by month: spent and plan",
    },
    "budget.ui.chart_line": {"id": "Mata anggaran pada grafik", "en": "Budget line in the charts"},
    "budget.ui.chart_monthly": {"id": "Belanja per bulan", "en": "Spending per month"},
    "budget.ui.chart_cumulative": {"id": "Serapan kumulatif (% pagu)", "en": "Cumulative absorption (% of allocation)"},
    "budget.ui.chart_table": {"id": "Tabel grafik", "en": "Chart data as a table"},
    "budget.ui.millions": {"id": "Juta rupiah", "en": "Million rupiah"},
    "budget.ui.series.plan": {"id": "Rencana", "en": "Plan"},
    "budget.ui.series.actual": {"id": "Realisasi", "en": "Spent"},
    "budget.ui.plan_coverage": {
        "id": "Rencana bulanan hanya mencakup {pct} pagu (mata anggaran lain belum punya rencana).",
        "en": "The monthly plan covers only {pct} of the allocation (other lines have no plan yet).",
    },
    # Spending
    "budget.ui.record_title": {"id": "Catat belanja", "en": "Record spending"},
    "budget.ui.remaining_short": {"id": "sisa {amount}", "en": "{amount} left"},
    "budget.ui.amount_rp": {"id": "Jumlah (Rp)", "en": "Amount (Rp)"},
    "budget.ui.amount_help": {
        "id": "Tulis cara Indonesia: titik pemisah ribuan, koma untuk sen, misalnya 1.250.000 atau 1.250.000,50.",
        "en": "Write it the Indonesian way: dots group thousands, a comma marks cents, e.g. 1.250.000 or "
              "1.250.000,50.",
    },
    "budget.ui.attachment": {
        "id": "Lampiran (opsional): foto atau PDF kuitansi, paling besar 10 MB",
        "en": "Attachment (optional): photo or PDF of the receipt, at most 10 MB",
    },
    "budget.ui.record_submit": {"id": "Simpan belanja", "en": "Save the spending"},
    "budget.ui.recorded": {
        "id": "Belanja {amount} pada {line} tersimpan.",
        "en": "Spending of {amount} on {line} saved.",
    },
    "budget.ui.override_title": {"id": "Setujui melebihi pagu", "en": "Override the allocation"},
    "budget.ui.override_intro": {
        "id": "Sebagai manajer atau admin Anda boleh menyetujui belanja ini walau melebihi pagu. Alasannya disimpan "
              "bersama belanja dan di log audit.",
        "en": "As a manager or admin you may approve this spending beyond the allocation. The reason is kept with "
              "the entry and in the audit log.",
    },
    "budget.ui.override_reason": {"id": "Alasan persetujuan", "en": "Reason for the override"},
    "budget.ui.override_reason_required": {
        "id": "Tuliskan alasan persetujuan dulu; alasan disimpan di log audit.",
        "en": "Write the reason for the override first; it is kept in the audit log.",
    },
    "budget.ui.override_submit": {"id": "Setujui dan simpan", "en": "Override and save"},
    "budget.ui.override_discard": {"id": "Jangan simpan", "en": "Do not save"},
    "budget.ui.override_dropped": {
        "id": "Belanja yang melebihi pagu tidak disimpan.",
        "en": "The spending beyond the allocation was not saved.",
    },
    "budget.ui.overridden": {
        "id": "Belanja {amount} pada {line} disetujui melebihi pagu dan tersimpan; alasannya tercatat di log audit.",
        "en": "Spending of {amount} on {line} approved beyond the allocation and saved; the reason is in the audit "
              "log.",
    },
    "budget.ui.spending_title": {"id": "Daftar belanja", "en": "Spending entries"},
    "budget.ui.correct_title": {"id": "Koreksi atau batalkan belanja", "en": "Correct or cancel a spending entry"},
    "budget.ui.history_note": {
        "id": "Setiap koreksi dan pembatalan perlu alasan; isi sebelum dan sesudahnya disimpan di log audit.",
        "en": "Every correction and cancellation needs a reason; before and after are kept in the audit log.",
    },
    "budget.ui.pick_spending": {"id": "Belanja", "en": "Spending entry"},
    "budget.ui.edit_title": {"id": "Koreksi", "en": "Correct"},
    "budget.ui.cancel_title": {"id": "Batalkan", "en": "Cancel"},
    "budget.ui.change_reason": {"id": "Alasan koreksi", "en": "Reason for the correction"},
    "budget.ui.override_if_needed": {
        "id": "Alasan melebihi pagu (hanya jika koreksi ini melebihi pagu)",
        "en": "Override reason (only if this correction goes beyond the allocation)",
    },
    "budget.ui.edit_submit": {"id": "Simpan koreksi", "en": "Save the correction"},
    "budget.ui.edited": {"id": "Belanja #{id} dikoreksi.", "en": "Spending entry #{id} corrected."},
    "budget.ui.cancel_reason": {"id": "Alasan pembatalan", "en": "Reason for cancelling"},
    "budget.ui.cancel_submit": {"id": "Batalkan belanja ini", "en": "Cancel this spending entry"},
    "budget.ui.cancelled": {
        "id": "Belanja #{id} dibatalkan; isinya tetap tercatat di log audit.",
        "en": "Spending entry #{id} cancelled; its content stays in the audit log.",
    },
    # Lines, plan, years, sources
    "budget.ui.new_line": {"id": "Mata anggaran baru", "en": "New budget line"},
    "budget.ui.edit_line": {"id": "Ubah mata anggaran", "en": "Edit a budget line"},
    "budget.ui.allocation_rp": {"id": "Pagu (Rp)", "en": "Allocation (Rp)"},
    "budget.ui.program": {"id": "Program", "en": "Program"},
    "budget.ui.no_program": {"id": "– tanpa program –", "en": "– no program –"},
    "budget.ui.line_saved": {"id": "Mata anggaran {line} tersimpan.", "en": "Budget line {line} saved."},
    "budget.ui.plan_title": {"id": "Rencana bulanan", "en": "Monthly plan"},
    "budget.ui.plan_total": {
        "id": "Jumlah rencana {plan} dari pagu {allocation}. Kosongkan bulan tanpa penarikan.",
        "en": "The plan totals {plan} of an allocation of {allocation}. Leave months without spending empty.",
    },
    "budget.ui.plan_submit": {"id": "Simpan rencana", "en": "Save the plan"},
    "budget.ui.plan_saved": {"id": "Rencana bulanan {line} tersimpan.", "en": "Monthly plan of {line} saved."},
    "budget.ui.years_title": {"id": "Tahun anggaran", "en": "Fiscal years"},
    "budget.ui.new_year": {"id": "Buat tahun anggaran", "en": "Create the fiscal year"},
    "budget.ui.year_saved": {"id": "Tahun anggaran {year} dibuat.", "en": "Fiscal year {year} created."},
    "budget.ui.close_year": {"id": "Tutup tahun anggaran {year}", "en": "Close fiscal year {year}"},
    "budget.ui.reopen_year": {"id": "Buka kembali tahun anggaran {year}", "en": "Reopen fiscal year {year}"},
    "budget.ui.year_closed_saved": {"id": "Tahun anggaran {year} ditutup.", "en": "Fiscal year {year} closed."},
    "budget.ui.year_reopened": {"id": "Tahun anggaran {year} dibuka kembali.", "en": "Fiscal year {year} reopened."},
    "budget.ui.sources_title": {"id": "Sumber dana", "en": "Funding sources"},
    "budget.ui.new_source": {"id": "Tambah sumber dana", "en": "Add the funding source"},
    "budget.ui.source_saved": {"id": "Sumber dana {code} tersimpan.", "en": "Funding source {code} saved."},
    "budget.ui.attachment_download": {"id": "Unduh dokumen lampiran", "en": "Download the attached document"},
}
