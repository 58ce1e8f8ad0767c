from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:chart>.<slug:fmt>", views.chart_file, name="download"),
    path("image/<int:version>/<slug:chart>.svg", views.chart_image, name="image"),
    path("events/<slug:slug>/", views.event_figures, name="event"),
    path(
        "events/<slug:slug>/image/<int:version>/<slug:chart>.svg",
        views.event_image,
        name="event_image",
    ),
    path(
        "events/<slug:slug>/<slug:chart>.<slug:fmt>",
        views.event_file,
        name="event_download",
    ),
    path("network/", views.network, name="network"),
    path(
        "network/<slug:chart>.<slug:fmt>",
        views.network_file,
        name="network_download",
    ),
]
