"""An OpenID Connect provider for the sign-in tests: discovery, an authorization endpoint that signs in one user at
once (no page), a token endpoint that checks the client, the code, the redirect URI and the PKCE verifier, its
keys, and (unless started without) an ``end_session_endpoint`` that ends the user's session and sends the browser to
the ``post_logout_redirect_uri`` given, as OpenID Connect's RP-initiated logout says. It runs on loopback in a thread
of its own, as a real provider would, speaking the same protocol."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from tornado import httpserver, web

CLIENT_ID = "porch-test-client"
CLIENT_SECRET = "porch-test-secret"
USER = {"sub": "u-1234", "name": "Alice Example", "email": "alice@example.com", "email_verified": True}


@dataclass
class Provider:
    port: int
    keys: KeySet
    user: dict[str, Any] = field(default_factory=lambda: dict(USER))
    #: code -> what the authorization request said, until the token request redeems it
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    token_requests: int = 0
    #: random bytes in each access token (a real provider's run to a few kilobytes: Porch splits the cookie then)
    access_token_bytes: int = 16
    #: the tokens each token request gave, in order
    issued: list[dict[str, str]] = field(default_factory=list)
    #: whether discovery names an end_session_endpoint
    end_session: bool = True
    #: the query of each request to the end_session_endpoint, in order
    sign_outs: list[dict[str, str]] = field(default_factory=list)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


class Discovery(web.RequestHandler):
    def initialize(self, provider: Provider) -> None:
        self.provider = provider

    def get(self) -> None:
        issuer = self.provider.issuer
        self.write({
            "issuer": issuer, "authorization_endpoint": f"{issuer}/authorize", "token_endpoint": f"{issuer}/token",
            "jwks_uri": f"{issuer}/jwks", "response_types_supported": ["code"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "id_token_signing_alg_values_supported": ["RS256"],
            **({"end_session_endpoint": f"{issuer}/logout?ui=none"} if self.provider.end_session else {}),
        })


class Authorize(web.RequestHandler):
    def initialize(self, provider: Provider) -> None:
        self.provider = provider

    def get(self) -> None:
        args = {name: self.get_query_argument(name, "") for name in (
            "client_id", "redirect_uri", "state", "nonce", "code_challenge", "code_challenge_method", "scope",
            "response_type")}
        if args["client_id"] != CLIENT_ID or args["response_type"] != "code" or "openid" not in args["scope"].split():
            self.set_status(400)
            self.finish("bad authorization request")
            return
        code = secrets.token_urlsafe(16)
        self.provider.codes[code] = args
        self.redirect(args["redirect_uri"] + "?" + urlencode({"code": code, "state": args["state"]}))


class Token(web.RequestHandler):
    def initialize(self, provider: Provider) -> None:
        self.provider = provider

    def post(self) -> None:
        self.provider.token_requests += 1
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if self.request.headers.get("Authorization") != expected:
            self.set_status(401)
            self.finish({"error": "invalid_client"})
            return
        request = self.provider.codes.pop(self.get_body_argument("code", ""), None)
        verifier = self.get_body_argument("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if (
            request is None
            or request["redirect_uri"] != self.get_body_argument("redirect_uri", "")
            or request["code_challenge"] != challenge
        ):
            self.set_status(400)
            self.finish({"error": "invalid_grant"})
            return
        now = int(time.time())
        claims = {**self.provider.user, "iss": self.provider.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                  "nonce": request["nonce"]}
        key = next(iter(self.provider.keys))
        id_token = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, self.provider.keys)
        tokens = {"access_token": secrets.token_urlsafe(self.provider.access_token_bytes), "id_token": id_token}
        self.provider.issued.append(tokens)
        self.finish({**tokens, "token_type": "Bearer"})


class EndSession(web.RequestHandler):
    def initialize(self, provider: Provider) -> None:
        self.provider = provider

    def get(self) -> None:
        query = {name: self.get_query_argument(name) for name in self.request.query_arguments}
        self.provider.sign_outs.append(query)
        if query.get("client_id") != CLIENT_ID or "post_logout_redirect_uri" not in query:
            self.set_status(400)
            self.finish("bad logout request")
            return
        self.redirect(query["post_logout_redirect_uri"])


class Keys(web.RequestHandler):
    def initialize(self, provider: Provider) -> None:
        self.provider = provider

    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(self.provider.keys.as_dict(private=False)))


@contextmanager
def running_provider(*, end_session: bool = True) -> Iterator[Provider]:
    """A provider on a free loopback port, stopped afterwards; ``end_session``: whether it publishes a sign-out
    endpoint."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    sock.setblocking(False)
    key = RSAKey.generate_key(2048, private=True)
    key.ensure_kid()
    provider = Provider(sock.getsockname()[1], KeySet([key]), end_session=end_session)
    args = {"provider": provider}
    app = web.Application([
        (r"/\.well-known/openid-configuration", Discovery, args), (r"/authorize", Authorize, args),
        (r"/token", Token, args), (r"/jwks", Keys, args), (r"/logout", EndSession, args),
    ])
    loop = asyncio.new_event_loop()
    started = threading.Event()
    server: list[httpserver.HTTPServer] = []

    def serve() -> None:
        asyncio.set_event_loop(loop)

        async def start() -> None:
            server.append(httpserver.HTTPServer(app))
            server[0].add_sockets([sock])
            started.set()

        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=serve, name="test-oidc-provider", daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield provider
    finally:
        loop.call_soon_threadsafe(server[0].stop)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        sock.close()
