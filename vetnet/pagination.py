"""Page numbers with gaps, as every paged listing shows them: 1 … 4 5 6 … 20."""


def page_numbers(number, num_pages):
    """The first and last pages and the current one with its neighbours, in
    order, with None where numbers are left out (shown as an ellipsis)."""
    wanted = {1, num_pages, number - 1, number, number + 1}
    shown = sorted(n for n in wanted if 1 <= n <= num_pages)
    result, previous = [], 0
    for n in shown:
        if n - previous > 1:
            result.append(None)
        result.append(n)
        previous = n
    return result


def page_links(number, num_pages, address):
    """``page_numbers`` as templates/includes/page_links.html reads them: None
    for a gap, else the page's number, whether it is the current one, and its
    address, ``url``: ``address(n)``. No links at all when there is one page
    (the include then shows nothing)."""
    if num_pages <= 1:
        return []
    return [
        None if n is None else {"number": n, "current": n == number, "url": address(n)}
        for n in page_numbers(number, num_pages)
    ]
