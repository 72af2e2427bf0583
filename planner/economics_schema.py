"""Compatibility module: the economic parameter models live in :mod:`planner.schema.economics`."""

from planner.schema.economics import *  # noqa: F403
from planner.schema.economics import __all__ as __all__  # noqa: F401
from planner.schema.economics import _Sourced  # noqa: F401
