"""What one embedded-Chroma write costs per chunk, by what the chunk carries: the figures behind the store's format.

    python eval/bench_chroma_writes.py                 # 20,000 chunks per variant, 4,000 per call
    python eval/bench_chroma_writes.py --chunks 5000 --batch 1000

Each variant writes the same synthetic chunks (900 characters of words, 256-d random unit vectors) into a new
embedded Chroma collection, in its own child process, and prints milliseconds per chunk:

- ``vector``: ids and vectors only (the floor);
- ``text-as-document``: plus the text as a Chroma document (embedded Chroma's full-text index of documents);
- ``text-as-metadata``: plus the text as one metadata value instead;
- ``one-key-per-field``: the text as metadata and every citation field a metadata key of its own (earlier format);
- ``product``: what ``ChromaStore.add`` writes now (filter keys, region flags, packed fields, text as metadata).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

VARIANTS = ("vector", "text-as-document", "text-as-metadata", "one-key-per-field", "product")
DIM = 256
TEXT_WORDS = 130
VOCABULARY = 5000
SEED = 0


def _chunks(n: int):
    from assistant.testing import make_chunk

    rng = random.Random(SEED)
    words = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 10))) for _ in range(VOCABULARY)]
    return [make_chunk(" ".join(rng.choices(words, k=TEXT_WORDS)), source=f"copy-{i // 1000:04d}/report.md", n=i,
                       regions=["china"], kind="government_report", publisher="US State Department",
                       date="2025-07", page=i % 40, section="Section 2. Respect for Civil Liberties",
                       char_start=i * 100, char_end=i * 100 + 900, file_hash="ab" * 32, chunk_count=40)
            for i in range(n)]


def _payload(variant: str, chunks) -> dict:
    from assistant.index.store import TEXT_KEY, encode_metadata

    if variant == "vector":
        return {}
    if variant == "text-as-document":
        return {"documents": [c.text for c in chunks]}
    if variant == "text-as-metadata":
        return {"metadatas": [{TEXT_KEY: c.text} for c in chunks]}
    if variant == "one-key-per-field":
        fields = ("source", "title", "kind", "language", "independent", "char_start", "char_end", "file_hash",
                  "chunk_count", "page", "section", "date", "publisher")
        return {"metadatas": [{**{k: getattr(c, k) for k in fields}, "regions": "|".join(c.regions),
                               **{f"r_{r}": True for r in ("china", "east-asia", "asia")}, TEXT_KEY: c.text}
                              for c in chunks]}
    return {"metadatas": [{**encode_metadata(c), TEXT_KEY: c.text} for c in chunks]}


def run_variant(variant: str, n: int, batch: int) -> float:
    """Milliseconds per chunk for writing ``n`` chunks of ``variant``, ``batch`` per upsert call."""
    import chromadb
    import numpy as np
    from chromadb.config import Settings as ChromaSettings

    chunks = _chunks(n)
    vectors = np.random.default_rng(SEED).standard_normal((n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    client = chromadb.PersistentClient(path=tempfile.mkdtemp(prefix="bench-writes-"),
                                       settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.get_or_create_collection("bench", embedding_function=None,
                                                 configuration={"hnsw": {"space": "cosine"}})
    parts = [(chunks[s : s + batch], vectors[s : s + batch]) for s in range(0, n, batch)]
    payloads = [_payload(variant, part) for part, _ in parts]  # built before the clock starts
    started = time.perf_counter()
    for (part, vecs), payload in zip(parts, payloads):
        collection.upsert(ids=[c.chunk_id for c in part], embeddings=vecs, **payload)
    return (time.perf_counter() - started) / n * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chunks", type=int, default=20_000, help="chunks per variant (default 20,000)")
    parser.add_argument("--batch", type=int, default=4000, help="chunks per upsert call (default 4,000)")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated subset")
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.variant:
        print(json.dumps(run_variant(args.variant, args.chunks, args.batch)))
        return 0
    print(f"| variant ({args.chunks:,} chunks, {args.batch:,} per call) | ms a chunk |\n|---|---|")
    for variant in [v.strip() for v in args.variants.split(",") if v.strip()]:
        done = subprocess.run([sys.executable, __file__, "--variant", variant, "--chunks", str(args.chunks),
                               "--batch", str(args.batch)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"Variant {variant} failed:\n{done.stderr[-2000:]}")
        print(f"| {variant} | {float(done.stdout.strip().splitlines()[-1]):.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
