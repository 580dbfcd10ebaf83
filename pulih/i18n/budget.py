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
}
