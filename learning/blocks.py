"""The blocks of a lesson: the site's shared body blocks plus an uploaded video,
links to practices in the repository and a self-check quiz."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from community.blocks import (
    AttachmentBlock,
    CaptionedImageBlock,
    HeadingBlock,
    VideoLinkBlock,
    paragraph_block,
)


class UploadedVideoBlock(blocks.StructBlock):
    """A video file uploaded as a Wagtail document, played by the browser's own
    <video> element (served from this site: nothing third-party at run time)."""

    video = DocumentChooserBlock(help_text=_("An MP4 or WebM file"))
    title = blocks.CharBlock(max_length=200)
    transcript = blocks.TextBlock(required=False)

    class Meta:
        icon = "media"
        template = "learning/blocks/uploaded_video.html"
        description = _("A video file played on the page")


class PracticeLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=200, required=False)
    practices = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="practices.PracticePage"), min_num=1
    )

    class Meta:
        icon = "link"
        template = "learning/blocks/practice_links.html"
        description = _("Links to good practices in the repository")


class AnswerBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300)
    correct = blocks.BooleanBlock(required=False)
    feedback = blocks.CharBlock(
        max_length=500, required=False, help_text=_("Shown after the learner answers")
    )

    class Meta:
        icon = "tick"


class QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=500)
    multiple = blocks.BooleanBlock(
        required=False, help_text=_("Several answers may be correct (checkboxes)")
    )
    answers = blocks.ListBlock(AnswerBlock(), min_num=2, max_num=8)

    class Meta:
        icon = "help"


class QuizBlock(blocks.StructBlock):
    """A self-check quiz, graded on the server (services/quiz.py)."""

    title = blocks.CharBlock(max_length=200)
    pass_mark = blocks.IntegerBlock(
        min_value=0,
        max_value=100,
        default=70,
        help_text=_("Percentage of questions to answer correctly"),
    )
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, max_num=30)

    class Meta:
        icon = "form"
        # Rendered by the lesson page (templates/learning/_quiz.html): the form
        # needs the block's id and the learner's last attempt.
        description = _("Self-check quiz: single or multiple choice, with feedback")


class LessonStreamBlock(blocks.StreamBlock):
    paragraph = paragraph_block()
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    video = UploadedVideoBlock()
    video_link = VideoLinkBlock()
    material = AttachmentBlock()
    practices = PracticeLinksBlock()
    quiz = QuizBlock()
