"""Text that could deceive whoever reads or downloads it, made harmless.

Display spoofing: bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
the implicit marks (U+200E, U+200F, U+061C) and zero-width characters (U+200B–U+200D, U+2060–U+2064,
U+FEFF) are invisible, yet reorder or hide what is shown: a title ending in U+202E `fdp.exe` reads
`exe.pdf`. Vietnamese reports need none of them. Catalogue fields lose them at ingest
(`strip_invisible`); anything else a page shows has each replaced by U+FFFD (`show_invisible`),
which is visible and keeps the text's length, so offsets into a source text stay right.

Spreadsheet formulas: a CSV cell starting with `=`, `+`, `-` or `@` (or a tab or CR, which some
spreadsheets skip before reading one of those) is run as a formula when the file is opened in a
spreadsheet (`=HYPERLINK(…)`, DDE). `spreadsheet_cell` prefixes such a cell with `'`, which
spreadsheets read as "text"; a number (`-5`, `+1.5e3`) cannot be a formula and is left alone.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_FORMULA = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def show_invisible(text: str) -> str:
    return _INVISIBLE.sub("\ufffd", text) if _INVISIBLE.search(text) else text


def spreadsheet_cell(value: str) -> str:
    if _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value
