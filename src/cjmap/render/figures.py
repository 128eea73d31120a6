"""Numbers as people read them on a map: 38%, 420,000, 3.1, "survey score 1.5 (n = 2)".

Shares (`conversion`, `drop_off`, names ending in `_rate` or `_share`) are written as percentages;
a metric `x` with an `x_n` beside it (what `cjmap import survey` writes) is a mean of n responses.
"""

from __future__ import annotations

SHARES = ("conversion", "drop_off")
SHARE_SUFFIXES = ("_rate", "_share")


def number(value: float) -> str:
    """420,000; 3.1; 0.25 (at most two decimals, thousands separated). Integers stay exact,
    however large (no float conversion to overflow)."""
    if isinstance(value, int):
        return f"{value:,}"
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def percent(value: float) -> str:
    """38%, 20.5%: one decimal only where it says something."""
    if isinstance(value, int):
        return f"{value * 100:,}%"
    return f"{value * 100:.1f}".removesuffix(".0") + "%"


def is_share(name: str) -> bool:
    return name in SHARES or name.endswith(SHARE_SUFFIXES)


def label(name: str) -> str:
    """`drop_off` -> `drop-off`, `survey_score` -> `survey score`."""
    return "drop-off" if name == "drop_off" else name.replace("_", " ")


def metrics(values: dict[str, float], skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(label, value) pairs in the file's order, but `skip`; `x_n` goes with `x` as its number of
    responses, and `x_n.ana` with `x.ana` (a survey's figures for one persona: "x (ana)")."""
    shown = []
    for name, value in values.items():
        if name in skip or _responses_name(name) is None and _is_count(name, values):
            continue
        text = percent(value) if is_share(name) else number(value)
        responses = values.get(_responses_name(name) or "")
        if responses is not None:
            text += f" (n = {number(responses)})"
        shown.append((_label_of(name), text))
    return shown


def _split(name: str) -> tuple[str, str | None]:
    base, dot, who = name.partition(".")
    return (base, who) if dot else (name, None)


def _responses_name(name: str) -> str | None:
    """`x_n` for `x`, `x_n.ana` for `x.ana`; None for a name that is itself a count."""
    base, who = _split(name)
    if base.endswith("_n"):
        return None
    return f"{base}_n" + (f".{who}" if who else "")


def _is_count(name: str, values: dict[str, float]) -> bool:
    base, who = _split(name)
    measured = base.removesuffix("_n") + (f".{who}" if who else "")
    return base.endswith("_n") and measured in values


def _label_of(name: str) -> str:
    base, who = _split(name)
    return label(base) + (f" ({who})" if who else "")
