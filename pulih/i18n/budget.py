"""Messages of the budget area: {key: {"id": Bahasa Indonesia, "en": English}}."""

MESSAGES: dict[str, dict[str, str]] = {}
