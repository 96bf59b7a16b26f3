"""One navigation sidebar for the several hundred pages that no table of contents lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

_navigation: dict[tuple[int, tuple[tuple[str, Any], ...]], str] = {}


def share_navigation(
    _app: Sphinx,
    pagename: str,
    _templatename: str,
    context: dict[str, Any],
    _doctree: nodes.document | None,
) -> None:
    """Give the message and thread pages one navigation sidebar, computed once.

    No table of contents lists these pages, so the site's navigation is the
    same on all of them, at the same folder depth; the theme would otherwise
    compute it afresh for each of several hundred pages, a third of the
    build's time.
    """
    toctree = context.get("toctree")
    if toctree is None or not pagename.startswith(("messages/", "threads/")):
        return
    depth = pagename.count("/")

    def shared(**kwargs: Any) -> str:  # noqa: ANN401 - the template's arguments
        key = (depth, tuple(sorted(kwargs.items())))
        if key not in _navigation:
            _navigation[key] = toctree(**kwargs)
        return _navigation[key]

    context["toctree"] = shared


def forget_navigation(_app: Sphinx) -> None:
    """Forget the navigation computed in an earlier build of this process."""
    _navigation.clear()
