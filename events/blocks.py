"""StreamField blocks of event pages: agenda sessions, speakers, materials."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class SessionBlock(blocks.StructBlock):
    day = blocks.DateBlock(label=_("day"))
    start = blocks.TimeBlock(label=_("starts"))
    end = blocks.TimeBlock(label=_("ends"), required=False)
    title = blocks.CharBlock(label=_("title"), max_length=255)
    speakers = blocks.CharBlock(label=_("speakers"), required=False, max_length=500)
    room = blocks.CharBlock(
        label=pgettext_lazy("where an agenda session takes place", "room"),
        required=False,
        max_length=120,
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "time"
        template = "events/blocks/session_block.html"
        label = _("Session")
        description = _("One agenda item: time, title, speakers, room")


class AgendaBlock(blocks.StreamBlock):
    session = SessionBlock()

    class Meta:
        icon = "list-ul"


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=200)
    affiliation = blocks.CharBlock(label=_("affiliation"), required=False)
    bio = blocks.TextBlock(label=_("short biography"), required=False)
    photo = ImageChooserBlock(label=_("photo"), required=False)

    class Meta:
        icon = "user"
        template = "events/blocks/speaker_block.html"
        label = _("Speaker")
        description = _("A speaker with affiliation and a short biography")


class SpeakersBlock(blocks.StreamBlock):
    speaker = SpeakerBlock()


class MaterialBlock(blocks.StreamBlock):
    document = DocumentChooserBlock(
        label=_("document"), template="events/blocks/document_block.html"
    )
    link = blocks.StructBlock(
        [
            ("title", blocks.CharBlock(label=_("title"))),
            ("url", blocks.URLBlock(label=_("address"))),
        ],
        icon="link",
        template="events/blocks/link_block.html",
        label=_("Link"),
    )

    class Meta:
        icon = "doc-full"
