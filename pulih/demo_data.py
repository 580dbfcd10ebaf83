"""The facts of the demo: the Banten program of 2025 (from the seed news text) and what a few more
cohorts need to give the dashboards shape. Synthetic people; real institutions."""

from __future__ import annotations

from decimal import Decimal

USERS = (
    ("admin", "Rina Kartika (Admin Data)", "admin"),
    ("manager", "H. Zainal Abidin", "manager"),
    ("staff", "Dewi Lestari (Pekerja Sosial)", "staff"),
    ("viewer", "Mitra / Tamu Demo", "viewer"),
)

PARTNERS = (
    ("Bapas Kelas II Ciangir", "probation_office", "referral"),
    ("UPTD Latihan Kerja Disnakertrans Provinsi Banten", "training_centre", "training"),
)

PROGRAM = {
    "code": "BKEWB-2025",
    "name": "Bimbingan Keterampilan Eks Warga Binaan 2025",
    "skill": "Mekanik sepeda motor",
    "target_group": "Eks warga binaan pemasyarakatan (klien Bapas Kelas II Ciangir)",
    "description": (
        "Bimbingan keterampilan mekanik sepeda motor bagi klien Bapas Kelas II Ciangir di UPTD Latihan Kerja "
        "Disnakertrans Provinsi Banten: teori dan praktik (perawatan mesin, identifikasi kerusakan, penggunaan alat "
        "kerja, simulasi perbaikan), dengan paket peralatan montir sebagai modal usaha bengkel. Dibiayai APBD 2025."
    ),
}
VENUE = "UPTD Latihan Kerja Disnakertrans Provinsi Banten, Serang"
INSTRUCTORS = "Instruktur otomotif UPTD Latihan Kerja (2 orang)"

# (code module, Indonesian name) — the four modules of the seed.
MODULES = (
    ("engine", "Perawatan mesin"),
    ("diagnosis", "Identifikasi kerusakan"),
    ("tools", "Penggunaan alat kerja"),
    ("repair", "Simulasi perbaikan"),
)

# Motorcycle mechanic's toolkit: code, name, unit, unit cost (rupiah).
ITEMS = (
    ("KNC-KOMB", "Kunci kombinasi set 8–24 mm", "set", 450_000, False),
    ("KNC-SOK", "Kunci sok set 1/2\"", "set", 650_000, False),
    ("OBG-SET", "Obeng set", "set", 150_000, False),
    ("TNG-SET", "Tang set (kombinasi, lancip, potong)", "set", 200_000, False),
    ("KNC-BUSI", "Kunci busi", "pcs", 50_000, False),
    ("MULTI", "Multimeter digital", "unit", 250_000, True),
    ("KOMP", "Kompresor angin mini", "unit", 1_500_000, True),
    ("KNC-MOM", "Kunci momen (torque wrench)", "unit", 600_000, True),
    ("TREKER", "Treker / puller magnet", "pcs", 150_000, False),
    ("TOOLBOX", "Kotak perkakas", "unit", 250_000, False),
)
KIT_CODE, KIT_NAME = "MTR-TOOLKIT", "Paket peralatan montir sepeda motor"

FUNDING = ("APBD-BANTEN", "APBD Provinsi Banten")

# Budget lines per year: account code, name, share of the year's cohorts' needs.
BUDGET_LINES = (
    ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Instruktur Pelatihan", Decimal("36000000")),
    ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Kegiatan", Decimal("30000000")),
    ("5.1.02.01.01.0024", "Belanja Bahan Praktik Pelatihan", Decimal("18000000")),
    ("5.1.02.02.01.0063", "Belanja Uang Transport Peserta", Decimal("21600000")),
    ("5.1.02.05.01.0001", "Belanja Barang untuk Diserahkan kepada Masyarakat (peralatan montir)", Decimal("110500000")),
)

# Synthetic participants: plausibly Indonesian names (Banten / Sundanese / Javanese).
MALE_NAMES = (
    "Ahmad Fauzi", "Dedi Supriadi", "Rizki Ramadhan", "Agus Salim", "Budi Santoso", "Hendra Gunawan",
    "Iwan Setiawan", "Joko Prasetyo", "Muhammad Ridwan", "Asep Saepudin", "Ujang Hermawan", "Yusuf Maulana",
    "Dani Firmansyah", "Eko Saputra", "Fajar Nugroho", "Ilham Hidayat", "Irfan Maulidi", "Rudi Hartono",
    "Slamet Riyadi", "Teguh Wibowo", "Wahyu Kurniawan", "Yogi Pratama", "Andi Suryadi", "Bayu Aji",
    "Cecep Sunarya", "Deni Ruhiyat", "Encep Jaelani", "Furqon Hakim", "Gilang Permana", "Hasan Basri",
    "Jajang Nurjaman", "Kurniadi", "Lukman Hakim", "Mamat Rahmat", "Nanang Kosim", "Oman Abdurrahman",
)
FEMALE_NAMES = ("Siti Aminah", "Nur Hasanah", "Euis Komariah", "Yanti Rohayati")

# Banten regencies in the NIK (regency code, name, a few districts).
REGENCIES = (
    (3, "Kabupaten Tangerang", ("Balaraja", "Cikupa", "Tigaraksa", "Pasar Kemis", "Curug", "Rajeg", "Teluknaga", "Kresek")),
    (71, "Kota Tangerang", ("Cipondoh", "Karawaci", "Periuk", "Neglasari")),
    (4, "Kabupaten Serang", ("Ciruas", "Kramatwatu", "Anyar")),
    (73, "Kota Serang", ("Serang", "Cipocok Jaya", "Taktakan")),
    (2, "Kabupaten Lebak", ("Rangkasbitung", "Maja")),
)
OFFENCES = (
    "Pencurian (Pasal 362 KUHP)", "Penggelapan (Pasal 372 KUHP)", "Penganiayaan (Pasal 351 KUHP)",
    "Narkotika – pengguna (Pasal 127 UU 35/2009)", "Pencurian dengan pemberatan (Pasal 363 KUHP)",
)
EDUCATION = ("sd", "smp", "smp", "sma", "sma", "sma")
WORK_TYPES = ("Bengkel sendiri", "Mekanik di bengkel orang lain", "Ojek daring", "Buruh harian", "Dagang")
