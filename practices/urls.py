from django.urls import path

from . import views

app_name = "practices"

# /practices/ itself is the PracticeIndexPage, served by Wagtail (with ?format=
# csv|json exports); these routes come before Wagtail's catch-all.
urlpatterns = [
    path("submit/", views.submit, name="submit"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/edit/", views.edit, name="edit"),
    path("feed/", views.feed, name="feed"),
]
