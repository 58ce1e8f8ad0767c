"""The verification page, under every language prefix (vetnet/urls.py)."""

from django.urls import path

from . import views

app_name = "credentials"

urlpatterns = [
    path("<slug:public_id>/", views.verify, name="verify"),
]
