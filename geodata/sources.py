"""Where the geographic data comes from, with its licence and the attribution it asks for
(geodata/data/README.md): the open-data release and its page state them beside the catalogue's."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    what_th: str
    what_en: str
    source: str
    licence: str
    attribution: str


SOURCES = (
    Source(
        "ขอบเขตจังหวัด",
        "province boundaries",
        "OpenGISData-Thailand (github.com/chingchai/OpenGISData-Thailand)",
        "as published by the repository",
        "OpenGISData-Thailand",
    ),
    Source(
        "ขอบเขตตำบลและอำเภอ",
        "sub-district and district boundaries",
        "OCHA HDX “Thailand - Subnational Administrative Boundaries” (COD-AB, 2022-01-21),"
        " simplified by github.com/prasertcbs/thailand_gis",
        "CC BY-IGO 3.0",
        "Royal Thai Survey Department; OCHA HDX (COD-AB)",
    ),
    Source(
        "ชื่อ รหัส และรหัสไปรษณีย์ของตำบลและอำเภอ",
        "names, codes and postcodes of sub-districts and districts",
        "Department of Provincial Administration (DOPA), via the geothai package",
        "CC BY 4.0",
        "DOPA, via GeoThai",
    ),
)
