"""How the site names a member: in threads and rooms, counselling bookings,
course reports, certificates and every e-mail that mentions someone."""


def display_name(user):
    """The member's full name, else their username; "" for nobody (a deleted
    author, an anonymous visitor: the caller says "former member" where the
    page shows one). Also a template filter: ``{{ user|display_name }}``
    (community_tags)."""
    if user is None or not user.is_authenticated:
        return ""
    return user.get_full_name().strip() or user.get_username()
