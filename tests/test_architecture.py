"""The picture of docs/adr/0006-import-rules.md, enforced: which folder may import which, callbacks that stay thin
and modules that stay readable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"analysis", "data", "page_models", "layouts", "callbacks", "editor", "plain", "app", "benchmarks", "tests"}
WEB = {"flask", "flask_caching", "dash", "dash_bootstrap_components", "plotly", "werkzeug"}
# folder → (the folders of ours it may import, the outside packages it must not import)
RULES = {
    "analysis": ({"analysis"}, WEB | {"sqlalchemy", "pandas"}),
    "data": ({"data", "analysis"}, WEB),
    "page_models": ({"page_models", "data", "analysis"}, WEB | {"sqlalchemy"}),
    "layouts": ({"layouts", "page_models", "analysis"}, {"flask", "flask_caching", "werkzeug", "sqlalchemy"}),
    "callbacks": ({"callbacks", "page_models", "layouts", "data", "analysis"}, {"sqlalchemy"}),
    # The editor is plain Flask forms: no Dash, so no callback of its can be reached through Dash's route (ADR 0007).
    "editor": ({"editor", "data", "analysis"}, {"dash", "dash_bootstrap_components", "plotly"}),
    # The published account renders page models as plain HTML: no Dash, no web server, no SQL of its own.
    "plain": ({"plain", "page_models", "data", "analysis", "layouts"}, WEB | {"sqlalchemy"}),
}
# The only layouts the published account may draw with: the pure ones (theme, axes, markers), never a Dash layout.
PURE_LAYOUTS = {"layouts.figures", "layouts.theme"}
MAX_CALLBACK_LINES = 15
MAX_MODULE_LINES = 400


def imported_packages(source: str) -> set[str]:
    """The top-level package of everything a module imports, at any depth (imports inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def forbidden_edges(folder: str, source: str) -> set[str]:
    allowed, banned = RULES[folder]
    packages = imported_packages(source)
    return {p for p in packages if (p in OURS and p not in allowed) or p in banned}


def modules(folders) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py"))


@pytest.mark.parametrize("path", modules(RULES), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_keeps_to_its_folder_s_imports(path):
    folder = path.relative_to(ROOT).parts[0]
    assert forbidden_edges(folder, path.read_text()) == set(), f"{path.relative_to(ROOT)} breaks ADR 0006"


@pytest.mark.parametrize("folder, source, edge", [
    ("analysis", "from data.catalogue import Measure", "data"),
    ("data", "def f():\n    from flask import g\n", "flask"),
    ("layouts", "from data.read_api import ReadAPI", "data"),
    ("page_models", "import dash_bootstrap_components as dbc", "dash_bootstrap_components"),
    ("page_models", "from sqlalchemy import select", "sqlalchemy"),
])
def test_the_check_finds_a_forbidden_edge(folder, source, edge):
    assert forbidden_edges(folder, source) == {edge}


def test_the_published_account_draws_only_with_pure_layouts():
    for path in modules(["plain"]):
        used = {n.module for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.ImportFrom)
                and n.module and n.module.startswith("layouts")}
        assert used <= PURE_LAYOUTS, f"{path.name} imports {used - PURE_LAYOUTS}"
    for name in PURE_LAYOUTS:  # and those stay pure: nothing of Dash
        assert imported_packages((ROOT / (name.replace(".", "/") + ".py")).read_text()) <= {
            "__future__", "math", "textwrap", "markupsafe", "analysis", "layouts"}


def callback_bodies(source: str) -> dict[str, int]:
    """Every function registered with app.callback (decorated), and how many lines its body takes."""
    out = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "callback" for d in node.decorator_list):
            out[node.name] = node.end_lineno - node.body[0].lineno + 1
    return out


@pytest.mark.parametrize("path", modules(["callbacks"]), ids=lambda p: p.name)
def test_callbacks_are_thin(path):
    too_long = {name: n for name, n in callback_bodies(path.read_text()).items() if n > MAX_CALLBACK_LINES}
    assert too_long == {}, f"callbacks over {MAX_CALLBACK_LINES} lines in {path.name}"


def test_the_callback_check_counts_body_lines():
    source = "@app.callback(Output('a', 'b'))\ndef f(x):\n" + "    y = 1\n" * 16 + "    return y\n"
    assert callback_bodies(source) == {"f": 17}


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in modules(sorted(OURS - {"app"})) + [ROOT / "app.py"]
            if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_two_modules_share_a_name_across_folders():
    names: dict[str, list[str]] = {}
    for p in modules(RULES):
        if p.name != "__init__.py":
            names.setdefault(p.stem, []).append(str(p.relative_to(ROOT)))
    assert {n: paths for n, paths in names.items() if len(paths) > 1} == {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, known: set[str]) -> set[str]:
    """The modules of ours a module imports, at any depth: `from a.b import c` is a.b.c when that is a module of
    ours, else a.b."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module
                     for alias in node.names]
        found |= {n for n in names if n in known}
    return found


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan's algorithm), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def test_no_import_circle_among_our_modules():
    paths = modules(RULES) + [ROOT / "app.py", ROOT / "static_files.py"]
    known = {module_name(p) for p in paths}
    graph = {module_name(p): imported_modules(p.read_text(), known) - {module_name(p)} for p in paths}
    assert import_circles(graph) == []


def test_the_circle_check_finds_a_circle_through_a_lazy_import():
    known = {"data.a", "data.b", "data.c"}
    graph = {"data.a": imported_modules("from data.b import x", known),
             "data.b": imported_modules("def f():\n    import data.c\n", known),
             "data.c": imported_modules("from data import a", known | {"data"})}
    assert import_circles(graph) == [["data.a", "data.b", "data.c"]]


# ------------------------------------------------------------------ one declaration each
def class_fields(source: str) -> dict[str, set[str]]:
    """Each class's annotated fields (a dataclass's, a NamedTuple's, a TypedDict's, an ORM table's columns)."""
    return {node.name: {s.target.id for s in node.body
                        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}
            for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ClassDef)}


def tables_of(source: str, keys: set[str], least: int = 3) -> set[str]:
    """Module- and class-level assignments whose value spells out at least `least` of `keys` (a dict keyed by them,
    a tuple of them, a tuple of rows each naming one): a table of those things."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef)):
            for stmt in node.body:
                if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
                    named = {n.value for n in ast.walk(stmt.value) if isinstance(n, ast.Constant) and n.value in keys}
                    if len(named) >= least:
                        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
                        found.add(ast.unparse(target))
    return found


def test_the_rating_record_is_declared_once():
    """data.read_records.RatingRecord is the rating record; the ratings table maps the same fields in the same order,
    and no other class declares half or more of the rating's own fields (those that are not the observation's: a
    copy of the record; analysis.rating.Rating, the method's verdict that the record holds, has 7 of 18)."""
    from data.read_records import RATING_FIELDS, ObservationRecord
    from data.schema import RatingRow

    assert tuple(c.name for c in RatingRow.__table__.columns if c.name != "id") == RATING_FIELDS
    own = set(RATING_FIELDS) - set(ObservationRecord.__annotations__)
    copies = {f"{p.relative_to(ROOT)}:{name}": sorted(fields & own)
              for p in modules(RULES) for name, fields in class_fields(p.read_text()).items()
              if len(fields & own) >= len(own) / 2
              and (p.relative_to(ROOT).as_posix(), name) not in {("data/read_records.py", "RatingRecord"),
                                                                 ("data/schema.py", "RatingRow")}}
    assert copies == {}


def test_the_colour_table_is_declared_once():
    from analysis.vocabulary import RATING_COLOURS

    where = {str(p.relative_to(ROOT)): names for p in modules(RULES) + [ROOT / "app.py"]
             if (names := tables_of(p.read_text(), set(RATING_COLOURS)))}
    # analysis.rating._JUDGED is the significance test's rule (a result's side → its word and colour), not a table
    # of what a colour is or looks like.
    assert where == {"analysis/vocabulary.py": {"RATING_COLOURS"}, "analysis/rating.py": {"_JUDGED"}}


def test_the_page_table_is_declared_once():
    """page_models.routes.PAGES declares each page (path, key, data, pin, download, benchmarks); elsewhere pages are
    only bound to their builders and downloads, which tests/callbacks/test_router.py checks against the table."""
    from page_models.routes import PAGES

    # The names no other thing in the code is called ("domain", "council" and "measure" are also columns' names).
    names = {p.name for p in PAGES} - {"domain", "council", "measure"}
    where = {str(p.relative_to(ROOT)): found for p in modules(RULES) + [ROOT / "app.py"]
             if (found := tables_of(p.read_text(), names))}
    assert where == {"page_models/routes.py": {"PAGES"}, "callbacks/router.py": {"BUILDERS"},
                     "callbacks/downloads.py": {"DOWNLOADS"}}


@pytest.mark.parametrize("source, found", [
    ("X = {'green': 1, 'amber': 2, 'red': 3}", {"X"}),
    ("ORDER = ('green', 'amber', 'red', 'grey')", {"ORDER"}),
    ("KEY = (('green', 'Green'), ('amber', 'Amber'), ('red', 'Red'))", {"KEY"}),
    ("def f():\n    return {'green': 1, 'amber': 2, 'red': 3}", set()),
    ("ONE = ('green', 'x')", set()),
])
def test_the_table_check_finds_a_second_table(source, found):
    assert tables_of(source, {"green", "amber", "red", "neutral", "grey"}) == found


def test_the_record_check_sees_a_class_s_fields():
    source = "class Row:\n    rating: str\n    colour: str\n    reason: str\n    def f(self): x: int = 1\n"
    assert class_fields(source) == {"Row": {"rating", "colour", "reason"}}
