"""Why the store refused something: one exception with a catalog key the app translates."""

from __future__ import annotations

from typing import Any


class StoreRefusal(Exception):
    """A refusal the user can understand: ``key`` is the last part of the catalog key
    ``store.error.<key>`` (``room_closed``, ``limit_participant``, ...), ``values`` its
    placeholders."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values

    @property
    def catalog_key(self) -> str:
        """The full catalog key of the message."""
        return f"store.error.{self.key}"
