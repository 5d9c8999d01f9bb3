"""Location rules shared by every record kind.

A `high`-risk record's exact location must never reach the public (looting of unexcavated
sites): the public sees it snapped to a grid of SENSITIVE_GRID_DEGREES (about 5.5 km).
The rule is a generated column in PostGIS, so no code path can forget it.
"""

from django.contrib.gis.db import models
from django.db.models import Case, F, Func, Value, When

SENSITIVE_GRID_DEGREES = 0.05

# Thailand's extent (FACTS.md), with a margin for islands and territorial waters.
THAILAND_BBOX = (97.2, 5.5, 105.8, 20.6)


def point_on_surface(field: str = "geom") -> Func:
    return Func(F(field), function="ST_PointOnSurface", output_field=models.PointField(srid=4326))


def public_point(field: str = "geom", risk_field: str = "risk") -> Case:
    exact = point_on_surface(field)
    snapped = Func(
        exact,
        Value(SENSITIVE_GRID_DEGREES),
        function="ST_SnapToGrid",
        output_field=models.PointField(srid=4326),
    )
    return Case(
        When(**{risk_field: "high"}, then=snapped),
        default=exact,
        output_field=models.PointField(srid=4326),
    )


def public_geometry(field: str = "geom", risk_field: str = "risk") -> Case:
    """The shape the public sees: the whole geometry, or a high-risk record's generalised point."""
    snapped = Func(
        point_on_surface(field),
        Value(SENSITIVE_GRID_DEGREES),
        function="ST_SnapToGrid",
        output_field=models.PointField(srid=4326),
    )
    return Case(
        When(**{risk_field: "high"}, then=snapped),
        default=F(field),
        output_field=models.GeometryField(srid=4326),
    )
