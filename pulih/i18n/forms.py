"""Messages of the forms area: {key: {"id": Bahasa Indonesia, "en": English}}.

Problems in a form definition say where (``form.where.*``, put in front by
``pulih.forms.checks.Problem``), what is wrong and how to fix it.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # Where a problem is.
    "form.where.row_column": {
        "id": "[baris {row}] Sheet '{sheet}', kolom '{column}': ",
        "en": "[row {row}] On the '{sheet}' sheet, column '{column}': ",
    },
    "form.where.row": {"id": "[baris {row}] Sheet '{sheet}': ", "en": "[row {row}] On the '{sheet}' sheet: "},
    "form.where.column": {"id": "Sheet '{sheet}', kolom '{column}': ", "en": "On the '{sheet}' sheet, column '{column}': "},
    "form.where.sheet": {"id": "Sheet '{sheet}': ", "en": "On the '{sheet}' sheet: "},
    "form.where.row_only": {"id": "[baris {row}] ", "en": "[row {row}] "},
    # Reading the file.
    "form.file_too_large": {
        "id": "Berkas terlalu besar ({size_mb} MB). Definisi formulir paling besar {limit_mb} MB; hapus lembar yang tidak diperlukan.",
        "en": "The file is too large ({size_mb} MB). A form definition may be at most {limit_mb} MB; remove sheets you do not need.",
    },
    "form.format_unsupported": {
        "id": "Jenis berkas '{extension}' tidak didukung. Unggah berkas {allowed}.",
        "en": "Files of type '{extension}' are not supported. Upload a {allowed} file.",
    },
    "form.file_unreadable": {
        "id": "Berkas tidak dapat dibaca sebagai {format} ({detail}). Simpan ulang dari aplikasi lembar kerja sebagai {format} lalu unggah lagi.",
        "en": "The file could not be read as {format} ({detail}). Save it again from your spreadsheet program as {format} and upload it again.",
    },
    "form.yaml_syntax": {
        "id": "Kesalahan sintaks YAML di baris {line}: {detail}. Periksa indentasi dan tanda kutip.",
        "en": "YAML syntax error at line {line}: {detail}. Check the indentation and the quotes.",
    },
    "form.yaml_shape": {
        "id": "Berkas YAML harus berupa pemetaan dengan lembar 'survey', 'choices', 'settings' (dan bila perlu 'entities'), masing-masing berisi daftar baris.",
        "en": "A YAML form must be a mapping with the sheets 'survey', 'choices', 'settings' (and optionally 'entities'), each a list of rows.",
    },
    "form.yaml_sheet_unknown": {
        "id": "Lembar '{name}' tidak dikenal. Lembar yang boleh: {allowed}. Periksa ejaannya.",
        "en": "Unknown sheet '{name}'. Allowed sheets: {allowed}. Check the spelling.",
    },
    "form.yaml_sheet_not_list": {
        "id": "Lembar ini harus berupa daftar baris (setiap baris diawali '- ').",
        "en": "This sheet must be a list of rows (each row starting with '- ').",
    },
    "form.yaml_row_not_mapping": {
        "id": "Baris ini harus berupa pemetaan kolom: nilai, misalnya 'type: text' dan 'name: umur'.",
        "en": "This row must be a mapping of column: value, for example 'type: text' and 'name: age'.",
    },
    "form.yaml_cell_not_text": {
        "id": "Isi sel harus berupa teks, bukan daftar atau pemetaan. Beri tanda kutip pada nilainya.",
        "en": "A cell must hold text, not a list or a mapping. Put the value in quotes.",
    },
    "form.yaml_settings_rows": {
        "id": "Lembar settings hanya boleh berisi satu baris (atau satu pemetaan).",
        "en": "The settings sheet must have exactly one row (or be one mapping).",
    },
    # pyxform's findings, in our words where we know them.
    "form.pyxform": {"id": "Ditolak oleh pyxform: {detail}", "en": "{detail}"},
    "form.internal": {
        "id": "Definisi ini tidak dapat diproses ({detail}). Periksa lembar-lembarnya atau hubungi admin data.",
        "en": "This definition could not be processed ({detail}). Check its sheets or ask the data officer.",
    },
    "form.survey_missing": {
        "id": "Tidak ada lembar 'survey'. Setiap formulir memerlukan lembar bernama 'survey' dengan kolom type, name dan label.",
        "en": "There is no 'survey' sheet. Every form needs a sheet named 'survey' with the columns type, name and label.",
    },
    "form.choices_missing": {
        "id": "Ada pertanyaan pilihan tetapi tidak ada lembar 'choices'. Tambahkan lembar 'choices' dengan kolom list_name, name dan label.",
        "en": "There are select questions but no 'choices' sheet. Add a 'choices' sheet with the columns list_name, name and label.",
    },
    "form.calculation_missing": {
        "id": "Pertanyaan calculate '{name}' tanpa rumus. Isi kolom 'calculation', misalnya ${{a}} + ${{b}}.",
        "en": "The calculate question '{name}' has no formula. Fill the 'calculation' column, e.g. ${{a}} + ${{b}}.",
    },
    "form.name_missing": {
        "id": "Pertanyaan atau grup tanpa nama. Isi kolom 'name' dengan nama unik (huruf, angka, garis bawah).",
        "en": "A question or group without a name. Fill the 'name' column with a unique name (letters, digits, underscores).",
    },
    "form.type_missing": {
        "id": "Baris ini tidak punya tipe. Isi kolom 'type' (misalnya text, integer, select_one daftar) atau kosongkan barisnya.",
        "en": "This row has no type. Fill the 'type' column (e.g. text, integer, select_one list) or empty the row.",
    },
    "form.type_unknown": {
        "id": "Tipe pertanyaan '{type}' tidak dikenal. Gunakan tipe XLSForm seperti text, integer, decimal, date, select_one daftar, note, calculate.",
        "en": "Unknown question type '{type}'. Use an XLSForm type such as text, integer, decimal, date, select_one list, note, calculate.",
    },
    "form.type_unknown_case": {
        "id": "Tipe pertanyaan '{type}' tidak dikenal. Maksudnya '{suggestion}'? Tipe ditulis dengan huruf kecil.",
        "en": "Unknown question type '{type}'. Did you mean '{suggestion}'? Types are written in lower case.",
    },
    "form.header_duplicate": {
        "id": "Judul kolom '{header}' muncul dua kali. Hapus atau ganti nama salah satunya.",
        "en": "The column header '{header}' appears twice. Remove or rename one of them.",
    },
    "form.header_alias_conflict": {
        "id": "Kolom '{other}' dan '{header}' berarti kolom yang sama. Hapus atau ganti nama salah satunya.",
        "en": "The columns '{other}' and '{header}' mean the same column. Remove or rename one of them.",
    },
    "form.label_missing": {
        "id": "Pertanyaan '{name}' tidak punya label maupun petunjuk. Isi kolom label (atau label::Bahasa (kode)).",
        "en": "The question '{name}' has no label and no hint. Fill the label column (or label::Language (code)).",
    },
    "form.include_unsupported": {
        "id": "Tipe 'include' (menyisipkan formulir lain) tidak didukung. Salin pertanyaan-pertanyaannya ke formulir ini.",
        "en": "The 'include' type (pulling in another form) is not supported. Copy its questions into this form.",
    },
    "form.begin_unmatched": {
        "id": "'begin {kind}' untuk '{name}' tidak punya 'end {kind}'. Tambahkan baris 'end {kind}' setelah pertanyaan terakhirnya.",
        "en": "'begin {kind}' of '{name}' has no matching 'end {kind}'. Add an 'end {kind}' row after its last question.",
    },
    "form.end_unmatched": {
        "id": "'end {kind}' tanpa 'begin {kind}' sebelumnya. Hapus baris ini atau tambahkan 'begin {kind}'.",
        "en": "'end {kind}' without a 'begin {kind}' before it. Remove this row or add the 'begin {kind}'.",
    },
    # Our own checks.
    "form.list_unknown": {
        "id": "Daftar pilihan '{list}' tidak ada di lembar 'choices'. Tambahkan baris dengan list_name '{list}' atau perbaiki ejaannya.",
        "en": "The choice list '{list}' is not on the 'choices' sheet. Add rows with list_name '{list}' or fix the spelling.",
    },
    "form.name_duplicate": {
        "id": "Nama '{name}' sudah dipakai di baris {first_row}. Setiap pertanyaan, grup dan repeat perlu nama yang unik di seluruh formulir.",
        "en": "The name '{name}' is already used on row {first_row}. Every question, group and repeat needs a name unique in the whole form.",
    },
    "form.expression_invalid": {
        "id": "{detail}",
        "en": "{detail}",
    },
    "form.reference_unknown": {
        "id": "${{{name}}} merujuk ke pertanyaan yang tidak ada. Periksa ejaan nama di kolom 'name'.",
        "en": "${{{name}}} refers to a question that does not exist. Check the spelling against the 'name' column.",
    },
    "form.dependency_cycle": {
        "id": "Pertanyaan-pertanyaan ini saling bergantung melingkar: {path}. Putuskan lingkarannya: relevant, calculation, default, read_only dan repeat_count tidak boleh bergantung (langsung atau lewat yang lain) pada dirinya sendiri.",
        "en": "These questions depend on each other in a circle: {path}. Break the circle: a relevant, calculation, default, read_only or repeat_count may not depend on itself, directly or through others.",
    },
    "form.entity_unknown": {
        "id": "Entitas '{entity}' tidak dikenal. Gunakan salah satu dari: {allowed}.",
        "en": "Unknown entity '{entity}'. Use one of: {allowed}.",
    },
    "form.entity_multiple": {
        "id": "Formulir Pulih hanya boleh menulis satu entitas. Sisakan satu baris di lembar 'entities'.",
        "en": "A Pulih form writes one entity only. Keep one row on the 'entities' sheet.",
    },
    "form.entity_conflict": {
        "id": "Settings menyebut entitas '{settings_entity}' tetapi lembar 'entities' menyebut '{sheet_entity}'. Samakan keduanya atau hapus salah satu.",
        "en": "The settings name the entity '{settings_entity}' but the 'entities' sheet names '{sheet_entity}'. Make them agree or remove one.",
    },
    "form.save_to_without_entity": {
        "id": "save_to '{property}' memerlukan entitas. Tambahkan kolom 'entity' di settings (misalnya participant) atau lembar 'entities'.",
        "en": "save_to '{property}' needs an entity. Add an 'entity' column to the settings (e.g. participant) or an 'entities' sheet.",
    },
    "form.save_to_unknown": {
        "id": "Entitas '{entity}' tidak punya properti '{property}'. Properti yang boleh: {allowed}.",
        "en": "The entity '{entity}' has no property '{property}'. Allowed properties: {allowed}.",
    },
    "form.save_to_duplicate": {
        "id": "Properti '{property}' sudah diisi oleh baris {first_row}. Setiap properti hanya boleh diisi oleh satu pertanyaan.",
        "en": "The property '{property}' is already written by row {first_row}. Each property may be written by one question only.",
    },
    "form.save_to_container": {
        "id": "save_to '{property}' tidak bisa dipakai pada grup, repeat, atau pertanyaan di dalam repeat. Pindahkan ke pertanyaan di luar repeat.",
        "en": "save_to '{property}' cannot be used on a group, a repeat or a question inside a repeat. Move it to a question outside repeats.",
    },
    # Notices: told to the admin, the form still loads.
    "form.notice.unsupported_type": {
        "id": "Pertanyaan '{name}' bertipe '{type}', yang tidak ditampilkan Pulih; ia muncul sebagai pemberitahuan dan tidak menyimpan apa pun.",
        "en": "The question '{name}' has the type '{type}', which Pulih does not show; it appears as a notice and stores nothing.",
    },
    "form.notice.metadata": {
        "id": "'{name}' ({type}) adalah metadata perangkat: Pulih sendiri mencatat waktu mulai dan simpan serta pengisinya, dan tidak menampilkan pertanyaan ini.",
        "en": "'{name}' ({type}) is device metadata: Pulih records the start and save times and the submitter itself and does not show this question.",
    },
    "form.notice.expression_unsupported": {
        "id": "{detail} Pulih tidak dapat menghitungnya, jadi pertanyaan '{name}' ditandai tidak didukung dan tidak menyimpan apa pun; tulis ulang dengan fungsi yang dikenal Pulih untuk memakainya.",
        "en": "{detail} Pulih cannot evaluate it, so the question '{name}' is marked not supported and stores nothing; rewrite it with functions Pulih knows to use it.",
    },
    "form.notice.entity_foreign": {
        "id": "Daftar entitas '{entity}' bukan entitas Pulih (participant, enrollment, session, handover): kiriman disimpan, tidak ada data lain yang ditulis dan save_to diabaikan.",
        "en": "The entity list '{entity}' is not a Pulih entity (participant, enrollment, session, handover): submissions are stored, nothing else is written and save_to is ignored.",
    },
    # Publishing.
    "form.not_found": {
        "id": "Formulir '{form_id}' tidak ditemukan. Periksa form_id di daftar formulir.",
        "en": "There is no form '{form_id}'. Check the form_id in the list of forms.",
    },
    "form.version_not_found": {
        "id": "Formulir '{form_id}' tidak punya versi {number}.",
        "en": "The form '{form_id}' has no version {number}.",
    },
    # Command line.
    "form.cli.ok": {"id": "{form_id}: definisi valid", "en": "{form_id}: the definition is valid"},
    "form.cli.summary": {
        "id": "judul: {title}\nversi: {version}\nbahasa: {languages}\nentitas: {entity}\npertanyaan: {questions}",
        "en": "title: {title}\nversion: {version}\nlanguages: {languages}\nentity: {entity}\nquestions: {questions}",
    },
    "form.cli.unsupported": {
        "id": "tidak ditampilkan oleh Pulih ({count}): {fields}",
        "en": "not rendered by Pulih ({count}): {fields}",
    },
    "form.cli.problems": {
        "id": "{file}: {count} masalah; perbaiki lalu periksa lagi:",
        "en": "{file}: {count} problem(s); fix them and check again:",
    },
    "form.cli.answers_unreadable": {
        "id": "Jawaban di {file} tidak dapat dibaca: {detail}. Berikan objek JSON nama_pertanyaan: nilai.",
        "en": "The answers in {file} could not be read: {detail}. Give a JSON object of question_name: value.",
    },
    "form.cli.validator_missing": {
        "id": "Validasi jawaban belum tersedia di instalasi ini (pulih.forms.validate).",
        "en": "Answer validation is not available in this installation (pulih.forms.validate).",
    },
    "form.cli.published": {
        "id": "{form_id} diterbitkan sebagai versi {number}",
        "en": "{form_id} published as version {number}",
    },
}
