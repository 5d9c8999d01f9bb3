"""The asset interchange format (shared/spec/asset-interchange.md): import and export.

`import_asset_frame` takes rows already in a GeoDataFrame; `import_assets_file` reads any of the
spec's containers first; `export_assets_file` writes them. `rules` holds the record rules that the
single-record service (culturalmap.assets.services) shares with the import.
"""

from .exporting import export_assets_file
from .importing import ImportReport, RefusedRow, RowWarning, import_asset_frame, import_assets_file
from .rules import InterchangeFileError

__all__ = [
    "ImportReport",
    "InterchangeFileError",
    "RefusedRow",
    "RowWarning",
    "export_assets_file",
    "import_asset_frame",
    "import_assets_file",
]
