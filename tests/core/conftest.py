from tests.learningcity.conftest import (  # noqa: F401  (the learning-city fixtures, for the doors they open)
    _media_in_tmp,
    trok_sui,
    yala,
    yala_team,
)
