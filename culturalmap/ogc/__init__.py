"""OGC API – Features and Tiles over the record-kind registry: GIS clients (QGIS, GDAL) read the
public catalogue by URL, one collection per kind of record."""
