"""The development loop's checks: `make test` and `make test-quick` run ruff and mypy before any test, mypy finds no
error in the folders it checks, and either check fails the command on a new error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("analysis", "data", "page_models", "callbacks", "plain")
WRONG_RETURN = "def half(n: int) -> int:\n    return n / 2\n"


@pytest.mark.parametrize("target", ["test", "test-quick"])
def test_the_test_commands_run_ruff_and_mypy_before_any_test(target):
    steps = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lines = steps.splitlines()
    ruff = next(i for i, line in enumerate(lines) if line.endswith("ruff check ."))
    mypy = next(i for i, line in enumerate(lines) if line.endswith("bin/mypy"))
    pytest_runs = [i for i, line in enumerate(lines) if " -m pytest" in line]
    assert pytest_runs and ruff < min(pytest_runs) and mypy < min(pytest_runs)


def _copy_of_the_code(tmp_path: Path) -> Path:
    """The checked folders (and what they import) with the project's configuration, to break without touching the
    repository."""
    for folder in (*CHECKED, "layouts"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def _run(tool: str, where: Path) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", tool] + (["check", "."] if tool == "ruff" else ["--cache-dir", "/dev/null"])
    return subprocess.run(args, cwd=where, capture_output=True, text=True)


def test_mypy_finds_no_error_but_a_wrong_return_type_in_a_new_file(tmp_path):
    """One run over a copy of the checked folders with one planted error: that error, and nothing else, is found."""
    code = _copy_of_the_code(tmp_path)
    (code / "analysis" / "halves.py").write_text(WRONG_RETURN, encoding="utf-8")
    found = _run("mypy", code)
    errors = [line for line in found.stdout.splitlines() if ": error:" in line]
    assert found.returncode == 1 and len(errors) == 1, found.stdout
    assert errors[0].startswith("analysis/halves.py:2: error: Incompatible return value type")


def test_ruff_fails_on_an_unused_import(tmp_path):
    code = _copy_of_the_code(tmp_path)
    assert _run("ruff", code).returncode == 0
    (code / "analysis" / "unused.py").write_text('"""Nothing."""\n\nimport os\n', encoding="utf-8")
    broken = _run("ruff", code)
    assert broken.returncode == 1 and "F401" in broken.stdout
