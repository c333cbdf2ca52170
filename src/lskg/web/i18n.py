"""The pages' two languages (Flask-Babel): Vietnamese by default, English with ?lang=en.

The templates are written in Vietnamese, the site's own language and that of every source, so
the Vietnamese strings are the message ids and only an English catalogue exists
(translations/en/LC_MESSAGES/messages.po): a Vietnamese page needs no catalogue at all, and a
string missing from the English one shows in Vietnamese, which the language test (tests/web/
test_languages.py) reports. The .mo is built from the .po when the app starts (`compile_catalogues`)
and kept out of git: one source of truth, no generated file to forget.

Numbers and dates go through Babel's `vi` and `en` locales (1.950,2 / 1,950.2).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlencode

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from flask import Flask, request
from flask_babel import Babel, gettext

TRANSLATIONS = Path(__file__).parent / "translations"
_DATE_FORMAT = {"vi": "dd/MM/yyyy", "en": "d MMM yyyy"}


def current_lang() -> str:
    """The page's language: a URL parameter, not a cookie, so every page stays linkable as read."""
    return "en" if request.args.get("lang") == "en" else "vi"


def compile_catalogues(folder: Path = TRANSLATIONS) -> Path:
    """Each .po to its .mo when the .mo is missing or older (a fresh checkout, an edited .po); the
    folder that holds them: this one, or a copy in a temporary folder when the package is installed
    read-only."""
    try:
        _compile(folder, folder)
        return folder
    except OSError:
        out = Path(tempfile.mkdtemp(prefix="lskg-translations-"))
        _compile(folder, out)
        return out


def _compile(folder: Path, out: Path) -> None:
    for po in folder.glob("*/LC_MESSAGES/*.po"):
        mo = out / po.relative_to(folder).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as f:
            catalogue = read_po(f)
        # written aside and moved in: several processes may start at once (tests, server workers)
        part = mo.with_name(f"{mo.name}.{os.getpid()}.part")
        with part.open("wb") as f:
            write_mo(f, catalogue)
        os.replace(part, mo)


def install(app: Flask) -> None:
    Babel(app, locale_selector=current_lang, default_domain="messages",
          default_translation_directories=str(compile_catalogues()))
    app.jinja_env.globals.update(number=number, date_text=date_text, built_text=built_text, in_lang=in_lang,
                                 link=link, severity_name=severity_name)


def number(value, lang: str = "vi") -> str:
    """'11024.7' -> '11.024,7' (vi) or '11,024.7' (en), every digit kept; anything not a number as is."""
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if not d.is_finite() or abs(d.adjusted()) > 30:
        return str(value)
    return format_decimal(d, locale=lang, decimal_quantization=False)


def date_text(value: str, lang: str = "vi") -> str:
    """'2024-03-19' -> '19/03/2024' (vi) or '19 Mar 2024' (en); anything else as is."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        return value
    try:
        return format_date(dt.date.fromisoformat(value), _DATE_FORMAT[lang], locale=lang)
    except ValueError:
        return value


def built_text(value: str | None, lang: str = "vi") -> str:
    """A build time (ISO 8601) as people write it: '8 tháng 12, 2026, 00:52 UTC'."""
    try:
        when = dt.datetime.fromisoformat(value or "")
    except ValueError:
        return value or ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    when = when.astimezone(dt.timezone.utc)
    return f"{format_date(when, 'long', locale=lang)}, {when:%H:%M} UTC"


def with_lang(href: str | None, lang: str) -> str | None:
    """Our own links carry ?lang=en so an English reader stays in English; a fragment stays last."""
    if not href or lang == "vi" or not href.startswith("/"):
        return href
    path, hash_, fragment = href.partition("#")
    return path + ("&" if "?" in path else "?") + "lang=en" + hash_ + fragment


def link(href: str) -> str | None:
    """`with_lang` in the page's language (templates: `link('/queries')`)."""
    return with_lang(href, current_lang())


# SHACL's severities (the report keeps sh:Violation's local name) as a reader calls them
_SEVERITIES = {"Violation": "Vi phạm", "Warning": "Cảnh báo", "Info": "Thông tin"}


def severity_name(severity: str) -> str:
    return gettext(_SEVERITIES[severity]) if severity in _SEVERITIES else severity


def in_lang(lang: str) -> str:
    """This page's address in `lang`: the language switch in every page's header."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    if lang == "en":
        args.append(("lang", "en"))
    query = urlencode(args)
    return request.path + ("?" + query if query else "")
