"""Every page of a course shows the course's outline (module and lesson titles):
publishing, unpublishing or deleting one of them purges the course's whole subtree
from the front cache, not only the page and its ancestors (vetnet/frontcache.py)."""

from wagtail.models import Page

from vetnet import frontcache

from .services.outline import course_path_of

# Depth below the course: module 1, lesson 2.
LEVELS = {"learning.ModulePage": 1, "learning.LessonPage": 2}


def purge_course(sender, instance, **kwargs):
    levels = LEVELS.get(sender._meta.label)
    if levels is None:
        return
    course = Page.objects.filter(path=course_path_of(instance, levels)).first()
    path = frontcache.page_path(course) if course is not None else None
    if path:
        frontcache.purge(subtree=[path])


def connect():
    from wagtail.signals import page_published, page_unpublished

    from .models import LessonPage, ModulePage

    for model in (ModulePage, LessonPage):
        uid = f"learning.purge_course.{model.__name__}"
        page_published.connect(purge_course, sender=model, dispatch_uid=uid + ".pub")
        page_unpublished.connect(
            purge_course, sender=model, dispatch_uid=uid + ".unpub"
        )
