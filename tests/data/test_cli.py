"""The `scorecard` command line: init and releases, with clear help."""

import subprocess
import sys

from data.cli import main


def test_init_creates_and_loads_the_demo_then_releases_lists_it(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database-url", url, "init"]) == 0
    out = capsys.readouterr().out
    assert "Schema created." in out and "Loaded the illustrative demo release 1" in out
    assert main(["--database-url", url, "init"]) == 0
    assert "Schema already present" in capsys.readouterr().out
    assert main(["--database-url", url, "releases"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["id", "status", "rows", "current"]
    assert lines[2].split()[:4] == ["1", "final", "14112", "14112"] and "[illustrative]" in lines[2]


def test_releases_on_an_empty_database_says_what_to_do(tmp_path, capsys):
    assert main(["--database-url", f"sqlite:///{tmp_path / 'none.db'}", "releases"]) == 2
    assert "Run `scorecard init` first" in capsys.readouterr().err


def test_the_console_script_has_help_for_each_command():
    out = subprocess.run([sys.executable, "-m", "data.cli", "--help"], capture_output=True, text=True,
                         check=True).stdout
    assert "init" in out and "releases" in out and "DATABASE_URL" in out
    out = subprocess.run([sys.executable, "-m", "data.cli", "init", "--help"], capture_output=True, text=True,
                         check=True).stdout
    assert "--no-demo" in out and "--demo-scope" in out
