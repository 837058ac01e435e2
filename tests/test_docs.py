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


def test_the_proxy_sample_adds_every_security_header_to_its_own_error_replies():
    """The app's headers are on the app's replies; the proxy's own 400/413/414/431/502 need them from nginx, with
    `always`, in the server block and again in the error page's location (nginx replaces, never merges, them)."""
    from app import PERMISSIONS

    sample = (ROOT / "docs" / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server, error_location = sample.split("location = /proxy-error.html", 1)
    for block in (server, error_location):
        for header in ("Strict-Transport-Security", "Permissions-Policy", "X-Content-Type-Options", "X-Frame-Options",
                       "Referrer-Policy"):
            assert re.search(rf'add_header {header} "[^"]+" always;', block), header
        assert f'add_header Permissions-Policy "{PERMISSIONS}" always;' in block
    assert "server_tokens off;" in sample and "error_page 400 413 414 431 502" in sample


def test_every_import_problem_code_and_every_test_named_in_the_reliability_page_exists():
    from data.imports.problems import CODES

    page = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    added = list(CODES)[list(CODES).index("period_out_of_range"):]  # the codes for hostile input (issue 16) on
    assert all(f"`{code}`" in page for code in added), [c for c in added if f"`{c}`" not in page]
    for path in set(re.findall(r"`(tests/[\w/]+\.py)`", page)):
        assert (ROOT / path).is_file(), path


def test_the_proxy_sample_limits_what_the_app_limits_and_lets_the_editor_s_uploads_through():
    """Issue 26: the sample nginx limited nothing, and refused bodies over 1 MB while the editor promises 20 MB."""
    from editor.uploads import MAX_UPLOAD

    sample = (ROOT / "docs" / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "limit_req_status 429;" in sample and "add_header Retry-After" in sample
    for path in ("location = /_dash-update-component", "location /download/"):
        block = sample.split(path, 1)[1].split("}", 1)[0]
        assert re.search(r"limit_req zone=\w+ burst=\d+ nodelay;", block), path
    editor_block = sample.split("location /editor/", 1)[1].split("}", 1)[0]
    size = int(re.search(r"client_max_body_size (\d+)m;", editor_block).group(1))
    assert size * 1024 * 1024 > MAX_UPLOAD
