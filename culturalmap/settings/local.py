"""`make run`: the developer's site on the demo catalogue."""

from .base import *  # noqa: F403

DEBUG = True
