"""The in-memory :class:`assistant.index.store.VectorStore` for tests and examples (re-exported by
``assistant.testing``): exact cosine search, the same metadata encoding and filters as the Chroma backend."""

from __future__ import annotations

import numpy as np


def _matches(meta: dict, where: dict | None) -> bool:
    """Evaluate the subset of Chroma's ``where`` language the retriever uses ($and, $or, equality, $in)."""
    if not where:
        return True
    for key, cond in where.items():
        if key == "$and":
            if not all(_matches(meta, c) for c in cond):
                return False
        elif key == "$or":
            if not any(_matches(meta, c) for c in cond):
                return False
        elif isinstance(cond, dict):
            for op, value in cond.items():
                if op == "$in" and meta.get(key) not in value:
                    return False
                if op == "$eq" and meta.get(key) != value:
                    return False
        elif meta.get(key) != cond:
            return False
    return True


class InMemoryStore:
    """A :class:`assistant.index.store.VectorStore` in a dict: exact cosine search, same metadata encoding."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple] = {}
        self._stamp = ""

    def add(self, chunks, vectors) -> None:
        from assistant.index.store import encode_metadata

        if chunks:
            self._stamp = ""
        for chunk, vector in zip(chunks, np.asarray(vectors, dtype=np.float32)):
            self._rows[chunk.chunk_id] = (chunk.model_copy(), encode_metadata(chunk), vector)

    def delete(self, chunk_ids) -> None:
        chunk_ids = list(chunk_ids)
        if chunk_ids:
            self._stamp = ""
        for cid in chunk_ids:
            self._rows.pop(cid, None)

    def clear(self) -> None:
        self._rows.clear()
        self._stamp = ""

    def stamp(self) -> str:
        return self._stamp

    def set_stamp(self, value: str) -> None:
        self._stamp = value

    def get(self, chunk_ids):
        return [self._rows[cid][0].model_copy() for cid in chunk_ids if cid in self._rows]

    def iter_chunks(self, batch: int = 1000):
        rows = list(self._rows.values())
        for start in range(0, len(rows), batch):
            yield [row[0].model_copy() for row in rows[start : start + batch]]

    def query(self, vector, n, where=None):
        return self.query_many([vector], n, where)[0]

    def query_many(self, vectors, n, where=None, ids=None):
        allowed = None if ids is None else set(ids)
        rows = [(cid, row) for cid, row in self._rows.items()
                if (allowed is None or cid in allowed) and _matches(row[1], where)]
        out = []
        for vector in vectors:
            scored = sorted(((cid, float(row[2] @ vector)) for cid, row in rows), key=lambda item: (-item[1], item[0]))
            out.append(scored[:n])
        return out

    def chunks(self):
        return [row[0].model_copy() for row in self._rows.values()]

    def count(self) -> int:
        return len(self._rows)
