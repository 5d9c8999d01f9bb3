"""Prepared statements, once per database connection, for long SQL whose planning costs as much as
running it (the revenue series: a dozen CTEs, planned in ~10 ms, run in less). The SQL keeps its
%(name)s parameters; each connection prepares each statement the first time and then only executes it.
PostgreSQL replans a prepared statement by itself when a table it reads changes."""

import hashlib
import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

_PARAMETER = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True)
class _Prepared:
    name: str
    prepare: str
    parameters: tuple[str, ...]  # the names behind $1, $2, ...
    execute: str


@lru_cache(maxsize=512)
def _prepared(sql: str, types: tuple[tuple[str, str], ...]) -> _Prepared:
    names: list[str] = []

    def number(match: re.Match) -> str:
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"${names.index(match.group(1)) + 1}"

    body = _PARAMETER.sub(number, sql).replace("%%", "%")
    name = "stmt_" + hashlib.blake2b(sql.encode(), digest_size=10).hexdigest()
    declared = dict(types)
    prepare = f"PREPARE {name} ({', '.join(declared[n] for n in names)}) AS {body}"
    execute = f"EXECUTE {name} ({', '.join(['%s'] * len(names))})" if names else f"EXECUTE {name}"
    return _Prepared(name, prepare, tuple(names), execute)


# The statements prepared on each open database connection (a new connection starts with none).
_prepared_on: "weakref.WeakKeyDictionary[object, set[str]]" = weakref.WeakKeyDictionary()


def execute_prepared(cursor, sql: str, params: dict, types: dict[str, str]) -> None:
    """Run `sql` (with %(name)s parameters of the given PostgreSQL `types`) as a prepared statement."""
    statement = _prepared(sql, tuple(sorted(types.items())))
    db = cursor.db  # the connection the cursor is on: the primary's or the standby's (core.routers)
    db.ensure_connection()
    done = _prepared_on.setdefault(db.connection, set())
    if statement.name not in done:
        cursor.execute(statement.prepare)
        done.add(statement.name)
    cursor.execute(statement.execute, [params[n] for n in statement.parameters])
