from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/register/resend/", views.resend_link, name="resend_link"),
    path("<slug:slug>/manage/<str:token>/", views.manage, name="manage"),
    path("<slug:slug>/event.ics", views.ics, name="ics"),
    path("<slug:slug>/registrations.csv", views.registrations_csv, name="csv"),
    path("<slug:slug>/checkin/", views.checkin, name="checkin"),
    path("<slug:slug>/checkin/<int:pk>/", views.checkin_toggle, name="checkin_toggle"),
]
