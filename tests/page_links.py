"""The page links of a listing as a reader meets them: the navigation landmark
named `label`, the page marked current, and where each link leads."""

from html.parser import HTMLParser


class _Nav(HTMLParser):
    def __init__(self, label):
        super().__init__(convert_charrefs=True)
        self.label, self.depth, self.found = label, 0, False
        self.current, self.links, self.gaps = None, {}, 0
        self._href = self._marked = self._hidden = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and not self.depth and attrs.get("aria-label") == self.label:
            self.depth, self.found = 1, True
            return
        if not self.depth:
            return
        if tag == "nav":
            self.depth += 1
        self._href = attrs.get("href") if tag == "a" else self._href
        self._marked = tag == "span" and attrs.get("aria-current") == "page"
        self._hidden = tag == "span" and attrs.get("aria-hidden") == "true"

    def handle_endtag(self, tag):
        if self.depth and tag == "nav":
            self.depth -= 1
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        text = data.strip()
        if not self.depth or not text:
            return
        if self._href is not None:
            self.links[text] = self._href
        elif self._marked:
            self.current = text
        elif self._hidden and text == "…":
            self.gaps += 1


def page_nav(html, label):
    """(current page as shown, {link text: href}, number of gaps), or None when
    the page has no landmark of that name."""
    nav = _Nav(label)
    nav.feed(html)
    return (nav.current, nav.links, nav.gaps) if nav.found else None
