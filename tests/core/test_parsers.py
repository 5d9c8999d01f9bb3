"""Untrusted JSON and CSV: a depth limit instead of a RecursionError, a row error for a huge cell."""

import csv
import io

import pytest

from culturalmap.core.parsers import (
    MAX_JSON_DEPTH,
    CsvRowError,
    JSONInputError,
    csv_rows,
    json_depth_exceeds,
    loads,
)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_json_as_deep_as_the_limit_is_read():
    assert loads(nested(MAX_JSON_DEPTH)) is not None
    assert loads('{"a": [1, {"b": "[[[[[[["}]}') == {"a": [1, {"b": "[[[[[[["}]}  # brackets in strings


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 5_000, 200_000])
def test_json_deeper_than_the_limit_is_refused_without_recursing(depth):
    with pytest.raises(JSONInputError) as info:
        loads(nested(depth))
    assert str(MAX_JSON_DEPTH) in str(info.value)


def test_the_depth_counts_objects_and_arrays_and_skips_escaped_quotes():
    assert json_depth_exceeds('{"a":{"b":{"c":1}}}', 2)
    assert not json_depth_exceeds('{"a":"\\"[[[[[[", "b":[]}', 2)


@pytest.mark.parametrize("text", ["{", "NaN", '{"a": Infinity}', b"\xff\xfe", "[1,]"])
def test_malformed_json_is_a_json_input_error(text):
    with pytest.raises(JSONInputError):
        loads(text)


def test_a_cell_over_the_csv_field_limit_is_a_row_error_and_reading_goes_on():
    text = "a,b\n1,2\n3," + "x" * (csv.field_size_limit() + 1) + "\n5,6\n"
    rows = list(csv_rows(csv.reader(io.StringIO(text, newline=""))))
    assert [line for line, _ in rows] == [1, 2, 3, 4]
    assert rows[3] == (4, ["5", "6"])
    line, error = rows[2]
    assert line == 3 and isinstance(error, CsvRowError)
    assert "131,072" in error.reason


def test_a_number_too_large_for_a_float_is_refused_not_made_infinite():
    with pytest.raises(JSONInputError):
        loads('{"coordinates": [1e400, 6]}')
    assert loads("[1e300]") == [1e300]
