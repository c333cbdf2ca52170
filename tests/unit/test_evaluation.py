"""`lskg eval`: annotated records built as sources and scored by the scorer that comes with them."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from lskg.evaluation import EvaluationError, read_records

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "devset" / "score.py"

# written for this test, annotated by the development set's rules
RECORD = {
    "id": "t001",
    "text": "Thực hiện Nghị quyết số 11-NQ/TW ngày 10/02/2022 của Bộ Chính trị, Ban Chấp hành Đảng bộ tỉnh "
            "đã ban hành Chương trình hành động số 52-CTr/TU, ngày 27/10/2022.",
    "gold": {"legal_documents": [
        {"number": "11-NQ/TW", "doc_type": "Nghị quyết", "date": "2022-02-10", "issuer": "Bộ Chính trị"},
        {"number": "52-CTr/TU", "doc_type": "Chương trình hành động", "date": "2022-10-27",
         "issuer": "Ban Chấp hành Đảng bộ tỉnh"}],
        "organizations": [], "projects": [], "border_gates": [], "observations": []},
}


@pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/devset/score.py beside the checkout")
def test_eval_prints_the_scorers_figures(tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    keep = tmp_path / "run"
    res = subprocess.run([sys.executable, "-m", "lskg.cli", "eval", str(records), "--scorer", str(SCORER),
                          "--keep", str(keep), "--json", "--quiet"], capture_output=True, text=True, check=True)
    scores = json.loads(res.stdout)
    assert scores["legal.recall"] == {"hit": 2, "of": 2, "ratio": 1.0}
    assert scores["legal.date"] == {"hit": 2, "of": 2, "ratio": 1.0}
    # "của Bộ Chính trị" after the one; "Ban Chấp hành Đảng bộ tỉnh đã ban hành" before the other
    assert scores["legal.issuer"] == {"hit": 2, "of": 2, "ratio": 1.0}
    # the answers are kept as `lskg query NAME --format csv` writes them
    assert (keep / "sources" / "t001.txt").read_text(encoding="utf-8") == RECORD["text"]
    with (keep / "answers" / "legal-documents.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["number"]: r for r in csv.DictReader(fh)}
    assert rows["11-NQ/TW"]["issuerLabel"] == "Bộ Chính trị" and rows["11-NQ/TW"]["sources"] == "t001.txt"


def test_records_that_cannot_name_a_file_are_refused(tmp_path):
    bad = tmp_path / "records.jsonl"
    bad.write_text(json.dumps({"id": "../x", "text": "a"}) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="names a file"):
        read_records(bad)
    bad.write_text('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="used twice"):
        read_records(bad)
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=":1: not a JSON object"):
        read_records(bad)
