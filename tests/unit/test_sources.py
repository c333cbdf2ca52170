"""Reading the corpus: bad input is refused with a clear message, nothing half-read."""

import unicodedata

import pytest

from lskg.sources import SourceError, read_corpus, read_source, source_key

from ..conftest import SOURCES


def test_corpus_files_are_kept_unchanged_and_catalogued():
    corpus = read_corpus(SOURCES)
    names = [s.file_name for s in corpus.sources]
    assert names == ["000_0bae13773003c0ff.txt", "001_b1e20f47a2bd82ec.txt", "002_0dad21dd75ee0a8b.txt",
                     "003_85207a4b9f90a005.txt", "004_08bffe02da026834.txt"]
    # a source is keyed by the SHA-256 of its NFC text, whatever its file is called
    assert [s.key for s in corpus.sources][0] == "ac6f9c8c83471255"
    assert len({s.key for s in corpus.sources}) == 5
    first = corpus.sources[0]
    assert first.meta["url"] == "https://baolangson.vn/linh-hoat-sang-tao-dua-lang-son-but-pha-toan-dien-5036333.html"
    assert first.meta["date"] == "2025-01-25"  # "Thứ 7, 25.01.2025"
    assert corpus.sources[4].meta["publisher"] == "Ban Thường vụ Tỉnh ủy Lạng Sơn"
    assert corpus.warnings == []


def test_non_utf8_names_file_and_offset(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Lạng Sơn ".encode("utf-8") + b"\xff\xfe rest")
    with pytest.raises(SourceError, match=r"bad\.txt: not valid UTF-8 at byte offset 12"):
        read_source(bad)


def test_binary_file_is_refused(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SourceError, match="binary file"):
        read_source(binary)


def test_empty_file_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "doc.txt").write_text("Tỉnh Lạng Sơn.", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert [s.file_name for s in corpus.sources] == ["doc.txt"]
    assert any("empty.txt: empty file, skipped" in w for w in corpus.warnings)


def test_missing_directory(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        read_corpus(tmp_path / "nope")


def test_nfd_input_is_normalised_before_hashing(tmp_path):
    nfc = "Tỉnh Lạng Sơn có 02 cửa khẩu quốc tế."
    (tmp_path / "a.txt").write_text(unicodedata.normalize("NFD", nfc), encoding="utf-8")
    text = read_source(tmp_path / "a.txt")
    assert text == nfc
    assert source_key(text) == source_key(nfc)
