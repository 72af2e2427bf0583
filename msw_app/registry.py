"""The pages of the app: one explicit list, the extension point for new pages.

To add a page (e.g. siting, economics, climate):

1. write ``msw_app/page_<name>.py`` — a script that renders the page
   (see ``msw_app/page_overview.py``);
2. add its texts to the catalog, ``msw_app/locales/{ru,kk,en}.toml``, including the
   navigation title key (``nav.<name>``);
3. add a :class:`PageSpec` to :data:`PAGES` below (or call :func:`register_page` from a
   module imported by ``app.py``).

Paths are relative to this folder and resolved from ``Path(__file__).parent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from msw_app import i18n

UI_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation."""

    file: str
    """Script file name in ``msw_app/``."""
    title_key: str
    """Catalog key of the navigation title."""
    icon: str
    """Material icon, e.g. ``:material/dashboard:``."""
    url_path: str
    """URL path segment (stable across languages)."""
    default: bool = False

    def title(self, lang: str) -> str:
        """The navigation title in ``lang``."""
        return i18n.t(self.title_key, lang)

    @property
    def path(self) -> Path:
        """Absolute path of the page script."""
        return UI_DIR / self.file


PAGES: list[PageSpec] = [
    PageSpec("page_overview.py", "nav.overview", ":material/dashboard:", "overview", True),
    PageSpec("page_assumptions.py", "nav.assumptions", ":material/tune:", "assumptions"),
    PageSpec("page_compare.py", "nav.compare", ":material/compare_arrows:", "compare"),
    PageSpec("page_siting.py", "nav.siting", ":material/factory:", "siting"),
    PageSpec("page_economics.py", "nav.economics", ":material/payments:", "economics"),
    PageSpec("page_climate.py", "nav.climate", ":material/eco:", "climate"),
    PageSpec("page_sensitivity.py", "nav.sensitivity", ":material/troubleshoot:", "sensitivity"),
    PageSpec("page_data.py", "nav.data", ":material/download:", "data"),
    PageSpec("page_room.py", "nav.room", ":material/groups:", "seminar"),
]
"""Pages in navigation order; the first with ``default=True`` opens first."""


def register_page(spec: PageSpec, before: str | None = None) -> None:
    """Add a page (once), optionally before the page with url path ``before``."""
    if any(p.url_path == spec.url_path for p in PAGES):
        return
    if not spec.path.is_file():
        raise FileNotFoundError(spec.path)
    positions = [i for i, p in enumerate(PAGES) if p.url_path == before]
    PAGES.insert(positions[0] if positions else len(PAGES), spec)
