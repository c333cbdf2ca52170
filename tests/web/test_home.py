"""The home page for readers (issue 15 item 7), the header every page shares (language switch,
English that sticks), the footer's build date and the site icon."""

from __future__ import annotations

import html
import re

BORDER_GATES = 16  # lskg:BorderGate in the build of data/sources (summary.classes), the Chinese side included


def text_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.get_data(as_text=True))


def test_home_lists_what_the_graph_covers_with_counts_and_links(client):
    page = text_of(client, "/")
    assert re.search(r'<a href="/queries/border-gates">Cửa khẩu</a> <span class="count">(\d+)</span>', page)\
        .group(1) == str(BORDER_GATES)
    assert '<a href="/id/place/tinh-lang-son">Trang tỉnh Lạng Sơn</a>' in page
    assert 'href="/queries/conflicts"' in page
    # no table of RDF class names any more
    assert "qb:Observation" not in page and "skos:Concept" not in page


def test_home_offers_the_six_reader_tasks(client):
    page = text_of(client, "/")
    for href in ("/id/project/cao-toc-huu-nghi-chi-lang", "/queries/indicator-series?indicator=ind:grdp-growth",
                 "/queries/border-gates", "/id/legal/vn/2022/nq-11-tw",
                 "/queries/indicator-series.csv?indicator=ind:budget-revenue", "/sparql"):
        assert f'href="{href}"' in page, href
    assert "Mọi điều về Nghị quyết 11-NQ/TW" in page


def test_home_names_sources_by_title_publisher_and_date(client):
    vi, en = text_of(client, "/"), text_of(client, "/?lang=en")
    row = re.search(r"Linh hoạt, sáng tạo, đưa Lạng Sơn bứt phá toàn diện</a></td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", vi)
    assert row.group(1) == "Báo Lạng Sơn (baolangson.vn)"
    assert ">25/01/2025<" in row.group(2)
    assert ">25 Jan 2025<" in en
    assert "000_0bae13773003c0ff.txt" not in vi  # sources by title, not by file name


def test_english_sticks_through_the_header_and_the_search_form(client):
    page = text_of(client, "/queries/projects?lang=en")
    for href in ("/?lang=en", "/queries?lang=en", "/sparql?lang=en", "/search?lang=en", "/validation?lang=en",
                 "/def?lang=en"):
        assert f'href="{href}"' in page, href
    assert '<input type="hidden" name="lang" value="en">' in page.split('class="quick-search"')[1]
    # the switch leads to the same page in the other language
    assert '<a class="lang-switch" href="/queries/projects" hreflang="vi" lang="vi">Tiếng Việt</a>' in page
    vi = text_of(client, "/queries/projects")
    assert '<a class="lang-switch" href="/queries/projects?lang=en" hreflang="en" lang="en">English</a>' in vi


def test_footer_says_when_the_release_was_built_in_the_page_language(client, build_result):
    built = build_result.summary["built_at"]  # ISO 8601, e.g. 2026-12-08T00:38:49+00:00
    year, month, day = (int(x) for x in built[:10].split("-"))
    vi, en = text_of(client, "/"), text_of(client, "/?lang=en")
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    assert f"{day} tháng {month}, {year}, {built[11:16]} UTC" in vi
    assert f"{months[month - 1]} {day}, {year}, {built[11:16]} UTC" in en
    assert f'<time datetime="{built}">' in vi


def test_the_site_has_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data
