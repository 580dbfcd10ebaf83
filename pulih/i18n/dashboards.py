"""Messages of the dashboards area: {key: {"id": Bahasa Indonesia, "en": English}}."""

MESSAGES: dict[str, dict[str, str]] = {}
