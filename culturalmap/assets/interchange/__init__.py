"""The asset interchange format (shared/spec/asset-interchange.md): import and export.

`asset_frame_import` takes rows already in a GeoDataFrame; `asset_file_import` reads any of the
spec's containers first; `asset_file_export` writes them. `rules` holds the record rules that the
single-record service (culturalmap.assets.services) shares with the import.
"""

from .exporting import asset_file_export
from .importing import ImportReport, RefusedRow, RowWarning, asset_file_import, asset_frame_import
from .rules import InterchangeFileError

__all__ = [
    "ImportReport",
    "InterchangeFileError",
    "RefusedRow",
    "RowWarning",
    "asset_file_export",
    "asset_frame_import",
    "asset_file_import",
]
