"""The network in figures: organisations and public member profiles by country,
and activity in rooms and threads by month (counts only, nothing personal)."""

from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import MemberProfile, Organisation
from forums.models import Message, Post
from taxonomy.facets import count_by
from taxonomy.names import country_name

from .charts import Chart, Row, bars_summary
from .figures import cached

MONTHS = 24


def _by_country(slug, title, rows, heading):
    chart = Chart(
        slug,
        title,
        [Row(label=country_name(code), value=code, count=n) for code, n in rows],
        value_heading=_("Country"),
        count_heading=heading,
    )
    chart.summary = bars_summary(chart, sum(row.count for row in chart.rows))
    return chart


def _months(since):
    first = since.replace(day=1)
    months, current = [], first
    while current <= timezone.now():
        months.append(current.strftime("%Y-%m"))
        year, month = divmod(current.month, 12)
        current = current.replace(year=current.year + year, month=month + 1)
    return months


def _per_month(queryset, since):
    rows = (
        queryset.filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {row["month"].strftime("%Y-%m"): row["n"] for row in rows}


def count_network():
    """The raw counts (cached as a whole; labels are added per request)."""
    since = (timezone.now() - timedelta(days=31 * (MONTHS - 1))).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    messages = Message.objects.filter(deleted_at__isnull=True, hidden_at__isnull=True)
    posts = Post.objects.filter(hidden_at__isnull=True)
    return {
        "organisations": count_by(Organisation.objects.all(), "country"),
        "members": count_by(MemberProfile.objects.filter(is_public=True), "country"),
        "months": _months(since),
        "messages": _per_month(messages, since),
        "posts": _per_month(posts, since),
    }


def network_charts(filters):
    counts = cached("network", filters, count_network)
    organisations = _by_country(
        "organisations",
        _("Organisations by country"),
        counts["organisations"],
        _("Organisations"),
    )
    organisations.is_map = True
    members = _by_country(
        "members",
        _("Members with a public profile by country"),
        counts["members"],
        _("Members"),
    )
    activity = Chart(
        "activity",
        _("Activity in rooms and threads by month"),
        [
            Row(
                label=month,
                value=month,
                count=counts["messages"].get(month, 0),
                count2=counts["posts"].get(month, 0),
            )
            for month in counts["months"]
        ],
        value_heading=_("Month"),
        count_heading=_("Room messages"),
        count2_heading=_("Thread posts"),
    )
    activity.summary = _(
        "%(messages)d room messages and %(posts)d thread posts in the last "
        "%(months)d months."
    ) % {
        "messages": sum(counts["messages"].values()),
        "posts": sum(counts["posts"].values()),
        "months": len(counts["months"]),
    }
    return [organisations, members, activity]
