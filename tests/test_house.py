"""Guards of the layout (docs/architecture.md): no import circles, no Streamlit under
``analysis/``, no SQL outside ``analysis/store/``, few top-level modules in ``analysis/``.

Each check reads the source with ``ast``, so it holds for code that no test imports."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("analysis", "dashboard")
MAX_TOP_LEVEL = 6

SQL = re.compile(
    r"\bSELECT\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+(?:\s+AS\s+\w+)?\s+SET\b"
    r"|\bDELETE\s+FROM\b|\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:TABLE|VIEW)\b"
    r"|\b(?:ALTER|DROP)\s+(?:TABLE|VIEW)\b"
    r"|(?i:\binsert\s+into\b|\bdelete\s+from\s+\w+\s+where\b|\b(?:create|alter|drop)\s+table\b"
    r"|\bselect\s+(?:\*|count\(|distinct\b|[\w.]+\s*,\s*[\w.]+\s+from\b))"
)
"""SQL statements: upper case as the store writes them, and the unmistakable ones in lower
case too (prose may say "select", never "select count(" or "insert into")."""
DUCKDB_OUTSIDE_THE_STORE = {"analysis/ingest/fast_hash.py"}
"""Modules that may open DuckDB outside the store: hashing a column in a private in-memory
database, never the store file."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def product_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PRODUCT
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def imported(tree: ast.AST, name: str, is_package: bool, known: set[str]) -> Iterator[str]:
    """The product modules a module imports, anywhere in its body (a lazy import inside a
    function still ties the two modules together)."""
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from _known(alias.name, known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    yield f"{base}.{alias.name}"
                else:
                    yield from _known(base, known)


def _known(name: str, known: set[str]) -> Iterator[str]:
    while name and name not in known:
        name = name.rpartition(".")[0]
    if name:
        yield name


def import_graph() -> dict[str, set[str]]:
    modules = product_modules()
    known = set(modules)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = imported(tree, name, path.name == "__init__.py", known)
        graph[name] = {target for target in targets if target != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), as sorted lists."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_product_has_no_import_circles() -> None:
    assert circles(import_graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_relative_and_lazy_imports_count() -> None:
    known = {"pkg", "pkg.one", "pkg.two", "pkg.three"}
    tree = ast.parse("from . import one\ndef f():\n    from .two import x\n    import pkg.three\n")
    assert set(imported(tree, "pkg.four", False, known)) == {"pkg.one", "pkg.two", "pkg.three"}


def third_party(path: Path, package: str) -> list[str]:
    """The imports of ``package`` (or its submodules) anywhere in the module at ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [alias.name for alias in node.names] if isinstance(node, ast.Import)
            else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        )
        found += [n for n in names if n.split(".")[0] == package]
    return found


def test_analysis_never_imports_streamlit() -> None:
    offenders = [f"{name}: {n}" for name, path in product_modules().items()
                 if name.startswith("analysis") for n in third_party(path, "streamlit")]
    assert offenders == []


def sql_literals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and SQL.search(node.value):
            found.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_sql_lives_only_in_the_store() -> None:
    store = ROOT / "analysis" / "store"
    offenders = [
        hit
        for path in product_modules().values()
        if store not in path.parents
        for hit in sql_literals(path)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "literal",
    ["SELECT id FROM documents", "insert_sql = 'x'; INSERT INTO claims VALUES (1)",
     "UPDATE documents SET hoax_claim = NULL", "DELETE FROM scores", "CREATE TABLE t (a INT)",
     "INSERT OR IGNORE INTO claims VALUES (1)", "INSERT OR REPLACE INTO meta VALUES (1)",
     "UPDATE documents AS d SET x = 1", "CREATE TEMP TABLE t AS (1)", "ALTER TABLE t ADD x",
     "DROP VIEW v", "select count(*) from documents", "select * from scores",
     "select id, text from documents", "insert into claims values (1)",
     "delete from scores where task = 'hoax'"],
)
def test_the_sql_check_sees_each_statement(tmp_path: Path, literal: str) -> None:
    path = tmp_path / "probe.py"
    path.write_text(f"QUERY = {literal!r}\n", encoding="utf-8")
    assert len(sql_literals(path)) == 1


def test_the_sql_check_lets_prose_pass() -> None:
    assert not SQL.search("Select a period, then update the filters and delete from the list.")
    assert not SQL.search("select the rows from the table the analyst picked")


def test_only_the_store_opens_duckdb() -> None:
    offenders = []
    for name, path in product_modules().items():
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith("analysis/store/") and relative not in DUCKDB_OUTSIDE_THE_STORE:
            offenders += [f"{name}: {n}" for n in third_party(path, "duckdb")]
    assert offenders == []


def test_only_the_store_opens_postgresql() -> None:
    offenders = []
    for name, path in product_modules().items():
        if not path.relative_to(ROOT).as_posix().startswith("analysis/store/"):
            offenders += [f"{name}: {n}" for lib in ("psycopg", "psycopg_pool")
                          for n in third_party(path, lib)]
    assert offenders == []


def test_the_shared_top_level_modules_import_only_each_other() -> None:
    graph = import_graph()
    top = {name for name, path in product_modules().items()
           if path.parent == ROOT / "analysis" and path.name != "__init__.py"}
    assert {name: sorted(graph[name] - top) for name in top if graph[name] - top} == {}


def test_analysis_keeps_few_top_level_modules() -> None:
    top = sorted(path.name for path in (ROOT / "analysis").glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, top


def test_every_package_says_what_it_is_for() -> None:
    """A newcomer learns where a piece belongs from each package's docstring."""
    missing = [
        str(init.relative_to(ROOT))
        for package in PRODUCT
        for init in (ROOT / package).rglob("__init__.py")
        if not ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    ]
    assert missing == []


PATH_IN_DOC = re.compile(r"(?<!not )`((?:analysis|dashboard)/[\w/.]*)`")
"""A path of the code a page names (one it names as not used, "not `dashboard/pages/`", aside)."""


@pytest.mark.parametrize("doc", ["docs/architecture.md", "README.md"])
def test_the_maps_name_only_paths_that_exist(doc: str) -> None:
    named = PATH_IN_DOC.findall((ROOT / doc).read_text(encoding="utf-8"))
    assert named, f"{doc} names no path of the code"
    assert [path for path in named if not (ROOT / path).exists()] == []


@pytest.mark.parametrize("doc", ["docs/architecture.md", "README.md"])
def test_the_maps_describe_every_package(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    packages = sorted(
        f"{init.parent.relative_to(ROOT).as_posix()}/"
        for init in (ROOT / "analysis").glob("*/__init__.py")
    )
    assert [package for package in packages if f"`{package}`" not in text] == []


def test_the_architecture_page_names_every_top_level_module() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    top = [path.name for path in (ROOT / "analysis").glob("*.py") if path.name != "__init__.py"]
    assert [name for name in top if f"`{name}`" not in text] == []


MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 450


def long_pieces(folder: Path) -> list[str]:
    """Functions over 60 lines and modules over 450 under ``folder``."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(folder.parent).as_posix()
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            found.append(f"{name}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{name}:{node.lineno} {node.name}() {length} lines")
    return found


@pytest.mark.parametrize("package", ["analysis", "dashboard"])
def test_no_long_functions_or_modules(package: str) -> None:
    """Functions short enough to read at once, modules short enough to hold in mind: a function
    over 60 lines or a module over 450 is split along its concepts."""
    assert long_pieces(ROOT / package) == []


def test_the_length_check_sees_a_long_function_and_a_long_module(tmp_path: Path) -> None:
    def function(name: str, body_lines: int) -> str:
        return f"def {name}():\n" + "".join(f"    x{i} = {i}\n" for i in range(body_lines))

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "short.py").write_text(function("fine", 59))
    (tmp_path / "pkg" / "long.py").write_text(function("long", 60) + "\n" * 400)
    assert long_pieces(tmp_path / "pkg") == [
        "pkg/long.py: 461 lines", "pkg/long.py:1 long() 61 lines",
    ]


FORBIDDEN = {
    "analysis": {"dashboard"},
    "analysis.text": {"analysis.ingest", "analysis.store", "analysis.models", "analysis.signals",
                      "analysis.insights", "analysis.training", "analysis.reports",
                      "analysis.pipeline", "analysis.cli"},
    "analysis.ingest": {"analysis.store", "analysis.models", "analysis.signals",
                        "analysis.insights", "analysis.training", "analysis.reports",
                        "analysis.pipeline", "analysis.cli"},
    "analysis.store": {"analysis.models", "analysis.signals", "analysis.insights",
                       "analysis.training", "analysis.reports", "analysis.pipeline",
                       "analysis.cli"},
    "analysis.models": {"analysis.store", "analysis.ingest", "analysis.insights",
                        "analysis.training", "analysis.reports", "analysis.pipeline",
                        "analysis.cli"},
    "analysis.signals": {"analysis.insights", "analysis.training", "analysis.reports",
                         "analysis.pipeline", "analysis.cli"},
    "analysis.insights": {"analysis.training", "analysis.reports", "analysis.pipeline",
                          "analysis.cli"},
    "analysis.reports": {"analysis.training", "analysis.pipeline", "analysis.cli"},
    "analysis.training": {"analysis.reports", "analysis.pipeline", "analysis.cli"},
    "analysis.pipeline": {"analysis.training", "analysis.reports", "analysis.cli",
                          "analysis.monitor", "analysis.collect"},
    "analysis.collect": {"analysis.store", "analysis.models", "analysis.signals",
                         "analysis.insights", "analysis.training", "analysis.reports",
                         "analysis.pipeline", "analysis.cli", "analysis.monitor"},
    "analysis.monitor": {"analysis.training", "analysis.cli"},
    "dashboard": {"analysis.cli", "analysis.training"},
}
"""What each package may not import (docs/architecture.md): the lower layers never reach up
(text and ingest know no store, the store knows no model or insight, models never read the
store), and only the CLI trains."""


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module ``start`` loads, directly or through the modules it imports."""
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += graph.get(module, ())
    return seen


def layer_breaks(graph: dict[str, set[str]]) -> list[str]:
    """``module -> target`` for every forbidden module a module loads, however indirectly
    (importing the models must not load the store through a module in between)."""
    found = []
    for module in sorted(graph):
        rules = [banned for package, banned in FORBIDDEN.items()
                 if module == package or module.startswith(package + ".")]
        for target in sorted(reachable(graph, module)):
            if any(target == b or target.startswith(b + ".") for rule in rules for b in rule):
                found.append(f"{module} -> {target}")
    return found


def test_each_package_imports_only_its_lower_layers() -> None:
    assert layer_breaks(import_graph()) == []


def test_the_layer_check_sees_a_store_reaching_for_a_model() -> None:
    graph = {"analysis.store.trends": {"analysis.models.labels", "analysis.store.db"}}
    assert layer_breaks(graph) == ["analysis.store.trends -> analysis.models.labels"]


def test_the_layer_check_follows_imports_through_allowed_modules() -> None:
    graph = {"analysis.models.hoax": {"analysis.signals.files"},
             "analysis.signals.files": {"analysis.store.claims"}}
    assert layer_breaks(graph) == ["analysis.models.hoax -> analysis.store.claims"]
