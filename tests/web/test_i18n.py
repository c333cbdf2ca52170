"""Babel's vi and en formats and the English catalogue compiled from its .po."""

from __future__ import annotations

import shutil

from babel.support import Translations

from lskg.web.i18n import TRANSLATIONS, built_text, compile_catalogues, date_text, number, with_lang


def test_numbers_and_dates_in_each_locale():
    assert number("1950.2", "vi") == "1.950,2" and number("1950.2", "en") == "1,950.2"
    assert number("11024.7123456", "vi") == "11.024,7123456"  # every digit the source gave
    assert number("không phải số", "vi") == "không phải số"
    assert date_text("2024-03-19", "vi") == "19/03/2024" and date_text("2024-03-19", "en") == "19 Mar 2024"
    assert date_text("2024", "vi") == "2024"
    assert built_text("2026-12-08T00:38:49+00:00", "vi") == "8 tháng 12, 2026, 00:38 UTC"
    assert built_text("2026-12-08T07:38:49+07:00", "en") == "December 8, 2026, 00:38 UTC"


def test_english_links_keep_the_language_and_the_fragment_last():
    assert with_lang("/sources/abc#char-1-2", "en") == "/sources/abc?lang=en#char-1-2"
    assert with_lang("/queries/x?indicator=ind:a", "en") == "/queries/x?indicator=ind:a&lang=en"
    assert with_lang("/queries", "vi") == "/queries" and with_lang("https://x.org/", "en") == "https://x.org/"


def test_the_catalogue_compiles_and_translates(tmp_path):
    shutil.copytree(TRANSLATIONS, tmp_path / "t", ignore=shutil.ignore_patterns("*.mo"))
    folder = compile_catalogues(tmp_path / "t")
    english = Translations.load(str(folder), ["en"])
    assert english.gettext("Nguồn") == "Sources"
    assert english.pgettext("one", "Nguồn") == "Source"
    assert english.ngettext("%(n)s byte", "%(n)s byte", 2) == "%(n)s bytes"


def test_every_template_message_has_its_english():
    """A string added to a template without its English would show in Vietnamese on English pages."""
    import re
    from pathlib import Path

    from babel.messages.pofile import read_po

    with (TRANSLATIONS / "en/LC_MESSAGES/messages.po").open("rb") as f:
        catalogue = read_po(f)
    known = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue if m.id}
    used = set()
    for template in (Path(TRANSLATIONS).parent / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        used |= {(None, m.group(2)) for m in re.finditer(r"""\b_\(\s*(['"])(.*?)\1""", text, re.S)}
        used |= {(m.group(1), m.group(2)) for m in re.finditer(r"""pgettext\('(\w+)', '(.*?)'""", text)}
        used |= {(None, m.group(1)) for m in re.finditer(r"""ngettext\('(.*?)'""", text)}
    assert len(used) > 150
    assert sorted(used - known, key=str) == []
