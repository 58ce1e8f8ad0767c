"""What the home page shows: the sections the other apps register.

Community sits below practices, events and forums, so it does not import them:
each registers its section in its AppConfig.ready() (latest practices, upcoming
events, active rooms), and the home page asks every registered provider.
"""

_sections = {}


def register_home_section(name, provider):
    """`provider()` returns what the home template shows under `name`."""
    _sections[name] = provider


def home_context():
    return {name: provider() for name, provider in _sections.items()}
