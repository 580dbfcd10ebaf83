"""Messages of the app shell: login, navigation, home, users, errors: {key: {"id": ..., "en": ...}}."""

MESSAGES: dict[str, dict[str, str]] = {}
