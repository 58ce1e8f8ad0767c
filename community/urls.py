from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("members/", views.member_directory, name="members"),
    path("members/me/", views.profile_edit, name="profile_edit"),
    path("members/me/export.json", views.profile_export, name="profile_export"),
    path("members/me/delete/", views.profile_delete, name="profile_delete"),
    path("members/<int:pk>/", views.member_detail, name="member"),
    path("organisations/", views.organisation_directory, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_page, name="organisation"),
    path(
        "organisations/<slug:slug>/join/",
        views.organisation_join,
        name="organisation_join",
    ),
    path(
        "organisations/<slug:slug>/requests/<int:pk>/",
        views.organisation_decide,
        name="organisation_decide",
    ),
]
