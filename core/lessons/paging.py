"""Paging through a long list (the cat page's dataset explorer): which items one page shows."""


def page_count(count: int, per_page: int) -> int:
    """Pages needed to show ``count`` items ``per_page`` at a time (at least 1)."""
    return max(1, -(-count // per_page))


def page_slice(count: int, page: int, per_page: int) -> range:
    """Indices shown on page ``page`` (0-based, clamped) of ``count`` items, ``per_page`` at a time."""
    pages = page_count(count, per_page)
    page = min(max(page, 0), pages - 1)
    return range(page * per_page, min(count, (page + 1) * per_page))
