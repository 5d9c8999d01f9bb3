"""Sign-in for organisers, city teams and curators (Django's auth), rate-limited per IP and per user."""

from django.contrib.auth import views as auth_views
from django.utils.decorators import method_decorator

from .throttle import sign_in_throttled


@method_decorator(sign_in_throttled, name="post")
class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
