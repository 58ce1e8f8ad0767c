"""Stable URLs without a language prefix: the Open Badges documents that
backpacks keep for years, the badge picture and the certificate PDF."""

from django.urls import path

from . import views

app_name = "credentials_ob"

urlpatterns = [
    path("issuer.json", views.issuer, name="issuer"),
    path("issuers/<int:pk>.json", views.organisation_issuer, name="org_issuer"),
    path("badges/<slug:public_id>.json", views.badge, name="badge"),
    path("badges/<slug:public_id>.png", views.badge_image, name="badge_image"),
    path("<slug:public_id>/assertion.json", views.assertion, name="assertion"),
    path("<slug:public_id>/certificate.pdf", views.certificate_pdf, name="certificate"),
]
