"""One GeoJSON reader for every geometry from outside: any malformed shape is a ValidationError."""

import json

import pytest
from django.core.exceptions import ValidationError

from culturalmap.core.geojson import MAX_POSITIONS, GeometryRefused, parse_geometry

SQUARE = [[[101.28, 6.55], [101.29, 6.55], [101.29, 6.56], [101.28, 6.56], [101.28, 6.55]]]


@pytest.mark.parametrize(
    "value",
    [
        {"type": "Point", "coordinates": [101.283, 6.55]},
        {"type": "Point", "coordinates": [101.283, 6.55, 12.5]},
        {"type": "LineString", "coordinates": [[101.28, 6.55], [101.29, 6.56]]},
        {"type": "Polygon", "coordinates": SQUARE},
        {"type": "MultiPolygon", "coordinates": [SQUARE]},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [101.2, 6.5]}},
        json.dumps({"type": "Point", "coordinates": [101, 6]}),
        {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [101, 6]}]},
    ],
)
def test_well_formed_geometries_are_read(value):
    geom = parse_geometry(value)
    assert geom.srid == 4326 and not geom.empty


@pytest.mark.parametrize(
    "value",
    [
        {"type": "LineString", "coordinates": 5},
        5,
        "5",
        None,
        [],
        "[[[[",
        {"type": "Point"},
        {"type": "Point", "coordinates": []},
        {"type": "Point", "coordinates": [1]},
        {"type": "Point", "coordinates": [1, 2, 3, 4]},
        {"type": "Point", "coordinates": ["101", "6"]},
        {"type": "Point", "coordinates": [True, 6]},
        {"type": "Point", "coordinates": [1e400, 6]},
        {"type": "Point", "coordinates": [101, None]},
        {"type": "Point", "coordinates": [[101, 6]]},
        {"type": "Point", "coordinates": {"x": 1}},
        {"type": "LineString", "coordinates": [[101, 6]]},
        {"type": "LineString", "coordinates": [101, 6]},
        {"type": "LineString", "coordinates": [[101, 6], 5]},
        {"type": "Polygon", "coordinates": [[[101, 6], [102, 6], [102, 7]]]},
        {"type": "Polygon", "coordinates": [[[101, 6], [102, 6], [102, 7], [101, 7]]]},
        {"type": "Polygon", "coordinates": [[]]},
        {"type": "MultiPolygon", "coordinates": SQUARE},
        {"type": "Circle", "coordinates": [101, 6]},
        {"type": 5, "coordinates": [101, 6]},
        {"type": ["Point"], "coordinates": [101, 6]},
        {"type": "Feature", "geometry": 5},
        {"type": "Feature", "geometry": None},
        {"type": "GeometryCollection", "geometries": 5},
        {"type": "GeometryCollection", "geometries": [{"type": "GeometryCollection", "geometries": []}]},
        {"type": "Point", "coordinates": [13000000, 700000]},  # metres, not degrees
        {"type": "Point", "coordinates": [101, 6], "crs": {"type": "name"}, "extra": [[[[]]]]}
        | {"type": "Nope"},
    ],
)
def test_any_malformed_geometry_is_a_validation_error(value):
    with pytest.raises(ValidationError) as info:
        parse_geometry(value, field="geometry")
    assert isinstance(info.value, GeometryRefused)
    assert set(info.value.message_dict) == {"geometry"}
    assert " / " in info.value.message_dict["geometry"][0]  # Thai / English


def test_a_legacy_crs_member_is_not_honoured():
    geom = parse_geometry(
        {
            "type": "Point",
            "coordinates": [101, 6],
            "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
        }
    )
    assert geom.srid == 4326 and geom.coords == (101, 6)


def test_a_geometry_of_too_many_positions_is_refused():
    line = [[100 + i * 1e-6, 6] for i in range(MAX_POSITIONS + 1)]
    with pytest.raises(GeometryRefused) as info:
        parse_geometry({"type": "LineString", "coordinates": line})
    assert info.value.error_dict["geom"][0].code == "too_large"
