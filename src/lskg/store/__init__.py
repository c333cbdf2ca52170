"""The store interface: the web app and the CLI talk to the graph only through it."""

from .base import GraphStore, QueryError, QueryTimeout, SelectResult
from .embedded import EmbeddedStore, open_release

__all__ = ["GraphStore", "QueryError", "QueryTimeout", "SelectResult", "EmbeddedStore", "open_release"]
