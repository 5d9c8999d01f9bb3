"""The fields of the interchange format (shared/spec/asset-interchange.md) and their other names."""

import pandas as pd

# In the spec's order.
FIELDS = [
    "ref",
    "name_th",
    "name_en",
    "category",
    "description_th",
    "description_en",
    "period",
    "province",
    "tambon_code",
    "risk",
    "keywords",
    "source",
]
# Beyond the spec, optional on import: our permalink `code` (so records keep it in another
# catalogue) and the curators' `risk_reason` (never in a public export).
EXTRA_FIELDS = ["code", "risk_reason"]
# Written by the export only, for readers of the file (an import derives them from the geometry and
# leaves these columns aside): the names of the sub-district and district, the postcode, the address.
PLACE_FIELDS = ["tambon_th", "amphoe_th", "postcode", "address_th", "address_en"]
EXPORT_FIELDS = ["code", *FIELDS, *PLACE_FIELDS, "risk_reason"]
REQUIRED_ANY = [("category",), ("name_th", "name_en")]

# Shapefile (DBF) field names hold 10 characters: what we write, and what GDAL/ArcGIS cut them to.
SHAPEFILE_NAMES = {
    "description_th": "desc_th",
    "description_en": "desc_en",
    "tambon_code": "tambon_cod",
    "risk_reason": "risk_reaso",
}
ALIASES = {
    "desc_th": "description_th",
    "desc_en": "description_en",
    # GDAL and ArcGIS cut both descriptions to "descriptio" and number the second one.
    "descriptio": "description_th",
    "descript_1": "description_en",
    "descript_2": "description_en",
    "tambon_cod": "tambon_code",
    "tambon": "tambon_code",
    "risk_reaso": "risk_reason",
    "archetype": "category",
    "keyword": "keywords",
}


def normalise_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Column names lower-cased and trimmed, short and truncated names mapped to the spec's."""
    renames = {}
    taken = set()
    for column in frame.columns:
        if column == getattr(frame, "_geometry_column_name", None):
            continue
        name = str(column).replace("\ufeff", "").strip().lower()
        if name not in FIELDS and name not in EXTRA_FIELDS:
            name = ALIASES.get(name, name)
        if name in taken:  # a second column of the same meaning: leave it aside
            name = str(column)
        taken.add(name)
        renames[column] = name
    return frame.rename(columns=renames)


def missing_required(columns: list[str]) -> list[str]:
    present = set(columns)
    return [" or ".join(options) for options in REQUIRED_ANY if not present & set(options)]
