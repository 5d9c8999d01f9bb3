"""Imports point down the layers (docs/architecture.md): core → geodata → the domains → maps and
search → the site. Read from the source with `ast`, so a new module is checked the day it is added."""

import ast
from pathlib import Path

from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = (
    "culturalmap.assets",
    "culturalmap.markets",
    "culturalmap.places",
    "culturalmap.economy",
    "learningcity",
)


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def imports(package: str) -> dict[str, set[str]]:
    """{module: every module it imports}, relative imports resolved, for each module of a package."""
    found = {}
    for path in sorted((ROOT / package.replace(".", "/")).rglob("*.py")):
        module = _module(path)
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = module.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                parent = ".".join(base[: len(base) - node.level + 1]) if node.level else ""
                target = ".".join(part for part in (parent, node.module) if part)
                names.add(target)
                names.update(f"{target}.{alias.name}" for alias in node.names)
        found[module] = names
    return found


def _outside(package: str, allowed: tuple[str, ...], own: tuple[str, ...]) -> list[str]:
    """Imports of the project's packages other than the package itself and those allowed."""
    project = ("culturalmap", "learningcity", "geodata")
    bad = []
    for module, names in imports(package).items():
        for name in names:
            if not name.startswith(project) or name.startswith((*own, *allowed)):
                continue
            bad.append(f"{module} imports {name}")
    return sorted(bad)


def test_geodata_imports_no_domain_only_the_core():
    assert _outside("geodata", ("culturalmap.core",), ("geodata",)) == []


def test_the_core_imports_no_app_of_the_project():
    assert _outside("culturalmap.core", (), ("culturalmap.core",)) == []


def test_the_domains_import_neither_the_map_nor_search():
    for package in DOMAINS:
        found = _outside(package, ("culturalmap.core", "geodata", *DOMAINS), (package,))
        assert found == [], package


def test_search_reads_the_registry_and_imports_no_domain():
    assert _outside("culturalmap.search", ("culturalmap.core", "geodata"), ("culturalmap.search",)) == []


def test_geodata_migrations_depend_on_no_other_app_of_the_project():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    for key in graph.leaf_nodes("geodata"):
        for app, _name in graph.forwards_plan(key):
            assert app in ("geodata",), f"geodata's migrations need {app}"
