"""Permalink codes: short, unambiguous, never reused. The code is what a record's page and API use."""

import secrets

# Crockford's base32: no I, L, O, U, so a code read aloud or typed by hand survives.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_code(prefix: str, *, rng: secrets.SystemRandom | None = None, length: int = 7) -> str:
    pick = (rng or secrets.SystemRandom()).choice
    return f"{prefix}-" + "".join(pick(_ALPHABET) for _ in range(length))


def asset_code() -> str:
    return new_code("CA")


def city_code() -> str:
    return new_code("CC")


def district_code() -> str:
    return new_code("CD")


def market_code() -> str:
    return new_code("CM")


def learning_city_code() -> str:
    return new_code("LC")


def learning_space_code() -> str:
    return new_code("LS")
