"""text/normalise.py: what every text goes through before an offset is taken."""

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from lskg.text.normalise import fold, normalise_text, slug, unify_dashes

# Vietnamese letters in both forms, the lookalike Ð/ð, line ends, controls and a lone surrogate
VIETNAMESE = st.text(st.one_of(
    st.sampled_from(list("Lạng SơnĐồngĐăngỦyuỷhoàhòaQĐ-TTg\u00d0\u00f0\r\n\t\x07\x85\ud800\u0301\u0323–—")),
    st.characters(codec="utf-8"),
), max_size=40)


def test_nfc_nfd_and_controls():
    nfd = unicodedata.normalize("NFD", "Lạng Sơn\r\nĐồng Đăng\x07")
    assert normalise_text(nfd) == "Lạng Sơn\nĐồng Đăng"
    assert normalise_text("Q\u00d0-TTg") == "QĐ-TTg"  # Icelandic Ð typed for Đ
    assert normalise_text("a\ud800b") == "a\ufffdb"


def test_slug_and_fold():
    assert slug("Lạng Sơn") == "lang-son"
    assert slug("Đồng Đăng") == "dong-dang"
    assert slug("QĐ-TTg") == "qd-ttg"
    assert slug(unicodedata.normalize("NFD", "Uỷ ban")) == slug("Ủy ban") == "uy-ban"
    assert fold("Hữu Nghị") == "huu nghi"


@given(VIETNAMESE)
@example(unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Lạng Sơn\r\n"))
@example("\u00d0\u0301")  # the lookalike before a combining mark
def test_normalising_twice_changes_nothing_and_leaves_nfc(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once and "\u00d0" not in once and "\u00f0" not in once
    assert not any(unicodedata.category(c) == "Cs" for c in once)
    assert all(c in "\t\n" or unicodedata.category(c) != "Cc" for c in once)


@given(VIETNAMESE)
def test_nfd_and_nfc_input_normalise_alike(text):
    text = normalise_text(text)
    assert normalise_text(unicodedata.normalize("NFD", text)) == text


@given(VIETNAMESE)
@example("giai đoạn 2021–2025 − 2026")
def test_dashes_are_unified_without_moving_offsets(text):
    unified = unify_dashes(text)
    assert len(unified) == len(text)
    assert not any("\u2010" <= c <= "\u2015" or c == "\u2212" for c in unified)


@given(VIETNAMESE)
@example("Cửa khẩu Hữu Nghị")
def test_fold_and_slug_are_stable_and_ascii_slugs(text):
    assert fold(fold(text)) == fold(text)
    s = slug(text)
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in s)
    assert not s.startswith("-") and not s.endswith("-") and "--" not in s and len(s) <= 80
