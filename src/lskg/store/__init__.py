"""The store interface: the web app and the CLI talk to the graph only through it."""

from .base import EngineFailure, GraphStore, QueryBusy, QueryError, QueryTimeout, Release, Result
from .embedded import EmbeddedStore, open_release
from .isolated import IsolatedStore

__all__ = ["GraphStore", "QueryError", "QueryTimeout", "QueryBusy", "EngineFailure", "Result", "Release",
           "EmbeddedStore", "IsolatedStore", "open_release"]
