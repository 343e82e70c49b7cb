"""Forms that behave in the room: one write per submission, a fresh form after each save, and a message
saying what was saved, shown once after the rerun.

A form has a generation, advanced by each successful save. Its widgets' keys and its submit button's key
carry the generation (the first one keeps the plain keys), so after a save the next render draws new
widgets with their defaults, and a click that reaches the server after the save it caused (a double
click, a resent message) is the click of a button that no longer exists: it writes nothing."""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from clusterlab.errors import ClusterlabError
from clusterlab.roles import OBSERVER
from clusterlab.ui.frame import context
from clusterlab.ui.plain import escape_markdown

FLASH = "_forms_flash"  # the message of the last save, shown by the next run
SESSION = "_forms_session"  # the session's key in `_saved`, kept in its state
SESSIONS_KEPT = 10_000  # the sessions whose saved generations are remembered (a few bytes each)
_saved: OrderedDict[str, dict[tuple[str, int], str]] = OrderedDict()  # per session: (form, generation) → message
_session_locks: dict[str, threading.Lock] = {}
_registry_lock = threading.Lock()


def _session_key() -> str:
    """Streamlit's session id and a nonce, kept by the session from its first run on (AppTest gives every
    session of a process one id)."""
    run = get_script_run_ctx()
    return st.session_state.setdefault(SESSION, f"{run.session_id if run else ''}:{secrets.token_hex(8)}")


def _session() -> tuple[threading.Lock, dict[tuple[str, int], str]]:
    """The lock this session's saves take, and the form generations it has saved (with what was said)."""
    session = _session_key()
    with _registry_lock:
        done = _saved.setdefault(session, {})
        _saved.move_to_end(session)
        while len(_saved) > SESSIONS_KEPT:
            _session_locks.pop(_saved.popitem(last=False)[0], None)
        return _session_locks.setdefault(session, threading.Lock()), done


@dataclass(frozen=True)
class Form:
    """One form of a page, by name (also the key of its `st.form`)."""

    name: str

    @property
    def generation(self) -> int:
        return int(st.session_state.get(f"_form_gen_{self.name}", 0))

    def key(self, field: str) -> str:
        """The key of one of the form's widgets in this generation."""
        return field if self.generation == 0 else f"{field}-{self.generation}"

    def submit(self, label: str, **kwargs) -> bool:
        """The form's submit button, keyed by the generation: true once per submission; disabled for an
        observer (who may save nothing: the core refuses it anyway, roles.py)."""
        kwargs.setdefault("disabled", context().who.role == OBSERVER)
        return st.form_submit_button(label, key=self.key(f"{self.name}_submit"), **kwargs)

    def save(self, write: Callable[[], object], done: Callable[[object], str] | str) -> bool:
        """Run the submission's one write. Refused: say why (what was typed stays) and return False.
        Done: a new generation, the message `done` (or `done(result)`) for the next run, and a rerun."""
        generation = self.generation
        lock, saved = _session()
        with lock:  # one save of this session at a time: a second submission of one generation writes nothing
            if (self.name, generation) in saved:
                # Seen in CI on a loaded machine: the second click of a double click interrupted the run after the
                # save, and the next run drew the saved generation again. The store stays as it was; the form
                # moves on and says again what the first click saved (its message went with the interrupted run).
                advance(self.name, saved[(self.name, generation)])
            try:
                result = write()
            except ClusterlabError as exc:
                st.error(escape_markdown(exc.message(context().lang)))
                return False
            message = done(result) if callable(done) else done
            saved[(self.name, generation)] = message
        advance(self.name, message)
        return True  # not reached: st.rerun() stops the run


def advance(name: str, message: str) -> None:
    """After a save of form `name`: its next generation, `message` kept for the next run, and a rerun."""
    st.session_state[f"_form_gen_{name}"] = int(st.session_state.get(f"_form_gen_{name}", 0)) + 1
    st.session_state[FLASH] = message
    st.rerun()


def refuse(message: str) -> None:
    """Say why a submission writes nothing (its input is empty or invalid)."""
    st.error(escape_markdown(message))


def flash() -> None:
    """Show, once, what the last save saved (called by the frame at each run). Keys the session for `_saved`
    from its first run, well before any save."""
    _session_key()
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(escape_markdown(message), icon=":material/check_circle:")
