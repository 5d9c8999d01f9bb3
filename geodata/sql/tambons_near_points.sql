-- The sub-district nearest each geometry's representative point (ST_PointOnSurface, as the records'
-- `location` columns), with its distance in metres: 0 for the one holding the point (the lowest code
-- where two simplified polygons overlap). The index's KNN (<->, true distance to the polygon) picks a
-- few candidates; the geodesic distance decides among them.
WITH p AS (
    SELECT i, ST_PointOnSurface(ST_GeomFromWKB(g, 4326)) AS pt
    FROM unnest(%(geoms)s::bytea[]) WITH ORDINALITY AS u(g, i)
)
SELECT p.i, near.code, near.metres
FROM p
CROSS JOIN LATERAL (
    SELECT c.code, ST_Distance(c.geom::geography, p.pt::geography) AS metres
    FROM (SELECT t.code, t.geom FROM geodata_tambon t ORDER BY t.geom <-> p.pt LIMIT 4) AS c
    ORDER BY metres, c.code
    LIMIT 1
) AS near
ORDER BY p.i
