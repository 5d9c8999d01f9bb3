"""The issue-11 checks cross every door: they use the learning-city and market fixtures both."""

from tests.learningcity.conftest import (  # noqa: F401
    _media_in_tmp,
    trok_sui,
    yala,
    yala_team,
)
from tests.markets.conftest import market, organiser  # noqa: F401
