"""What the other apps keep about a member: exported with the account's data and
erased before the account is deleted.

Community owns accounts but sits below practices, events and forums, so it does
not import them: each registers its exporter and eraser in its AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalData:
    export: Callable | None = None  # user -> dict of keys for the JSON export
    erase: Callable | None = None  # user -> None, called before the user row goes


_registry: dict[str, PersonalData] = {}


def register_personal_data(app_label, *, export=None, erase=None):
    _registry[app_label] = PersonalData(export=export, erase=erase)


def export_personal_data(user):
    data = {}
    for handlers in _registry.values():
        if handlers.export is not None:
            data.update(handlers.export(user))
    return data


def erase_personal_data(user):
    for handlers in _registry.values():
        if handlers.erase is not None:
            handlers.erase(user)


def iso(value):
    """A date or datetime for the JSON export (None stays None)."""
    return value.isoformat() if value else None
