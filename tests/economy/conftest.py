from tests.markets.conftest import curator, market, organiser, other_organiser, user  # noqa: F401
