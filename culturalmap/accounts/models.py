from django.db import models
from django.utils import timezone


class SignInAttempt(models.Model):
    """One try at signing in (the site's page or the admin's): what the sliding-window limits count
    (culturalmap.accounts.throttle). Failures are kept a day, successes as known addresses 90 days."""

    address = models.GenericIPAddressField()
    username = models.CharField(max_length=150, blank=True)  # as typed, case-folded
    succeeded = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["address", "at"], name="sign_in_by_address"),
            models.Index(fields=["username", "at"], name="sign_in_by_username"),
            models.Index(fields=["at"], name="sign_in_by_time"),
        ]

    def __str__(self) -> str:
        return f"{self.username or '—'} from {self.address} at {self.at:%Y-%m-%d %H:%M:%S}"
