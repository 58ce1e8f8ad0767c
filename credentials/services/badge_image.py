"""The badge picture of a badge class: a PNG drawn with Pillow (a medal with the
badge's name), made once when the badge class is created or renamed."""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from .fonts import BOLD, font_path

SIZE = 400
BLUE = (23, 64, 125)
GOLD = (232, 178, 48)
WHITE = (255, 255, 255)


def _lines(name, width=16, limit=4):
    lines = textwrap.wrap(name, width=width) or [name]
    if len(lines) > limit:
        lines = [*lines[: limit - 1], lines[limit - 1][: width - 1] + "…"]
    return lines


def badge_png(name):
    """PNG bytes of a round badge reading `name`."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, SIZE - 4, SIZE - 4), fill=GOLD)
    draw.ellipse((24, 24, SIZE - 24, SIZE - 24), fill=BLUE)
    title = ImageFont.truetype(str(font_path(BOLD)), 34)
    small = ImageFont.truetype(str(font_path(BOLD)), 22)
    draw.text((SIZE / 2, 92), "VET NET", font=small, fill=GOLD, anchor="mm")
    lines = _lines(name)
    top = SIZE / 2 - (len(lines) - 1) * 21
    for number, line in enumerate(lines):
        draw.text(
            (SIZE / 2, top + number * 42), line, font=title, fill=WHITE, anchor="mm"
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
