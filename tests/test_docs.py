"""The documentation keeps up with the code: every setting and every CLI command is in the README."""

import re
from pathlib import Path

from data.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_environment_variable_the_app_reads_is_in_the_readme():
    source = (ROOT / "data" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env\.get\("([A-Z_]+)"\)', source))
    assert names >= {"DATABASE_URL", "CACHE_REDIS_URL", "SCORECARD_DEBUG"}
    for name in names:
        assert f"`{name}`" in README, name


def test_every_cli_command_is_in_the_readme():
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"scorecard {name}" in README, name


def test_the_quick_start_is_two_commands():
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make serve", "make test"]


def test_the_chart_theme_picture_is_drawn_from_the_theme():
    """docs/chart-theme.md shows docs/images/chart-theme.svg: it must be what the theme draws today."""
    from layouts.theme_picture import picture

    assert (ROOT / "docs" / "images" / "chart-theme.svg").read_text(encoding="utf-8") == picture()
    assert "images/chart-theme.svg" in (ROOT / "docs" / "chart-theme.md").read_text(encoding="utf-8")


def test_the_readme_shows_the_domain_view():
    assert "docs/images/domain-view.png" in README and (ROOT / "docs" / "images" / "domain-view.png").stat().st_size
