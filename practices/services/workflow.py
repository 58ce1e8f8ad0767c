"""Moderation of members' submissions through Wagtail's workflow system."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

EDITORS = "Editors"
WORKFLOW = "Practice review"
MATERIALS_COLLECTION = "Practice materials"
REVIEW_COLLECTION = "Practice materials in review"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def materials_collection():
    """The collection that holds members' uploaded documents and images."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=MATERIALS_COLLECTION).first()
    if existing is not None:
        return existing
    return root.add_child(name=MATERIALS_COLLECTION)


def review_collection():
    """The private collection of materials whose practice is not published.

    Its view restriction lets only Editors (and superusers) through Wagtail's
    document serve view and leaves its files out of the API; the submitter's own
    access is granted by practices.services.privacy.
    """
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=REVIEW_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=REVIEW_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
        editors, _ = Group.objects.get_or_create(name=EDITORS)
        restriction.groups.add(editors)
    return collection


@transaction.atomic
def ensure_review_setup(index_page):
    """Idempotent: Editors may review practices under the index in its workflow."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=index_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    for collection in (materials_collection(), review_collection()):
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=editors,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    # The data migration creates these; only a flushed database (e.g. after a
    # transactional test) lacks them. A workflow without its approval task would
    # publish members' drafts at once, so the task link is checked too.
    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW, defaults={"active": True}
    )
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task, _ = GroupApprovalTask.objects.get_or_create(name=WORKFLOW)
        task.groups.add(editors)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=index_page, defaults={"workflow": workflow}
    )
    return workflow


def submit_for_review(page, user):
    """Save a revision of the draft and start the index's workflow on it."""
    revision = page.save_revision(user=user, log_action=True)
    start_review(page, user)
    return revision


def start_review(page, user):
    """Start the review workflow on the page's latest revision."""
    workflow = page.get_workflow()
    if workflow is None:
        workflow = ensure_review_setup(page.get_parent().specific)
    return workflow.start(page, user)


def can_edit_submission(row):
    """A member may correct a draft the editors sent back (or never got)."""
    return row["status"] in (STATUS_CHANGES_REQUESTED, STATUS_DRAFT)


STATUS_DRAFT = "draft"
STATUS_IN_REVIEW = "in_review"
STATUS_CHANGES_REQUESTED = "changes_requested"
STATUS_PUBLISHED = "published"


def submissions_of(user):
    """The member's practices with their review state, newest first.

    Three queries whatever the number of submissions: the pages, their latest
    workflow states, and the reviewers' comments on rejected tasks.
    """
    from practices.models import PracticePage

    pages = list(
        PracticePage.objects.filter(submitted_by=user)
        .select_related("locale")
        .order_by("-latest_revision_created_at", "-pk")
    )
    ids = [str(page.pk) for page in pages]
    states = {}
    for state in (
        WorkflowState.objects.filter(
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id__in=ids,
        )
        .exclude(status=WorkflowState.STATUS_CANCELLED)
        .order_by("created_at")
    ):
        states[state.object_id] = state  # the latest one wins
    comments = {}
    rejected = (
        TaskState.objects.filter(
            workflow_state__in=[s.pk for s in states.values()],
            status=TaskState.STATUS_REJECTED,
        )
        .select_related("finished_by")
        .order_by("finished_at")
    )
    for task_state in rejected:
        comments[task_state.workflow_state_id] = task_state
    rows = []
    for page in pages:
        state = states.get(str(page.pk))
        rejection = comments.get(state.pk) if state else None
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            status = STATUS_CHANGES_REQUESTED
        elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            status = STATUS_IN_REVIEW
        elif page.live:
            status = STATUS_PUBLISHED
        else:
            status = STATUS_DRAFT
        rows.append(
            {
                "page": page,
                "status": status,
                "comment": rejection.comment if rejection else "",
                "reviewer": rejection.finished_by if rejection else None,
                "state": state,
            }
        )
    return rows
