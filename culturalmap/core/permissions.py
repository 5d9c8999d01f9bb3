"""Who may see and change what. Every write checks these on the server."""

CURATOR_GROUP = "curators"


def is_curator(user) -> bool:
    """Curators and staff see everything, exact locations of at-risk sites included."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or user.groups.filter(name=CURATOR_GROUP).exists()
