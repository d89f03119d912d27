"""Sign-in endpoints (``porch.login``/``logout``, see :mod:`porch.auth`): ``<base>/auth/login?provider=NAME`` sends
the browser to the provider, ``<base>/oauth2callback`` takes it back and sets the identity cookie,
``<base>/auth/logout`` clears it. Each ends with a redirect to the app's page. A sign-in that fails (refused by the
user or the provider, a forged or stale callback, an ID token that does not check out) is logged, and the user lands
on the page signed out, as in Streamlit.
"""

from __future__ import annotations

import logging

from ..auth import FLOW_COOKIE, FLOW_SECONDS, USER_COOKIE, USER_DAYS, AuthConfigError, OidcError, user_info
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
            self._home()
            return
        flow = settings.unsign(FLOW_COOKIE, self.get_cookie(FLOW_COOKIE), max_age_days=FLOW_SECONDS / 86400)
        self.clear_cookie(FLOW_COOKIE, path=self.engine.config.normalized_base() + "/")
        error = self.get_query_argument("error", None)
        if error is not None:
            log.info("sign-in ended by the provider: %s", error[:200])
        elif flow is None:
            log.warning("sign-in callback without a valid flow cookie (expired, or not started here)")
        else:
            try:
                claims = await complete(
                    settings, self.engine.oidc_metadata, flow,
                    self.get_query_argument("code", ""), self.get_query_argument("state", ""),
                )
            except (OidcError, AuthConfigError) as exc:
                log.warning("sign-in failed: %s", exc)
            else:
                self._cookie(USER_COOKIE, settings.sign(USER_COOKIE, user_info(claims)), seconds=USER_DAYS * 86400)
        self._home()


class LogoutHandler(AuthHandler):
    def get(self) -> None:
        self.clear_cookie(USER_COOKIE, path=self.engine.config.normalized_base() + "/")
        self._home()
