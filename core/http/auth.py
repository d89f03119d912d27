"""Sign-in endpoints (``porch.login``/``logout``, see :mod:`porch.auth`): ``<base>/auth/login?provider=NAME`` sends
the browser to the provider, ``<base>/oauth2callback`` takes it back and sets the identity cookie (and the cookie of
the provider's tokens, ``porch.user.tokens``), ``<base>/auth/logout`` clears them and, as Streamlit 1.67 does, sends
the browser to the provider's ``end_session_endpoint`` where it has one (:func:`porch.auth.logout_url`), which sends
it back to ``oauth2callback`` with no sign-in: that goes home. Each ends with a redirect to the app's page, but a
sign-in that fails (refused by the user or the provider, a forged or stale callback, an ID token that does not check
out): that is logged, and the browser gets a short page saying so, with the way back to the app, signed out.
"""

from __future__ import annotations

import html
import logging

from ..auth import (
    FLOW_COOKIE,
    FLOW_SECONDS,
    TOKENS_COOKIE,
    USER_COOKIE,
    USER_DAYS,
    AuthConfigError,
    OidcError,
    cookie_parts,
    is_part_of,
    joined_cookie,
    logout_url,
    user_info,
)
from .base import EngineHandler

log = logging.getLogger("porch.auth")


class AuthHandler(EngineHandler):
    """What the three endpoints share: the cookies' attributes and the way home."""

    def _home(self) -> None:
        self.redirect(self.engine.config.normalized_base() + "/")

    def _cookie(self, name: str, value: str, *, seconds: float) -> None:
        self.set_cookie(
            name, value, path=self.engine.config.normalized_base() + "/", httponly=True,
            secure=self.request.protocol == "https", samesite="Lax", expires_days=seconds / 86400,
        )

    def _set_parts(self, name: str, value: str) -> None:
        """Set a signed cookie of the sign-in, split in parts when a browser would not keep it whole
        (:func:`porch.auth.cookie_parts`), and clear the parts of an earlier one that are not needed any more."""
        parts = cookie_parts(name, value)
        self._clear_parts(name, keep=frozenset(part for part, _ in parts))
        for part, text in parts:
            self._cookie(part, text, seconds=USER_DAYS * 86400)

    def _clear_parts(self, name: str, keep: frozenset[str] = frozenset()) -> None:
        """Clear the cookie ``name`` and every part of it the browser sent, but those named in ``keep``."""
        for sent in self.request.cookies:
            if is_part_of(sent, name) and sent not in keep:
                self.clear_cookie(sent, path=self.engine.config.normalized_base() + "/")


class LoginHandler(AuthHandler):
    async def get(self) -> None:
        from ..auth import authorization_url

        try:
            settings = self.engine.auth_settings()
            provider = settings.provider(self.get_query_argument("provider", None) or None)
            url, flow = await authorization_url(settings, provider, self.engine.oidc_metadata)
        except (AuthConfigError, OidcError) as exc:
            log.error("sign-in cannot start: %s", exc)
            self.set_status(503)
            self.finish(f"Sign-in cannot start: {exc}")
            return
        self._cookie(FLOW_COOKIE, flow, seconds=FLOW_SECONDS)
        self.redirect(url)


class CallbackHandler(AuthHandler):
    async def get(self) -> None:
        from ..auth import complete

        try:
            settings = self.engine.auth_settings()
        except AuthConfigError as exc:
            log.error("sign-in is not configured: %s", exc)
            self._failed(404, "Sign-in is not configured for this app.")
            return
        if not any(self.get_query_argument(name, "") for name in ("code", "state", "error")):
            self._home()  # back from the provider's sign-out (porch.logout), as in Streamlit: no sign-in to complete
            return
        flow = settings.unsign(FLOW_COOKIE, self.get_cookie(FLOW_COOKIE), max_age_days=FLOW_SECONDS / 86400)
        self.clear_cookie(FLOW_COOKIE, path=self.engine.config.normalized_base() + "/")
        error = self.get_query_argument("error", None)
        if error is not None:
            log.info("sign-in ended by the provider: %s", error[:200])
            self._failed(401, f"The sign-in was not completed: the provider answered {error[:100]!r}.")
            return
        if flow is None:
            log.warning("sign-in callback without a valid flow cookie (expired, or not started here)")
            self._failed(400, "This sign-in was not started here, or took longer than ten minutes.")
            return
        try:
            claims, tokens = await complete(
                settings, self.engine.oidc_metadata, flow,
                self.get_query_argument("code", ""), self.get_query_argument("state", ""),
            )
        except (OidcError, AuthConfigError) as exc:
            log.warning("sign-in failed: %s", exc)
            self._failed(400, "The sign-in could not be checked, so no one was signed in.")
            return
        identity = user_info(claims, str(flow.get("provider")))
        self._set_parts(USER_COOKIE, settings.sign(USER_COOKIE, identity))
        self._set_parts(TOKENS_COOKIE, settings.sign(TOKENS_COOKIE, tokens))
        self._home()

    def _failed(self, status: int, reason: str) -> None:
        """A page that says why no one was signed in, with the way back to the app (the log has the details)."""
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        home = html.escape(self.engine.config.normalized_base() + "/")
        self.finish(
            "<!doctype html><meta charset=utf-8><title>Sign-in failed</title>"
            "<body style='font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:36rem'>"
            f"<h1 style='font-size:1.4rem'>Sign-in failed</h1><p>{html.escape(reason)}</p>"
            f"<p><a href='{home}'>Back to the app</a>, signed out.</p>"
        )


class LogoutHandler(AuthHandler):
    async def get(self) -> None:
        provider_sign_out = await self._provider_sign_out()
        self._clear_parts(USER_COOKIE)
        self._clear_parts(TOKENS_COOKIE)
        if provider_sign_out is None:
            self._home()
        else:
            self.redirect(provider_sign_out)

    async def _provider_sign_out(self) -> str | None:
        """The provider's sign-out address for who signed in on this browser (with the ID token they signed in with),
        or None: no one signed in here, or a provider without one (the app alone is signed out of, as in Streamlit)."""
        cookies = {name: morsel.value for name, morsel in self.request.cookies.items()}
        try:
            settings = self.engine.auth_settings()
        except AuthConfigError:
            return None
        identity = settings.unsign(USER_COOKIE, joined_cookie(USER_COOKIE, cookies), max_age_days=USER_DAYS)
        if identity is None or not isinstance(identity.get("provider"), str):
            return None
        tokens = settings.unsign(TOKENS_COOKIE, joined_cookie(TOKENS_COOKIE, cookies), max_age_days=USER_DAYS) or {}
        id_token = tokens.get("id_token")
        hint = id_token if isinstance(id_token, str) else None
        try:
            return await logout_url(settings, identity["provider"], self.engine.oidc_metadata, hint)
        except (AuthConfigError, OidcError) as exc:
            log.warning("signed out of the app only, not of the provider: %s", exc)
            return None
