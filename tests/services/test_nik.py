"""The NIK check: format, province, birth date and sex encoding, agreement with the answers."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pulih.i18n import t
from pulih.nik import PROVINCES, NikProblem, check_nik, make_nik, normalise_nik, parse_nik

TODAY = dt.date(2025, 6, 1)
# A man born 7 May 1990 in Banten (36), regency 03 (Tangerang), district 12, serial 0001.
MAN = "3603120705900001"
WOMAN = "3603124705900002"  # the same date, day + 40


def keys(problems):
    return [p.key for p in problems]


def test_province_table__ok():
    assert len(PROVINCES) == 38
    assert PROVINCES["36"] == "Banten"
    expected = {*range(11, 20), 21, *range(31, 37), 51, 52, 53, *range(61, 66), *range(71, 77), 81, 82, *range(91, 97)}
    assert {int(code) for code in PROVINCES} == expected


def test_valid_man_and_woman__ok():
    assert check_nik(MAN, dt.date(1990, 5, 7), "M", today=TODAY) == []
    assert check_nik(WOMAN, dt.date(1990, 5, 7), "F", today=TODAY) == []


def test_spaces_and_dots_are_ignored__ok():
    assert normalise_nik("3603 1207.0590-0001") == MAN
    assert check_nik("3603 1207 0590 0001", today=TODAY) == []


@pytest.mark.parametrize("nik", ["", "123", "36031207059000011", "360312070590000A",
                                 "３６０３１２０７０５９０００01"])
def test_not_16_digits__error(nik):
    problems = check_nik(nik, today=TODAY)
    assert keys(problems) == ["nik.not_16_digits"]
    assert isinstance(problems[0], NikProblem) and problems[0].code == "not_16_digits"


def test_bad_province__error():
    problems = check_nik("2003120705900001", today=TODAY)
    assert keys(problems) == ["nik.bad_province"]
    assert "'20'" in problems[0].message("en") and "provinsi" in problems[0].message("id")


def test_zero_regency_district_serial__error():
    problems = check_nik("3600000705900000", today=TODAY)
    assert keys(problems) == ["nik.bad_regency", "nik.bad_district", "nik.zero_serial"]


@pytest.mark.parametrize("date_digits", ["320590", "001390", "000590", "720590", "310490", "290201"])
def test_impossible_birth_date__error(date_digits):
    assert keys(check_nik("360312" + date_digits + "0001", today=TODAY)) == ["nik.bad_birth_date"]


def test_birth_date_and_sex_mismatch__error():
    problems = check_nik(MAN, dt.date(1991, 5, 7), "F", today=TODAY)
    assert keys(problems) == ["nik.birth_date_mismatch", "nik.sex_mismatch"]
    assert "07-05-90" in problems[0].message("en") and "07-05-91" in problems[0].message("en")


def test_woman_entered_as_man__error():
    assert keys(check_nik(WOMAN, dt.date(1990, 5, 7), "M", today=TODAY)) == ["nik.sex_mismatch"]


def test_all_problems_reported_together__error():
    problems = check_nik("9903004705900000", dt.date(1980, 1, 1), "M", today=TODAY)
    assert keys(problems) == ["nik.bad_province", "nik.bad_district", "nik.birth_date_mismatch",
                              "nik.sex_mismatch", "nik.zero_serial"]


def test_messages_exist_in_both_languages__ok():
    for key in ["nik.not_16_digits", "nik.bad_province", "nik.bad_regency", "nik.bad_district", "nik.bad_birth_date",
                "nik.birth_date_mismatch", "nik.sex_mismatch", "nik.zero_serial"]:
        assert t(key, "id") != key and t(key, "en") != key and t(key, "id") != t(key, "en")


def test_parse__ok():
    info = parse_nik(WOMAN, today=TODAY)
    assert (info.province_code, info.province_name) == ("36", "Banten")
    assert (info.regency_code, info.district_code) == ("03", "12")
    assert (info.birth_date, info.sex, info.serial) == (dt.date(1990, 5, 7), "F", "0002")


def test_parse_century_is_most_recent_past__ok():
    assert parse_nik("3603120101250001", today=TODAY).birth_date == dt.date(2025, 1, 1)
    assert parse_nik("3603120107250001", today=TODAY).birth_date == dt.date(1925, 7, 1)  # 2025-07-01 is ahead
    assert parse_nik("3603120101000001", today=TODAY).birth_date == dt.date(2000, 1, 1)


def test_parse_invalid__error():
    with pytest.raises(NikProblem) as caught:
        parse_nik("1234", today=TODAY)
    assert caught.value.key == "nik.not_16_digits"


def test_make_nik__ok():
    assert make_nik(36, 3, 12, dt.date(1990, 5, 7), "M", 1) == MAN
    assert make_nik("36", 3, 12, dt.date(1990, 5, 7), "F", 2) == WOMAN


@pytest.mark.parametrize("args", [(20, 3, 12, "M", 1), (36, 0, 12, "M", 1), (36, 3, 100, "M", 1), (36, 3, 12, "X", 1),
                                  (36, 3, 12, "M", 0), (36, 3, 12, "M", 10000)])
def test_make_nik_impossible_parts__error(args):
    province, regency, district, sex, serial = args
    with pytest.raises(ValueError):
        make_nik(province, regency, district, dt.date(1990, 5, 7), sex, serial)


@given(
    province=st.sampled_from(sorted(PROVINCES)),
    regency=st.integers(1, 99),
    district=st.integers(1, 99),
    birth_date=st.dates(min_value=dt.date(1926, 6, 2), max_value=TODAY),
    sex=st.sampled_from(["M", "F"]),
    serial=st.integers(1, 9999),
)
def test_make_nik_passes_check_and_round_trips__ok(province, regency, district, birth_date, sex, serial):
    nik = make_nik(province, regency, district, birth_date, sex, serial)
    assert check_nik(nik, birth_date, sex, today=TODAY) == []
    info = parse_nik(nik, today=TODAY)
    assert (info.province_code, int(info.regency_code), int(info.district_code)) == (province, regency, district)
    assert (info.birth_date, info.sex, int(info.serial)) == (birth_date, sex, serial)
    assert info.province_name == PROVINCES[province]
