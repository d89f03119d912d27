"""``porch.login``, ``porch.logout`` and ``porch.user``: who uses the app, as Streamlit's ``st.login``/``st.user``.

A served app (``porch run --headless``) signs its users in with an OpenID Connect provider configured in its secrets
(:mod:`porch.auth` has the flow and the configuration): ``login()`` sends the browser to the provider, which sends it
back signed in; from then on ``user`` holds the provider's claims about the user (``user.email``, ``user.name``...)
and ``user.is_logged_in`` is True, in every session of that browser, until ``logout()`` or 30 days.
``user.tokens`` holds the provider's tokens that ``[auth] expose_tokens`` names (``"id"``, ``"access"``), as in
Streamlit 1.67; it is empty where none are exposed.

In the desktop window and in ``--browser`` mode the client is the machine's own user: ``user`` describes the local
account (``is_logged_in`` True, ``name``, ``username``, ``sub`` ``"local:<username>"``) and ``login()`` shows one line
saying that sign-in is for served apps.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import quote

from ..auth import AuthSettings, require_authlib
from ..context import current_run, get_run
from ..errors import PorchAPIError
from .secrets import session_secrets

if TYPE_CHECKING:
    from ..session import Session

__all__ = ["TokensProxy", "UserInfoProxy", "login", "logout", "user"]

SERVED_ONLY = (
    "Sign-in is for served apps (porch run --headless): here the app runs on this computer, and porch.user is its "
    "account, {name}."
)


def login(provider: str | None = None) -> None:
    """Sign the user in with an OpenID Connect provider: the browser goes to the provider's sign-in page and comes
    back to the app signed in, where ``user`` holds who it is.

    ``provider`` names a table of the ``[auth]`` section of the app's secrets (``[auth.google]``: ``"google"``); None
    uses the credentials written in ``[auth]`` itself. Besides the provider's ``client_id``, ``client_secret`` and
    ``server_metadata_url`` (and optional ``client_kwargs``), ``[auth]`` holds ``redirect_uri`` (the app's URL ending
    in ``/oauth2callback``, registered with the provider) and ``cookie_secret`` (a long random string). Missing
    configuration is an error naming what is missing. In the desktop window, one line says that sign-in is for served
    apps (``user`` is the computer's account there).
    """
    session = get_run().session
    if _on_this_computer(session):
        from .container import main

        main.info(SERVED_ONLY.format(name=_local_account()["name"]))
        return
    if provider is not None and not isinstance(provider, str):
        raise PorchAPIError(f"login(): provider must be a string or None, not {type(provider).__name__}")
    require_authlib()
    AuthSettings.from_secrets(session_secrets(session)).provider(provider)  # a clear error now, not at the provider
    session.navigate("auth/login" + (f"?provider={quote(provider, safe='')}" if provider else ""))


def logout() -> None:
    """Sign the user out: ``user`` is empty from this call on, and the browser forgets who signed in (every session
    of it: the identity cookie is removed); where the provider publishes an ``end_session_endpoint``, the browser
    signs out of the provider too and comes back, as in Streamlit 1.67. Nothing happens in the desktop window."""
    session = get_run().session
    if _on_this_computer(session):
        return
    # Empty, not None: no one for the rest of this run, and still a change when the page comes back from
    # auth/logout without its cookie, so that the session reruns then (Session.attach).
    session.handshake = replace(session.handshake, user={})
    session.navigate("auth/logout")


class TokensProxy(Mapping[str, str]):
    """``porch.user.tokens``: the provider's tokens the app's ``[auth] expose_tokens`` names, by key or attribute
    (``tokens["id"]``, ``tokens.access``). Read-only; empty where none are exposed or no one signed in. They are the
    user's credentials: never show or log them."""

    _tokens: dict[str, str]

    def __init__(self, tokens: Mapping[str, str]) -> None:
        object.__setattr__(self, "_tokens", dict(tokens))

    def __getitem__(self, key: str) -> str:
        return self._tokens[key]

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f'Token "{name}" is not exposed or does not exist.') from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._tokens)

    def __len__(self) -> int:
        return len(self._tokens)

    def to_dict(self) -> dict[str, str]:
        return dict(self._tokens)

    def __setattr__(self, name: str, value: NoReturn) -> NoReturn:
        raise PorchAPIError("porch.user.tokens cannot be modified")

    def __setitem__(self, key: str, value: NoReturn) -> NoReturn:
        raise PorchAPIError("porch.user.tokens cannot be modified")

    def __repr__(self) -> str:
        return f"TokensProxy({sorted(self._tokens)})"  # the names only: a token in a log is a credential given away


class UserInfoProxy(Mapping[str, Any]):
    """``porch.user``: the signed-in user's claims, by key or attribute (``user["email"]``, ``user.email``), and
    ``is_logged_in``. Read-only. Outside a session (a thread the script started) it is empty."""

    def _info(self) -> Mapping[str, Any]:
        run = current_run.get()
        if run is None:
            return {"is_logged_in": False}
        return _info_of(run.session)

    @property
    def tokens(self) -> TokensProxy:
        """The provider's tokens ``[auth] expose_tokens`` names (``tokens.id``, ``tokens["access"]``); empty when it
        names none or no one signed in."""
        tokens = self._info().get("tokens")
        return TokensProxy(tokens if isinstance(tokens, Mapping) else {})

    def __getitem__(self, key: str) -> Any:
        if key == "tokens":
            return self.tokens
        return self._info()[key]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self._info()[name]
        except KeyError:
            raise AttributeError(f'porch.user has no attribute "{name}".') from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._info())

    def __len__(self) -> int:
        return len(self._info())

    def to_dict(self) -> dict[str, Any]:
        return dict(self._info())

    def __setattr__(self, name: str, value: NoReturn) -> NoReturn:
        raise PorchAPIError("porch.user cannot be modified")

    def __setitem__(self, key: str, value: NoReturn) -> NoReturn:
        raise PorchAPIError("porch.user cannot be modified")

    def __repr__(self) -> str:
        return repr(self.to_dict())


def _on_this_computer(session: Session) -> bool:
    """The desktop window and ``--browser``: the client is the machine's own user. (AppTest runs as served apps
    do: a test signs a user in through the test's secrets and provider, or sees no one.)"""
    return session.runtime.mode in ("desktop", "browser")


def _info_of(session: Session) -> Mapping[str, Any]:
    if _on_this_computer(session):
        return _local_account()
    user = session.handshake.user
    return user if user else {"is_logged_in": False}


def _local_account() -> dict[str, Any]:
    """The account the app runs under, as ``user`` shows it where the client is this computer."""
    try:
        username = getpass.getuser()
    except (KeyError, OSError):
        username = "user"
    name = username
    try:
        import pwd

        name = pwd.getpwnam(username).pw_gecos.split(",")[0] or username
    except (ImportError, KeyError):
        name = os.environ.get("USERNAME", username)
    return {"is_logged_in": True, "name": name, "username": username, "sub": f"local:{username}"}


user = UserInfoProxy()
