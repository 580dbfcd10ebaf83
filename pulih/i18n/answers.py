"""Messages about answers (validation of a submission): {key: {"id": ..., "en": ...}}."""

MESSAGES: dict[str, dict[str, str]] = {}
