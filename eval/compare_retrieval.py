"""Did a change alter retrieval? The retriever of two checkouts over the same chunks, compared question by question.

    python eval/compare_retrieval.py run --checkout ../main --out /tmp/main.json      # the code of another checkout
    python eval/compare_retrieval.py run --out /tmp/here.json                         # this checkout
    python eval/compare_retrieval.py diff /tmp/main.json /tmp/here.json

Chroma's HNSW search is approximate and not repeatable across processes (two runs of the same code differ in a few
of the 110 questions' top 5), so comparing two ``assistant eval`` runs cannot show that a change is neutral. Here
every chunk and vector of an index (``--index-dir``, default the evaluation's ``index/tests-shared-corpus``) is
copied into the in-memory store of the checkout under test, whose dense search is exact, and each question's top
``-k`` (ids and scores) is recorded. The questions' embeddings still come from the model, whose threads can move a
score in the last digit now and then: run each side twice when a single question differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INDEX = REPO / "index" / "tests-shared-corpus"
DEFAULT_QUESTIONS = REPO / "eval" / "questions.jsonl"
DEFAULT_K = 10
READ_BATCH = 1000

DUMP = """
import json, sys, tempfile
from pathlib import Path
import numpy as np
import chromadb
from chromadb.config import Settings as ChromaSettings
from assistant.settings import Settings
from assistant.index.store import decode_metadata
from assistant.index.embedders import get_embedder
from assistant.retrieve.hybrid import HybridRetriever
from assistant.testing import InMemoryStore
from assistant.evaluation.questions import load_questions

index_dir, corpus_dir, questions, k, batch, out = sys.argv[1:7]
settings = Settings(corpus_dir=Path(corpus_dir), index_dir=Path(tempfile.mkdtemp()))
path = Path(index_dir) / settings.index_name / "chroma"
collection = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False)) \\
    .get_collection(settings.index_name)
store = InMemoryStore()
for offset in range(0, collection.count(), int(batch)):
    got = collection.get(include=["embeddings", "documents", "metadatas"], limit=int(batch), offset=offset)
    chunks = [decode_metadata(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
    store.add(chunks, np.asarray(got["embeddings"], dtype=np.float32))
retriever = HybridRetriever(settings, get_embedder(settings), store)
ranked = {q.id: [[h.chunk_id, h.score] for h in retriever.search(q.question, k=int(k))]
          for q in load_questions(Path(questions))}
Path(out).write_text(json.dumps({"chunks": store.count(), "ranked": ranked}))
"""


def run(args: argparse.Namespace) -> int:
    checkout = (args.checkout or REPO).resolve()
    env = {**os.environ, "PYTHONPATH": str(checkout), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    command = [sys.executable, "-c", DUMP, str(args.index_dir.resolve()), str(checkout / "corpus"),
               str(args.questions.resolve()), str(args.k), str(READ_BATCH), str(args.out.resolve())]
    done = subprocess.run(command, cwd=checkout, env=env, check=False)
    if done.returncode == 0:
        data = json.loads(args.out.read_text())
        print(f"{checkout}: {len(data['ranked'])} questions over {data['chunks']} chunks -> {args.out}")
    return done.returncode


def diff(args: argparse.Namespace) -> int:
    a, b = (json.loads(Path(p).read_text())["ranked"] for p in (args.a, args.b))
    differ = [q for q in a if a[q] != b.get(q)]
    print(f"{len(a) - len(differ)} of {len(a)} questions ranked identically (ids and scores)")
    for q in differ:
        print(f"  {q}: {[c for c, _ in a[q][:5]]} vs {[c for c, _ in (b.get(q) or [])[:5]]}")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("run", help="rank every question with one checkout's retriever")
    p.add_argument("--checkout", type=Path, help="another checkout of this repository (default: this one)")
    p.add_argument("--index-dir", type=Path, default=DEFAULT_INDEX, help="index folder whose chunks are used")
    p.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    p.add_argument("-k", type=int, default=DEFAULT_K, help="results recorded per question")
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("diff", help="compare two runs; exit 1 when a question differs")
    p.add_argument("a", type=Path)
    p.add_argument("b", type=Path)
    args = parser.parse_args(argv)
    return run(args) if args.mode == "run" else diff(args)


if __name__ == "__main__":
    sys.exit(main())
