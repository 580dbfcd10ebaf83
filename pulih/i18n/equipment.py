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
    # Screens (pages/equipment.py and ui/equipment_*.py)
    "equipment.ui.intro": {
        "id": "Stok peralatan, serah terima kepada peserta dengan berita acara, dan riwayat setiap perubahan stok.",
        "en": "Equipment stock, handovers to participants with their receipts, and the history of every stock change.",
    },
    "equipment.ui.tab.stock": {"id": "Stok", "en": "Stock on hand"},
    "equipment.ui.tab.handover": {"id": "Serah terima", "en": "Hand over"},
    "equipment.ui.tab.receipts": {"id": "Berita acara", "en": "Receipts"},
    "equipment.ui.tab.ledger": {"id": "Terima / sesuaikan / kembali", "en": "Receive / adjust / return"},
    "equipment.ui.tab.movements": {"id": "Riwayat", "en": "Movements"},
    "equipment.ui.tab.catalog": {"id": "Katalog", "en": "Catalog"},
    "equipment.ui.all": {"id": "Semua", "en": "All"},
    "equipment.ui.rows": {"id": "{count} baris", "en": "{count} rows"},
    "equipment.ui.date_from": {"id": "Dari tanggal", "en": "From"},
    "equipment.ui.date_to": {"id": "Sampai tanggal", "en": "To"},
    "equipment.ui.notes": {"id": "Catatan", "en": "Notes"},
    "equipment.ui.description": {"id": "Keterangan", "en": "Description"},
    "equipment.ui.col.code": {"id": "Kode", "en": "Code"},
    "equipment.ui.col.item": {"id": "Barang", "en": "Item"},
    "equipment.ui.col.unit": {"id": "Satuan", "en": "Unit"},
    "equipment.ui.col.on_hand": {"id": "Stok", "en": "On hand"},
    "equipment.ui.col.quantity": {"id": "Jumlah", "en": "Quantity"},
    "equipment.ui.col.unit_cost": {"id": "Harga satuan", "en": "Unit cost"},
    "equipment.ui.col.value": {"id": "Nilai", "en": "Value"},
    "equipment.ui.col.value_handed": {"id": "Nilai diserahkan", "en": "Value handed over"},
    "equipment.ui.col.date": {"id": "Tanggal", "en": "Date"},
    "equipment.ui.col.kind": {"id": "Jenis", "en": "Kind"},
    "equipment.ui.col.receipt_number": {"id": "Nomor berita acara", "en": "Receipt number"},
    "equipment.ui.col.participant": {"id": "Peserta", "en": "Participant"},
    "equipment.ui.col.cohort": {"id": "Angkatan", "en": "Cohort"},
    "equipment.ui.col.kit": {"id": "Paket", "en": "Kit"},
    "equipment.ui.col.condition": {"id": "Kondisi", "en": "Condition"},
    "equipment.ui.col.units": {"id": "Unit dipegang", "en": "Units held"},
    "equipment.ui.col.signed_receipt": {"id": "BAST bertanda tangan", "en": "Signed receipt"},
    "equipment.ui.col.supplier": {"id": "Pemasok", "en": "Supplier"},
    "equipment.ui.col.serials": {"id": "Nomor seri", "en": "Serial numbers"},
    "equipment.ui.col.reason": {"id": "Alasan", "en": "Reason"},
    "equipment.ui.col.spending": {"id": "Belanja #", "en": "Spending #"},
    "equipment.ui.col.recorded_by": {"id": "Dicatat oleh", "en": "Recorded by"},
    "equipment.ui.col.planned": {"id": "Paket direncanakan", "en": "Kits planned"},
    "equipment.ui.col.handed": {"id": "Paket diserahkan", "en": "Kits handed over"},
    "equipment.ui.col.pending": {"id": "Belum diserahkan", "en": "Still to hand over"},
    "equipment.ui.col.has_serials": {"id": "Bernomor seri", "en": "Has serial numbers"},
    "equipment.ui.col.active": {"id": "Aktif", "en": "Active"},
    # Stock on hand
    "equipment.ui.kits_available": {"id": "Paket lengkap tersedia: {kit}", "en": "Complete kits in stock: {kit}"},
    "equipment.ui.kits_available_help": {
        "id": "Berapa paket lengkap yang bisa disusun dari stok sekarang (barang paling sedikit yang menentukan).",
        "en": "How many complete kits the stock allows now (the scarcest item decides).",
    },
    "equipment.ui.units_on_hand": {"id": "Unit barang di gudang", "en": "Units in stock"},
    "equipment.ui.stock_value": {"id": "Nilai stok", "en": "Stock value"},
    "equipment.ui.stock_title": {"id": "Stok per barang", "en": "Stock per item"},
    "equipment.ui.planned_title": {
        "id": "Paket per angkatan: direncanakan dan diserahkan",
        "en": "Kits per cohort: planned and handed over",
    },
    "equipment.ui.on_hand_short": {"id": "stok {n}", "en": "{n} on hand"},
    # Hand over
    "equipment.ui.show_all": {
        "id": "Tampilkan juga peserta yang sudah menerima paket",
        "en": "Also show participants who already received the kit",
    },
    "equipment.ui.without_kit": {
        "id": "{count} peserta angkatan ini belum menerima paket.",
        "en": "{count} participants of this cohort have not received the kit yet.",
    },
    "equipment.ui.all_have_kit": {
        "id": "Semua peserta angkatan ini sudah menerima paket.",
        "en": "Every participant of this cohort has received the kit.",
    },
    "equipment.ui.has_kit": {"id": "{name} (sudah menerima paket)", "en": "{name} (already has the kit)"},
    "equipment.ui.no_participants": {
        "id": "Tidak ada peserta yang menunggu paket di angkatan ini. Nyalakan pilihan di atas untuk melihat semua "
              "peserta.",
        "en": "No participant of this cohort is waiting for a kit. Switch on the option above to see everyone.",
    },
    "equipment.ui.no_cohorts": {
        "id": "Belum ada angkatan. Buat program dan angkatan dulu.",
        "en": "There are no cohorts yet. Create a program and a cohort first.",
    },
    "equipment.ui.no_kits": {
        "id": "Belum ada paket di katalog; serahkan barang satuan atau buat paket di tab Katalog.",
        "en": "There are no kits in the catalog; hand over single items or create a kit in the Catalog tab.",
    },
    "equipment.ui.what": {"id": "Yang diserahkan", "en": "What is handed over"},
    "equipment.ui.what.kit": {"id": "Paket", "en": "A kit"},
    "equipment.ui.what.items": {"id": "Barang satuan", "en": "Single items"},
    "equipment.ui.items": {"id": "Barang", "en": "Items"},
    "equipment.ui.quantity_of": {"id": "Jumlah {item}", "en": "Quantity of {item}"},
    "equipment.ui.serials_title": {"id": "Nomor seri", "en": "Serial numbers"},
    "equipment.ui.serials_help": {
        "id": "Satu nomor seri per unit, seperti tertulis pada barangnya.",
        "en": "One serial number per unit, as written on the item.",
    },
    "equipment.ui.serial_label": {"id": "{item} – nomor seri unit {n}", "en": "{item} – serial number of unit {n}"},
    "equipment.ui.signed_receipt": {
        "id": "Foto atau pindaian berita acara yang sudah ditandatangani (boleh menyusul)",
        "en": "Photo or scan of the signed receipt (can be added later)",
    },
    "equipment.ui.signed_receipt_help": {
        "id": "JPEG, PNG, WebP, HEIC atau PDF, paling besar 10 MB.",
        "en": "JPEG, PNG, WebP, HEIC or PDF, at most 10 MB.",
    },
    "equipment.ui.hand_over_again": {"id": "Serahkan lagi", "en": "Hand over again"},
    "equipment.ui.handover_submit": {"id": "Simpan serah terima", "en": "Save the handover"},
    "equipment.ui.handover_saved": {
        "id": "Serah terima tersimpan: berita acara {receipt} untuk {participant}.",
        "en": "Handover saved: receipt {receipt} for {participant}.",
    },
    "equipment.ui.download_receipt": {"id": "Unduh berita acara (PDF)", "en": "Download receipt (PDF)"},
    # Receipts
    "equipment.ui.name_contains": {"id": "Nama peserta memuat", "en": "Participant name contains"},
    "equipment.ui.one_receipt": {"id": "Cetak berita acara", "en": "Print a receipt"},
    "equipment.ui.receipt_language": {"id": "Bahasa berita acara", "en": "Language of the receipt"},
    "equipment.ui.signed_yes": {
        "id": "Berita acara {receipt} yang sudah ditandatangani sudah dilampirkan; unggah lagi untuk menggantinya.",
        "en": "The signed receipt {receipt} is attached; upload again to replace it.",
    },
    "equipment.ui.signed_no": {
        "id": "Berita acara {receipt} yang sudah ditandatangani belum dilampirkan.",
        "en": "The signed receipt {receipt} is not attached yet.",
    },
    "equipment.ui.attach_file": {
        "id": "Foto atau pindaian berita acara {receipt} yang sudah ditandatangani",
        "en": "Photo or scan of the signed receipt {receipt}",
    },
    "equipment.ui.attach_submit": {"id": "Lampirkan", "en": "Attach"},
    "equipment.ui.attach_missing": {
        "id": "Pilih dulu berkas foto atau PDF-nya.",
        "en": "Choose the photo or PDF file first.",
    },
    "equipment.ui.attached": {
        "id": "Berita acara {receipt} yang sudah ditandatangani tersimpan.",
        "en": "The signed receipt {receipt} is saved.",
    },
    "equipment.ui.batch_title": {"id": "Semua berita acara satu angkatan", "en": "All receipts of a cohort"},
    "equipment.ui.batch_download": {
        "id": "Unduh semua berita acara angkatan (PDF)",
        "en": "Download all receipts of the cohort (PDF)",
    },
    "equipment.ui.no_handovers": {"id": "Belum ada serah terima.", "en": "No handovers yet."},
    # Receive / adjust / return
    "equipment.ui.receive_title": {"id": "Terima barang", "en": "Receive goods"},
    "equipment.ui.adjust_title": {"id": "Sesuaikan stok", "en": "Adjust stock"},
    "equipment.ui.return_title": {"id": "Pengembalian", "en": "Returns"},
    "equipment.ui.unit_cost_help": {
        "id": "Kosongkan untuk memakai harga katalog. Tulis cara Indonesia, misalnya 1.250.000.",
        "en": "Leave empty to use the catalog cost. Write it the Indonesian way, for example 1.250.000.",
    },
    "equipment.ui.catalog_cost": {"id": "harga katalog", "en": "catalog cost"},
    "equipment.ui.spending_link": {
        "id": "Dibayar dari belanja (anggaran)",
        "en": "Paid by the spending entry (budget)",
    },
    "equipment.ui.no_spending": {"id": "– tidak ditautkan –", "en": "– not linked –"},
    "equipment.ui.receive_submit": {"id": "Simpan penerimaan", "en": "Save the receipt of goods"},
    "equipment.ui.received": {"id": "Diterima {quantity} {unit} {item}.", "en": "Received {quantity} {unit} {item}."},
    "equipment.ui.adjust_help": {
        "id": "Angka positif menambah stok (barang ditemukan), negatif mengurangi (rusak, hilang). Alasan wajib.",
        "en": "A positive number adds to stock (found), a negative one removes (damaged, lost). A reason is required.",
    },
    "equipment.ui.adjust_change": {"id": "Perubahan (+/−)", "en": "Change (+/−)"},
    "equipment.ui.adjust_submit": {"id": "Simpan penyesuaian", "en": "Save the adjustment"},
    "equipment.ui.adjusted": {"id": "Stok {item} disesuaikan {change}.", "en": "Stock of {item} adjusted by {change}."},
    "equipment.ui.return_handover": {"id": "Berita acara asal", "en": "Handed over on receipt"},
    "equipment.ui.return_qty": {
        "id": "{item} dikembalikan (masih dipegang {held})",
        "en": "{item} returned ({held} still held)",
    },
    "equipment.ui.return_submit": {"id": "Simpan pengembalian", "en": "Save the return"},
    "equipment.ui.returned": {"id": "Pengembalian dari {receipt} tersimpan.", "en": "Return from {receipt} saved."},
    # Catalog
    "equipment.ui.items_title": {"id": "Barang", "en": "Items"},
    "equipment.ui.new_item": {"id": "Barang baru", "en": "New item"},
    "equipment.ui.edit_item": {"id": "Ubah barang", "en": "Edit an item"},
    "equipment.ui.item_saved": {"id": "Barang {name} tersimpan.", "en": "Item {name} saved."},
    "equipment.ui.kits_title": {"id": "Paket", "en": "Kits"},
    "equipment.ui.new_kit": {"id": "Paket baru", "en": "New kit"},
    "equipment.ui.edit_kit": {"id": "Ubah paket", "en": "Edit a kit"},
    "equipment.ui.kit_lines_help": {
        "id": "Isi jumlah tiap barang dalam satu paket; 0 berarti tidak termasuk.",
        "en": "Fill in how many of each item one kit holds; 0 means not included.",
    },
    "equipment.ui.kit_saved": {"id": "Paket {name} tersimpan.", "en": "Kit {name} saved."},
    "equipment.ui.signed_download": {"id": "Unduh tanda terima bertanda tangan", "en": "Download the signed receipt"},
}
