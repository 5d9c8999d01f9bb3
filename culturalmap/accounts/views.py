"""Sign-in for organisers, city teams and curators (Django's auth), rate-limited per IP and per user."""

from django.contrib.auth import views as auth_views
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit

SIGN_IN_RATE = "10/m"


def _username(group, request):
    return (request.POST.get("username") or "").strip().casefold()


@method_decorator(ratelimit(key="ip", rate=SIGN_IN_RATE, method="POST", block=True), name="post")
@method_decorator(ratelimit(key=_username, rate=SIGN_IN_RATE, method="POST", block=True), name="post")
class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
