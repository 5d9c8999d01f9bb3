import pytest

from .factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def curator(db):
    return UserFactory(is_staff=True)
