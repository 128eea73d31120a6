"""The one way cjmap builds jinja2 environments over its packaged templates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


def environment(folder: str, *, autoescape: bool) -> jinja2.Environment:
    """Templates from `cjmap/<folder>`; undefined names fail loudly; block tags leave no blank lines."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("cjmap", folder),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
