import datetime
import uuid
from decimal import Decimal

import pytest

from tests.factories import CulturalMarketFactory, UserFactory


def saved_user(**kwargs):
    # tests/factories.UserFactory skips the save after set_password: the hash never reaches the
    # database, so sign-in and force_login sessions fail. Save it here.
    kwargs.setdefault("username", f"user-{uuid.uuid4().hex[:12]}")
    user = UserFactory(**kwargs)
    user.save()
    return user


@pytest.fixture
def user(db):
    return saved_user()


@pytest.fixture
def curator(db):
    return saved_user(is_staff=True)


@pytest.fixture
def market(db):
    return CulturalMarketFactory(opened_on=datetime.date(2022, 10, 1), public_funding=Decimal("1000000"))


@pytest.fixture
def organiser(market):
    user = saved_user()
    market.organisers.add(user)
    return user


@pytest.fixture
def other_organiser(db):
    """Organises another market, not `market`."""
    user = saved_user()
    CulturalMarketFactory().organisers.add(user)
    return user
