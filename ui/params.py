"""Page inputs, declared once: one `Param` draws its widget, checks a link's value and keeps its value.

A page declares each input once::

    TOP_K = Param("search_top_k", 5, ec.Interval(1, 25, integer=True), "Results", "How many results to list.")
    k = slider(TOP_K)

and the declaration does four things, so no widget restates options or bounds:

- it draws the widget (`selectbox`, `radio`, `slider`, `select_slider`, `number_input`, `text_input`,
  `text_area`, `toggle`, `segmented_control`), with the domain's choices or range;
- a value in the URL (``?search_top_k=8``) is the first value, read and checked against the domain:
  an invalid or out-of-range value gives a note (shown after the page) and the default instead;
- the value survives moving to another page and back (`ui.state.keep_page_state`);
- the value is written back to the URL when it differs from the default (`ui.state.sync_query_params`);
  drawn in a part of the page (`ui.parts.part`), a change reruns that part and the link, not the page.

A domain is `ec.Options` (a fixed set of choices), `ec.Interval` (numbers; a slider's ends come from
`Interval.widget_range`), `Text` (free text) or `Flag` (on/off). Where the core has a constraint table
(`ec.PARAM_CONSTRAINTS`, `ec.SEED`, `ec.N_COMPONENTS`), the Param uses it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

import embedding_core as ec

from . import state
from .parts import rerun_with_link


@dataclass(frozen=True)
class Text:
    """Any text; `max_chars` is what the text box lets a person type.

    A longer text (from a link or a "Try it") is still taken: the page cuts it and says so, as it
    does for a long text that is pasted.
    """

    max_chars: int | None = None

    def contains(self, value: Any) -> bool:
        return isinstance(value, str)


@dataclass(frozen=True)
class Flag:
    """On or off; a link writes it ``1`` / ``0`` (``true`` / ``false`` are read too)."""

    def contains(self, value: Any) -> bool:
        return isinstance(value, bool)


Domain = ec.Interval | ec.Options | Text | Flag

_TRUE, _FALSE = {"1", "true"}, {"0", "false"}


@dataclass(frozen=True)
class Param:
    """One page input.

    Attributes:
        key: the widget key, prefixed with the page name; also the URL parameter's name.
        default: the first value when neither the session nor the link gives one.
        domain: the valid values (`ec.Options`, `ec.Interval`, `Text` or `Flag`).
        label, help: the widget's label and its one-line help for a newcomer.
        link: mirror the value in the URL (and read it from there).
        format_func: how a select box, radio or select slider shows each option.
        note: the note for an unusable link value, with ``{value}`` (default: the common one).
        clamp: a kept number outside the range is moved to the nearest end instead of the default
            (for a range that depends on the data, such as k up to the number of texts).
    """

    key: str
    default: Any
    domain: Domain
    label: str = ""
    help: str = ""
    link: bool = True
    format_func: Callable[[Any], str] | None = None
    note: str | None = None
    clamp: bool = False

    def accepts(self, value: Any) -> bool:
        """Whether `value` can be this input's value (and its widget can draw it)."""
        if not self.domain.contains(value):
            return False
        if isinstance(self.domain, ec.Interval):
            lo, hi = _ends(self.domain)
            if not lo <= value <= hi:
                return False
            step = self.domain.step
            if self.domain.integer and step and (value - lo) % step:
                return False
        return True

    def parse(self, raw: str) -> Any:
        """A link's text as a value of this input.

        Raises:
            ValueError: when the text is no valid value.
        """
        domain = self.domain
        if isinstance(domain, Flag):
            if raw not in _TRUE | _FALSE:
                raise ValueError(raw)
            return raw in _TRUE
        if isinstance(domain, ec.Options):
            by_text = {str(v): v for v in domain.values}
            if raw not in by_text:
                raise ValueError(raw)
            return by_text[raw]
        if isinstance(domain, ec.Interval):
            value: Any = int(raw) if domain.integer else float(raw)
        else:
            value = str(raw)
        if not self.accepts(value):
            raise ValueError(raw)
        return value


def _ends(domain: ec.Interval) -> tuple[float, float]:
    """The ends a widget offers (the valid range when it has no slider range and is unbounded above)."""
    if domain.slider is None and math.isinf(domain.high):
        return domain.low, domain.high
    return domain.widget_range


def _coerce(param: Param, value: Any) -> Any:
    """A whole number given for a fractional slider becomes a float (Streamlit wants one type)."""
    if isinstance(param.domain, ec.Interval) and not param.domain.integer:
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)
    return value


def _link_note(param: Param, raw: Any) -> None:
    shown = str(raw)
    if param.note:
        state.add_link_note(param.note.format(value=repr(shown[:60])))
    else:
        state.add_link_note(
            f"The link's value {shown[:40]!r} for '{param.key}' is not valid here, so the default is used."
        )


def from_link(param: Param) -> Any:
    """The URL's value for `param`, checked; the default (and a note) when it is invalid, absent: the default."""
    if not param.link or param.key not in st.query_params:
        return param.default
    raw = st.query_params.get(param.key)
    try:
        return param.parse(raw)
    except (TypeError, ValueError):
        _link_note(param, raw)
        return param.default


def prepare(param: Param) -> Any:
    """Give `param` its value before its widget is drawn, and return it.

    The value is the session's (kept from earlier runs and pages, or set by a "Try it" or a scene);
    the first time, the link's (checked) or the default. A session value the widget could not draw
    (a kept value outside a range that depends on the data) goes back to the default.
    """
    state.register(param.key, param.default, link=param.link)
    session = st.session_state
    if param.key not in session:
        session[param.key] = from_link(param)
    value = _coerce(param, session[param.key])
    if not param.accepts(value):
        value = _clamped(param, value) if param.clamp else param.default
    if type(value) is not type(session[param.key]) or value != session[param.key]:
        session[param.key] = value
    return value


def _clamped(param: Param, value: Any) -> Any:
    number = isinstance(value, int | float) and not isinstance(value, bool) and value == value  # NaN is no number
    if not isinstance(param.domain, ec.Interval) or not number:
        return param.default
    lo, hi = _ends(param.domain)
    nearest = min(max(lo, value), hi)
    return int(nearest) if param.domain.integer else float(nearest)


def value(param: Param) -> Any:
    """The value `param` has in this session (its default when never drawn), without drawing it.

    For a helper that follows another page's choice (the Clusters map uses the Maps page's method):
    it reads the declared input, not a raw key, and does not put it in this page's link.
    """
    current = _coerce(param, st.session_state.get(param.key, param.default))
    return current if param.accepts(current) else param.default


def _common(param: Param, kwargs: dict[str, Any]) -> dict[str, Any]:
    out = {"key": param.key, "help": param.help or None, **kwargs}
    if param.link:  # in a part of the page, a change reruns the part and the page's link (ui.parts)
        out["on_change"] = rerun_with_link(kwargs.get("on_change"), key=param.key)
    if param.format_func is not None and "format_func" not in kwargs:
        out["format_func"] = param.format_func
    return out


def _options(param: Param) -> tuple[Any, ...]:
    if not isinstance(param.domain, ec.Options):
        raise TypeError(f"{param.key}: this widget needs an Options domain, not {type(param.domain).__name__}")
    return tuple(param.domain.values)


def _interval(param: Param) -> ec.Interval:
    if not isinstance(param.domain, ec.Interval):
        raise TypeError(f"{param.key}: this widget needs an Interval domain, not {type(param.domain).__name__}")
    return param.domain


def _step(domain: ec.Interval) -> float | None:
    if domain.step is not None:
        return int(domain.step) if domain.integer else domain.step
    return 1 if domain.integer else None


def selectbox(param: Param, *, container: Any = st, **kwargs: Any) -> Any:
    """A select box over the Param's options."""
    prepare(param)
    return container.selectbox(param.label, _options(param), **_common(param, kwargs))


def radio(param: Param, *, container: Any = st, **kwargs: Any) -> Any:
    """Radio buttons over the Param's options."""
    prepare(param)
    return container.radio(param.label, _options(param), **_common(param, kwargs))


def select_slider(param: Param, *, container: Any = st, **kwargs: Any) -> Any:
    """A slider that steps through the Param's options."""
    prepare(param)
    return container.select_slider(param.label, _options(param), **_common(param, kwargs))


def slider(param: Param, *, container: Any = st, **kwargs: Any) -> Any:
    """A slider over the Param's interval (its slider range when narrower than the valid one)."""
    domain = _interval(param)
    prepare(param)
    lo, hi = domain.widget_range
    kwargs.setdefault("step", _step(domain))
    return container.slider(param.label, lo, hi, **_common(param, kwargs))


def number_input(param: Param, *, container: Any = st, **kwargs: Any) -> Any:
    """A number input over the Param's interval (unbounded above when the interval is)."""
    domain = _interval(param)
    prepare(param)
    lo, hi = _ends(domain)
    cast = int if domain.integer else float
    high = None if math.isinf(hi) else cast(hi)
    kwargs.setdefault("step", _step(domain))  # a number box's step is only the +/- buttons' step
    return container.number_input(param.label, cast(lo), high, **_common(param, kwargs))


def text_input(param: Param, *, container: Any = st, **kwargs: Any) -> str:
    """A one-line text input (``max_chars`` from a `Text` domain)."""
    prepare(param)
    if isinstance(param.domain, Text) and param.domain.max_chars and "max_chars" not in kwargs:
        kwargs["max_chars"] = param.domain.max_chars
    return container.text_input(param.label, **_common(param, kwargs))


def text_area(param: Param, *, container: Any = st, **kwargs: Any) -> str:
    """A text box (``max_chars`` from a `Text` domain)."""
    prepare(param)
    if isinstance(param.domain, Text) and param.domain.max_chars and "max_chars" not in kwargs:
        kwargs["max_chars"] = param.domain.max_chars
    return container.text_area(param.label, **_common(param, kwargs))


def segmented_control(param: Param, *, container: Any = st, **kwargs: Any) -> Any:
    """A segmented control over the Param's options (one always chosen)."""
    prepare(param)
    return container.segmented_control(param.label, _options(param), required=True, **_common(param, kwargs))


def toggle(param: Param, *, container: Any = st, **kwargs: Any) -> bool:
    """An on/off toggle."""
    prepare(param)
    return container.toggle(param.label, **_common(param, kwargs))
