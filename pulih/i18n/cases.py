"""Messages of the cases area: {key: {"id": Bahasa Indonesia, "en": English}}.

``cases.field.*`` are field labels: services pass them as ``{field}`` and they are translated
with the message. ``nik.*`` are the problems ``pulih.nik.check_nik`` reports.
"""

_FIELDS = {
    "code": ("Kode", "Code"), "name": ("Nama", "Name"), "skill": ("Keterampilan", "Skill"),
    "target_group": ("Kelompok sasaran", "Target group"), "description": ("Keterangan", "Description"),
    "funding_source_id": ("Sumber dana", "Funding source"),
    "min_attendance_pct": ("Kehadiran minimal (%)", "Minimum attendance (%)"),
    "min_post_score": ("Nilai post-test minimal", "Minimum post-test score"),
    "followup_months": ("Bulan tindak lanjut", "Follow-up months"), "partner": ("Mitra", "Partner"),
    "venue": ("Tempat", "Venue"), "start_date": ("Tanggal mulai", "Start date"),
    "end_date": ("Tanggal selesai", "End date"), "capacity": ("Kapasitas", "Capacity"),
    "instructors": ("Instruktur", "Instructors"), "kit_id": ("Paket alat", "Kit"),
    "date": ("Tanggal", "Date"), "module": ("Modul", "Module"), "kind": ("Jenis sesi", "Session type"),
    "title": ("Judul", "Title"), "nik": ("NIK", "NIK"), "full_name": ("Nama lengkap", "Full name"),
    "sex": ("Jenis kelamin", "Sex"), "birth_place": ("Tempat lahir", "Place of birth"),
    "birth_date": ("Tanggal lahir", "Date of birth"), "phone": ("Nomor telepon", "Phone number"),
    "address": ("Alamat", "Address"), "district": ("Kecamatan", "District"),
    "regency": ("Kabupaten/kota", "Regency/city"), "education": ("Pendidikan", "Education"),
    "referral_source": ("Sumber rujukan", "Referred by"), "case_number": ("Nomor perkara", "Case number"),
    "offence": ("Tindak pidana", "Offence"), "release_date": ("Tanggal bebas", "Release date"),
    "dropout_reason": ("Alasan keluar", "Reason for dropping out"),
    "dropped_on": ("Tanggal keluar", "Date of dropping out"), "graduated_on": ("Tanggal lulus", "Graduation date"),
    "program": ("Program", "Program"), "cohort": ("Angkatan", "Cohort"), "session": ("Sesi", "Session"),
    "participant": ("Peserta", "Participant"), "enrollment": ("Pendaftaran", "Enrollment"),
    "followup": ("Tindak lanjut", "Follow-up"), "submission": ("Isian formulir", "Form submission"),
}

_LABELS = {
    "cases.status.registered": ("Terdaftar", "Registered"), "cases.status.active": ("Aktif", "Active"),
    "cases.status.graduated": ("Lulus", "Graduated"), "cases.status.dropped_out": ("Keluar", "Dropped out"),
    "cases.attendance.present": ("Hadir", "Present"), "cases.attendance.absent": ("Tidak hadir", "Absent"),
    "cases.attendance.excused": ("Izin", "Excused"),
    "cases.kind.theory": ("teori", "theory"), "cases.kind.practice": ("praktik", "practice"),
    "cases.duplicate_reason.same_nik": ("NIK sama", "Same NIK"),
    "cases.duplicate_reason.similar_name_same_birth_date": (
        "Nama mirip, tanggal lahir sama", "Similar name, same date of birth"),
    "cases.followup_status.due": ("terbuka", "open"), "cases.followup_status.done": ("selesai", "done"),
    "cases.followup_status.missed": ("terlewat", "missed"),
    "cases.followup_state.due_soon": ("Segera jatuh tempo", "Due soon"),
    "cases.followup_state.due": ("Jatuh tempo hari ini", "Due today"),
    "cases.followup_state.overdue": ("Terlambat", "Overdue"),
}

_MESSAGES = {
    # generic input problems
    "cases.invalid": ("Mohon perbaiki isian berikut:", "Please correct the following:"),
    "cases.required": ("{field} wajib diisi.", "{field} is required."),
    "cases.too_long": ("{field} terlalu panjang (paling banyak {max} karakter).",
                       "{field} is too long (at most {max} characters)."),
    "cases.bad_date": ("{field}: '{value}' bukan tanggal (gunakan TTTT-BB-HH).",
                       "{field}: '{value}' is not a date (use YYYY-MM-DD)."),
    "cases.bad_number": ("{field}: '{value}' bukan angka yang sah.", "{field}: '{value}' is not a valid number."),
    "cases.out_of_range": ("{field} harus antara {low} dan {high}.", "{field} must be between {low} and {high}."),
    "cases.unknown_choice": ("{field}: pilihan '{value}' tidak ada. Pilih dari daftar.",
                             "{field}: there is no '{value}'. Pick one from the list."),
    "cases.not_found": ("{field} nomor {id} tidak ditemukan; mungkin sudah dihapus. Muat ulang halaman.",
                        "{field} number {id} was not found; it may have been removed. Reload the page."),
    "cases.date_in_future": ("{field} tidak boleh di masa depan.", "{field} cannot be in the future."),
    "cases.code_taken": ("{field} '{code}' sudah dipakai. Pilih kode lain.",
                         "{field} '{code}' is already in use. Choose another code."),
    # programs, cohorts, sessions
    "cases.bad_followup_months": ("{field}: isi bulan antara 1 dan 120, misalnya 3, 6.",
                                  "{field}: give months between 1 and 120, for example 3, 6."),
    "cases.end_before_start": ("{field} tidak boleh sebelum tanggal mulai.",
                               "{field} cannot be before the start date."),
    "cases.capacity_below_enrolled": ("{field} tidak boleh kurang dari {taken} peserta yang sudah terdaftar.",
                                      "{field} cannot be less than the {taken} participants already enrolled."),
    "cases.sessions_outside_dates": ("{field}: {count} sesi akan berada di luar tanggal angkatan. Pindahkan atau "
                                     "hapus sesi itu dulu.", "{field}: {count} sessions would fall outside the "
                                     "cohort's dates. Move or delete those sessions first."),
    "cases.bad_session_kind": ("{field}: '{value}' tidak dikenal; pilih teori atau praktik.",
                               "{field}: '{value}' is unknown; choose theory or practice."),
    "cases.session_outside_cohort": ("{field} harus di antara {start} dan {end} (tanggal angkatan).",
                                     "{field} must be between {start} and {end} (the cohort's dates)."),
    "cases.session_has_attendance": ("Sesi {date} sudah memiliki data kehadiran dan tidak dapat dihapus.",
                                     "The session of {date} has attendance recorded and cannot be deleted."),
    # participants
    "cases.consent_required": ("Persetujuan (informed consent) peserta wajib ada sebelum data disimpan. "
                               "Tidak ada yang disimpan.", "The participant's informed consent is required "
                               "before anything is stored. Nothing was saved."),
    "cases.bad_sex": ("{field}: '{value}' tidak dikenal; pilih laki-laki (L) atau perempuan (P).",
                      "{field}: '{value}' is unknown; choose male (M) or female (F)."),
    "cases.duplicate_nik": ("NIK ini sudah terdaftar (peserta nomor {existing_id}). Buka data yang ada, atau minta "
                            "manajer menyimpan dengan alasan.", "This NIK is already registered (participant "
                            "number {existing_id}). Open the existing record, or ask a manager to save it with "
                            "a reason."),
    "cases.override_reason_required": ("NIK ini sudah terdaftar (peserta nomor {existing_id}); tuliskan alasan "
                                       "untuk tetap menyimpan.", "This NIK is already registered (participant "
                                       "number {existing_id}); give a reason to save it anyway."),
    # enrollment
    "cases.already_enrolled": ("Peserta sudah terdaftar di angkatan {cohort}.",
                               "The participant is already enrolled in cohort {cohort}."),
    "cases.cohort_full": ("Angkatan {cohort} sudah penuh ({capacity} kursi).",
                          "Cohort {cohort} is full ({capacity} seats)."),
    "cases.cohort_ended": ("Angkatan {cohort} sudah berakhir pada {end}.", "Cohort {cohort} ended on {end}."),
    "cases.illegal_transition": ("Status tidak dapat diubah dari {current} menjadi {target}.",
                                 "The status cannot change from {current} to {target}."),
    "cases.date_before_enrollment": ("{field} tidak boleh sebelum tanggal pendaftaran ({enrolled_on}).",
                                     "{field} cannot be before the enrollment date ({enrolled_on})."),
    "cases.not_ready": ("Peserta belum memenuhi kriteria kelulusan; tuliskan alasan untuk tetap meluluskan.",
                        "The participant does not meet the graduation criteria; give a reason to graduate anyway."),
    # attendance
    "cases.attendance_future_session": ("Sesi tanggal {date} belum berlangsung; kehadiran belum dapat dicatat.",
                                        "The session of {date} has not taken place; attendance cannot be "
                                        "recorded yet."),
    "cases.attendance_not_in_cohort": ("Baris {row}: pendaftaran {enrollment_id} bukan bagian dari angkatan sesi ini.",
                                       "Row {row}: enrollment {enrollment_id} is not part of this session's cohort."),
    "cases.attendance_repeated_row": ("Baris {row}: pendaftaran {enrollment_id} muncul dua kali.",
                                      "Row {row}: enrollment {enrollment_id} appears twice."),
    "cases.bad_attendance_status": ("Baris {row}: status '{value}' tidak dikenal; pilih hadir, tidak hadir atau izin.",
                                    "Row {row}: status '{value}' is unknown; choose present, absent or excused."),
    "cases.attendance_note_too_long": ("Baris {row}: catatan terlalu panjang (paling banyak {max} karakter).",
                                       "Row {row}: the note is too long (at most {max} characters)."),
    # readiness
    "cases.readiness.no_attendance": ("Belum ada kehadiran yang tercatat.", "No attendance recorded yet."),
    "cases.readiness.attendance_low": ("Kehadiran {pct}% di bawah minimal {min}%.",
                                       "Attendance {pct}% is below the minimum of {min}%."),
    "cases.readiness.no_post_test": ("Belum ada post-test.", "No post-test yet."),
    "cases.readiness.post_score_low": ("Nilai post-test {score} di bawah minimal {min}.",
                                       "Post-test score {score} is below the minimum of {min}."),
    # follow-ups
    "cases.followup_needs_graduation": ("Tindak lanjut hanya dijadwalkan untuk peserta yang sudah lulus.",
                                        "Follow-ups are only scheduled for graduated participants."),
    "cases.followup_already_done": ("Tindak lanjut ini sudah selesai pada {completed_on}.",
                                    "This follow-up was already completed on {completed_on}."),
    "cases.followup_wrong_submission": ("Isian formulir {submission_id} bukan milik pendaftaran peserta ini.",
                                        "Form submission {submission_id} does not belong to this participant's "
                                        "enrollment."),
    "cases.followup_not_open": ("Tindak lanjut ini sudah {status}, tidak lagi terbuka.",
                                "This follow-up is already {status}, no longer open."),
    "cases.followup_not_yet_due": ("Tindak lanjut ini baru jatuh tempo pada {due_date}.",
                                   "This follow-up is not due until {due_date}."),
    # timeline
    "cases.timeline.registered": ("Terdaftar sebagai peserta", "Registered as a participant"),
    "cases.timeline.attendance": ("{module} ({kind}): {status}", "{module} ({kind}): {status}"),
    "cases.timeline.handover": ("Serah terima {kit}, berita acara {receipt}", "Handover of {kit}, receipt {receipt}"),
    "cases.timeline.followup_due": ("Tindak lanjut {months} bulan jatuh tempo", "{months}-month follow-up due"),
    "cases.timeline.followup_done": ("Tindak lanjut {months} bulan selesai", "{months}-month follow-up done"),
    "cases.timeline.followup_missed": ("Tindak lanjut {months} bulan terlewat", "{months}-month follow-up missed"),
    "cases.timeline.status": ("Angkatan {cohort}: {status}", "Cohort {cohort}: {status}"),
    # NIK
    "nik.not_16_digits": ("NIK harus 16 angka (sekarang {length}).", "The NIK must be 16 digits (now {length})."),
    "nik.bad_province": ("NIK: kode provinsi '{code}' (angka 1–2) tidak ada.",
                         "NIK: province code '{code}' (digits 1–2) does not exist."),
    "nik.bad_regency": ("NIK: kode kabupaten/kota (angka 3–4) tidak boleh 00.",
                        "NIK: the regency code (digits 3–4) cannot be 00."),
    "nik.bad_district": ("NIK: kode kecamatan (angka 5–6) tidak boleh 00.",
                         "NIK: the district code (digits 5–6) cannot be 00."),
    "nik.bad_birth_date": ("NIK: angka 7–12 ({digits}) bukan tanggal lahir HHBBTT (perempuan: hari + 40).",
                           "NIK: digits 7–12 ({digits}) are not a birth date DDMMYY (women: day + 40)."),
    "nik.birth_date_mismatch": ("NIK: tanggal lahir di NIK ({nik_date}) berbeda dengan tanggal lahir {birth_date}.",
                                "NIK: the birth date in the NIK ({nik_date}) differs from the date of birth "
                                "{birth_date}."),
    "nik.sex_mismatch": ("NIK: angka 7–8 ({day}) tidak sesuai jenis kelamin (perempuan: tanggal lahir + 40).",
                         "NIK: digits 7–8 ({day}) do not agree with the sex (women: birth day + 40)."),
    "nik.zero_serial": ("NIK: nomor urut (angka 13–16) tidak boleh 0000.",
                        "NIK: the serial number (digits 13–16) cannot be 0000."),
}

MESSAGES: dict[str, dict[str, str]] = {
    **{f"cases.field.{k}": {"id": i, "en": e} for k, (i, e) in _FIELDS.items()},
    **{k: {"id": i, "en": e} for k, (i, e) in {**_LABELS, **_MESSAGES}.items()},
}
