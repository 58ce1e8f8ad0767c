"""Who may read, write and moderate in a room. Checked on every action."""

from dataclasses import dataclass

from community.names import display_name

from ..models import Room, RoomMembership

MODERATE_PERMISSION = "forums.moderate_forums"


def is_moderator(user):
    return bool(user and user.is_authenticated and user.has_perm(MODERATE_PERMISSION))


@dataclass(frozen=True)
class RoomAccess:
    room: Room
    user_id: int | None
    user_name: str
    can_read: bool
    can_write: bool
    can_moderate: bool
    is_member: bool

    def as_dict(self):
        return {
            "id": self.user_id,
            "name": self.user_name,
            "can_write": self.can_write,
            "can_moderate": self.can_moderate,
        }


def room_access(user, room):
    authenticated = bool(user and user.is_authenticated and user.is_active)
    # Membership only matters in private rooms: open rooms skip the query (it is
    # on the path of every message).
    is_member = (
        authenticated
        and room.is_private
        and RoomMembership.objects.filter(room=room, user=user).exists()
    )
    if room.is_private:
        is_counsellor = authenticated and room.counsellor_id == user.pk
        can_read = is_member or is_counsellor
        # In a private room the counsellor moderates; site moderators are not
        # let in unless they were invited.
        can_moderate = is_counsellor
    else:
        can_read = authenticated or room.anonymous_can_read
        can_moderate = is_moderator(user)
    return RoomAccess(
        room=room,
        user_id=user.pk if authenticated else None,
        user_name=display_name(user) if authenticated else "",
        can_read=can_read,
        can_write=authenticated and can_read,
        can_moderate=can_moderate,
        is_member=is_member,
    )


def rooms_visible_to(user):
    rooms = Room.objects.all()
    if user and user.is_authenticated:
        from django.db.models import Q

        return rooms.filter(
            Q(kind=Room.Kind.OPEN) | Q(memberships__user=user) | Q(counsellor=user)
        ).distinct()
    return rooms.filter(kind=Room.Kind.OPEN)


def ensure_groups():
    """The Moderators and Counsellors groups (also made by migration 0002; a test
    database flush or a fresh demo may need them again)."""
    from django.contrib.auth.models import Group, Permission

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        Permission.objects.get(
            content_type__app_label="forums", codename="moderate_forums"
        )
    )
    counsellors, _ = Group.objects.get_or_create(name="Counsellors")
    return moderators, counsellors
