from django.utils.translation import gettext_lazy as _


class ForumError(Exception):
    """A refusal with a stable code (for clients) and a message for people."""

    code = "error"
    default_message = _("That did not work.")

    def __init__(self, message=None, code=None):
        self.message = str(message or self.default_message)
        if code:
            self.code = code
        super().__init__(self.message)


class NotFound(ForumError):
    code = "not_found"
    default_message = _("This room or message does not exist.")


class Forbidden(ForumError):
    code = "forbidden"
    default_message = _("You are not allowed to do that in this room.")


class InvalidInput(ForumError):
    code = "invalid"
    default_message = _("That message could not be read.")


class RateLimited(ForumError):
    code = "rate_limited"
    default_message = _("You are sending messages too fast. Wait a few seconds.")
