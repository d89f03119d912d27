"""``streamlit.errors``: the exceptions apps catch, as Porch's own classes under Streamlit's names."""

from __future__ import annotations

from ..auth import AuthConfigError
from ..errors import DuplicateWidgetError, InvalidLayoutContextError, NoRunContextError, PorchAPIError

#: Raised when the API is misused (a bad argument, a widget in the wrong place...).
StreamlitAPIException = PorchAPIError
#: Two widgets with the same identity.
DuplicateWidgetID = DuplicateWidgetError
#: Sign-in (``login``) is not configured in the app's secrets, or Authlib is not installed.
StreamlitAuthError = AuthConfigError
#: A Streamlit call made outside a script run (a thread without ``add_script_run_ctx``).
NoSessionContext = NoRunContextError
#: A command used where it may not be (in a parallel fragment: a dialog, a page switch, a write outside it).
StreamlitInvalidLayoutContextError = InvalidLayoutContextError


class Error(Exception):
    """The base of Streamlit's errors, for ``except streamlit.errors.Error``."""


class StreamlitAPIWarning(Warning):
    """A warning about API use."""


class StreamlitSecretNotFoundError(KeyError):
    """A secret that the app's secrets file does not hold."""


__all__ = [
    "DuplicateWidgetID", "Error", "StreamlitAuthError", "NoSessionContext", "StreamlitAPIException", "StreamlitAPIWarning",
    "StreamlitInvalidLayoutContextError", "StreamlitSecretNotFoundError",
]
