"""What one figure of a sentence turned out to be, kept for the figures after it."""

from __future__ import annotations

from dataclasses import dataclass

from ..quantities import Quantity
from .cues import CueHit


@dataclass
class Resolved:
    q: Quantity
    role: str  # level | unassigned (a level without indicator) | change | share-of-plan | skip
    indicator: str | None = None  # base indicator IRI
    cue: CueHit | None = None
    kind: str | None = None  # value kind emitted
    measure: str | None = None  # of a figure the fallback emitted: change, decrease, share-of-plan …
