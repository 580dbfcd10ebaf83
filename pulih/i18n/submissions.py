"""Messages about saving, editing, exporting and importing submissions: {key: {"id": ..., "en": ...}}."""

MESSAGES: dict[str, dict[str, str]] = {
    "submission.invalid": {
        "id": "Isian belum bisa disimpan: {count} jawaban perlu diperbaiki.",
        "en": "The answers cannot be saved yet: {count} answers need fixing.",
    },
    "submission.unknown_form": {"id": "Formulir '{form_id}' tidak ada.", "en": "There is no form '{form_id}'."},
    "submission.form_not_published": {
        "id": "Formulir '{form_id}' belum diterbitkan atau sudah ditarik.",
        "en": "The form '{form_id}' is not published or has been retired.",
    },
    "submission.not_found": {"id": "Isian #{id} tidak ada.", "en": "There is no submission #{id}."},
    "submission.user_unknown": {"id": "Pengguna '{username}' tidak dikenal atau nonaktif.", "en": "The user '{username}' is unknown or disabled."},
    "submission.role_forbidden": {
        "id": "Peran '{role}' tidak boleh menyimpan atau mengubah isian.",
        "en": "The role '{role}' may not save or edit submissions.",
    },
    "submission.enrollment_required": {
        "id": "Pilih dulu peserta dan angkatannya: formulir ini dicatat pada keikutsertaan peserta.",
        "en": "Choose the participant and cohort first: this form is recorded on an enrollment.",
    },
    "submission.participant_required": {"id": "Pilih dulu pesertanya.", "en": "Choose the participant first."},
    "submission.session_required": {"id": "Pilih dulu sesi pelatihannya.", "en": "Choose the training session first."},
    "submission.followup_mismatch": {
        "id": "Tindak lanjut yang dipilih bukan milik keikutsertaan ini.",
        "en": "The chosen follow-up does not belong to this enrollment.",
    },
    "submission.unknown_kit": {"id": "Tidak ada paket alat berkode '{code}'.", "en": "There is no kit with code '{code}'."},
    "submission.serial_format": {
        "id": "Baris nomor seri '{line}' tidak dikenali: tulis satu per baris sebagai KODE: nomor-seri.",
        "en": "The serial line '{line}' is not understood: write one per line as CODE: serial.",
    },
    "submission.serial_unknown_item": {"id": "Tidak ada barang berkode '{code}'.", "en": "There is no item with code '{code}'."},
    "import.bad_file_type": {
        "id": "Berkas '{filename}' tidak bisa diimpor: gunakan CSV atau XLSX.",
        "en": "The file '{filename}' cannot be imported: use CSV or XLSX.",
    },
    "import.too_many_rows": {
        "id": "Berkas terlalu besar: paling banyak {max} baris per impor. Bagi menjadi beberapa berkas.",
        "en": "The file is too large: at most {max} rows per import. Split it into several files.",
    },
    "import.bad_mode": {"id": "Mode impor '{mode}' tidak dikenal.", "en": "Unknown import mode '{mode}'."},
    "import.refused_all": {
        "id": "{refused} dari {total} baris ditolak; sesuai mode 'semua atau tidak sama sekali', tidak ada yang disimpan.",
        "en": "{refused} of {total} rows were refused; as the mode is 'all or nothing', nothing was saved.",
    },
    "submission.file_empty": {"id": "Berkas '{filename}' kosong.", "en": "The file '{filename}' is empty."},
    "submission.file_too_large": {
        "id": "Berkas '{filename}' lebih dari {limit_mb} MB.",
        "en": "The file '{filename}' is larger than {limit_mb} MB.",
    },
    "submission.file_type": {
        "id": "Jenis berkas '{filename}' ({content_type}) tidak diterima: gunakan JPEG, PNG, WebP, HEIC atau PDF.",
        "en": "The file '{filename}' ({content_type}) is not accepted: use JPEG, PNG, WebP, HEIC or PDF.",
    },
    # fill page
    "fill.title": {"id": "Isi formulir", "en": "Fill a form"},
    "fill.choose_form": {"id": "Formulir", "en": "Form"},
    "fill.no_forms": {"id": "Belum ada formulir yang diterbitkan.", "en": "No form is published yet."},
    "fill.version": {"id": "Versi {number} {label}", "en": "Version {number} {label}"},
    "fill.submit": {"id": "Simpan", "en": "Save"},
    "fill.saved": {"id": "Tersimpan sebagai isian #{id}.", "en": "Saved as submission #{id}."},
    "fill.fix_errors": {"id": "Perbaiki jawaban yang ditandai lalu simpan lagi.", "en": "Fix the marked answers, then save again."},
    "fill.row": {"id": "Baris {n}", "en": "Row {n}"},
    "fill.add_row": {"id": "Tambah baris", "en": "Add a row"},
    "fill.remove_row": {"id": "Hapus", "en": "Remove"},
    "fill.choose": {"id": "Pilih…", "en": "Choose…"},
    "fill.unsupported": {
        "id": "Pertanyaan '{label}' bertipe '{type}' belum didukung di formulir web; lewati.",
        "en": "The question '{label}' of type '{type}' is not supported in the web form; skip it.",
    },
    "fill.file_kept": {"id": "Tersimpan: {filename}", "en": "Stored: {filename}"},
    "fill.draft_restored": {
        "id": "Draf yang belum selesai dipulihkan ({at} UTC).",
        "en": "Your unfinished draft was restored ({at} UTC).",
    },
    "fill.discard_draft": {"id": "Buang draf dan mulai dari awal", "en": "Discard the draft and start again"},
    "fill.cohort": {"id": "Angkatan", "en": "Cohort"},
    "fill.enrollment": {"id": "Peserta", "en": "Participant"},
    "fill.session": {"id": "Sesi", "en": "Session"},
    "fill.context_required": {
        "id": "Pilih angkatan dan peserta untuk formulir ini.",
        "en": "Choose the cohort and participant for this form.",
    },
    "fill.editing_participant": {"id": "Memperbarui data: {name}", "en": "Updating the record of: {name}"},
    "fill.nik_problems": {"id": "Periksa NIK:", "en": "Check the NIK:"},
    "fill.duplicates": {
        "id": "Kemungkinan data ganda: orang ini mungkin sudah terdaftar.",
        "en": "Likely duplicate: this person may already be registered.",
    },
    "fill.duplicate_row": {
        "id": "{name}, lahir {birth_date}, NIK {nik} ({reason})",
        "en": "{name}, born {birth_date}, NIK {nik} ({reason})",
    },
    "fill.reason.same_nik": {"id": "NIK sama", "en": "same NIK"},
    "fill.reason.similar_name_same_birth_date": {"id": "nama mirip, tanggal lahir sama", "en": "similar name, same birth date"},
    "fill.open_existing": {"id": "Buka data yang sudah ada", "en": "Open the existing record"},
    "fill.override_reason": {
        "id": "Alasan tetap menyimpan data baru dengan NIK yang sudah dikenal (manajer)",
        "en": "Reason to save a new record with a known NIK anyway (manager)",
    },
    "fill.override_needs_manager": {
        "id": "NIK ini sudah terdaftar. Buka data yang ada, atau minta manajer menyimpan dengan alasan.",
        "en": "This NIK is already registered. Open the existing record, or ask a manager to save it with a reason.",
    },
}
