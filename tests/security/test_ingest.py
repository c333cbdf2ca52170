"""Point 7: bad input stops the build with a message naming it, and changes nothing else.

A first tiny release is built; each bad corpus is then built into the same folder and must fail
with a clear message while `current`, the releases and the IRI registry stay exactly as they were.
A 100 MB file is refused from its size without being read (the peak memory of the process that
tries shows it), and so are devices, FIFOs and links out of the source folder. A title with quotes,
new lines and markup stays one literal of the source.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lskg.pipeline import BuildFailed
from lskg.sources import MAX_BYTES, SourceError, read_corpus, read_source
from lskg.store import open_release

from .conftest import FIXTURE_TEXT, HOSTILE_TITLE, tiny_build, write_corpus

TEXT = FIXTURE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A folder with one good release in it, as a server would be reading it."""
    base = tmp_path_factory.mktemp("served")
    result = tiny_build(write_corpus(base / "good", TEXT), base / "out")
    return base / "out", result


def snapshot(out: Path) -> tuple:
    registry = out.parent / f"{out.name}-iris.tsv"
    return (os.readlink(out / "current"), sorted(p.name for p in (out / "releases").iterdir()),
            registry.read_bytes() if registry.exists() else None,
            sorted(p.name for p in out.iterdir()))


def refused(served, src: Path, match: str) -> str:
    out, _result = served
    before = snapshot(out)
    with pytest.raises((SourceError, BuildFailed)) as info:
        tiny_build(src, out)
    message = str(info.value)
    assert __import__("re").search(match, message), message
    assert snapshot(out) == before  # `current`, the releases, the registry: untouched
    assert open_release(out).release.triples > 0
    return message


def test_non_utf8_file_names_file_and_offset(served, tmp_path):
    src = write_corpus(tmp_path / "src", TEXT)
    (src / "b.txt").write_bytes("Lạng Sơn ".encode() + b"\xc3\x28 and more")
    refused(served, src, r"b\.txt: not valid UTF-8 at byte offset 12")
    (src / "b.txt").write_bytes(b"ok \xed\xa0\x80")  # an encoded surrogate is not UTF-8 either
    refused(served, src, r"b\.txt: not valid UTF-8 at byte offset 3")
    (src / "b.txt").write_bytes("Lạng Sơn".encode("utf-16"))
    refused(served, src, r"b\.txt: (binary file|not valid UTF-8)")


def test_binary_file_is_refused(served, tmp_path):
    src = write_corpus(tmp_path / "src", TEXT)
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    refused(served, src, r"image\.txt: binary file \(NUL byte at offset 8\)")
    (src / "image.txt").write_bytes(("Lạng Sơn " * 2000).encode() + b"\x00")  # a NUL past the first 8 KB
    refused(served, src, r"image\.txt: binary file")


def test_bad_catalogue_fields_are_refused(served, tmp_path):
    for column, value, match in (
            ("url", 'https://example.org/a"b', "column 'url'"),
            ("url", "https://example.org/a b", "column 'url'"),
            ("url", "javascript:alert(1)", "column 'url'.*http"),
            ("url", "file:///etc/passwd", "column 'url'"),
            ("date", "2025-13-45", "column 'date'"),
            ("date", "<script>", "column 'date'"),
            ("jurisdiction", "tinh-lang-son> <x", "column 'jurisdiction'")):
        folder = tmp_path / f"src-{column}-{len(value)}"
        if column == "jurisdiction":
            src = _with_jurisdiction(folder, value)
        else:
            src = write_corpus(folder, TEXT, **{column: value})
        message = refused(served, src, match)
        assert "sources.csv, line 2" in message


def _with_jurisdiction(directory: Path, value: str) -> Path:
    src = write_corpus(directory, TEXT)
    csv_path = src / "sources.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace("tinh-lang-son", f'"{value}"'), encoding="utf-8")
    return src


def test_a_huge_file_is_refused_from_its_size_without_reading_it(served, tmp_path):
    src = write_corpus(tmp_path / "src", TEXT)
    huge = src / "huge.txt"
    with huge.open("wb") as fh:  # 100 MB, sparse: costs no disk
        fh.truncate(100 * 1024 * 1024)
    message = refused(served, src, r"huge\.txt: 104857600 bytes is larger than the 20971520 byte limit")
    assert str(MAX_BYTES) in message


def test_reading_a_huge_file_keeps_memory_bounded(tmp_path):
    """In a fresh process: peak memory before and after trying a 100 MB file (and a 100 MB file
    that claims to be small, read through the limit) grows by less than a few MB."""
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    script = f"""
import resource, sys
from pathlib import Path
from lskg.sources import SourceError, read_source
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    read_source(Path({str(huge)!r}))
except SourceError as exc:
    print("refused:", exc, file=sys.stderr)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(after - before)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert "refused:" in out.stderr and "byte limit" in out.stderr
    assert int(out.stdout.strip()) < 5 * 1024  # KB


def test_the_read_stops_at_the_limit_whatever_stat_says(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(SourceError, match="larger than the 1000 byte limit"):
        read_source(big, max_bytes=1000)
    assert read_source(big, max_bytes=2000) == "a" * 2000


def test_devices_fifos_and_links_out_are_refused(tmp_path):
    src = write_corpus(tmp_path / "src", TEXT)
    (src / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(SourceError, match=r"zero\.txt: .*(not a regular file|outside the source folder)"):
        read_corpus(src)
    (src / "zero.txt").unlink()
    os.mkfifo(src / "fifo.txt")  # opening it would block for ever
    with pytest.raises(SourceError, match=r"fifo\.txt: not a regular file"):
        read_corpus(src)
    (src / "fifo.txt").unlink()
    (src / "passwd.txt").symlink_to("/etc/passwd")
    with pytest.raises(SourceError, match=r"passwd\.txt: links to /etc/passwd, outside the source folder"):
        read_corpus(src)
    (src / "passwd.txt").unlink()
    (src / "same.txt").symlink_to(src / "a.txt")  # a link inside the folder is read: the same text, once
    corpus = read_corpus(src)
    assert [source.file_name for source in corpus.sources] == ["a.txt"]
    assert any(w.startswith("same.txt: the same text as a.txt") for w in corpus.warnings)


def test_the_catalogue_is_read_as_safely_as_a_text(served, tmp_path):
    """sources.csv was opened as it was: a FIFO hung the build for ever, a link out of the folder or
    a hard link was followed and its titles published."""
    src = write_corpus(tmp_path / "src", TEXT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (src / "sources.csv").rename(elsewhere / "sources.csv")
    os.mkfifo(src / "sources.csv")
    script = f"from pathlib import Path; from lskg.sources import read_corpus; read_corpus(Path({str(src)!r}))"
    try:
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a FIFO named sources.csv blocked")
    assert "sources.csv: not a regular file" in run.stderr, run.stderr[-500:]
    refused(served, src, r"sources\.csv: not a regular file")
    (src / "sources.csv").unlink()
    (src / "sources.csv").symlink_to(elsewhere / "sources.csv")
    refused(served, src, r"sources\.csv: links to .*, outside the source folder")
    (src / "sources.csv").unlink()
    os.link(elsewhere / "sources.csv", src / "sources.csv")
    refused(served, src, r"sources\.csv: has 2 hard links")


def test_a_hard_linked_text_is_refused(served, tmp_path):
    """A hard link's other name may be anywhere on the file system (nothing tells which is the
    original), so a text with more than one name is not published."""
    src = write_corpus(tmp_path / "src", TEXT)
    secret = tmp_path / "secret.txt"
    secret.write_text("Mật khẩu của máy chủ là hunter2.\n", encoding="utf-8")
    os.link(secret, src / "b.txt")
    refused(served, src, r"b\.txt: has 2 hard links")


def test_the_same_text_twice_is_one_source_with_one_row(tmp_path):
    """Two files with one text are one source (its IRI is the text's hash): published once, with the
    catalogue row of the first file by name, and the build says so."""
    src = write_corpus(tmp_path / "src", TEXT, title="Tiêu đề của a", file="a.txt")
    (src / "b.txt").write_text(TEXT, encoding="utf-8")
    with (src / "sources.csv").open("a", encoding="utf-8", newline="") as fh:
        fh.write("002,b.txt,Tiêu đề của b,,,2020-01-01,https://example.org/b,vi,tinh-lang-son\r\n")
    result = tiny_build(src, tmp_path / "out")
    assert [s["file"] for s in result.summary["sources"]] == ["a.txt"]
    assert any(w.startswith("b.txt: the same text as a.txt; published once") for w in result.summary["warnings"])
    key = result.summary["sources"][0]["key"]
    rows = open_release(tmp_path / "out").query(
        f"SELECT ?p ?o WHERE {{ <https://w3id.org/lskg/id/source/{key}> ?p ?o }}").rows
    values = {r["o"].value for r in rows}
    assert "Tiêu đề của a" in values and "Tiêu đề của b" not in values
    assert "2020-01-01" not in values and "https://example.org/b" not in values


def test_a_hostile_title_stays_one_literal(tmp_path):
    """The same text with a plain title and with the hostile one: the same triples about the source."""
    plain = tiny_build(write_corpus(tmp_path / "src", TEXT + "\n\nThêm một câu.\n", title="Tiêu đề",
                                    publisher="NXB", author="Tác giả"), tmp_path / "out")
    bad = tiny_build(write_corpus(tmp_path / "src2", TEXT + "\n\nThêm một câu.\n", title=HOSTILE_TITLE,
                                  publisher='<b>NXB</b>"\n<x>', author='"A"\r\n<i>'), tmp_path / "out2")
    key = plain.summary["sources"][0]["key"]
    assert bad.summary["sources"][0]["key"] == key
    about = f"SELECT ?p ?o WHERE {{ <https://w3id.org/lskg/id/source/{key}> ?p ?o }}"
    rows_plain = open_release(tmp_path / "out").query(about).rows
    rows_bad = open_release(tmp_path / "out2").query(about).rows
    assert len(rows_bad) == len(rows_plain)
    assert sorted(r["p"].value for r in rows_bad) == sorted(r["p"].value for r in rows_plain)
    titles = [r["o"].value for r in rows_bad if r["p"].value == "http://purl.org/dc/terms/title"]
    assert titles == [" ".join(HOSTILE_TITLE.split())]
    assert bad.summary["quads"] == plain.summary["quads"]


def test_a_file_listed_twice_in_the_catalogue_is_refused(served, tmp_path):
    """Before, the later row replaced the earlier one without a word."""
    src = write_corpus(tmp_path / "src", TEXT)
    with (src / "sources.csv").open("a", encoding="utf-8", newline="") as fh:
        fh.write("002,a.txt,Tiêu đề khác,,,2020-01-01,https://example.org/b,vi,tinh-lang-son\r\n")
    refused(served, src, r"sources\.csv, line 3: 'a\.txt' is listed again \(first on line 2\)")
