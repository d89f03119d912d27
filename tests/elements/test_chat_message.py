"""``chat_message``: a block beside its author's avatar. Default avatars from the name, the avatar kinds a script may
give (an emoji, a Material icon, an image served from the session's media, "spinner"), and the errors for the rest.
The chat app as a whole: tests/elements/test_chat_input.py."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import PNG_1x1, app


@pytest.mark.parametrize(
    "name, kind, avatar",
    [
        ("user", "user", None),
        ("human", "user", None),
        ("User", "user", None),
        ("assistant", "assistant", None),
        ("ai", "assistant", None),
        ("Zoe", "initial", "Z"),
        ("  bob", "initial", "B"),
        ("🦖", "emoji", "🦖"),
        ("", "initial", None),
    ],
)
def test_the_default_avatar_comes_from_the_name(name: str, kind: str, avatar: str | None) -> None:
    at = app("st.chat_message(who).write('hello')", who=name)
    message = at.chat_message[0]
    assert message.name == name
    assert (message.props["avatar_type"], message.props["avatar"]) == (kind, avatar)
    assert message.markdown[0].value == "hello"


@pytest.mark.parametrize(
    "avatar, kind, shown",
    [
        ("🧑‍💻", "emoji", "🧑‍💻"),
        (":material/smart_toy:", "icon", "smart_toy"),
        ("assistant", "assistant", None),
        ("user", "user", None),
        ("spinner", "spinner", None),
        ("https://example.org/me.png", "image", "https://example.org/me.png"),
    ],
)
def test_an_avatar_the_script_gives(avatar: str, kind: str, shown: str | None) -> None:
    at = app("st.chat_message('bob', avatar=a)", a=avatar)
    assert (at.chat_message[0].props["avatar_type"], at.chat_message[0].props["avatar"]) == (kind, shown)
    assert at.chat_message[0].avatar == (shown if shown is not None else kind)


def test_an_image_avatar_is_served_from_the_sessions_media() -> None:
    at = app("st.chat_message('bot', avatar=png).write('x')", png=PNG_1x1)
    message = at.chat_message[0]
    assert message.props["avatar_type"] == "image"
    served = at.media(message.props["avatar"])
    assert served.read() == PNG_1x1 and served.content_type == "image/png"


@pytest.mark.parametrize(
    "call, words",
    [
        ("st.chat_message(None)", "needs the name"),
        ("st.chat_message(5)", "name must be a string"),
        ("st.chat_message('a', avatar=':material/Not Valid:')", "not a valid Material icon"),
        ("st.chat_message('a', avatar='no-such-file')", "neither a preset name"),
        ("st.chat_message('a', avatar='missing.png')", "neither a preset name"),
        ("st.chat_message('a', avatar=b'not an image')", "neither a preset name"),
        ("st.chat_message('a', avatar=12)", "neither a preset name"),
        ("st.chat_message('a', width='wide')", "width must be"),
    ],
)
def test_what_does_not_fit_is_an_error_naming_the_call(call: str, words: str) -> None:
    at = app(call)
    assert at.exception[0].props["type"] == "PorchAPIError" and words in at.exception[0].message


def test_it_holds_elements_written_with_with_or_through_the_block_even_later() -> None:
    at = app(
        "with st.chat_message('user'):\n    st.write('question')\n    st.caption('sent now')\n"
        "reply = st.chat_message('assistant', width='content')\n"
        "st.text('after')\n"
        "reply.write('answer')\n"
        "st.chat_message('x', width=320)"
    )
    user, assistant, other = at.chat_message
    assert [c.kind for c in user.children] == ["markdown", "markdown"]
    assert user.caption[0].value == "sent now" and assistant.markdown[0].value == "answer"
    assert (user.props["width"], assistant.props["width"], other.props["width"]) == ("stretch", "content", 320)
    assert [c.kind for c in at.main.children] == ["chat_message", "chat_message", "text", "chat_message"]


def test_an_error_inside_a_message_is_shown_in_it() -> None:
    at = app("with st.chat_message('assistant'):\n    st.write('partial')\n    raise ValueError('boom')")
    assert at.chat_message[0].exception[0].message == "boom"


@pytest.mark.browser
def test_messages_show_their_avatars_and_content_in_chromium(context: Any) -> None:
    source = (
        "import porch as st\n"
        f"PNG = {PNG_1x1!r}\n"
        "with st.chat_message('user'):\n    st.write('Hi **there**')\n"
        "with st.chat_message('assistant'):\n    st.write('Hello!')\n    st.button('Thanks')\n"
        "st.chat_message('Zoe').write('from Zoe')\n"
        "st.chat_message('dino', avatar='🦖').write('roar')\n"
        "st.chat_message('pic', avatar=PNG).write('with a picture')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        user = page.get_by_role("article", name="user")
        expect(user).to_contain_text("Hi there")
        expect(user.locator("strong")).to_have_text("there")
        expect(user.locator(".chat-avatar svg")).to_be_visible()
        assistant = page.get_by_role("article", name="assistant")
        expect(assistant.get_by_role("button", name="Thanks")).to_be_visible()
        expect(page.get_by_role("article", name="Zoe").locator(".chat-avatar")).to_have_text("Z")
        expect(page.get_by_role("article", name="dino").locator(".chat-avatar")).to_have_text("🦖")
        picture = page.get_by_role("article", name="pic").locator(".chat-avatar img")
        expect(picture).to_be_visible()
        expect(picture).to_have_js_property("naturalWidth", 1)
        user_bg = user.evaluate("n => getComputedStyle(n).backgroundColor")
        assistant_bg = assistant.evaluate("n => getComputedStyle(n).backgroundColor")
        assert user_bg != assistant_bg, "the user's messages sit in a bubble of their own"
