"""Where the project's data lives: ontology, reference data, queries, default build output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import settings


def project_root() -> Path:
    """LSKG_HOME, else the nearest folder up from here or the CWD that holds `ontology/`."""
    home = settings.read("LSKG_HOME")
    if home:
        return Path(home).resolve()
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in (start, *start.parents):
            if (folder / "ontology" / "lskg.ttl").exists() and (folder / "queries").is_dir():
                return folder
    return Path.cwd()


@dataclass(frozen=True)
class Paths:
    root: Path

    @classmethod
    def default(cls) -> "Paths":
        return cls(project_root())

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "lskg.ttl"

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def codelists(self) -> Path:
        return self.root / "ontology" / "codelists"

    @property
    def reference(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def sources(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def build(self) -> Path:
        return self.root / "data" / "build"

    @property
    def node_modules(self) -> Path:
        """Front-end packages the web app serves (package.json beside it; scripts/setup installs them)."""
        return self.root / "node_modules"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def registry(self) -> Path:
        return self.root / "registry" / "iris.tsv"

    def reference_files(self) -> list[Path]:
        return [self.ontology, *sorted(self.codelists.glob("*.ttl")), *sorted(self.reference.glob("*.ttl"))]
