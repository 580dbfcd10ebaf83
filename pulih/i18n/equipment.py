"""Messages of the equipment area: {key: {"id": Bahasa Indonesia, "en": English}}."""

MESSAGES: dict[str, dict[str, str]] = {
    # Who may do what
    "equipment.user_unknown": {
        "id": "Pengguna '{username}' tidak dikenal atau tidak aktif. Masuk kembali dengan akun yang aktif.",
        "en": "User '{username}' is unknown or disabled. Log in again with an active account.",
    },
    "equipment.role_forbidden": {
        "id": "Peran '{role}' tidak boleh melakukan ini. Minta manajer atau admin.",
        "en": "The role '{role}' may not do this. Ask a manager or an admin.",
    },
    # Catalog
    "equipment.code_required": {
        "id": "Isi kode barang atau paket (misalnya TK-01).",
        "en": "Fill in the code of the item or kit (for example TK-01).",
    },
    "equipment.name_required": {"id": "Isi nama barang atau paket.", "en": "Fill in the name of the item or kit."},
    "equipment.unit_required": {
        "id": "Isi satuan barang (misalnya buah, set, unit).",
        "en": "Fill in the unit of the item (for example pcs, set, unit).",
    },
    "equipment.code_taken": {
        "id": "Kode '{code}' sudah dipakai. Pilih kode lain.",
        "en": "The code '{code}' is already in use. Choose another code.",
    },
    "equipment.unit_cost_invalid": {
        "id": "Harga satuan '{value}' tidak sah. Tulis angka rupiah 0 atau lebih, misalnya 1.250.000.",
        "en": "The unit cost '{value}' is not valid. Write a rupiah amount of 0 or more, for example 1.250.000.",
    },
    "equipment.item_not_found": {
        "id": "Barang #{item_id} tidak ditemukan. Pilih barang dari katalog.",
        "en": "Item #{item_id} was not found. Choose an item from the catalog.",
    },
    "equipment.kit_not_found": {
        "id": "Paket #{kit_id} tidak ditemukan. Pilih paket dari katalog.",
        "en": "Kit #{kit_id} was not found. Choose a kit from the catalog.",
    },
    "equipment.kit_empty": {
        "id": "Paket harus berisi paling sedikit satu barang dengan jumlahnya.",
        "en": "A kit needs at least one item with its quantity.",
    },
    "equipment.quantity_invalid": {
        "id": "Jumlah {item} harus bilangan bulat lebih dari 0 (tertulis '{value}').",
        "en": "The quantity of {item} must be a whole number above 0 (got '{value}').",
    },
    # Stock movements
    "equipment.out_of_stock": {
        "id": "Stok {item} tidak cukup: diminta {requested} {unit}, tersisa {available} {unit}. "
              "Tidak ada yang disimpan; terima barang dulu atau kurangi jumlahnya.",
        "en": "Not enough {item} in stock: {requested} {unit} requested, {available} {unit} left. "
              "Nothing was saved; receive more first or lower the quantity.",
    },
    "equipment.date_invalid": {
        "id": "Tanggal '{value}' tidak sah. Pilih tanggal (TTTT-BB-HH).",
        "en": "The date '{value}' is not valid. Pick a date (YYYY-MM-DD).",
    },
    "equipment.reason_required": {
        "id": "Tuliskan alasannya; alasan disimpan di log audit.",
        "en": "Give the reason; it is kept in the audit log.",
    },
    "equipment.adjustment_invalid": {
        "id": "Penyesuaian '{value}' tidak sah. Tulis bilangan bulat selain 0: positif menambah stok, negatif "
              "mengurangi.",
        "en": "The adjustment '{value}' is not valid. Write a whole number other than 0: positive adds, negative "
              "removes.",
    },
    "equipment.spending_not_found": {
        "id": "Belanja #{spending_id} tidak ditemukan. Pilih transaksi anggaran yang membayar barang ini.",
        "en": "Spending entry #{spending_id} was not found. Choose the budget entry that paid for these goods.",
    },
    # Handovers
    "equipment.participant_not_found": {
        "id": "Peserta #{participant_id} tidak ditemukan. Pilih peserta dari daftar.",
        "en": "Participant #{participant_id} was not found. Choose a participant from the list.",
    },
    "equipment.enrollment_mismatch": {
        "id": "Pendaftaran #{enrollment_id} bukan milik {participant}. Pilih angkatan peserta ini.",
        "en": "Enrollment #{enrollment_id} does not belong to {participant}. Choose one of this participant's cohorts.",
    },
    "equipment.nothing_to_hand_over": {
        "id": "Pilih paket atau paling sedikit satu barang untuk diserahkan.",
        "en": "Choose a kit or at least one item to hand over.",
    },
    "equipment.condition_required": {
        "id": "Isi kondisi barang saat diserahkan (misalnya baru).",
        "en": "Fill in the condition of the goods at handover (for example new).",
    },
    "equipment.kit_already_handed_over": {
        "id": "{participant} sudah menerima paket ini (berita acara {receipt}). "
              "Jika memang menerima lagi, centang 'serahkan lagi'.",
        "en": "{participant} already received this kit (receipt {receipt}). "
              "If they really receive it again, tick 'hand over again'.",
    },
    "equipment.serials_count": {
        "id": "{item}: diserahkan {quantity}, tetapi ada {given} nomor seri. Tulis satu nomor seri per unit.",
        "en": "{item}: {quantity} handed over but {given} serial numbers given. Write one serial number per unit.",
    },
    "equipment.serials_duplicate": {
        "id": "{item}: ada nomor seri yang ditulis dua kali. Periksa kembali nomor serinya.",
        "en": "{item}: a serial number is written twice. Check the serial numbers.",
    },
    "equipment.serials_unknown_item": {
        "id": "Nomor seri diberikan untuk barang #{item_id} yang tidak ada di serah terima ini.",
        "en": "Serial numbers were given for item #{item_id}, which is not part of this handover.",
    },
    "equipment.serials_not_handed_over": {
        "id": "{item}: nomor seri {serials} tidak tercatat pada serah terima ini.",
        "en": "{item}: serial numbers {serials} were not handed over in this handover.",
    },
    "equipment.receipt_number_busy": {
        "id": "Nomor berita acara sedang dipakai oleh penyerahan lain. Coba simpan lagi.",
        "en": "Receipt numbers are busy with other handovers right now. Try saving again.",
    },
    "equipment.handover_not_found": {
        "id": "Serah terima #{handover_id} tidak ditemukan.",
        "en": "Handover #{handover_id} was not found.",
    },
    "equipment.nothing_to_return": {
        "id": "Pilih paling sedikit satu barang yang dikembalikan.",
        "en": "Choose at least one item being returned.",
    },
    "equipment.return_exceeds": {
        "id": "{item}: dikembalikan {requested}, tetapi hanya {held} yang masih dipegang peserta dari berita acara "
              "{receipt}.",
        "en": "{item}: {requested} returned but only {held} are still with the participant from receipt {receipt}.",
    },
    # Uploaded signed receipt
    "equipment.file_empty": {"id": "Berkas '{filename}' kosong.", "en": "The file '{filename}' is empty."},
    "equipment.file_too_large": {
        "id": "Berkas '{filename}' lebih dari {limit_mb} MB. Perkecil foto atau pindai ulang.",
        "en": "The file '{filename}' is larger than {limit_mb} MB. Make the photo or scan smaller.",
    },
    "equipment.file_type": {
        "id": "Berkas '{filename}' ({content_type}) tidak didukung. Unggah foto (JPEG, PNG, WebP, HEIC) atau PDF.",
        "en": "The file '{filename}' ({content_type}) is not supported. Upload a photo (JPEG, PNG, WebP, HEIC) or a "
              "PDF.",
    },
    # Labels
    "equipment.kind.receipt": {"id": "Penerimaan", "en": "Receipt"},
    "equipment.kind.handover": {"id": "Serah terima", "en": "Handover"},
    "equipment.kind.return": {"id": "Pengembalian", "en": "Return"},
    "equipment.kind.adjustment": {"id": "Penyesuaian", "en": "Adjustment"},
    "equipment.condition.new": {"id": "baru", "en": "new"},
    "equipment.condition.good": {"id": "baik", "en": "good"},
    "equipment.condition.fair": {"id": "cukup baik", "en": "fair"},
    "equipment.condition.damaged": {"id": "rusak", "en": "damaged"},
    # Handover receipt (berita acara serah terima) PDF
    "equipment.receipt.title": {"id": "BERITA ACARA SERAH TERIMA BARANG", "en": "HANDOVER RECEIPT"},
    "equipment.receipt.number": {"id": "Nomor: {number}", "en": "Number: {number}"},
    "equipment.receipt.intro": {
        "id": "Pada tanggal {date} telah diserahterimakan barang berikut:",
        "en": "On {date} the following goods were handed over:",
    },
    "equipment.receipt.program": {"id": "Program", "en": "Program"},
    "equipment.receipt.cohort": {"id": "Angkatan", "en": "Cohort"},
    "equipment.receipt.participant": {"id": "Penerima", "en": "Receiver"},
    "equipment.receipt.nik": {"id": "NIK", "en": "NIK (national ID)"},
    "equipment.receipt.date": {"id": "Tanggal", "en": "Date"},
    "equipment.receipt.kit": {"id": "Paket", "en": "Kit"},
    "equipment.receipt.condition": {"id": "Kondisi", "en": "Condition"},
    "equipment.receipt.notes": {"id": "Catatan", "en": "Notes"},
    "equipment.receipt.col_no": {"id": "No", "en": "No."},
    "equipment.receipt.col_item": {"id": "Barang", "en": "Item"},
    "equipment.receipt.col_quantity": {"id": "Jumlah", "en": "Quantity"},
    "equipment.receipt.col_serials": {"id": "Nomor seri", "en": "Serial numbers"},
    "equipment.receipt.col_unit_value": {"id": "Nilai satuan", "en": "Unit value"},
    "equipment.receipt.col_total": {"id": "Nilai total", "en": "Total value"},
    "equipment.receipt.total": {"id": "Jumlah nilai", "en": "Total value"},
    "equipment.receipt.statement": {
        "id": "Penerima menyatakan telah menerima barang-barang tersebut di atas dalam kondisi: {condition}.",
        "en": "The receiver confirms having received the goods listed above in this condition: {condition}.",
    },
    "equipment.receipt.giver": {"id": "Yang menyerahkan", "en": "Handed over by"},
    "equipment.receipt.receiver": {"id": "Yang menerima", "en": "Received by"},
    "equipment.receipt.officer": {"id": "Petugas", "en": "Officer"},
    "equipment.receipt.none": {
        "id": "Belum ada serah terima untuk angkatan ini.",
        "en": "No handovers for this cohort yet.",
    },
}
