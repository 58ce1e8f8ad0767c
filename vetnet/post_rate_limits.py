"""Per-address limits on the public POST forms that have no limit of their own.

Sign-up, login and password reset are limited by django-allauth
(ACCOUNT_RATE_LIMITS); room messages by forums.services.posting. This middleware
covers event registration, new threads and replies, counselling bookings (and
their changes), and practice submission, with the rates of the settings below
("count/period", 0 = off), counted by vetnet.ratelimit (shared by every process
when REDIS_URL is set).
"""

import re

from django.shortcuts import render

from . import ratelimit

_LANG = r"(?:[a-z]{2}/)?"
# name: (path pattern, setting, default rate)
RATE_LIMITED_POSTS = {
    "registration": (
        re.compile(rf"^/{_LANG}events/[^/]+/register/"),
        "REGISTRATION_RATE_LIMIT",
        "10/m",
    ),
    "forum-post": (
        re.compile(rf"^/{_LANG}forums/(?:threads|rooms|counselling)/"),
        "FORUM_POST_RATE_LIMIT",
        "20/m",
    ),
    "counselling": (
        re.compile(rf"^/{_LANG}counselling/"),
        "COUNSELLING_POST_RATE_LIMIT",
        "20/m",
    ),
    "practice-submission": (
        re.compile(rf"^/{_LANG}practices/submit/"),
        "SUBMISSION_RATE_LIMIT",
        "10/h",
    ),
}


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "unknown")


class PostRateLimitMiddleware:
    """A fixed-window limit per client address on the POST forms listed above."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.rules = []
        for name, (pattern, setting, default) in RATE_LIMITED_POSTS.items():
            rate = ratelimit.rate_from_setting(setting, default)
            if rate:
                self.rules.append((name, pattern, rate))

    def __call__(self, request):
        if request.method == "POST":
            for name, pattern, rate in self.rules:
                if pattern.match(request.path) and not ratelimit.hit(
                    rate, "post", name, client_ip(request)
                ):
                    return self.refuse(request, rate)
        return self.get_response(request)

    def refuse(self, request, rate):
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(ratelimit.period_seconds(rate))
        return response
