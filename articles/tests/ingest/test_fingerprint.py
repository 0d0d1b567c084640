"""The story fingerprint: stable values, wire copy under another dateline still matches, other stories do not."""

import subprocess
import sys

from articles.ingest import fingerprint as fp

STORY = (
    "Pemerintah kota menambah empat puluh bus listrik untuk rute pinggiran mulai pekan depan, kata kepala dinas "
    "perhubungan dalam jumpa pers di balai kota pada Senin pagi. Bus baru itu melayani tiga koridor yang selama ini "
    "hanya dilalui angkutan kecil, dengan tarif sama seperti koridor lain. Menurut dia, armada tambahan dibeli dari "
    "anggaran perubahan tahun ini dan dirawat oleh operator yang sudah menang lelang. Warga yang tinggal di ujung "
    "koridor selama ini harus berganti kendaraan dua kali untuk mencapai pusat kota. Dinas juga membangun dua puluh "
    "halte baru yang ramah bagi pengguna kursi roda dan lansia."
)
OTHER = (
    "Tim bulu tangkis putri lolos ke babak final setelah menang dua gim langsung atas unggulan kedua di gedung "
    "olahraga yang penuh penonton pada Sabtu malam. Pelatih kepala menyebut kemenangan itu buah latihan fisik yang "
    "berat selama tiga bulan terakhir di pusat pelatihan nasional. Di final, mereka akan menghadapi pemenang laga "
    "antara juara bertahan dan tim tuan rumah yang berlangsung Minggu siang. Para pemain mengaku belum puas dan "
    "ingin membawa pulang medali emas pertama bagi negara pada cabang ini sejak dua dasawarsa lalu."
)


def test_same_text_same_signature_in_another_process():
    here = fp.fingerprint(STORY)
    code = ("import sys; from articles.ingest.fingerprint import fingerprint; "
            "print(fingerprint(sys.stdin.read()).signature.hex())")
    there = subprocess.run([sys.executable, "-c", code], input=STORY, capture_output=True, text=True, check=True)
    assert there.stdout.strip() == here.signature.hex()
    assert len(here.bands) == fp.BANDS and len(here.signature) == fp.NUM_PERM * 4


def test_signature_values_are_fixed():
    """Stored fingerprints stay valid only while the hashing gives the same values (no Python hash(), no RNG)."""
    assert fp.fingerprint("satu dua tiga empat").signature[:8].hex() == "d4c6796cb87c014a"


def test_dateline_swap_still_matches():
    antara = fp.fingerprint("Jakarta (ANTARA) - " + STORY)
    kompas = fp.fingerprint("JAKARTA, KOMPAS.com - " + STORY)
    assert fp.resemblance(antara.signature, kompas.signature) == 1.0
    assert antara.bands == kompas.bands


def test_light_rewrite_matches_and_other_story_does_not():
    rewrite = STORY.replace("empat puluh", "40").replace("Senin pagi", "Senin") + " Proyek itu rampung Desember."
    assert fp.near_copies(fp.fingerprint(STORY).signature, fp.fingerprint(rewrite).signature)
    assert set(fp.fingerprint(STORY).bands) & set(fp.fingerprint(rewrite).bands)
    assert fp.resemblance(fp.fingerprint(STORY).signature, fp.fingerprint(OTHER).signature) < 0.1
    assert not set(fp.fingerprint(STORY).bands) & set(fp.fingerprint(OTHER).bands)


def test_short_text_gets_no_bands():
    assert fp.fingerprint("Foto: dokumentasi redaksi.").bands == ()
    assert fp.words("TEMPO.CO, Jakarta - Harga naik.") == ["harga", "naik"]
    assert fp.words("Harga BBM naik lagi - kata menteri") == ["harga", "bbm", "naik", "lagi", "kata", "menteri"]


def test_word_hash_cache_bounded_and_same_print(monkeypatch):
    """The words' hashes kept between pages change no fingerprint, and the cache is emptied at its bound."""
    text = " ".join(f"kata{number % 97} berita{number % 13}" for number in range(400))
    fp._WORD_HASHES.clear()
    cold = fp.fingerprint(text)
    monkeypatch.setattr(fp, "_WORD_CACHE", 50)
    fp._WORD_HASHES.clear()
    assert fp.fingerprint(text) == cold
    assert len(fp._WORD_HASHES) == 110  # emptied, then the page's 110 distinct words
    fp._WORD_HASHES.clear()
    assert fp.fingerprint(text) == cold
