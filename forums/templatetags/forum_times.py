"""How long ago a room or thread was active, as the listings say it."""

from datetime import timedelta

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def under_a_minute_ago(value):
    """True for a moment less than a minute ago: |timesince writes that as
    "0 minutes", which reads oddly after a post made just now."""
    return bool(value) and timezone.now() - value < timedelta(minutes=1)
