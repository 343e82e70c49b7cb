"""Studies already written, shared by the sessions until the project changes: the report page builds the whole
study once per analysis (one per project revision and day) and language, then shows and writes the chapters
chosen from it without drawing its figures again."""
from __future__ import annotations

import threading
from collections import OrderedDict

from clusterlab.analysis import Analysis
from clusterlab.report.build import build
from clusterlab.report.document import Document

KEPT = 4  # studies kept (each holds its figures, about a megabyte)

_cache: OrderedDict[tuple[int, str], tuple[Analysis, Document]] = OrderedDict()
_lock = threading.Lock()


def of(a: Analysis, lang: str) -> Document:
    """The whole study of `a` in `lang`: built on the first call, then the same document."""
    key = (id(a), lang)
    with _lock:
        found = _cache.get(key)
        if found is not None and found[0] is a:  # the analysis itself, not another at a reused id
            _cache.move_to_end(key)
            return found[1]
    doc = build(a, lang)  # outside the lock: another session's study need not wait for this one
    with _lock:
        _cache[key] = (a, doc)
        while len(_cache) > KEPT:
            _cache.popitem(last=False)
    return doc
