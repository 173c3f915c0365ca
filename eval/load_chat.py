"""Load test: N simultaneous chat users against a running app on loopback, measured with gradio_client.

    assistant serve &                                   # or: ASSISTANT_APP__CONCURRENCY=4 assistant serve
    python eval/load_chat.py --users 20 --rounds 2      # prints p50/p95 latency and errors

Every user has its own session (its own gradio_client.Client). All users start together (a barrier), each asks
``--rounds`` questions one after the other, and the run stops by itself: every request has a timeout and the whole
run a deadline. The exit status is 1 when any request failed or went unanswered.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import urlparse

DEFAULT_URL = "http://127.0.0.1:7860/"
DEFAULT_USERS = 20
DEFAULT_ROUNDS = 1
#: Seconds one request may take before it counts as an error.
REQUEST_TIMEOUT = 180.0
#: Seconds the whole run may take; requests still waiting then count as errors.
RUN_DEADLINE = 900.0
#: Largest accepted --users x --rounds (the script must stay a bounded measurement, not a flood).
MAX_REQUESTS = 500
CHAT_ENDPOINT = "/chat"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
QUESTIONS = (
    "Hoe staat het met de persvrijheid in China?",
    "Welke innovatiethema's noemt de provincie Noord-Brabant?",
    "Wat zegt het rapport over mensenrechten in Turkije?",
    "Hoe werkt Noord-Brabant samen met Duitsland op het gebied van waterstof?",
    "Welke rol speelt Zuid-Korea in de halfgeleiderindustrie?",
    "Wat zijn de focusregio's van de provincie?",
)


@dataclass
class Result:
    user: int
    question: str
    seconds: float
    ok: bool
    error: str | None = None


@dataclass
class Report:
    url: str
    users: int
    rounds: int
    requests: int
    answered: int
    errors: int
    p50: float | None
    p95: float | None
    max: float | None
    mean: float | None
    wall_seconds: float
    error_samples: list[str] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100) of ``values``; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def _answered(output) -> bool:
    """The chat endpoint returns (messages, copy text, input box): answered when the copy text is filled."""
    return isinstance(output, (list, tuple)) and len(output) >= 2 and bool(str(output[1] or "").strip())


def _user(index: int, url: str, auth, rounds: int, barrier: threading.Barrier, deadline: float,
          results: list[Result], lock: threading.Lock) -> None:
    from gradio_client import Client

    try:
        client = Client(url, auth=auth, verbose=False)
    except Exception as exc:  # noqa: BLE001 - a user who cannot connect is an error, not a crash
        with lock:
            results.append(Result(index, "-", 0.0, False, f"connect: {exc}"))
        barrier.abort()
        return
    try:
        barrier.wait(timeout=REQUEST_TIMEOUT)
    except threading.BrokenBarrierError:
        pass
    for round_ in range(rounds):
        question = QUESTIONS[(index + round_) % len(QUESTIONS)]
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            with lock:
                results.append(Result(index, question, 0.0, False, "run deadline passed"))
            continue
        started = time.perf_counter()
        try:
            job = client.submit(question, "", "", "", api_name=CHAT_ENDPOINT)
            output = job.result(timeout=min(REQUEST_TIMEOUT, remaining))
            ok, error = _answered(output), None if _answered(output) else "empty answer"
        except Exception as exc:  # noqa: BLE001
            ok, error = False, f"{type(exc).__name__}: {exc}"
        with lock:
            results.append(Result(index, question, time.perf_counter() - started, ok, error))
    try:
        client.close()
    except Exception:  # noqa: BLE001 - closing is best effort
        pass


def run(url: str, users: int, rounds: int, auth=None) -> tuple[Report, list[Result]]:
    results: list[Result] = []
    lock = threading.Lock()
    barrier = threading.Barrier(users)
    started = time.monotonic()
    deadline = started + RUN_DEADLINE
    threads = [threading.Thread(target=_user, args=(i, url, auth, rounds, barrier, deadline, results, lock),
                                daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT)
    wall = time.monotonic() - started
    with lock:
        done = list(results)
    missing = users * rounds - len(done)
    done += [Result(-1, "-", 0.0, False, "no result before the deadline")] * max(0, missing)
    times = [r.seconds for r in done if r.ok]
    errors = [r for r in done if not r.ok]
    report = Report(
        url=url, users=users, rounds=rounds, requests=len(done), answered=len(times), errors=len(errors),
        p50=percentile(times, 50), p95=percentile(times, 95), max=max(times) if times else None,
        mean=statistics.fmean(times) if times else None, wall_seconds=round(wall, 2),
        error_samples=sorted({r.error for r in errors if r.error})[:5],
    )
    return report, done


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL, help=f"app address (default {DEFAULT_URL})")
    parser.add_argument("--users", type=int, default=DEFAULT_USERS, help="simultaneous users")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="questions per user, one after another")
    parser.add_argument("--auth", help="login as user:password when the app has ASSISTANT_APP__AUTH set")
    parser.add_argument("--allow-remote", action="store_true", help="allow a non-loopback URL (your own server)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)
    if args.users < 1 or args.rounds < 1 or args.users * args.rounds > MAX_REQUESTS:
        parser.error(f"--users and --rounds must be >= 1 with users x rounds <= {MAX_REQUESTS}")
    if (urlparse(args.url).hostname or "") not in LOOPBACK and not args.allow_remote:
        parser.error("the load test runs against a loopback app (127.0.0.1); pass --allow-remote for your own server")
    auth = tuple(args.auth.split(":", 1)) if args.auth else None
    report, _ = run(args.url, args.users, args.rounds, auth)
    if args.format == "json":
        print(json.dumps(asdict(report), indent=2))
    else:
        print(f"{report.users} users x {report.rounds} rounds against {report.url}: {report.answered}/"
              f"{report.requests} answered, {report.errors} errors in {report.wall_seconds:.1f} s")
        print(f"latency p50 {_fmt(report.p50)}, p95 {_fmt(report.p95)}, max {_fmt(report.max)}, "
              f"mean {_fmt(report.mean)}")
        for sample in report.error_samples:
            print(f"  error: {sample}")
    return 0 if report.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
