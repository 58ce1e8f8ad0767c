"""Every course has a private discussion room (forums) for its learners and
trainers."""

from forums.models import Room, RoomMembership


def course_room(course):
    """The course's room, made on first use."""
    if course.room_id:
        return course.room
    from ..models import CoursePage

    room, _created = Room.objects.get_or_create(
        slug=f"course-{course.pk}",
        defaults={
            "name": course.title[:160],
            "description": course.summary[:500],
            "kind": Room.Kind.PRIVATE,
        },
    )
    CoursePage.objects.filter(pk=course.pk).update(room=room)
    course.room = room
    for trainer_id in course.trainers.values_list("pk", flat=True):
        RoomMembership.objects.get_or_create(room=room, user_id=trainer_id)
    return room


def add_to_room(course, user):
    RoomMembership.objects.get_or_create(room=course_room(course), user=user)
