"""Statements prepared once per database connection (culturalmap.core.prepared)."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from culturalmap.core.prepared import execute_prepared

pytestmark = pytest.mark.django_db

TYPES = {"n": "int", "word": "text"}


def run(sql: str, **params) -> tuple:
    with connection.cursor() as cursor:
        execute_prepared(cursor, sql, params, TYPES)
        return cursor.fetchone()


def test_a_statement_is_prepared_once_per_connection_then_only_executed():
    # New to this connection whichever tests ran before; a parameter used twice is one $n.
    sql = f"SELECT %(n)s + 1, %(word)s || 'ไทย', %(n)s * 2 -- {uuid.uuid4()}"
    with CaptureQueriesContext(connection) as first:
        assert run(sql, n=1, word="ภาษา") == (2, "ภาษาไทย", 2)
    with CaptureQueriesContext(connection) as second:
        assert run(sql, n=21, word="คน") == (22, "คนไทย", 42)
    assert [q["sql"].split()[0] for q in first.captured_queries] == ["PREPARE", "EXECUTE"]
    assert [q["sql"].split()[0] for q in second.captured_queries] == ["EXECUTE"]
    assert "$1" in first.captured_queries[0]["sql"] and "%(n)s" not in first.captured_queries[0]["sql"]
