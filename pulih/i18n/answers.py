"""Messages about expressions (``expr.*``) and answers (``answer.*``): {key: {"id": ..., "en": ...}}.

Every ``expr.*`` message has ``{text}``, the expression (shortened when long).
"""

MESSAGES: dict[str, dict[str, str]] = {
    # expressions: parsing
    "expr.empty": {
        "id": "Ekspresi kosong. Tulis sebuah ekspresi, misalnya ${{umur}} >= 18.",
        "en": "The expression is empty. Write an expression, for example ${{age}} >= 18.",
    },
    "expr.too_long": {
        "id": "Ekspresi \"{text}\" lebih panjang dari {limit} karakter. Pecah menjadi beberapa kolom calculate.",
        "en": "The expression \"{text}\" is longer than {limit} characters. Split it into several calculate fields.",
    },
    "expr.too_deep": {
        "id": "Ekspresi \"{text}\" bersarang lebih dari {limit} tingkat kurung. Sederhanakan, atau pecah "
              "menjadi beberapa kolom calculate.",
        "en": "The expression \"{text}\" nests more than {limit} levels of brackets. Simplify it or split "
              "it into several calculate fields.",
    },
    "expr.incomplete": {
        "id": "Ekspresi \"{text}\" berhenti terlalu cepat (kolom {column}): ada operand, argumen atau kurung "
              "tutup yang kurang.",
        "en": "The expression \"{text}\" ends too early (column {column}): an operand, argument or closing "
              "bracket is missing.",
    },
    "expr.bad_character": {
        "id": "Ekspresi \"{text}\": karakter \"{token}\" tidak dikenal pada kolom {column}. Periksa tanda kutip "
              "dan tulis rujukan sebagai ${{nama}}.",
        "en": "The expression \"{text}\": unexpected character \"{token}\" at column {column}. Check the quotes "
              "and write references as ${{name}}.",
    },
    "expr.unclosed_quote": {
        "id": "Ekspresi \"{text}\": tanda kutip {token} pada kolom {column} tidak ditutup. Tutup teksnya dengan "
              "tanda kutip yang sama.",
        "en": "The expression \"{text}\": the quote {token} at column {column} is never closed. End the text "
              "with the same quote.",
    },
    "expr.unexpected": {
        "id": "Ekspresi \"{text}\": \"{token}\" tidak diharapkan pada kolom {column}. Periksa operator, koma "
              "dan kurung di sekitarnya.",
        "en": "The expression \"{text}\": \"{token}\" is not expected at column {column}. Check the operators, "
              "commas and brackets around it.",
    },
    "expr.syntax": {
        "id": "Ekspresi \"{text}\" tidak dapat dibaca (kolom {column}). Periksa penulisannya.",
        "en": "The expression \"{text}\" cannot be read (column {column}). Check how it is written.",
    },
    "expr.parent_path": {
        "id": "Ekspresi \"{text}\": \"..\" hanya boleh dipakai sebagai position(..). Rujuk pertanyaan lain "
              "dengan ${{nama}}.",
        "en": "The expression \"{text}\": \"..\" may only be used as position(..). Refer to other questions "
              "with ${{name}}.",
    },
    "expr.path": {
        "id": "Ekspresi \"{text}\": jalur XPath (dengan \"/\", kolom {column}) tidak didukung. Rujuk pertanyaan "
              "dengan ${{nama}}.",
        "en": "The expression \"{text}\": XPath paths (with \"/\", column {column}) are not supported. Refer to "
              "questions with ${{name}}.",
    },
    "expr.unknown_function": {
        "id": "Ekspresi \"{text}\": fungsi {name}() tidak dikenal. Periksa ejaannya.",
        "en": "The expression \"{text}\": the function {name}() is not known. Check its spelling.",
    },
    "expr.arity": {
        "id": "Ekspresi \"{text}\": {name}() menerima {expected} argumen, tetapi diberi {given}.",
        "en": "The expression \"{text}\": {name}() takes {expected} argument(s) but was given {given}.",
    },
    "expr.regex_rejected": {
        "id": "Ekspresi \"{text}\": pola regex \"{pattern}\" tidak diterima ({reason}). Gunakan pola yang "
              "lebih sederhana.",
        "en": "The expression \"{text}\": the regex pattern \"{pattern}\" is not accepted ({reason}). Use a "
              "simpler pattern.",
    },
    # expressions: evaluation
    "expr.no_position": {
        "id": "Ekspresi \"{text}\": position(..) hanya berlaku di dalam sebuah repeat.",
        "en": "The expression \"{text}\": position(..) only works inside a repeat.",
    },
    "expr.result_too_long": {
        "id": "Ekspresi \"{text}\" menghasilkan teks lebih panjang dari {limit} karakter.",
        "en": "The expression \"{text}\" produces text longer than {limit} characters.",
    },
    "expr.failed": {
        "id": "Ekspresi \"{text}\" tidak dapat dihitung ({detail}).",
        "en": "The expression \"{text}\" could not be evaluated ({detail}).",
    },
    # answers
    "answer.required": {
        "id": "Pertanyaan ini wajib dijawab.",
        "en": "This question is required.",
    },
    "answer.constraint_failed": {
        "id": "Jawaban ini tidak memenuhi syarat pertanyaan. Periksa lalu perbaiki.",
        "en": "This answer does not meet the question's condition. Check it and correct it.",
    },
    "answer.not_object": {
        "id": "Jawaban harus berupa objek JSON: nama pertanyaan beserta jawabannya.",
        "en": "The answers must be a JSON object of question names and their answers.",
    },
    "answer.not_text": {
        "id": "\"{value}\" bukan teks. Tulis jawabannya sebagai teks.",
        "en": "\"{value}\" is not text. Give the answer as text.",
    },
    "answer.too_long": {
        "id": "Jawaban lebih panjang dari {limit} karakter. Persingkat.",
        "en": "The answer is longer than {limit} characters. Shorten it.",
    },
    "answer.not_integer": {
        "id": "\"{value}\" bukan bilangan bulat. Tulis angka saja tanpa titik atau koma, misalnya 12.",
        "en": "\"{value}\" is not a whole number. Write digits only, without points or commas, for example 12.",
    },
    "answer.integer_too_large": {
        "id": "\"{value}\" terlalu besar; bilangan bulat paling besar {limit}.",
        "en": "\"{value}\" is too large; a whole number can be at most {limit}.",
    },
    "answer.not_decimal": {
        "id": "\"{value}\" bukan angka. Tulis angka, misalnya 12 atau 12.5.",
        "en": "\"{value}\" is not a number. Write a number, for example 12 or 12.5.",
    },
    "answer.not_date": {
        "id": "\"{value}\" bukan tanggal. Tulis sebagai TTTT-BB-HH, misalnya 2025-05-01.",
        "en": "\"{value}\" is not a date. Write it as YYYY-MM-DD, for example 2025-05-01.",
    },
    "answer.not_time": {
        "id": "\"{value}\" bukan jam. Tulis sebagai JJ:MM, misalnya 14:30.",
        "en": "\"{value}\" is not a time. Write it as HH:MM, for example 14:30.",
    },
    "answer.not_datetime": {
        "id": "\"{value}\" bukan tanggal dan jam. Tulis sebagai TTTT-BB-HHTJJ:MM, misalnya 2025-05-01T14:30.",
        "en": "\"{value}\" is not a date and time. Write it as YYYY-MM-DDTHH:MM, for example 2025-05-01T14:30.",
    },
    "answer.not_choice": {
        "id": "\"{value}\" bukan nama pilihan. Berikan nama pilihan dari daftar pilihan.",
        "en": "\"{value}\" is not a choice name. Give the name of a choice from the choice list.",
    },
    "answer.one_choice_only": {
        "id": "\"{value}\": pertanyaan ini hanya menerima satu pilihan.",
        "en": "\"{value}\": this question takes only one choice.",
    },
    "answer.not_in_choices": {
        "id": "\"{value}\" tidak ada di antara pilihan pertanyaan ini. Pilih salah satu dari: {choices}.",
        "en": "\"{value}\" is not among this question's choices. Choose from: {choices}.",
    },
    "answer.too_few_selected": {
        "id": "Pilih paling sedikit {min} pilihan.",
        "en": "Choose at least {min} options.",
    },
    "answer.too_many_selected": {
        "id": "Pilih paling banyak {max} pilihan.",
        "en": "Choose at most {max} options.",
    },
    "answer.not_acknowledged": {
        "id": "\"{value}\" tidak dapat dipakai sebagai persetujuan. Jawab OK, atau kosongkan.",
        "en": "\"{value}\" cannot acknowledge. Answer OK, or leave it empty.",
    },
    "answer.out_of_range": {
        "id": "{value} di luar rentang {start} sampai {end}.",
        "en": "{value} is outside the range {start} to {end}.",
    },
    "answer.off_step": {
        "id": "{value} tidak sesuai langkah {step} mulai dari {start}. Pilih nilai pada skala.",
        "en": "{value} is not on the scale: steps of {step} from {start}. Choose a value on the scale.",
    },
    "answer.not_file": {
        "id": "\"{value}\" bukan berkas yang diunggah. Unggah berkasnya.",
        "en": "\"{value}\" is not an uploaded file. Upload the file.",
    },
    "answer.not_rows": {
        "id": "Baris-baris pengulangan ini harus berupa daftar objek, satu objek per baris.",
        "en": "The rows of this repeat must be a list of objects, one object per row.",
    },
    "answer.not_row": {
        "id": "Baris ini harus berupa objek JSON berisi nama pertanyaan beserta jawabannya.",
        "en": "This row must be a JSON object of question names and their answers.",
    },
    "answer.too_many_rows": {
        "id": "Terlalu banyak baris; paling banyak {limit} baris per pengulangan.",
        "en": "Too many rows; a repeat can have at most {limit} rows.",
    },
}
