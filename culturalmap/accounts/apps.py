from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in for organisers, city teams and curators, and its limits."""

    name = "culturalmap.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from . import throttle  # noqa: F401  (connects the signed-in receiver)
