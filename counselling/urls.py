from django.urls import path

from . import views

app_name = "counselling"

# Fixed paths first: a counsellor's slug can be anything else.
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.my_bookings, name="mine"),
    path("dashboard/", views.counsellor_dashboard, name="dashboard"),
    path("dashboard/hours/", views.counsellor_settings, name="settings"),
    path("dashboard/bookings.csv", views.dashboard_csv, name="dashboard_csv"),
    path("activity/", views.activity, name="activity"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking"),
    path("bookings/<int:pk>/room/", views.enter_room, name="enter_room"),
    path("bookings/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("bookings/<int:pk>/decline/", views.decline, name="decline"),
    path("bookings/<int:pk>/move/", views.reschedule, name="reschedule"),
    path("bookings/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("bookings/<int:pk>/no-show/", views.no_show, name="no_show"),
    path("<slug:slug>/", views.counsellor, name="counsellor"),
    path("<slug:slug>/book/", views.book, name="book"),
]
