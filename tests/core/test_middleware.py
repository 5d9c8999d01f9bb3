"""A NUL character anywhere in a URL gets a clear 400, never a 500 from deep inside a query."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/assets/%00/",
        "/districts/%00/",
        "/cultural-cities/%00/",
        "/markets/%00/",
        "/learning-cities/%00/",
        "/learning-spaces/%00/",
        "/api/assets/%00/",
        "/api/markets/%00/revenue/",
        "/api/learning-spaces/?city=%00",
        "/api/learning-spaces/?type=LC-C48JC5N%00",
        "/search/?q=a%00b",
        "/tiles/assets/5/25/14.mvt?province=%00",
        "/?lat=18%00",
    ],
)
def test_a_nul_character_in_a_url_is_a_400_that_says_why(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
