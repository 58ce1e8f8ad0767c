from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:pk>/read/", views.mark_read, name="read"),
    path("notifications/read-all/", views.mark_all_read, name="read_all"),
    path("notifications/members.json", views.members_json, name="members"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
    path("follows/", views.follows, name="follows"),
    path("follows/add/", views.follow, name="follow"),
    path("follows/remove/", views.unfollow, name="unfollow"),
    path("follows/preferences/", views.preferences_view, name="preferences"),
]
