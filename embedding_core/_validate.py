"""Parameter constraints, declared once: the core checks with them and the app draws widgets from them.

A constraint is an `Interval` (numbers, optionally whole) or `Options` (a fixed set of choices), as
scikit-learn declares its parameters in ``utils/_param_validation.py``. `check` applies one and raises
`InvalidParameterError` with the project's one message template: what is wrong, what was given, what to
do next.

Example:
    >>> check("perplexity", 30, Interval(1e-3, math.inf, slider=(2, 100)))
    30.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import InvalidParameterError

__all__ = ["Interval", "Options", "check", "message"]


def message(name: str, expected: str, got: Any, advice: str) -> str:
    """The one error template: "`name` must be <expected>. Got <got>. <advice>"."""
    return f"`{name}` must be {expected}. Got {got!r}. {advice}"


@dataclass(frozen=True)
class Interval:
    """Numbers from `low` to `high` (both included).

    Attributes:
        low, high: the valid range (``high`` may be ``math.inf``).
        integer: only whole numbers are valid (``bool`` never is).
        step: the step a widget offers (``None``: 1 for whole numbers, else the widget's own).
        slider: the range a widget offers, when narrower than the valid range (a slider needs finite ends).
    """

    low: float
    high: float = math.inf
    integer: bool = False
    step: float | None = None
    slider: tuple[float, float] | None = None

    @property
    def widget_range(self) -> tuple[float, float]:
        """The ends a slider or number input offers."""
        lo, hi = self.slider or (self.low, self.high)
        if math.isinf(hi):
            raise ValueError("an unbounded Interval needs slider=(low, high) to be drawn")
        return (int(lo), int(hi)) if self.integer else (float(lo), float(hi))

    def describe(self) -> str:
        kind = "a whole number" if self.integer else "a number"
        return f"{kind} {self.bounds()}"

    def bounds(self) -> str:
        if math.isinf(self.high):
            return f"of at least {self.low:g}"
        return f"between {self.low:g} and {self.high:g}"

    def contains(self, value: Any) -> bool:
        if isinstance(value, bool):
            return False
        ok = isinstance(value, int | np.integer) if self.integer else isinstance(value, int | float | np.number)
        return bool(ok and self.low <= float(value) <= self.high)  # NaN fails the comparison


@dataclass(frozen=True)
class Options:
    """One of a fixed sequence of choices, in the order a widget shows them."""

    values: Sequence[Any] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(self.values))

    def describe(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)

    def contains(self, value: Any) -> bool:
        if isinstance(value, bool) and not any(isinstance(v, bool) for v in self.values):
            return False
        return value in self.values


Constraint = Interval | Options


def check(name: str, value: Any, constraint: Constraint, *, advice: str | None = None) -> Any:
    """Return `value` if `constraint` holds (numbers come back as int or float), else raise.

    Args:
        name: the parameter's name, as the caller wrote it.
        value: the value given.
        constraint: an `Interval` or `Options`.
        advice: what to do next (the message's last sentence); by default "Use a value …" or "Pick …".

    Raises:
        InvalidParameterError: with the message template and the valid range or choices.
    """
    if not constraint.contains(value):
        expected = constraint.describe()
        if advice is None and isinstance(constraint, Interval):
            advice = f"Use a value {constraint.bounds().removeprefix('of ')}."
        elif advice is None:
            advice = f"Pick {expected}."
        raise InvalidParameterError(message(name, expected, value, advice))
    if isinstance(constraint, Interval):
        return int(value) if constraint.integer else float(value)
    return value
