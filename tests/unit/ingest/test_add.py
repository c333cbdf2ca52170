"""`lskg add`: PDF, Word and web pages made here from the corpus's own texts give the same facts as
the texts, with the catalogue fields each document states, and the original offered as a download."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import re
import shutil
import threading
from pathlib import Path

import pytest

from lskg.cli import main
from lskg.sources import read_catalogue

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "data" / "sources"
REPORT = (SOURCES / "004_08bffe02da026834.txt").read_text(encoding="utf-8")
ARTICLE = (SOURCES / "000_0bae13773003c0ff.txt").read_text(encoding="utf-8")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core: Vietnamese glyphs


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def make_pdf(path: Path, left: list[str], right: list[str], body: list[str]) -> Path:
    """A PDF as the genre prints one: a two-column masthead, justified paragraphs, a running header
    and a page number on every page."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self):
            self.set_font("dejavu", size=8)
            self.cell(0, 5, "Báo cáo tự giám sát - Tỉnh ủy Lạng Sơn", align="C")
            self.ln(8)

        def footer(self):
            self.set_y(-12)
            self.set_font("dejavu", size=8)
            self.cell(0, 5, f"Trang {self.page_no()}", align="C")

    pdf = Report()
    pdf.add_font("dejavu", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    top = pdf.get_y()
    for column, lines in ((pdf.l_margin, left), (pdf.w / 2, right)):
        pdf.set_xy(column, top)
        for line in lines:
            pdf.set_x(column)
            pdf.cell(pdf.w / 2 - pdf.l_margin, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for para in body:
        pdf.multi_cell(0, 6, para, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(path))
    return path


def make_docx(path: Path, left: list[str], right: list[str], body: list[str]) -> Path:
    """A Word file with its masthead in a table and a page header Word keeps apart from the body."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Văn bản điện tử - trang đầu"
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right)):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for para in body:
        document.add_paragraph(para)
    document.save(str(path))
    return path


def article_html(text: str) -> str:
    """A newspaper page: menus, the article, readers' comments, a footer."""
    from html import escape

    title, dateline, *body = paragraphs(text)
    article = "\n".join(f"<p>{escape(p)}</p>" for p in body)
    menu = "".join(f'<li><a href="/{n}">{n}</a></li>' for n in ("Thời sự", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao"))
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>{escape(title)} | Báo Lạng Sơn</title>
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="Báo Lạng Sơn">
<meta property="article:published_time" content="2025-01-25T14:53:59+07:00">
</head><body>
<header><nav><ul>{menu}</ul></nav></header>
<main><article><h1>{escape(title)}</h1><p class="date">{escape(dateline)}</p>
{article}
</article>
<section id="comments" class="comments"><h3>Bình luận</h3>
<div class="comment"><p>Bạn đọc Nguyễn Văn A: tăng trưởng GRDP năm 2024 đạt 99% là con số tôi không tin.</p></div>
</section></main>
<footer><p>Cơ quan chủ quản: Tỉnh ủy Lạng Sơn. Giấy phép số 999/GP-BTTTT.</p></footer>
</body></html>"""


# the report's masthead, as its issuer would print it: the date it gives is the date of the report's
# "as at" figures, so the text the PDF and Word file are compared with carries it too
PARTY = ["TỈNH ỦY LẠNG SƠN", "*"], ["ĐẢNG CỘNG SẢN VIỆT NAM", "Lạng Sơn, ngày 15 tháng 10 năm 2024"]


def add(*argv: str) -> int:
    return main(["add", "--quiet", *argv])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A corpus grown by `lskg add` alone: the report as text, PDF and Word; the article as text
    and web page. Each document's row, by what it was added from."""
    if not FONT.exists():
        pytest.skip("DejaVu fonts missing (Debian's fonts-dejavu-core; scripts/setup installs it)")
    made = tmp_path_factory.mktemp("made")
    folder = tmp_path_factory.mktemp("corpus")
    (made / "bao-cao.txt").write_text("\n".join(PARTY[0] + PARTY[1]) + "\n" + REPORT, encoding="utf-8")
    (made / "bai-viet.txt").write_text(ARTICLE, encoding="utf-8")
    (made / "bai-viet.html").write_text(article_html(ARTICLE), encoding="utf-8")
    documents = {
        "report.txt": made / "bao-cao.txt",
        "report.pdf": make_pdf(made / "bao-cao.pdf", *PARTY, paragraphs(REPORT)),
        "report.docx": make_docx(made / "bao-cao.docx", *PARTY, paragraphs(REPORT)),
        "article.txt": made / "bai-viet.txt",
        "article.html": made / "bai-viet.html",
    }
    rows = {}
    for label, path in documents.items():
        assert add(str(path), "--sources", str(folder)) == 0
        rows[label] = list(read_catalogue(folder).values())[-1]
    return folder, rows


@pytest.fixture(scope="module")
def built(corpus, paths, tmp_path_factory):
    from lskg.pipeline import build

    folder, _rows = corpus
    out = tmp_path_factory.mktemp("build")
    shutil.copy(paths.registry, out / "iris.tsv")
    return build(folder, out, paths, registry_path=out / "iris.tsv")


@pytest.fixture(scope="module")
def facts(built):
    """Per source file: the numbered documents it cites (number, date, issuer) and its figures."""
    from lskg.queries import Catalogue
    from lskg.store import open_release

    store = open_release(built.release.parent.parent)
    catalogue = Catalogue(ROOT / "queries")
    found: dict[str, set] = {}
    for row in store.query(catalogue.get("legal-documents").text).rows:
        fact = tuple(row[c].value if c in row else None for c in ("number", "date", "issuerLabel"))
        for file in row["sources"].value.split(" | "):
            found.setdefault(file, set()).add(fact)
    for row in store.query(catalogue.get("observations").text).rows:
        fact = tuple(row[c].value if c in row else None for c in ("indicator", "subject", "period", "value", "unit"))
        found.setdefault(row["source"].value, set()).add(fact)
    return found


@pytest.mark.parametrize("made", ["report.pdf", "report.docx", "article.html"])
def test_each_format_gives_the_facts_of_the_text(corpus, facts, made):
    _folder, rows = corpus
    text_facts = facts[rows[made.split(".")[0] + ".txt"]["file"]]
    assert facts[rows[made]["file"]] == text_facts
    if made.startswith("report"):
        # Nghị quyết 11-NQ/TW of the Politburo, and the province's area
        assert ("11-NQ/TW", "2022-02-10", "Bộ Chính trị") in text_facts
        assert any(len(f) == 5 and f[3] == "8310.18" for f in text_facts), sorted(f for f in text_facts if len(f) == 5)[:9]


def test_the_pdf_text_is_the_reports_text_with_its_masthead(corpus):
    folder, rows = corpus
    text = (folder / rows["report.pdf"]["file"]).read_text(encoding="utf-8")
    # lines joined into paragraphs, running header and page numbers gone, Vietnamese intact
    assert paragraphs(text)[4:] == paragraphs(REPORT)
    assert "Trang 2" not in text and "Báo cáo tự giám sát - Tỉnh ủy" not in text
    assert "Tỉnh có diện tích 8.310,18 km² với tổng dân số khoảng 856.927 người¹." in text


def test_the_catalogue_reads_each_document(corpus):
    folder, rows = corpus
    pdf, word, page = rows["report.pdf"], rows["report.docx"], rows["article.html"]
    title = ("Báo cáo tự giám sát về công tác triển khai thực hiện Nghị quyết số 11-NQ/TW, ngày 10/02/2022 "
             "của Bộ Chính trị về phương hướng phát triển kinh tế - xã hội")
    assert pdf["title"].startswith(title) and word["title"].startswith(title)
    assert (pdf["date"], pdf["publisher"]) == (word["date"], word["publisher"]) == ("2024-10-15", "TỈNH ỦY LẠNG SƠN")
    assert (page["title"], page["date"], page["publisher"]) == (
        "Linh hoạt, sáng tạo, đưa Lạng Sơn bứt phá toàn diện", "2025-01-25", "Báo Lạng Sơn")
    for row in (pdf, word, page):
        assert set(row["from_document"].split()) >= {"title", "date", "publisher"}
        assert (folder / row["original"]).is_file()
        assert row["original"] == row["file"].removesuffix(".txt") + Path(row["original"]).suffix
    # a text is read the same way, and is its own original
    assert (rows["report.txt"]["publisher"], rows["report.txt"]["original"]) == ("TỈNH ỦY LẠNG SƠN", "")
    assert rows["article.txt"]["from_document"] == "date"  # "Thứ 7, 25.01.2025 | 14:53:59" under the headline
    # the web page's text is the article: no menu, no readers' comments, no footer
    text = (folder / page["file"]).read_text(encoding="utf-8")
    assert "Năm 2024, vượt qua khó khăn, thách thức, Lạng Sơn đã đạt nhiều kết quả nổi bật" in text
    assert "Thể thao" not in text and "không tin" not in text and "999/GP-BTTTT" not in text


def test_a_peoples_committee_masthead():
    from lskg.text.formats.masthead import read_fields

    head = ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH LẠNG SƠN", "Độc lập - Tự do - Hạnh phúc",
            "Số: 1234/QĐ-UBND", "Lạng Sơn, ngày 20 tháng 11 năm 2024", "QUYẾT ĐỊNH",
            "Về việc phê duyệt chủ trương đầu tư dự án Đường cao tốc Đồng Đăng - Trà Lĩnh",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;"]
    assert read_fields("\n".join(head)) == {
        "date": "2024-11-20", "publisher": "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "title": "Quyết định về việc phê duyệt chủ trương đầu tư dự án Đường cao tốc Đồng Đăng - Trà Lĩnh"}


def test_a_pdf_without_text_is_refused(tmp_path, capsys):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 170, 250, style="F")  # a page of picture, as a scanner makes
    pdf.output(str(tmp_path / "scan.pdf"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    assert add(str(tmp_path / "scan.pdf"), "--sources", str(folder)) == 1
    assert "no text layer" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_a_document_already_in_the_corpus_is_refused(corpus, capsys, tmp_path):
    folder, rows = corpus
    before = sorted(p.name for p in folder.iterdir())
    again = tmp_path / "bao-cao-lan-hai.txt"
    shutil.copy(folder / rows["report.txt"]["file"], again)
    assert add(str(again), "--sources", str(folder)) == 1
    assert f"as {rows['report.txt']['file']}" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == before


@pytest.fixture()
def page_server(tmp_path):
    """A web server on 127.0.0.1 serving the article, stopped by the test."""
    (tmp_path / "bai-viet.html").write_text(article_html(ARTICLE), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_url_is_fetched_and_added(page_server, tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    url = f"{page_server}/bai-viet.html"
    monkeypatch.setenv("LSKG_ADD_MAX_BYTES", "100")
    assert add(url, "--sources", str(folder)) == 1  # larger than the limit: nothing kept
    assert list(folder.iterdir()) == []
    monkeypatch.delenv("LSKG_ADD_MAX_BYTES")
    assert add(url, "--sources", str(folder), "--jurisdiction", "tinh-lang-son") == 0
    (row,) = read_catalogue(folder).values()
    assert (row["url"], row["date"], row["publisher"], row["jurisdiction"]) == (
        url, "2025-01-25", "Báo Lạng Sơn", "tinh-lang-son")
    assert (folder / row["original"]).read_bytes() == (tmp_path / "bai-viet.html").read_bytes()
    assert add(f"{page_server}/missing.html", "--sources", str(folder)) == 1


def test_the_catalogue_is_csv_with_the_new_columns(corpus):
    folder, _rows = corpus
    header = next(csv.reader(io.StringIO((folder / "sources.csv").read_text(encoding="utf-8"))))
    assert header[-2:] == ["original", "from_document"]


@pytest.fixture(scope="module")
def client(built):
    from lskg.web import create_app

    app = create_app({"LSKG_BUILD_DIR": str(built.release.parent.parent), "TESTING": True,
                      "LSKG_ISOLATE_QUERIES": "0"})
    return app.test_client()


def test_the_source_page_offers_the_original_as_a_download(corpus, built, client):
    folder, rows = corpus
    keys = {s["file"]: s["key"] for s in built.summary["sources"]}
    key = keys[rows["report.pdf"]["file"]]
    page = client.get(f"/sources/{key}").get_data(as_text=True)
    assert f'href="/sources/{key}/original" download>{rows["report.pdf"]["original"]}</a>' in page
    response = client.get(f"/sources/{key}/original")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f"attachment; filename={rows['report.pdf']['original']}"
    assert response.get_data() == (folder / rows["report.pdf"]["original"]).read_bytes()
    html_key = keys[rows["article.html"]["file"]]
    response = client.get(f"/sources/{html_key}/original")
    assert (response.mimetype, response.headers["X-Content-Type-Options"]) == ("text/html", "nosniff")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    # a text added as text has no other original; nothing outside the release is reachable
    text_key = keys[rows["report.txt"]["file"]]
    assert "/original" not in client.get(f"/sources/{text_key}").get_data(as_text=True)
    for path in (f"/sources/{text_key}/original", "/sources/../../etc/passwd/original",
                 "/sources/%2e%2e%2fsources.csv/original", f"/sources/{key}.pdf/original"):
        assert client.get(path).status_code == 404, path
    assert re.fullmatch(r"[0-9a-f]{16}", key)


def test_an_original_must_be_a_file_in_the_folder(tmp_path):
    from lskg.sources import SourceError, read_corpus, read_original

    (tmp_path / "001_a.txt").write_text(REPORT, encoding="utf-8")
    for name in ("../secret.pdf", "/etc/passwd.txt", ".hidden.pdf", "sub/x.pdf", "x.exe"):
        (tmp_path / "sources.csv").write_text(f"id,file,original\n001,001_a.txt,{name}\n", encoding="utf-8")
        with pytest.raises(SourceError, match="column 'original'"):
            read_catalogue(tmp_path)
    # a name that is a link out of the folder is refused when the build copies it into the release
    outside = tmp_path.parent / f"{tmp_path.name}-outside.pdf"
    outside.write_bytes(b"%PDF-1.4 not for publishing")
    (tmp_path / "001_a.pdf").symlink_to(outside)
    (tmp_path / "sources.csv").write_text("id,file,original\n001,001_a.txt,001_a.pdf\n", encoding="utf-8")
    (source,) = read_corpus(tmp_path).sources
    with pytest.raises(SourceError, match="outside the source folder"):
        read_original(source)


def test_pdf_lines_become_paragraphs_without_running_headers():
    from lskg.text.formats.layout import Line, Page, paragraphs as joined

    def page(n: int, body: list[tuple[str, float]]) -> Page:
        lines = [Line("BÁO CÁO TỰ GIÁM SÁT", 200, 400, 20, 30)]
        lines += [Line(text, 50, x1, 100 + 17 * i, 112 + 17 * i) for i, (text, x1) in enumerate(body)]
        return Page(842, lines + [Line(f"Trang {n}", 280, 310, 810, 820)])

    pages = [page(1, [("Thực hiện Nghị quyết số 11-", 545), ("NQ/TW, tỉnh đã xây dựng chương trình hành", 545),
                      ("động và kế hoạch triển khai thực hiện, áp dụng công nghệ tiên tiến như Block-", 545)]),
             page(2, [("chain trong quản lý.", 200), ("Năm 2024, GRDP tăng 8,01%.", 250)])]
    assert joined(pages) == ("Thực hiện Nghị quyết số 11-NQ/TW, tỉnh đã xây dựng chương trình hành động và kế hoạch "
                             "triển khai thực hiện, áp dụng công nghệ tiên tiến như Blockchain trong quản lý.\n\n"
                             "Năm 2024, GRDP tăng 8,01%.\n")
