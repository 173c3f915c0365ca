"""The built wheel works without the checkout: it is built from a copy of the sources, installed into a fresh virtual
environment, and ``assistant ingest``, ``score`` and ``ask`` run from a folder outside the checkout on a small corpus
written here. The prompts and the compass definition must come from the installed package.

The new environment gets the installed wheel only; its dependencies are made importable by a ``.pth`` file that lists
this interpreter's site-packages folders (plain paths, so their ``.pth`` files - such as an editable install of the
checkout - are not processed). Offline: ``pip wheel --no-build-isolation`` and ``pip install --no-deps``.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
#: What a wheel is built from (the checkout's other folders are not product).
SOURCES = ("pyproject.toml", "README.md", "assistant", "prompts")
#: Seconds for building the wheel, installing it, and each command.
STEP_TIMEOUT = 600

JAPAN = """Japan: human rights report

Japan is a parliamentary democracy with a free press. The constitution provides for freedom of expression, including
for members of the press, and the government generally respected this right. Independent media were active and
expressed a wide variety of views without restriction.

Japan and the province of Noord-Brabant cooperate on semiconductors and energy research. Universities in Japan
work with Dutch institutes on hydrogen technology and chip manufacturing equipment.
"""
BELEID = """Internationale samenwerking Noord-Brabant

De provincie Noord-Brabant werkt samen met Japan aan halfgeleiders en waterstof. Het afwegingskompas beoordeelt
landen op inhoudelijke aansluiting, praktische mogelijkheden, realiseerbaarheid en omgevingsfactoren.
In Japan is de persvrijheid goed beschermd: journalisten kunnen vrij berichten over de regering.
"""
CHECK = """
import json, assistant
from assistant.llm.prompts import PROMPTS_DIR, versions
from assistant.settings import Settings
print(json.dumps({"package": assistant.__file__, "prompts": str(PROMPTS_DIR), "versions": versions(),
                  "definition": str(Settings().compass.definition)}))
"""


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT)
    assert result.returncode in (0, 1), f"{cmd} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def build_wheel(tmp: Path) -> Path:
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    dist = tmp / "dist"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(dist), str(src)], cwd=tmp, env=env, capture_output=True, text=True,
                            timeout=STEP_TIMEOUT)
    assert result.returncode == 0, result.stderr
    (wheel,) = dist.glob("*.whl")
    return wheel


def make_venv(tmp: Path, wheel: Path) -> Path:
    """A fresh virtual environment with the wheel installed; the dependencies come from this interpreter's
    site-packages through a .pth file (never the checkout)."""
    home = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    result = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                             "--no-index", "-q", str(wheel)], capture_output=True, text=True, timeout=STEP_TIMEOUT)
    assert result.returncode == 0, result.stderr
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    ours = dict.fromkeys([*site.getsitepackages(), sysconfig.get_paths()["purelib"]])
    deps = [p for p in ours if Path(p).is_dir() and Path(p).resolve() != REPO.resolve()]
    (purelib / "zz_dependencies.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    return home


def test_the_wheel_answers_and_scores_outside_the_checkout(tmp_path):
    wheel = build_wheel(tmp_path)
    home = make_venv(tmp_path, wheel)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "japan_report.txt").write_text(JAPAN, encoding="utf-8")
    (corpus / "beleid_japan.txt").write_text(BELEID, encoding="utf-8")
    (tmp_path / "data").mkdir()
    work = tmp_path / "work"  # the working folder: outside the checkout, no .env
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_") and k != "PYTHONPATH"}
    env.update({"ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
                "ASSISTANT_DOCUMENT_DIRS": "[]", "ASSISTANT_COMPASS__DATA_DIR": str(tmp_path / "data"),
                "ASSISTANT_EMBEDDER": "use-m", "ASSISTANT_LLM": "extractive", "ASSISTANT_CHUNK__MIN_SIZE": "0",
                "HF_HUB_OFFLINE": "1", "PATH": f"{home / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"})
    python, command = str(home / "bin" / "python"), str(home / "bin" / "assistant")

    where = json.loads(run([python, "-c", CHECK], work, env).stdout)
    for key in ("package", "prompts", "definition"):
        assert Path(where[key]).resolve().is_relative_to(home.resolve()), (key, where[key])
        assert not Path(where[key]).resolve().is_relative_to(REPO.resolve()), (key, where[key])
    from assistant.llm.prompts import versions

    assert where["versions"] == versions()  # the packaged prompts are the checkout's prompts/ files

    ingest = json.loads(run([command, "ingest", "--format", "json"], work, env).stdout)
    assert ingest["chunks"] >= 2 and not ingest["failed"]

    score = json.loads(run([command, "score", "Japan", "--format", "json"], work, env).stdout)
    assert set(score) == {"assessment", "validation"}
    assessment = score["assessment"]
    assert assessment["region"] == "japan" and assessment["backend"] == "evidence"
    assert len(assessment["criteria"]) == 4 and {"passed", "findings"} <= set(score["validation"])
    from assistant.compass.definition import load_definition

    assert assessment["compass_version"] == load_definition().version

    answer = json.loads(run([command, "ask", "Hoe staat het met de persvrijheid in Japan?", "--format", "json"],
                            work, env).stdout)
    assert {"question", "answer", "refused", "backend", "citations", "retrieved"} <= set(answer)
    assert answer["backend"] == "extractive" and answer["retrieved"]
    assert {h["source"] for h in answer["retrieved"]} <= {"japan_report.txt", "beleid_japan.txt"}
