"""Caches bounded in bytes, not only in entries.

A cache of N entries is only as small as its largest entry: a query can build terms of any
length (a 256 KiB IRI from a few CONCATs), and an entry-counted cache of them grew the web
process by gigabytes, never freed. These caches weigh every entry when it is stored (`size_of`,
or the caller's own measure), refuse one larger than `max_entry_bytes`, and never hold more than
`max_bytes` in all.

`SizedMemo` is for hot paths (a term per result cell): a plain dict read without a lock; when an
entry would pass the budget it starts again, empty. `SizedLRU` (pages, saved-query results) drops
the least recently used entries first.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from dataclasses import fields, is_dataclass
from typing import Any, Callable, Hashable, TypeVar

T = TypeVar("T")
_MISSING = object()
_ENTRY_OVERHEAD = 120  # bytes a dict slot and its bookkeeping take beside the key and the value


def size_of(obj: Any, limit: int | None = None) -> int:
    """Bytes held by `obj` and what it refers to (strings, bytes, numbers, tuples, lists, sets,
    dicts, dataclasses and objects with a __dict__ or __slots__), each object counted once. Stops
    counting, returning more than `limit`, as soon as it passes `limit`."""
    seen: set[int] = set()
    total = 0
    stack = [obj]
    while stack:
        item = stack.pop()
        if id(item) in seen or item is None or isinstance(item, (bool, type)):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if limit is not None and total > limit:
            return total
        if isinstance(item, (str, bytes, bytearray, int, float)):
            continue
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (tuple, list, set, frozenset)):
            stack.extend(item)
        elif is_dataclass(item):
            stack.extend(getattr(item, f.name, None) for f in fields(item))
        else:
            stack.extend(getattr(item, "__dict__", {}).values())
            stack.extend(getattr(item, name, None) for name in getattr(type(item), "__slots__", ()))
    return total


class SizedMemo:
    """`make()`'s value by key, kept while the memo holds under `max_bytes`; reads take no lock."""

    def __init__(self, max_bytes: int, max_entry_bytes: int):
        self.max_bytes, self.max_entry_bytes = max_bytes, max_entry_bytes
        self.bytes = 0
        self._entries: dict = {}
        self._lock = threading.Lock()

    def lookup(self, key: Hashable, default: Any = None) -> Any:
        return self._entries.get(key, default)

    def get(self, key: Hashable, make: Callable[[], T], size: int | None = None) -> T:
        """The value for `key`, made and stored if new. `size`: the entry's bytes if the caller
        knows them (else measured with `size_of`, key and value)."""
        found = self._entries.get(key, _MISSING)
        if found is not _MISSING:
            return found
        value = make()
        self.put(key, value, size)
        return value

    def put(self, key: Hashable, value: Any, size: int | None = None) -> None:
        if size is None:
            size = size_of((key, value), self.max_entry_bytes)
        size += _ENTRY_OVERHEAD
        if size > self.max_entry_bytes:
            return
        with self._lock:
            if key in self._entries:
                return
            if self.bytes + size > self.max_bytes:
                self._entries.clear()  # start again: cheaper than ordering every read
                self.bytes = 0
            self._entries[key] = value
            self.bytes += size

class SizedLRU:
    """A least-recently-used cache of at most `max_entries` entries and `max_bytes` bytes."""

    def __init__(self, max_bytes: int, max_entries: int, max_entry_bytes: int | None = None):
        self.max_bytes, self.max_entries = max_bytes, max_entries
        self.max_entry_bytes = max_bytes if max_entry_bytes is None else max_entry_bytes
        self.bytes = 0
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found[0]
        value = make()  # outside the lock: two threads may make the same entry, which costs time only
        size = size_of((key, value), self.max_entry_bytes) + _ENTRY_OVERHEAD
        if size > self.max_entry_bytes:
            return value
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (value, size)
                self.bytes += size
            while self._entries and (self.bytes > self.max_bytes or len(self._entries) > self.max_entries):
                _key, (_value, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped
        return value

    def __len__(self) -> int:
        return len(self._entries)


def cached(cache: SizedLRU, func: Callable[..., T]) -> Callable[..., T]:
    """`func` with its results kept in `cache`, by its positional and keyword arguments."""

    def call(*args, **kwargs) -> T:
        return cache.get((args, tuple(sorted(kwargs.items()))), lambda: func(*args, **kwargs))

    call.cache = cache
    return call
