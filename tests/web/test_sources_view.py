"""The readable source view: the text as written, mentions linked, cited sentences addressable,
and nothing inserted unescaped, whatever the spans do."""

from __future__ import annotations

import html
import re

import pytest

from lskg.web.source_markup import MENTION, PARAGRAPH, SEGMENT, Span, paragraph_spans, render_marked_text

FILE_004 = "004_08bffe02da026834.txt"
FILE_000 = "000_0bae13773003c0ff.txt"


def key_of(build_result, file_name: str) -> str:
    return next(s["key"] for s in build_result.summary["sources"] if s["file"] == file_name)


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_report_004_with_mentions_and_sentence_anchors(client, build_result):
    key = key_of(build_result, FILE_004)
    response = client.get(f"/sources/{key}")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert '<html lang="vi">' in text
    assert "Báo cáo tự giám sát về công tác triển khai thực hiện Nghị quyết số 11-NQ/TW" in text
    # the expressway, marked where the report names it, linked to its page
    assert re.search(r'<mark class="mention" id="char-\d+-\d+"[^>]*><a href="/id/project/cao-toc-huu-nghi-chi-lang">',
                     text)
    # HĐND tỉnh Lạng Sơn inside the sentence that gives the project's legal basis
    sentence = re.search(r'<span class="segment" id="char-40964-41316" data-seg="char-40964-41316">(.*?)</span>',
                         text, re.S).group(1)
    assert '<a href="/id/org/tinh-lang-son/hdnd">HĐND tỉnh Lạng Sơn</a>' in sentence
    assert "Nghị quyết số 41/NQ-HĐND, ngày 30/12/2022" in sentence
    assert "source-view.js" in text


def test_the_page_holds_the_source_text_unchanged(client, build_result, paths):
    from lskg.sources import read_source

    key = key_of(build_result, FILE_000)
    page = client.get(f"/sources/{key}").get_data(as_text=True)
    body = re.search(r'<div class="source-text" lang="vi">\n(.*)\n</div>', page, re.S).group(1)
    assert visible_text(body) == read_source(paths.root / "data" / "sources" / FILE_000)
    assert 'href="https://baolangson.vn/linh-hoat-sang-tao-dua-lang-son-but-pha-toan-dien-5036333.html"' in page
    assert "25/01/2025" in page


def test_english_view_keeps_the_reader_in_english(client, build_result):
    key = key_of(build_result, FILE_004)
    text = client.get(f"/sources/{key}?lang=en").get_data(as_text=True)
    assert '<a href="/id/project/cao-toc-huu-nghi-chi-lang?lang=en">' in text
    assert "Source document" in text


@pytest.mark.parametrize("path", ["/sources/0000000000000000", "/sources/../../etc/passwd",
                                  "/sources/..%2F..%2Fetc%2Fpasswd", "/sources/ZZZ", "/sources/"])
def test_unknown_or_hostile_keys_are_not_found(client, path):
    assert client.get(path).status_code == 404


# -- the markup itself ------------------------------------------------------------------------------
def test_text_is_escaped_piece_by_piece():
    text = 'a <b>"x"</b> & y'
    out = render_marked_text(text, [Span(3, 6, MENTION, "char-3-6", "/id/x", "<i>")])
    assert "<b>" not in out
    assert 'title="&lt;i&gt;"' in out
    assert visible_text(out) == text


def test_crossing_spans_are_split_and_reopened():
    text = "0123456789abcdef"
    out = render_marked_text(text, [Span(0, 10, SEGMENT, "char-0-10"), Span(5, 15, SEGMENT, "char-5-15")])
    assert out == ('<span class="segment" id="char-0-10" data-seg="char-0-10">01234'
                   '<span class="segment" id="char-5-15" data-seg="char-5-15">56789</span></span>'
                   '<span class="segment" data-seg="char-5-15">abcde</span>f')
    assert visible_text(out) == text


def test_nested_mentions_never_nest_links():
    text = "UBND tỉnh Lạng Sơn"
    out = render_marked_text(text, [Span(0, 18, MENTION, "char-0-18", "/id/org/ubnd"),
                                    Span(5, 18, MENTION, "char-5-18", "/id/place/lang-son")])
    assert out.count("<a ") == 1
    assert out.index('id="char-5-18"') > out.index('href="/id/org/ubnd"')
    assert visible_text(out) == text


def test_paragraphs_stay_outside_sentences_that_run_across_them():
    text = "Một.\n\nHai."
    spans = paragraph_spans(text) + [Span(0, 10, SEGMENT, "char-0-10")]
    assert [(s.start, s.end, s.rank) for s in paragraph_spans(text)] == [(0, 4, PARAGRAPH), (6, 10, PARAGRAPH)]
    out = render_marked_text(text, spans)
    assert out == ('<p><span class="segment" id="char-0-10" data-seg="char-0-10">Một.</span></p>'
                   '<span class="segment" data-seg="char-0-10">\n\n</span>'
                   '<p><span class="segment" data-seg="char-0-10">Hai.</span></p>')


def test_spans_outside_the_text_are_ignored():
    assert render_marked_text("abc", [Span(2, 9, SEGMENT, "x"), Span(-1, 2, SEGMENT, "y"),
                                      Span(2, 2, SEGMENT, "z")]) == "abc"
