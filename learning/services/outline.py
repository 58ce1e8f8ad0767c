"""A course's modules and lessons in one query, with their URLs computed from the
course's (no query per page), whatever the size of the course."""

from dataclasses import dataclass, field

from wagtail.models import Page


@dataclass
class LessonEntry:
    id: int
    title: str
    url: str
    module_id: int
    done: bool = False


class Progress:
    """Done lessons of whatever holds `lessons` (a module, the whole course)."""

    @property
    def done_count(self):
        return sum(lesson.done for lesson in self.lessons)

    @property
    def percent(self):
        return percent(self.done_count, len(self.lessons))


@dataclass
class ModuleEntry(Progress):
    id: int
    title: str
    url: str
    lessons: list = field(default_factory=list)


@dataclass
class Outline(Progress):
    modules: list

    @property
    def lessons(self):
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def lesson_ids(self):
        return [lesson.id for lesson in self.lessons]

    def mark_done(self, done_ids):
        for lesson in self.lessons:
            lesson.done = lesson.id in done_ids

    def neighbours(self, lesson_id):
        lessons = self.lessons
        for position, lesson in enumerate(lessons):
            if lesson.id == lesson_id:
                before = lessons[position - 1] if position else None
                after = lessons[position + 1] if position + 1 < len(lessons) else None
                return before, after
        return None, None

    def first_not_done(self):
        return next((lesson for lesson in self.lessons if not lesson.done), None)


def percent(part, whole):
    return round(100 * part / whole) if whole else 0


def course_path_of(page, levels_up):
    """The tree path of the ancestor ``levels_up`` levels above ``page``."""
    return page.path[: Page.steplen * (page.depth - levels_up)]


def course_outline(course, course_url):
    """Live modules and lessons of ``course`` in tree order (one query)."""
    rows = (
        Page.objects.live()
        .filter(
            path__startswith=course.path,
            depth__gt=course.depth,
            depth__lte=course.depth + 2,
        )
        .order_by("path")
        .values_list("id", "title", "url_path", "depth")
    )
    base = course_url.rstrip("/")
    prefix = len(course.url_path.rstrip("/"))
    modules = []
    for page_id, title, url_path, depth in rows:
        url = base + url_path[prefix:]
        if depth == course.depth + 1:
            modules.append(ModuleEntry(page_id, title, url))
        elif modules:
            modules[-1].lessons.append(
                LessonEntry(page_id, title, url, module_id=modules[-1].id)
            )
    return Outline(modules)
