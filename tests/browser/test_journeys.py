"""User journeys in a real browser (Debian's Chromium, phone-sized viewport)."""

import re

EXPRESSWAY = "/id/project/cao-toc-huu-nghi-chi-lang"
NQ41 = "/id/legal/tinh-lang-son/2022/nq-41-hdnd"
HDND = "/id/org/tinh-lang-son/hdnd"


def test_search_to_expressway_to_legal_basis_to_issuer_and_back(page, server):
    page.goto(f"{server}/")
    page.fill("header input[name=q]", "huu nghi")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=huu"))
    page.click(f"main a[href='{EXPRESSWAY}']")
    page.wait_for_url(f"{server}{EXPRESSWAY}")
    assert "Hữu Nghị - Chi Lăng" in page.inner_text("h1")
    assert "59,87" in page.inner_text("main") and "11.024,7" in page.inner_text("main")
    page.locator(f"main a[href='{NQ41}']").first.click()
    page.wait_for_url(f"{server}{NQ41}")
    body = page.inner_text("main")
    assert "41/NQ-HĐND" in page.inner_text("h1") and "30/12/2022" in body
    page.locator(f"main a[href='{HDND}']").first.click()
    page.wait_for_url(f"{server}{HDND}")
    assert "Hội đồng nhân dân tỉnh Lạng Sơn" in page.inner_text("h1")
    assert "41/NQ-HĐND" in page.inner_text("main")  # what it issued
    page.go_back()
    page.wait_for_url(f"{server}{NQ41}")
    page.go_back()
    page.wait_for_url(f"{server}{EXPRESSWAY}")
    assert "Hữu Nghị - Chi Lăng" in page.inner_text("h1")


def test_indicator_series_chart_shows_the_2021_conflict(page, server):
    page.goto(f"{server}/queries/indicator-series?indicator=ind:grdp-growth")
    chart = page.locator("svg").first
    chart.wait_for()
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 100
    svg = chart.inner_html()
    # both 2021 figures are drawn, each with its source: 6,76 (001) and 6,67 (002)
    assert "001_b1e20f47a2bd82ec.txt" in svg and "002_0dad21dd75ee0a8b.txt" in svg
    assert "6,76" in svg and "6,67" in svg
    points_2021 = chart.locator("a", has_text=re.compile("")).filter(
        has=page.locator("title", has_text="2021"))
    assert points_2021.count() >= 2


def test_sparql_editor_runs_the_starter_query(page, server):
    """With JavaScript: YASGUI, served by the app, starts from the starter query and shows its rows."""
    page.goto(f"{server}/sparql")
    assert page.locator("#sparql-form").is_hidden()  # YASGUI took the plain form's place
    page.wait_for_selector(".yasqe .CodeMirror")
    assert "eli:date_document" in page.locator(".yasqe .CodeMirror").inner_text()
    page.click(".yasqe_queryButton")
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for(timeout=20000)
    assert rows.count() == 20 and "2024-10-13" in rows.first.inner_text()
    page.select_option("#example", "intro-series")  # a lesson replaces the query; its figures as a chart
    assert "ind:grdp-growth" in page.locator(".yasqe .CodeMirror").inner_text()
    page.click(".yasqe_queryButton")
    page.locator(".select_chart").click()  # on a phone the view buttons show their icons only
    chart = page.locator("svg.yasr-chart")
    chart.wait_for(timeout=20000)
    assert "2021 · Thực hiện · 001_b1e20f47a2bd82ec.txt" in chart.inner_html() and ">6.76<" in chart.inner_html()


def test_sparql_editor_runs_a_query(browser, server):
    """Without JavaScript (YASGUI's place is the plain form's): the form runs the query on the server."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/sparql")
    query = ('PREFIX eli: <http://data.europa.eu/eli/ontology#>\n'
             'SELECT ?d ?date WHERE { ?d eli:id_local "236/QĐ-TTg" ; eli:date_document ?date }')
    page.fill("textarea[name=query]", query)
    page.get_by_role("button", name="Chạy").click()
    page.wait_for_load_state()
    table = page.locator("table").first
    table.wait_for()
    text = table.inner_text()
    assert "19/03/2024" in text or "2024-03-19" in text
    assert "qd-236-ttg" in page.content() or "236/QĐ-TTg" in text
    context.close()


def test_open_a_source_and_follow_a_mention(page, server, build_result):
    key = next(s["key"] for s in build_result.summary["sources"] if s["file"].startswith("004_"))
    page.goto(f"{server}/sources/{key}")
    mention = page.locator(f"a[href='{EXPRESSWAY}'] mark, mark a[href='{EXPRESSWAY}'], "
                           f"a.mention[href='{EXPRESSWAY}'], mark.mention >> xpath=ancestor-or-self::a"
                           f"[@href='{EXPRESSWAY}']").first
    mention.scroll_into_view_if_needed()
    mention.click()
    page.wait_for_url(f"{server}{EXPRESSWAY}")
    assert "Hữu Nghị - Chi Lăng" in page.inner_text("h1")


def test_a_vocabulary_term_and_the_downloads(page, server, build_result):
    """/def#Term lands on the term; the footer leads to the dataset's page and its downloads."""
    page.goto(f"{server}/def#investmentForm")
    term = page.locator("#investmentForm")
    assert "hình thức đầu tư" in term.inner_text() and "investment form" in term.inner_text()
    assert term.evaluate("e => e.getBoundingClientRect().top") < 100  # scrolled to it
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # fits the phone
    page.click("footer a[href='/.well-known/void']")
    page.wait_for_url(f"{server}/.well-known/void")
    assert "creativecommons.org/licenses/by/4.0" in page.inner_html("main")
    name = f"lskg-{build_result.summary['graph_version']}.nq.gz"
    with page.expect_download() as download:
        page.click(f"a[href='/dumps/{name}']")
    assert download.value.suggested_filename == name
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
