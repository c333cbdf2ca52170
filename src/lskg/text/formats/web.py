"""Web pages (.html, saved or fetched): the main text without menus, comments or footers, and the
page's title, date and site name, read with trafilatura."""

from __future__ import annotations

from . import FormatError, ReadDocument


def read_html(data: bytes, name: str, url: str | None = None) -> ReadDocument:
    import trafilatura

    found = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                        include_tables=True, favor_precision=True, deduplicate=False)
    if found is None or not (found.text or "").strip():
        raise FormatError(f"{name}: no main text found in the page")
    fields = {"title": found.title, "date": found.date, "publisher": found.sitename, "author": found.author}
    return ReadDocument(found.text.strip() + "\n", {k: v.strip() for k, v in fields.items() if v and v.strip()})
