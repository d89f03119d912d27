"""Sign-in for served apps: OpenID Connect providers configured in the app's secrets as Streamlit documents them,
and the signed cookie that says who signed in (``porch.login``, ``porch.logout``, ``porch.user``).

The secrets' ``[auth]`` section holds ``redirect_uri`` (the app's URL ending in ``/oauth2callback``) and
``cookie_secret``, and either one provider's ``client_id``, ``client_secret`` and ``server_metadata_url`` beside them
(``login()`` with no provider) or a table per provider (``[auth.google]``: ``login("google")``), each with an optional
``client_kwargs`` table (``scope``, ``prompt``...). The flow is the authorization code flow with PKCE, a ``state`` and a
``nonce``, kept between the two requests in a signed, HttpOnly cookie that lasts ten minutes. The provider's ID token
is checked (signature against its published keys, issuer, audience, expiry, nonce) and its claims become the
identity, kept in a second signed HttpOnly cookie for 30 days; the socket of a page reads it when it opens, so the
script never sees the cookie, only ``porch.user``. As Streamlit 1.67 does, the provider's ID and access tokens are kept
too, in a third cookie (split in parts where one cookie would be too large for a browser), and a page's socket hands
the script the ones ``[auth] expose_tokens`` names (``"id"``, ``"access"``, or a list of both) as ``porch.user.tokens``;
a change of ``expose_tokens`` applies from the next page load, as in Streamlit. Signing out clears the cookies and,
where the provider publishes an ``end_session_endpoint``, sends the browser there to end the provider's session too
(:func:`logout_url`), as Streamlit 1.67 does; the provider sends it back to ``redirect_uri``, which goes home.

Authlib (and joserfc, which it brings) is imported only when a sign-in starts: ``pip install porch[auth]``.
"""

from __future__ import annotations

import base64
import json
import secrets as token_source
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tornado import httpclient, web

from .errors import PorchAPIError

#: The cookie that holds who signed in (claims of the provider's ID token), signed with ``cookie_secret``.
USER_COOKIE = "_porch_user"
#: The cookie that holds the provider's ID and access tokens (``porch.user.tokens``), signed with ``cookie_secret``.
TOKENS_COOKIE = "_porch_user_tokens"
#: The tokens ``[auth] expose_tokens`` may name, and the key of each in the token response.
TOKEN_KINDS = {"id": "id_token", "access": "access_token"}
#: The cookie that carries one sign-in's state, nonce and PKCE verifier from the login request to the callback.
FLOW_COOKIE = "_porch_auth_flow"
USER_DAYS = 30
FLOW_SECONDS = 600
#: The provider name of the credentials written in ``[auth]`` itself.
DEFAULT_PROVIDER = "default"
REQUIRED = ("client_id", "client_secret", "server_metadata_url")
INSTALL_HINT = "To use authentication features, install Authlib: pip install 'porch[auth]' (or Authlib>=1.3.2)."


class AuthConfigError(PorchAPIError):
    """The secrets do not configure sign-in as ``login`` needs (Streamlit's ``StreamlitAuthError``)."""


@dataclass(frozen=True)
class Provider:
    name: str
    client_id: str
    client_secret: str
    server_metadata_url: str
    client_kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def scope(self) -> str:
        return str(self.client_kwargs.get("scope", "openid profile email"))


@dataclass(frozen=True)
class AuthSettings:
    redirect_uri: str
    cookie_secret: str
    #: Each provider configured, or what is wrong with its table (said when that provider is asked for).
    providers: Mapping[str, Provider | str]
    #: The tokens ``porch.user.tokens`` holds (``[auth] expose_tokens``): "id", "access", in the order given.
    expose_tokens: tuple[str, ...] = ()

    @classmethod
    def from_secrets(cls, secrets: Mapping[str, Any]) -> AuthSettings:
        """The ``[auth]`` section read and checked; an :class:`AuthConfigError` names what is missing."""
        section = secrets.get("auth")
        if not isinstance(section, Mapping):
            raise AuthConfigError(
                "To use authentication features, configure credentials for at least one provider in the app's "
                "secrets (.porch/secrets.toml or .streamlit/secrets.toml), under [auth]."
            )
        missing = [key for key in ("redirect_uri", "cookie_secret") if not section.get(key)]
        if missing:
            raise AuthConfigError(f"The [auth] section of the app's secrets is missing: {', '.join(missing)}.")
        redirect_uri = str(section["redirect_uri"])
        if not urlsplit(redirect_uri).path.endswith("/oauth2callback"):
            raise AuthConfigError(f"[auth] redirect_uri must end with /oauth2callback, not {redirect_uri!r}.")
        providers: dict[str, Provider | str] = {}
        tables = {DEFAULT_PROVIDER: section, **{k: v for k, v in section.items() if isinstance(v, Mapping)}}
        for name, table in tables.items():
            if not any(key in table for key in REQUIRED):
                continue  # [auth] itself when every provider has a table of its own; client_kwargs of [auth]
            absent = [key for key in REQUIRED if not table.get(key)]
            if absent:
                providers[name] = (
                    f'The credentials of the authentication provider "{name}" in the app\'s secrets are missing: '
                    f"{', '.join(absent)}."
                )
                continue
            kwargs = table.get("client_kwargs", {})
            providers[name] = Provider(
                name, str(table["client_id"]), str(table["client_secret"]), str(table["server_metadata_url"]),
                dict(kwargs) if isinstance(kwargs, Mapping) else {},
            )
        return cls(redirect_uri, str(section["cookie_secret"]), providers, _expose_tokens(section.get("expose_tokens")))

    def exposed(self, tokens: Mapping[str, Any] | None) -> dict[str, str]:
        """Of the tokens kept at sign-in, the ones ``expose_tokens`` names, by their short name (``"id"``)."""
        kept = tokens or {}
        return {kind: str(kept[TOKEN_KINDS[kind]]) for kind in self.expose_tokens if TOKEN_KINDS[kind] in kept}

    def provider(self, name: str | None) -> Provider:
        found = self.providers.get(name or DEFAULT_PROVIDER)
        if found is None:
            raise AuthConfigError(
                f'The app\'s secrets have no credentials for the authentication provider "{name or DEFAULT_PROVIDER}"'
                + (f" (configured: {', '.join(sorted(self.providers))})." if self.providers else ".")
            )
        if isinstance(found, str):
            raise AuthConfigError(found)
        return found

    def sign(self, name: str, value: Mapping[str, Any]) -> str:
        return web.create_signed_value(self.cookie_secret, name, json.dumps(value, separators=(",", ":"))).decode()

    def unsign(self, name: str, value: str | None, *, max_age_days: float) -> dict[str, Any] | None:
        """The JSON object a cookie of ours holds, or None: absent, forged, expired or not ours."""
        if not value:
            return None
        raw = web.decode_signed_value(self.cookie_secret, name, value, max_age_days=max_age_days)
        if raw is None:
            return None
        try:
            decoded = json.loads(raw)
        except ValueError:
            return None
        return decoded if isinstance(decoded, dict) else None


#: The most a browser keeps of one cookie is 4096 bytes with its name and attributes: a value past this is split.
COOKIE_PART = 3500
#: The most parts a split cookie is read from (tokens of any provider fit in far fewer).
MAX_COOKIE_PARTS = 16


def cookie_parts(name: str, value: str) -> list[tuple[str, str]]:
    """A signed cookie value as the cookies that carry it: ``name`` itself when it fits one, else ``name`` holding
    ``parts:N`` and ``name_1`` ... ``name_N`` the pieces (Streamlit splits its tokens cookie the same way)."""
    if len(value) <= COOKIE_PART:
        return [(name, value)]
    pieces = [value[i:i + COOKIE_PART] for i in range(0, len(value), COOKIE_PART)]
    return [(name, f"parts:{len(pieces)}"), *((f"{name}_{n}", piece) for n, piece in enumerate(pieces, 1))]


def joined_cookie(name: str, cookies: Mapping[str, str]) -> str | None:
    """The value :func:`cookie_parts` split, put back together; None when a part is missing or too many are named."""
    head = cookies.get(name)
    if head is None or not head.startswith("parts:"):
        return head
    try:
        count = int(head.removeprefix("parts:"))
    except ValueError:
        return None
    if not 0 < count <= MAX_COOKIE_PARTS:
        return None
    pieces = [cookies.get(f"{name}_{n}") for n in range(1, count + 1)]
    return None if any(piece is None for piece in pieces) else "".join(str(piece) for piece in pieces)


def is_part_of(cookie: str, name: str) -> bool:
    """Whether ``cookie`` is ``name`` or one of its parts (``name_3``)."""
    return cookie == name or (cookie.startswith(name + "_") and cookie[len(name) + 1:].isdigit())


def _expose_tokens(value: Any) -> tuple[str, ...]:
    """``expose_tokens`` as Streamlit 1.67 reads it: one name or a list of names, each "id" or "access"; unset
    (or empty, or of another type) exposes none."""
    if isinstance(value, str):
        names = [value]
    elif isinstance(value, (list, tuple)):
        names = [str(item) for item in value]
    else:
        return ()
    if set(names) - set(TOKEN_KINDS):
        raise AuthConfigError(
            f"Invalid expose_tokens configuration {value!r} in the [auth] section of the app's secrets: only 'id' and "
            "'access' are allowed (expose_tokens = \"id\" or expose_tokens = [\"id\", \"access\"])."
        )
    return tuple(dict.fromkeys(names))


def require_authlib() -> None:
    try:
        import authlib  # noqa: F401
        import joserfc  # noqa: F401
    except ImportError:
        raise AuthConfigError(INSTALL_HINT) from None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class OidcError(Exception):
    """A sign-in that cannot complete: the provider refused, answered wrongly, or the flow was tampered with."""


class Metadata:
    """Each provider's discovery document (``server_metadata_url``) and keys, fetched once per engine."""

    def __init__(self) -> None:
        self._documents: dict[str, dict[str, Any]] = {}

    async def document(self, url: str) -> dict[str, Any]:
        if url not in self._documents:
            self._documents[url] = await _get_json(url)
        return self._documents[url]

    async def keys(self, url: str) -> dict[str, Any]:
        """The provider's JSON Web Key Set; fetched again on each sign-in, so a key rotation is seen at once."""
        return await _get_json(str((await self.document(url))["jwks_uri"]))


async def _get_json(url: str) -> dict[str, Any]:
    try:
        response = await httpclient.AsyncHTTPClient().fetch(url, request_timeout=15)
        data = json.loads(response.body)
    except (httpclient.HTTPError, OSError, ValueError) as exc:
        raise OidcError(f"cannot read {url}: {exc}") from None
    if not isinstance(data, dict):
        raise OidcError(f"{url} did not answer with a JSON object")
    return data


async def authorization_url(settings: AuthSettings, provider: Provider, metadata: Metadata) -> tuple[str, str]:
    """Where to send the browser to sign in, and the signed flow cookie to set until it comes back."""
    from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
    from authlib.oauth2.rfc7636 import create_s256_code_challenge

    document = await metadata.document(provider.server_metadata_url)
    state, nonce, verifier = (_b64(token_source.token_bytes(32)) for _ in range(3))
    extra = {k: v for k, v in provider.client_kwargs.items() if k != "scope" and isinstance(v, (str, int))}
    url = prepare_grant_uri(
        str(document["authorization_endpoint"]), provider.client_id, "code",
        redirect_uri=settings.redirect_uri, scope=provider.scope, state=state, nonce=nonce,
        code_challenge=create_s256_code_challenge(verifier), code_challenge_method="S256", **extra,
    )
    flow = {"provider": provider.name, "state": state, "nonce": nonce, "verifier": verifier, "at": time.time()}
    return url, settings.sign(FLOW_COOKIE, flow)


async def complete(
    settings: AuthSettings, metadata: Metadata, flow: Mapping[str, Any], code: str, state: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """Exchange the callback's code for tokens, check the ID token, and return its claims and the tokens to keep
    (``id_token``, and ``access_token`` when the provider gave one: what Streamlit keeps)."""
    from joserfc import errors as jose_errors, jwt
    from joserfc.jwk import KeySet

    if not state or state != flow.get("state"):
        raise OidcError("the sign-in's state does not match (a stale or forged callback)")
    provider = settings.provider(str(flow.get("provider")))
    document = await metadata.document(provider.server_metadata_url)
    body = {
        "grant_type": "authorization_code", "code": code, "redirect_uri": settings.redirect_uri,
        "code_verifier": str(flow.get("verifier")), "client_id": provider.client_id,
    }
    headers = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if "client_secret_basic" in methods:
        pair = f"{_form(provider.client_id)}:{_form(provider.client_secret)}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    else:
        body["client_secret"] = provider.client_secret
    try:
        response = await httpclient.AsyncHTTPClient().fetch(
            str(document["token_endpoint"]), method="POST", body=urlencode(body), headers=headers, request_timeout=15
        )
        tokens = json.loads(response.body)
    except httpclient.HTTPClientError as exc:
        detail = exc.response.body[:200].decode(errors="replace") if exc.response is not None else str(exc)
        raise OidcError(f"the provider refused the code: {detail}") from None
    except (OSError, ValueError) as exc:
        raise OidcError(f"the token request failed: {exc}") from None
    id_token = tokens.get("id_token") if isinstance(tokens, dict) else None
    if not isinstance(id_token, str):
        raise OidcError("the provider's answer holds no ID token (is 'openid' in the scope?)")
    try:
        keys = KeySet.import_key_set(await metadata.keys(provider.server_metadata_url))  # type: ignore[arg-type]
        token = jwt.decode(id_token, keys)
        jwt.JWTClaimsRegistry(
            leeway=120,
            iss={"essential": True, "value": str(document.get("issuer", ""))},
            aud={"essential": True, "value": provider.client_id},
            nonce={"essential": True, "value": str(flow.get("nonce"))},
            exp={"essential": True},
        ).validate(token.claims)
    except (jose_errors.JoseError, ValueError, KeyError, TypeError) as exc:
        raise OidcError(f"the ID token is not valid: {exc}") from None
    kept = {key: str(tokens[key]) for key in TOKEN_KINDS.values() if isinstance(tokens.get(key), str)}
    return dict(token.claims), kept


async def logout_url(
    settings: AuthSettings, provider_name: str, metadata: Metadata, id_token: str | None
) -> str | None:
    """Where to send the browser so that it signs out of the provider too, as Streamlit 1.67 does (OpenID Connect's
    RP-initiated logout): the provider's ``end_session_endpoint`` with ``client_id``, ``post_logout_redirect_uri`` (the
    app's ``redirect_uri``, an address the provider already allows, which takes the browser home) and, when the ID
    token was kept, ``id_token_hint``; a query the endpoint has already is kept beneath these. None when the provider
    publishes no such endpoint: the app alone is signed out of then."""
    provider = settings.provider(provider_name)
    endpoint = (await metadata.document(provider.server_metadata_url)).get("end_session_endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        return None
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise OidcError(f"the provider's end_session_endpoint is not a web address: {endpoint[:200]!r}")
    query = {**dict(parse_qsl(parts.query)), "client_id": provider.client_id,
             "post_logout_redirect_uri": settings.redirect_uri}
    if id_token:
        query["id_token_hint"] = id_token
    return urlunsplit(parts._replace(query=urlencode(query)))


def _form(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def user_info(claims: Mapping[str, Any], provider: str) -> dict[str, Any]:
    """What ``porch.user`` shows of a signed-in user, as Streamlit 1.67's ``st.user``: ``is_logged_in``, every claim
    of the ID token (``nonce`` and ``at_hash`` too), and the ``provider`` signed in with ("default" for ``[auth]``'s
    own credentials)."""
    return {"is_logged_in": True, **{k: v for k, v in claims.items() if k != "is_logged_in"}, "provider": provider}
