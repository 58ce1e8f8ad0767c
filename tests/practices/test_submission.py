"""Member submission at /practices/submit/ and review in Wagtail's workflow."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from practices.models import PracticePage

from .conftest import PDF_BYTES, png_bytes

pytestmark = pytest.mark.django_db

SUBMIT = "/practices/submit/"


@pytest.fixture
def form_data(taxonomy, organisation):
    return {
        "title": "Digital badges for café apprentices",
        "summary": "Apprentices in small cafés collect open badges for each skill.",
        "description": "First paragraph about the bakery.\n\nSecond paragraph: αποτελέσματα.",
        "outcomes": "120 badges issued",
        "content_language": "el",
        "country": "GR",
        "organisation": str(organisation.pk),
        "sectors": [str(taxonomy["food-catering"].pk)],
        "target_groups": [str(taxonomy["apprentices"].pk)],
        "eqf_levels": ["3", "4"],
        "themes": "open badges, work-based learning",
        "funding_programme": "Erasmus+ KA2",
        "year_start": "2021",
        "year_end": "2023",
        "contact_name": "Eleni Papadopoulou",
        "contact_email": "eleni@example.org",
    }


@pytest.fixture
def logged_in(client, member):
    client.force_login(member)
    return client


def test_submission_requires_login(client, practice_index):
    response = client.get(SUBMIT)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_happy_path_creates_a_draft_in_review_and_notifies_editors(
    logged_in, form_data, member, editor
):
    form_data["materials"] = [
        SimpleUploadedFile("plan.pdf", PDF_BYTES, "application/pdf"),
        SimpleUploadedFile("workshop.png", png_bytes(), "image/png"),
    ]
    response = logged_in.post(SUBMIT, form_data)
    assert response.status_code == 302
    assert response["Location"].endswith("/practices/mine/")

    page = PracticePage.objects.get(title="Digital badges for café apprentices")
    assert page.live is False
    assert page.submitted_by == member
    assert page.content_language == "el"
    assert page.locale.language_code == "el"
    assert sorted(level.level for level in page.eqf_levels.all()) == [3, 4]
    assert sorted(page.themes.names()) == ["open badges", "work-based learning"]
    blocks = [block.block_type for block in page.body]
    # The image is the cover, shown once above the body (issue 14).
    assert blocks == ["paragraph", "paragraph", "attachment"]
    assert page.image is not None
    # Private until published (issue 14, see test_material_privacy).
    document = page.body[2].value["document"]
    assert document.collection.name == "Practice materials in review"

    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Practice review"
    assert any(editor.email in message.to for message in mail.outbox)

    mine = logged_in.get(response["Location"])
    html = mine.content.decode()
    assert "Digital badges for café apprentices" in html
    assert "In review" in html
    assert "has been sent to the editors for review" in html
    # Not public while in review.
    assert logged_in.get("/practices/").context["total"] == 0


def assert_kept(html, form_data):
    for key in ("title", "summary", "contact_name", "themes", "funding_programme"):
        value = form_data.get(key)
        if value:
            assert value.replace("'", "&#x27;") in html, key


@pytest.mark.parametrize(
    "change",
    [{"title": ""}, {"summary": "x" * 601}, {"eqf_levels": ["3", "9"]}],
)
def test_a_screen_reader_hears_a_refused_fields_error_with_it(
    logged_in, form_data, change
):
    """The field (or its group of boxes) names its error by an id the page
    has, so a screen reader reads "This field is required." on the field."""
    form_data.update(change)
    html = logged_in.post(SUBMIT, form_data).content.decode()
    (field,) = change
    field_html = html.split(f'id="field-{field}"', 1)[1].split('<div class="field', 1)[
        0
    ]
    named = re.findall(r'aria-describedby="([^"]+)"', field_html)
    error_ids = re.findall(r'<ul class="errorlist" id="([^"]+)"', field_html)
    assert error_ids, field_html
    assert any(error_ids[0] in ids.split() for ids in named), (named, error_ids)
    for ids in named:
        for name in ids.split():
            assert f'id="{name}"' in html, name


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"title": ""}, "title", "This field is required."),
        ({"contact_email": ""}, "contact_email", "This field is required."),
        ({"contact_email": "not-an-email"}, "contact_email", "valid email"),
        ({"eqf_levels": ["3", "9"]}, "eqf_levels", "9 is not an EQF level"),
        ({"summary": "x" * 601}, "summary", "at most 600 characters"),
        ({"year_end": "2019"}, "year_end", "cannot be before the first year"),
        ({"content_language": "xx"}, "content_language", "Select a valid choice"),
    ],
)
def test_bad_input_keeps_every_value_and_marks_the_field(
    logged_in, form_data, change, field, message
):
    form_data.update(change)
    response = logged_in.post(SUBMIT, form_data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="field-{field}"' in html
    field_html = html.split(f'id="field-{field}"', 1)[1].split('<div class="field', 1)[
        0
    ]
    assert "errorlist" in field_html
    assert message in field_html
    assert_kept(html, {k: v for k, v in form_data.items() if k not in change})
    # Multiple choices stay ticked.
    assert 'value="3" checked' in html or ('value="3"' in html and "checked" in html)
    assert PracticePage.objects.count() == 0


@pytest.mark.parametrize(
    "upload, message",
    [
        (("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "SVG"),
        (("tool.exe", b"MZ\x90\x00"), "not an accepted file type"),
        (("report.pdf", b"just text pretending"), "does not look like a real .pdf"),
        (("photo.png", PDF_BYTES), "not a valid image"),
        (("photo.jpg", png_bytes()), "content is PNG"),
        (("slides.docx", b"PK\x03\x04 not really a zip"), "does not look like a real"),
    ],
)
def test_disallowed_or_disguised_files_are_refused_with_values_kept(
    logged_in, form_data, upload, message
):
    name, content = upload
    form_data["materials"] = [SimpleUploadedFile(name, content)]
    response = logged_in.post(SUBMIT, form_data)
    assert response.status_code == 400
    html = response.content.decode()
    field_html = html.split('id="field-materials"', 1)[1]
    assert message in field_html
    assert name in field_html
    assert_kept(html, form_data)
    assert "please choose them again" in html
    assert PracticePage.objects.count() == 0


def test_oversize_file_is_refused(logged_in, form_data, settings):
    settings.MAX_UPLOAD_MB = 1
    big = PDF_BYTES + b"0" * (1024 * 1024)
    form_data["materials"] = [SimpleUploadedFile("big.pdf", big)]
    response = logged_in.post(SUBMIT, form_data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "big.pdf” is 1.0\xa0MB; files may be at most 1.0\xa0MB" in html
    assert_kept(html, form_data)


def _submit(logged_in, form_data):
    logged_in.post(SUBMIT, form_data)
    return PracticePage.objects.get(title=form_data["title"])


def test_a_theme_in_another_case_joins_the_theme_already_there(
    logged_in, form_data, make_practice
):
    make_practice("Open badges in bakeries", themes=["open badges"])
    form_data["themes"] = "Open Badges, work-based learning"
    page = _submit(logged_in, form_data)
    assert sorted(page.themes.names()) == ["open badges", "work-based learning"]


def test_changes_requested_shows_the_reviewers_comment(logged_in, form_data, editor):
    page = _submit(logged_in, form_data)
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    task_state.reject(user=editor, comment="Please add the number of apprentices.")

    html = logged_in.get("/practices/mine/").content.decode()
    assert "Changes requested" in html
    assert "Please add the number of apprentices." in html
    assert "In review" not in html


def test_approval_publishes_and_the_member_sees_it(logged_in, form_data, editor):
    page = _submit(logged_in, form_data)
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    task_state.approve(user=editor)

    page.refresh_from_db()
    assert page.live is True
    html = logged_in.get("/practices/mine/").content.decode()
    assert "Published" in html
    assert 'href="/practices/digital-badges-for-caf' in html  # interface language kept
    listing = logged_in.get("/practices/")
    assert [p.title for p in listing.context["practices"]] == [form_data["title"]]


def test_the_submitted_image_shows_once_on_the_published_page(
    logged_in, form_data, editor
):
    """Issue 14: the image was both the cover and a body block, shown twice."""
    form_data["materials"] = [
        SimpleUploadedFile("workshop.png", png_bytes(), "image/png"),
        SimpleUploadedFile("second.png", png_bytes(), "image/png"),
    ]
    page = _submit(logged_in, form_data)
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    task_state.approve(user=editor)
    page.refresh_from_db()
    html = logged_in.get(page.url).content.decode()
    shown = re.findall(r'<img [^>]*src="([^"]+)"', html)
    assert len([src for src in shown if "workshop" in src]) == 1  # the cover, once
    assert [src for src in shown if "second" in src]  # the next one in the body


def test_editor_reviews_in_the_wagtail_admin(client, logged_in, form_data, editor):
    page = _submit(logged_in, form_data)
    client.force_login(editor)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert form_data["title"] in dashboard.content.decode()
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200


def test_my_practices_lists_only_my_own(client, member, make_practice, practice_index):
    make_practice("Someone else's practice")
    client.force_login(member)
    html = client.get("/practices/mine/").content.decode()
    assert "Someone else" not in html
    assert "You have not submitted any practice yet." in html


def test_member_corrects_and_sends_back_after_changes_requested(
    logged_in, form_data, editor
):
    page = _submit(logged_in, form_data)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    state.current_task_state.reject(user=editor, comment="Add the number of cafés.")
    mine = logged_in.get("/practices/mine/").content.decode()
    assert f'href="/practices/mine/{page.pk}/edit/"' in mine

    edit = logged_in.get(f"/practices/mine/{page.pk}/edit/")
    html = edit.content.decode()
    assert "Add the number of cafés." in html
    assert "Second paragraph: αποτελέσματα." in html  # the description comes back
    assert 'value="Eleni Papadopoulou"' in html

    data = {k: v for k, v in form_data.items() if k != "content_language"}
    data["outcomes"] = "120 badges issued in 14 cafés"
    data["title"] = ""
    bad = logged_in.post(f"/practices/mine/{page.pk}/edit/", data)
    assert bad.status_code == 400
    assert "120 badges issued in 14 cafés" in bad.content.decode()

    data["title"] = "Digital badges in 14 cafés"
    response = logged_in.post(f"/practices/mine/{page.pk}/edit/", data)
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    html = logged_in.get("/practices/mine/").content.decode()
    assert "In review" in html and "Changes requested" not in html

    state.current_task_state.approve(user=editor)
    page.refresh_from_db()
    assert page.live
    assert page.title == "Digital badges in 14 cafés"
    assert page.outcomes == "120 badges issued in 14 cafés"
    assert sorted(level.level for level in page.eqf_levels.all()) == [3, 4]


def test_a_practice_in_review_cannot_be_changed_by_the_member(logged_in, form_data):
    page = _submit(logged_in, form_data)
    response = logged_in.get(f"/practices/mine/{page.pk}/edit/")
    assert response.status_code == 302
    html = logged_in.get(response["Location"]).content.decode()
    assert "cannot be changed here" in html


def test_members_cannot_edit_someone_elses_practice(client, logged_in, form_data):
    page = _submit(logged_in, form_data)
    from django.contrib.auth import get_user_model

    other = get_user_model().objects.create_user("other", "o@example.org", "pw-x-1")
    client.force_login(other)
    assert client.get(f"/practices/mine/{page.pk}/edit/").status_code == 404
