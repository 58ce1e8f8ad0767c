"""A member's bookings (and a counsellor's profile) in their data export
(registered in CounsellingConfig.ready). The rows go with the account
(on_delete=CASCADE)."""

from community.services.personal_data import iso

from ..models import Booking, Counsellor


def export_counselling(user):
    bookings = Booking.objects.filter(member=user).select_related("counsellor__user")
    data = {
        "counselling_bookings": [
            {
                "counsellor": b.counsellor.name,
                "start": iso(b.start),
                "end": iso(b.end),
                "topic": b.topic,
                "status": b.status,
                "rating": b.rating,
                "feedback": b.feedback,
            }
            for b in bookings.order_by("start")
        ]
    }
    counsellor = Counsellor.objects.filter(user=user).first()
    if counsellor is not None:
        data["counsellor_profile"] = {
            "bio": counsellor.bio,
            "languages": counsellor.languages,
            "topics": counsellor.topics,
            "time_zone": counsellor.time_zone,
            "weekly_hours": [
                [h.weekday, h.start.isoformat(), h.end.isoformat()]
                for h in counsellor.weekly_hours.all()
            ],
        }
    return data
