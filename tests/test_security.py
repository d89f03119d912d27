"""AccessPolicy: the token, the loopback Host check (DNS rebinding) and the WebSocket origin check."""

from __future__ import annotations

import pytest
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from porch.security import AccessPolicy, is_loopback_host


def request(host: str = "127.0.0.1:8000", **headers: str) -> HTTPServerRequest:
    all_headers = HTTPHeaders({"Host": host, **{name.replace("_", "-"): value for name, value in headers.items()}})
    return HTTPServerRequest(start_line=RequestStartLine("GET", "/", "HTTP/1.1"), headers=all_headers)


def test_an_open_policy_lets_everything_through() -> None:
    assert AccessPolicy().refuse(request("example.com")) is None


def test_the_token_is_required_as_cookie_or_bearer() -> None:
    policy = AccessPolicy(token="s3cret")
    assert policy.refuse(request()) == (403, "Missing or wrong access token")
    assert policy.refuse(request(Cookie="porch_token=wrong")) == (403, "Missing or wrong access token")
    assert policy.refuse(request(Cookie="porch_token=s3cret")) is None
    assert policy.refuse(request(Authorization="Bearer s3cret")) is None
    assert policy.refuse(request(Authorization="Bearer nope")) is not None


@pytest.mark.parametrize("host", ["127.0.0.1:5000", "localhost:5000", "[::1]:5000", "localhost", "127.0.0.2"])
def test_loopback_hosts_pass(host: str) -> None:
    assert is_loopback_host(host)
    assert AccessPolicy(loopback_only=True).refuse(request(host)) is None


@pytest.mark.parametrize("host", ["evil.example:5000", "attacker.localhost.evil.com", "192.168.1.5:5000", "[fe80::1]"])
def test_other_hosts_are_refused_in_loopback_mode(host: str) -> None:
    assert AccessPolicy(loopback_only=True).refuse(request(host)) == (403, "Host not allowed")


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://evil.example", "127.0.0.1:8000", False),
        ("http://127.0.0.1:9999", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),
        ("https://app.example", "app.example:443", True),
        ("http://app.example", "app.example:443", False),
    ],
)
def test_the_websocket_origin_must_be_the_apps_own(origin: str, host: str, allowed: bool) -> None:
    assert AccessPolicy().origin_allowed(origin, request(host)) is allowed


def test_behind_a_proxy_the_forwarded_host_counts_only_when_trusted() -> None:
    proxied = request("10.0.0.5:8501", X_Forwarded_Host="apps.example.com")
    assert not AccessPolicy().origin_allowed("https://apps.example.com", proxied)
    assert AccessPolicy(trust_forwarded_host=True).origin_allowed("https://apps.example.com", proxied)
    assert not AccessPolicy(trust_forwarded_host=True).origin_allowed("https://evil.example", proxied)


def test_explicitly_allowed_origins() -> None:
    policy = AccessPolicy(allowed_origins=frozenset({"https://Portal.example/"}))
    assert policy.origin_allowed("https://portal.example", request())
    assert not policy.origin_allowed("https://other.example", request())
