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


def page_links(number, num_pages, address, key="url"):
    """``page_numbers`` as the pagination template reads them: None for a gap,
    else the page's number, whether it is the current one, and under ``key``
    its address, ``address(n)``."""
    return [
        None if n is None else {"number": n, "current": n == number, key: address(n)}
        for n in page_numbers(number, num_pages)
    ]
