"""One result writer: `lskg query --format csv|json` and the web's `.csv`/`.json` twins of the
same saved query give the same table, blank nodes as `_:id`, formula-like cells as text."""

from __future__ import annotations

import io
import json

import pytest

from lskg import cli
from lskg.store.base import Result, Term
from lskg.web import close_app, create_app

# what the store answers, for both sides: a blank node, a cell a spreadsheet would run, an unbound cell
ANSWER = Result(["document", "title", "issuer"], [
    {"document": Term("bnode", "b0"), "title": Term("literal", "=HYPERLINK(\"http://evil.example\")")},
    {"document": Term("iri", "https://w3id.org/lskg/id/legal/vn/2024/qd-236-ttg"), "title": Term("literal", "-1.5"),
     "issuer": Term("literal", "UBND, tỉnh")},
])


class AnsweringStore:
    def query(self, *_args, **_kwargs) -> Result:
        return ANSWER


@pytest.fixture(scope="module")
def app(build_result):
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": "0",
                      "LSKG_PAGE_CACHE": 0, "TESTING": True})
    app.extensions["lskg"].store.query = AnsweringStore().query
    yield app
    close_app(app)


def cli_output(monkeypatch, capsysbinary, fmt: str) -> bytes:
    monkeypatch.setattr(cli, "_open_store", lambda _args: AnsweringStore())
    assert cli.main(["query", "legal-documents", "--format", fmt]) == 0
    return capsysbinary.readouterr().out


def test_cli_and_web_csv_are_byte_identical(app, monkeypatch, capsysbinary):
    web = app.test_client().get("/queries/legal-documents.csv").data
    assert cli_output(monkeypatch, capsysbinary, "csv") == web
    assert web == ('document,title,issuer\r\n'
                   '_:b0,"\'=HYPERLINK(""http://evil.example"")",\r\n'
                   'https://w3id.org/lskg/id/legal/vn/2024/qd-236-ttg,-1.5,"UBND, tỉnh"\r\n').encode()


def test_cli_and_web_json_are_the_same_table(app, monkeypatch, capsysbinary):
    web = app.test_client().get("/queries/legal-documents.json").get_json()
    assert json.loads(cli_output(monkeypatch, capsysbinary, "json")) == web
    assert web["rows"][0] == {"document": "_:b0", "title": "=HYPERLINK(\"http://evil.example\")", "issuer": None}


def test_the_scorer_gets_values_as_the_graph_has_them():
    from lskg.store.downloads import write_csv

    out = io.StringIO()
    write_csv(ANSWER, out, spreadsheet_safe=False)
    assert out.getvalue().splitlines()[1] == '_:b0,"=HYPERLINK(""http://evil.example"")",'
