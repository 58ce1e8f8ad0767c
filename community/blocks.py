"""StreamField blocks shared by every rich page body on the site."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section heading"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=300)
    alt_text = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text="Describe the image for screen readers",
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with an optional caption"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    label = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "blocks/attachment_block.html"
        description = "A downloadable document"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A quotation with its source"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=40)
    label = blocks.CharBlock(max_length=200)

    class Meta:
        icon = "pick"


class KeyFiguresBlock(blocks.StructBlock):
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        template = "blocks/key_figures_block.html"
        description = "A row of key figures (e.g. 120 apprentices trained)"


class VideoLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        help_text="Link to the video (it is shown as a link, not embedded)"
    )
    title = blocks.CharBlock(max_length=200)

    class Meta:
        icon = "media"
        template = "blocks/video_link_block.html"
        description = "A link to an external video"


def paragraph_block():
    """The rich text that page bodies and lessons are written in (one list of
    features, one template)."""
    return blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
    )


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every rich page: practices, events, news, standard pages."""

    paragraph = paragraph_block()
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    attachment = AttachmentBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    video = VideoLinkBlock()
