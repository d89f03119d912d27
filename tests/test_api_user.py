"""porch.login, porch.logout and porch.user (core/api/user.py, core/auth.py, core/http/auth.py): the configuration
read from secrets, the OpenID Connect flow against a provider the test runs, the identity cookie, and the desktop's
local account."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from engine_harness import ProtocolClient, running_engine
from oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, running_provider
from porch.api import secrets as api_secrets
from porch.interfaces import Runtime
from porch.script import Script
from porch.testing import AppTest

APP = """
import porch as st

if st.user.is_logged_in:
    st.text(f"Hello {st.user.name} <{st.user.email}>")
    st.write(f"cookies the script sees: {sorted(st.context.cookies)}")
    if st.button("Sign out"):
        st.logout()
else:
    st.write("Signed out")
    if st.button("Sign in"):
        st.login("idp")
"""


def secrets_toml(provider: Provider, app_url: str, *, cookie_secret: str = "a-long-random-cookie-secret") -> str:
    return f"""
[auth]
redirect_uri = "{app_url}oauth2callback"
cookie_secret = "{cookie_secret}"

[auth.idp]
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{provider.metadata_url}"
"""


def navigations(at: AppTest) -> list[str]:
    return [m["path"] for m in at.messages if m["type"] == "navigate"]


# ---------------------------------------------------------------------------------------------------------------
# AppTest: configuration and what the script sees
# ---------------------------------------------------------------------------------------------------------------


def test_no_one_is_signed_in_and_user_is_read_only() -> None:
    at = AppTest.from_string(
        "import porch as st\n"
        "st.text(f'{st.user.is_logged_in} {st.user.to_dict()}')\n"
        "try:\n    st.user.email\nexcept AttributeError as e:\n    st.write(str(e))\n"
        "try:\n    st.user['x'] = 1\nexcept st.PorchAPIError as e:\n    st.write(str(e))\n"
    ).run()
    assert at.text[0].value == "False {'is_logged_in': False}"
    texts = [m.value for m in at.markdown]
    assert 'porch.user has no attribute "email".' in texts
    assert "porch.user cannot be modified" in texts


def test_login_without_configuration_says_what_is_missing() -> None:
    at = AppTest.from_string("import porch as st\nst.login()").run()
    assert "configure credentials" in at.exception[0].message
    at = AppTest.from_string("import porch as st\nst.login('idp')")
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    at.run()
    assert "missing: cookie_secret" in at.exception[0].message


def test_login_names_a_provider_missing_keys_or_absent() -> None:
    at = AppTest.from_string("import porch as st\nst.login(st.session_state.get('p'))")
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s",
        "idp": {"client_id": "c", "server_metadata_url": "https://idp/.well-known/openid-configuration"},
    }
    at.run()
    assert 'provider "default"' in at.exception[0].message
    at.session_state["p"] = "idp"
    at.run()
    assert 'provider "idp"' in at.exception[0].message and "client_secret" in at.exception[0].message


def test_login_and_logout_send_the_page_to_the_apps_endpoints() -> None:
    at = AppTest.from_string(APP)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s",
        "idp": {"client_id": "c", "client_secret": "x", "server_metadata_url": "https://idp/.well-known/x"},
    }
    at.run()
    assert at.markdown[0].value == "Signed out"
    at.button[0].click().run()
    assert navigations(at) == ["auth/login?provider=idp"]


def test_redirect_uri_must_end_with_the_callback_path() -> None:
    at = AppTest.from_string("import porch as st\nst.login()")
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/", "cookie_secret": "s", "client_id": "c",
                          "client_secret": "x", "server_metadata_url": "https://idp/x"}
    at.run()
    assert "must end with /oauth2callback" in at.exception[0].message


def test_in_the_desktop_window_user_is_the_local_account_and_login_says_so() -> None:
    at = AppTest(Script.from_string("import porch as st\nst.text(str(st.user.to_dict()))\nst.login()"),
                 runtime=Runtime(mode="desktop", local_client=True)).run()
    assert at.exception == []
    assert "'is_logged_in': True" in at.text[0].value and "'sub': 'local:" in at.text[0].value
    assert "Sign-in is for served apps" in at.info[0].value


# ---------------------------------------------------------------------------------------------------------------
# The flow, against a provider on loopback
# ---------------------------------------------------------------------------------------------------------------


def app_dir(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / ".porch").mkdir()
    return tmp_path / "app.py"


@pytest.mark.browser
def test_a_user_signs_in_with_the_provider_and_out_again(tmp_path: Path, context: Any) -> None:
    from playwright.sync_api import expect

    with running_provider() as provider, running_engine(path=app_dir(tmp_path)) as server:
        (tmp_path / ".porch" / "secrets.toml").write_text(secrets_toml(provider, server.url))
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("Signed out")).to_be_visible()
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Hello Alice Example <alice@example.com>")).to_be_visible(timeout=15_000)
        assert page.url == server.url
        # The identity cookie is HttpOnly (no script of the page reads it) and the app's script never sees it.
        cookie = next(c for c in context.cookies() if c["name"] == "_porch_user")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        assert page.evaluate("document.cookie").find("_porch_user") == -1
        expect(page.get_by_text("cookies the script sees: []")).to_be_visible()
        # A second tab of the same browser is signed in too.
        other = context.new_page()
        other.goto(server.url)
        expect(other.get_by_text("Hello Alice Example")).to_be_visible()
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_text("Signed out")).to_be_visible(timeout=15_000)
        assert not [c for c in context.cookies() if c["name"] == "_porch_user"]
        page.reload()
        expect(page.get_by_text("Signed out")).to_be_visible()
        assert provider.token_requests == 1


def test_a_forged_or_replayed_callback_signs_no_one_in(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request
    from http.cookiejar import CookieJar

    with running_provider() as provider, running_engine(path=app_dir(tmp_path)) as server:
        (tmp_path / ".porch" / "secrets.toml").write_text(secrets_toml(provider, server.url))
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        # A callback with no flow started here, then one whose state is not the flow's.
        with pytest.raises(urllib.error.HTTPError) as stale:
            opener.open(server.url + "oauth2callback?code=x&state=y")
        assert stale.value.code == 400 and b"not started here" in stale.value.read()
        stale.value.close()  # its socket, else closed whenever a collection finds it
        assert not [c for c in jar if c.name == "_porch_user"]
        with opener.open(server.url + "auth/login?provider=idp") as login:  # follows the provider back to the app
            assert login.url == server.url and [c for c in jar if c.name == "_porch_user"]
        signed_in = next(c for c in jar if c.name == "_porch_user")
        jar.clear()
        with pytest.raises(urllib.error.HTTPError) as forged:
            opener.open(server.url + "oauth2callback?code=unused&state=forged")
        assert forged.value.code == 400 and b"Sign-in failed" in forged.value.read()
        forged.value.close()  # its socket, else closed whenever a collection finds it
        assert not [c for c in jar if c.name == "_porch_user"]
        with pytest.raises(urllib.error.HTTPError) as cancelled:
            opener.open(server.url + "oauth2callback?error=access_denied")
        assert cancelled.value.code == 401 and b"access_denied" in cancelled.value.read()
        cancelled.value.close()  # its socket, else closed whenever a collection finds it
        # A cookie signed with another secret is no one.
        (tmp_path / ".porch" / "secrets.toml").write_text(secrets_toml(provider, server.url, cookie_secret="other"))
        api_secrets._sources.forget()
        client = ProtocolClient(server.ws_url, additional_headers={"Cookie": f"_porch_user={signed_in.value}"})
        client.until_finished(timeout=15)
        assert "Signed out" in client.texts()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """An opener's handler that stops at a redirect, so that its Location can be read."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def test_logout_signs_out_of_the_provider_too_as_streamlit_does(tmp_path: Path) -> None:
    """As Streamlit 1.67: ``auth/logout`` clears the cookies and sends the browser to the provider's
    ``end_session_endpoint`` (its own query kept) with ``client_id``, ``post_logout_redirect_uri`` (the app's
    ``redirect_uri``) and ``id_token_hint`` (the ID token signed in with); the provider sends it back to
    ``oauth2callback``, which goes home, signed out. A provider without the endpoint: home at once."""
    import urllib.error
    import urllib.request
    from http.cookiejar import CookieJar
    from urllib.parse import parse_qs, urlsplit

    for end_session in (True, False):
        folder = tmp_path / f"end_session_{end_session}"
        folder.mkdir()
        with running_provider(end_session=end_session) as provider, running_engine(path=app_dir(folder)) as server:
            (folder / ".porch" / "secrets.toml").write_text(secrets_toml(provider, server.url))
            api_secrets._sources.forget()
            jar = CookieJar()
            cookies = urllib.request.HTTPCookieProcessor(jar)
            with urllib.request.build_opener(cookies).open(server.url + "auth/login?provider=idp") as login:
                assert login.url == server.url and [c for c in jar if c.name == "_porch_user"]
            with pytest.raises(urllib.error.HTTPError) as stopped:
                urllib.request.build_opener(cookies, _NoRedirect()).open(server.url + "auth/logout")
            assert stopped.value.code == 302
            location = stopped.value.headers["Location"]
            stopped.value.close()  # its socket, else closed whenever a collection finds it
            assert not [c for c in jar if c.name.startswith("_porch_user")], "signed out of the app at once"
            if not end_session:
                assert urljoin(server.url, location) == server.url and provider.sign_outs == []
                continue
            sent = urlsplit(location)
            assert f"{sent.scheme}://{sent.netloc}{sent.path}" == provider.issuer + "/logout"
            assert parse_qs(sent.query) == {
                "ui": ["none"], "client_id": [CLIENT_ID], "post_logout_redirect_uri": [server.url + "oauth2callback"],
                "id_token_hint": [provider.issued[0]["id_token"]],
            }
            with urllib.request.build_opener(cookies).open(location) as back:  # the provider sends the browser back
                assert back.url == server.url and back.status == 200
            assert provider.sign_outs[0]["id_token_hint"] == provider.issued[0]["id_token"]
            # Signed out of the app already, a second sign-out goes home (no one to sign out of the provider).
            with pytest.raises(urllib.error.HTTPError) as again:
                urllib.request.build_opener(cookies, _NoRedirect()).open(server.url + "auth/logout")
            assert urljoin(server.url, again.value.headers["Location"]) == server.url
            again.value.close()
            assert len(provider.sign_outs) == 1


def test_login_with_a_provider_that_cannot_be_reached_answers_clearly(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    with running_engine(path=app_dir(tmp_path)) as server:
        provider = Provider(port=9, keys=None)  # type: ignore[arg-type]  # the discard port: nothing answers there
        (tmp_path / ".porch" / "secrets.toml").write_text(secrets_toml(provider, server.url))
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(server.url + "auth/login?provider=idp", timeout=30)
        assert refused.value.code == 503 and b"Sign-in cannot start" in refused.value.read()
        refused.value.close()  # its socket, else closed whenever a collection finds it
        with pytest.raises(urllib.error.HTTPError) as unknown:
            urllib.request.urlopen(server.url + "auth/login?provider=nope", timeout=30)
        assert b'provider "nope"' in unknown.value.read()
        unknown.value.close()  # its socket, else closed whenever a collection finds it


# ---------------------------------------------------------------------------------------------------------------
# user.tokens: [auth] expose_tokens, as Streamlit 1.67
# ---------------------------------------------------------------------------------------------------------------

TOKENS_APP = """
import porch as st

st.text(f"signed in: {st.user.is_logged_in}; keys: {sorted(st.user)}; tokens: {sorted(st.user.tokens)}")
for kind in st.user.tokens:
    st.text(f"{kind}={st.user.tokens[kind]}")
if "id" in st.user.tokens:
    st.text(f"same by attribute: {st.user.tokens.id == st.user['tokens']['id'] == st.user.tokens.to_dict()['id']}")
st.text(f"cookies the script sees: {sorted(st.context.cookies)}")
"""


def test_user_tokens_are_empty_read_only_and_name_what_is_not_exposed() -> None:
    at = AppTest.from_string(
        "import porch as st\n"
        "st.text(f'{dict(st.user.tokens)} {len(st.user.tokens)} {dict(st.user[\"tokens\"])}')\n"
        "try:\n    st.user.tokens.id\nexcept AttributeError as e:\n    st.write(str(e))\n"
        "try:\n    st.user.tokens['id'] = 'x'\nexcept st.PorchAPIError as e:\n    st.write(str(e))\n"
        "try:\n    st.user.tokens.id = 'x'\nexcept st.PorchAPIError as e:\n    st.write(str(e))\n"
    ).run()
    assert at.text[0].value == "{} 0 {}"
    assert [m.value for m in at.markdown] == [
        'Token "id" is not exposed or does not exist.',
        "porch.user.tokens cannot be modified",
        "porch.user.tokens cannot be modified",
    ]


@pytest.mark.parametrize("expose", ['"refresh"', '["id", "secret"]'])
def test_expose_tokens_takes_only_id_and_access(expose: str) -> None:
    at = AppTest.from_string("import porch as st\nst.login()")
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s", "client_id": "c",
        "client_secret": "x", "server_metadata_url": "https://idp/x", "expose_tokens": eval(expose),
    }
    at.run()
    assert "Invalid expose_tokens configuration" in at.exception[0].message
    assert "only 'id' and 'access' are allowed" in at.exception[0].message


def test_the_tokens_kept_at_sign_in_are_the_ones_expose_tokens_names(tmp_path: Path) -> None:
    """The ID and access tokens are kept at sign-in (split over several cookies when too large for one, as the identity
    is); each page load exposes the ones ``expose_tokens`` names then, as Streamlit does; the script never sees the
    cookies."""
    import urllib.request
    from http.cookiejar import CookieJar

    (tmp_path / "app.py").write_text(TOKENS_APP)
    (tmp_path / ".porch").mkdir()
    with running_provider() as provider, running_engine(path=tmp_path / "app.py") as server:
        provider.access_token_bytes = 4000  # a large token: more than one cookie holds
        provider.user["groups"] = [f"group-{n}" for n in range(400)]  # a large identity too
        secrets = secrets_toml(provider, server.url)

        def expose(setting: str) -> None:
            text = secrets.replace("[auth.idp]", f"{setting}\n\n[auth.idp]")
            (tmp_path / ".porch" / "secrets.toml").write_text(text)
            api_secrets._sources.forget()

        def page(jar: CookieJar) -> list[str]:
            cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
            client = ProtocolClient(server.ws_url, additional_headers={"Cookie": cookie})
            client.until_finished(timeout=15)
            return client.texts()

        expose("")
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(server.url + "auth/login?provider=idp") as login:
            assert login.url == server.url
        issued = provider.issued[0]
        assert len([c for c in jar if c.name.startswith("_porch_user_tokens")]) > 2, "split over several cookies"
        assert {"_porch_user", "_porch_user_1", "_porch_user_2"} <= {c.name for c in jar}
        assert page(jar)[0] == "signed in: True; keys: " + str(sorted(
            ["email", "email_verified", "exp", "aud", "groups", "iat", "is_logged_in", "iss", "name", "nonce", "provider",
             "sub", "tokens"]
        )) + "; tokens: []"
        expose('expose_tokens = "id"')
        assert page(jar)[:3] == [
            page(jar)[0].replace("tokens: []", "tokens: ['id']"),
            f"id={issued['id_token']}",
            "same by attribute: True",
        ]
        expose('expose_tokens = ["id", "access"]')
        texts = page(jar)
        assert texts[1:4] == [f"id={issued['id_token']}", f"access={issued['access_token']}", "same by attribute: True"]
        assert texts[-1] == "cookies the script sees: []"
        # A part of the cookie missing, or forged: no tokens, still signed in.
        jar_without = CookieJar()
        for c in jar:
            if c.name != "_porch_user_tokens_2":
                jar_without.set_cookie(c)
        assert page(jar_without)[0].endswith("tokens: []") and "'tokens'" not in page(jar_without)[0]
        # Signing out clears every part.
        with opener.open(server.url + "auth/logout"):
            pass
        assert not [c for c in jar if c.name.startswith("_porch_user")]
