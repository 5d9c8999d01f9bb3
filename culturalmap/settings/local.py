"""`make run`: the developer's site on the demo catalogue (gunicorn with threads, see the Makefile)."""

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = True
# Each server thread keeps its database connection (and the tile statements prepared on it) for ten
# minutes, checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = 600
