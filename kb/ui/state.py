"""The page's inputs live in the address: each widget is seeded from its query parameter
before it is drawn and writes its value back after, so a reload or a shared link shows
the same view (as Datasette links every filtered view).

Widgets get their value only through ``st.session_state`` (never ``value=``), so
seeding and user changes never fight. A value equal to the default is removed
from the address to keep it short.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional

import streamlit as st


def seed(key: str, default: object, options: Optional[Iterable] = None, cast: Callable = str) -> None:
    """Put the address's value of ``key`` into the session before its widget is drawn (once a
    session; a value that is not among ``options`` is dropped)."""
    if key in st.session_state:
        return
    raw = st.query_params.get(key)
    value = default
    if raw not in (None, ""):
        try:
            value = cast(raw)
        except (TypeError, ValueError):
            value = default
    if options is not None and value not in list(options):
        value = default
    st.session_state[key] = value


def seed_many(key: str, options: Optional[Iterable] = None) -> None:
    """As `seed` for a multiple choice: every repeated parameter (?f=a&f=b) that is an option."""
    if key in st.session_state:
        return
    values = st.query_params.get_all(key)
    allowed = None if options is None else set(options)
    st.session_state[key] = [v for v in dict.fromkeys(values) if allowed is None or v in allowed]


def keep_options(key: str, options: list) -> None:
    """Drop from the session a value that is no longer an option (the widget would fail)."""
    value = st.session_state.get(key)
    if isinstance(value, list):
        st.session_state[key] = [v for v in value if v in options]
    elif value is not None and value not in options and options:
        st.session_state[key] = options[0]


def publish(key: str, value: object, default: object = "") -> None:
    """Write a widget's value into the address; remove the parameter when it is the default."""
    if value == default or value in (None, "", []):
        if key in st.query_params:
            del st.query_params[key]
        return
    if isinstance(value, (list, tuple)):
        values = [str(v) for v in value]
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values
    elif st.query_params.get(key) != str(value):
        st.query_params[key] = str(value)


def drop(*keys: str) -> None:
    """Remove parameters that belong to a view no longer shown."""
    for key in keys:
        if key in st.query_params:
            del st.query_params[key]
