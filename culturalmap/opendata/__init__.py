"""The open-data release: the whole public catalogue as GeoPackage, GeoJSON and CSV, versioned, under
a licence, with a data dictionary and what changed since the release before."""
