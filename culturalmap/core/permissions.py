"""Who may see and change what. Every write checks these on the server."""

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# Who a service acts for: a signed-in user, or the anonymous visitor a service then refuses.
AnyUser: TypeAlias = "AbstractBaseUser | AnonymousUser"

CURATOR_GROUP = "curators"


def is_curator(user: "AnyUser | None") -> bool:
    """Curators and staff see everything, exact locations of at-risk sites included."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or user.groups.filter(name=CURATOR_GROUP).exists()
