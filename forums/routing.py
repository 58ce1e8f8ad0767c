from django.urls import path  # noqa: F401

# Filled by the forums app: path("ws/forums/rooms/<slug:slug>/", RoomConsumer.as_asgi())
websocket_urlpatterns = []
