"""A saved query too slow to list its drop-down choices at start-up (a large release) must not stop
the app from starting: its form falls back to a text field, and the other forms keep theirs."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from lskg.web import close_app, create_app

ROOT = Path(__file__).resolve().parents[2]
SLOW = """#+ title.vi: Chậm
#+ title.en: Slow
#+ param.thing: type=iri namespace=https://w3id.org/lskg/id/ label.vi="Đối tượng" label.en="Thing"
SELECT ?thing ?a ?b WHERE { ?thing ?p ?o . ?a ?q ?r . ?b ?t ?u }
"""


def test_a_slow_choice_list_does_not_stop_the_app(build_result, tmp_path):
    queries = tmp_path / "queries"
    shutil.copytree(ROOT / "queries", queries)
    (queries / "slow-listing.rq").write_text(SLOW, encoding="utf-8")
    started = time.monotonic()
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_QUERIES_DIR": str(queries),
                      "LSKG_QUERY_TIMEOUT": 1.0, "LSKG_QUERY_WORKERS": 1, "TESTING": True})
    try:
        assert time.monotonic() - started < 30
        client = app.test_client()
        slow = client.get("/queries/slow-listing")
        assert slow.status_code == 200
        assert '<select id="p-thing"' not in slow.get_data(as_text=True)
        assert 'name="thing"' in slow.get_data(as_text=True)  # a text field instead
        # the other forms keep their drop-downs: the indicator list offers GRDP growth
        series = client.get("/queries/indicator-series").get_data(as_text=True)
        assert '<select id="p-indicator" name="indicator"' in series
        assert 'value="https://w3id.org/lskg/def/indicator/grdp-growth"' in series
    finally:
        close_app(app)
