"""Schemathesis over the whole OpenAPI schema, anonymous and with an organiser's token: no request it
generates gets a 5xx, and every answer matches the schema (status code, content type, body).

Runs in-process against the WSGI application, in the test's transaction, over a small catalogue
(a market with its organiser and sales, a learning city and space, an asset) and a search index
built from it. A bounded number of examples per operation keeps it within about a minute;
`derandomize` makes a failure reproducible.
"""

import datetime
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from culturalmap.search import index
from tests.factories import (
    AssetFactory,
    CulturalMarketFactory,
    LearningSpaceFactory,
    MarketEventFactory,
    SalesEntryFactory,
    UserFactory,
)

EXAMPLES = 12  # per operation and identity
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def catalogue(db, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    market = CulturalMarketFactory(opened_on=datetime.date(2022, 10, 1))
    SalesEntryFactory(
        event=MarketEventFactory(market=market, held_on=datetime.date(2024, 9, 29)), amount=Decimal(500)
    )
    organiser = UserFactory(username="schemathesis-organiser")
    organiser.save()
    market.organisers.add(organiser)
    LearningSpaceFactory()
    AssetFactory(risk="high", risk_reason="looting")
    index.rebuild()
    # As Django's test client does: the request must not close the test's connection (its open
    # transaction looks, to close_old_connections, like a connection to throw away).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"token": Token.objects.create(user=organiser).key}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _load_schema():
    """The schema the site serves at /api/schema/, made here (no request, no database) so that
    schemathesis can generate one test per operation when pytest collects this module."""
    from drf_spectacular.generators import SchemaGenerator

    from culturalmap.wsgi import application

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application  # requests go to the WSGI application, in the test's transaction
    return loaded


schema = _load_schema()
# The WSGI transport hands schemathesis the body as sent: ask for it uncompressed (the site gzips
# JSON for clients that accept it; a real HTTP client decompresses it).
PLAIN = {"Accept-Encoding": "identity"}


HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@HYPOTHESIS
def test_the_api_answers_a_visitor_as_its_schema_says_and_never_with_a_5xx(case, catalogue):
    case.call_and_validate(headers=PLAIN, checks=CHECKS)


@schema.parametrize()
@HYPOTHESIS
def test_the_api_answers_an_organiser_as_its_schema_says_and_never_with_a_5xx(case, catalogue):
    case.call_and_validate(headers={**PLAIN, "Authorization": f"Token {catalogue['token']}"}, checks=CHECKS)
