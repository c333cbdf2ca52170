"""release.py: release folders, the `current` switch, pruning, and the graph version."""

import hashlib
import os
import time
from datetime import datetime, timezone

import pyoxigraph as ox

from lskg.release import digest, folder_for, prune, switch, write_store

QUAD = ('<https://w3id.org/lskg/id/legal/vn/2022/nq-11-tw> <http://data.europa.eu/eli/ontology#id_local> '
        '"11-NQ/TW" <https://w3id.org/lskg/id/graph/source/001> .\n')


def test_a_release_folder_is_named_by_its_stamp_and_process(tmp_path):
    folder = folder_for(tmp_path, datetime(2024, 3, 19, 8, 30, 5, 123456, tzinfo=timezone.utc))
    assert folder == tmp_path / "releases" / f"20240319T083005123456Z-{os.getpid()}"
    assert (tmp_path / "releases").is_dir() and not folder.exists()


def test_switch_points_current_at_the_release_and_prune_keeps_it(tmp_path):
    releases = []
    for n in range(5):
        folder = tmp_path / "releases" / f"r{n}"
        folder.mkdir(parents=True)
        os.utime(folder, (time.time() - 100 + n, time.time() - 100 + n))  # r4 is the newest
        releases.append(folder)
    switch(tmp_path, releases[0])  # the oldest serves
    assert os.readlink(tmp_path / "current") == os.path.join("releases", "r0")
    switch(tmp_path, releases[1])
    assert (tmp_path / "current").resolve() == releases[1].resolve()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".current")] == []
    prune(tmp_path, keep=2)
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == ["r1", "r3", "r4"]


def test_the_graph_version_is_the_start_of_the_sha256(tmp_path):
    path = tmp_path / "dataset.nq"
    path.write_text(QUAD, encoding="utf-8")
    assert digest(path) == hashlib.sha256(QUAD.encode()).hexdigest()[:12]
    assert len(digest(path)) == 12


def test_the_store_and_trig_hold_dataset_nq(tmp_path):
    (tmp_path / "dataset.nq").write_text(QUAD, encoding="utf-8")
    write_store(tmp_path)
    trig = (tmp_path / "lskg.trig").read_text(encoding="utf-8")
    assert '"11-NQ/TW"' in trig and "eli:id_local" in trig  # written with the vocabulary's prefixes
    store = ox.Store.read_only(str(tmp_path / "store"))
    assert [q.object.value for q in store] == ["11-NQ/TW"]
