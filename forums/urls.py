from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.index, name="index"),
    path("rooms/<slug:slug>/", views.room, name="room"),
    path("rooms/<slug:slug>/history.json", views.room_history, name="room_history"),
    path(
        "rooms/<slug:slug>/messages/<int:message_id>/<str:action>/",
        views.message_action,
        name="message_action",
    ),
    path("rooms/<slug:slug>/promote/", views.promote_excerpt, name="promote_excerpt"),
    path("counselling/new/", views.counselling_request, name="counselling_request"),
    path("threads/", views.thread_list, name="thread_list"),
    path("threads/new/", views.thread_new, name="thread_new"),
    path("threads/<slug:slug>/", views.thread_detail, name="thread_detail"),
    path("threads/<slug:slug>/promote/", views.promote_thread, name="promote_thread"),
    path(
        "threads/<slug:slug>/posts/<int:post_id>/",
        views.post_link,
        name="post_link",
    ),
    path(
        "threads/<slug:slug>/posts/<int:post_id>/hide/",
        views.hide_post,
        name="hide_post",
    ),
    path("moderation/", views.moderation, name="moderation"),
]
