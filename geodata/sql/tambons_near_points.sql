-- The sub-district nearest each geometry's representative point (ST_PointOnSurface, as the records'
-- `location` columns), with its distance in metres: 0 for the one holding the point (the lowest code
-- where two simplified polygons overlap). Only a point that no polygon holds is measured: the index's
-- KNN (<->, true distance to the polygon) picks a few candidates, the distance on the sphere decides.
-- One positional parameter (the WKB array), so that a page's lookup can take it as a subquery.
WITH p AS (
    SELECT i, ST_PointOnSurface(ST_GeomFromWKB(g, 4326)) AS pt
    FROM unnest(%s::bytea[]) WITH ORDINALITY AS u(g, i)
)
SELECT p.i, coalesce(inside.code, near.code), CASE WHEN inside.code IS NULL THEN near.metres ELSE 0 END
FROM p
LEFT JOIN LATERAL (
    SELECT t.code FROM geodata_tambon t WHERE ST_Intersects(t.geom, p.pt) ORDER BY t.code LIMIT 1
) AS inside ON true
LEFT JOIN LATERAL (
    SELECT c.code, ST_Distance(c.geom::geography, p.pt::geography, false) AS metres
    FROM (SELECT t.code, t.geom FROM geodata_tambon t ORDER BY t.geom <-> p.pt LIMIT 4) AS c
    WHERE inside.code IS NULL
    ORDER BY metres, c.code
    LIMIT 1
) AS near ON true
ORDER BY p.i
