"""The whoosh schema: one document per public record, whatever its kind."""

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import english_analyzer, roman_analyzer, spelling_analyzer, thai_analyzer

# Bump when the schema or the analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = 6

# Fields searched for words, and how much a match in each weighs.
THAI_FIELDS = {"name_th": 4.0, "text_th": 1.0}
ENGLISH_FIELDS = {"name_en": 3.0, "text_en": 1.0}
ROMAN_FIELDS = {"name_roman": 2.5}
# Facets: counted over the matching records, and filters on them.
FACETS = ("kind", "category", "province", "region", "amphoe", "tambon")
# What the thesaurus tags a record with (culturalmap.search.concepts): a filter, a facet, and what a
# query's words expand to.


def build_schema() -> Schema:
    thai, english = thai_analyzer(), english_analyzer()
    return Schema(
        key=ID(unique=True, stored=True, sortable=True),  # "<kind>:<primary key>"
        kind=ID(stored=True, sortable=True),
        code=ID(stored=True),
        ref=ID(stored=True),
        # Exact codes and refs typed into the box: upper case, searched as one term.
        ident=KEYWORD(lowercase=True),
        name_th=TEXT(analyzer=thai, stored=True, phrase=False, sortable=False),
        name_en=TEXT(analyzer=english, stored=True, phrase=False),
        name_roman=TEXT(analyzer=roman_analyzer(), phrase=False),
        # Whole names reduced to letters (Thai, English and romanised): exact-name and
        # name-prefix boosts, and the fuzzy match of a mistyped whole name.
        name_key=KEYWORD(lowercase=False, scorable=True, sortable=True),
        # The whole names' keys only (not the parts in brackets or before a comma): the ranking's
        # "the name is the query" (ranking.py); name_key's other keys count as a name's start.
        name_whole=KEYWORD(lowercase=False, scorable=False, sortable=True),
        # Everything else searchable: descriptions, keywords, period, category and province names.
        text_th=TEXT(analyzer=thai_analyzer(inner="compounds"), phrase=False),
        text_en=TEXT(analyzer=english, phrase=False),
        # The descriptions as written, for the snippets of the results.
        description_th=STORED,
        description_en=STORED,
        category=ID(stored=True, sortable=True),
        province=ID(stored=True, sortable=True),
        province_th=STORED,
        province_en=STORED,
        region=ID(stored=True, sortable=True),
        # District and sub-district (DOPA codes) of the shown point (culturalmap.search.places).
        amphoe=ID(stored=True, sortable=True),
        tambon=ID(stored=True, sortable=True),
        lon=STORED,
        lat=STORED,
        # For the map-area filter: microdegrees in few range tiers (a float field in whoosh's
        # default 16 tiers made most of the index's terms and doubled the rebuild time).
        lon_e6=NUMERIC(int, bits=32, signed=True, shift_step=8),
        lat_e6=NUMERIC(int, bits=32, signed=True, shift_step=8),
        sort_name=ID(sortable=True),
        # Concept keys (the heritage thesaurus), space-separated.
        concepts=KEYWORD(stored=True, lowercase=False, scorable=False),
        # The ranking's priors: the record's quality in ten-thousandths (0..10000, documents.quality) and
        # the views it had before it came here (those counted here are added at query time: popularity.py).
        quality=NUMERIC(int, bits=32, stored=True, sortable=True, default=0),
        views_before=NUMERIC(int, bits=32, stored=True, sortable=True, default=0),
        # The names' words, as typed (unstemmed): the "did you mean" vocabulary (spelling.py).
        spell=TEXT(analyzer=spelling_analyzer(), phrase=False),
        url=STORED,
        digest=STORED,
    )
