"""The app's theme: Streamlit's ``[theme]`` options, checked, and the CSS that re-themes Porch's own tokens with them.

Porch keeps its look; the options set the tokens of ``webui/style.css`` (``--bg``, ``--fg``, ``--accent``, ``--radius``,
``--font``...) and a few optional ones the element styles read with a fallback (``--link``, ``--code-bg``,
``--heading-font``, ``--button-radius``, ``--red``...``--gray``). As in Streamlit, with no option set the page follows
the system's light or dark scheme; once any is set the theme is built on ``base`` (light unless it says dark), whatever
the system prefers. The two palettes are style.css's own: its ``:root`` block and its ``prefers-color-scheme: dark``
block, read out of it here (:func:`palettes`), so there is no second copy to keep in step.

Every value is checked before it reaches CSS: a colour is a hex colour, an ``rgb()``/``hsl()`` function or a CSS named
colour, and is written back in a canonical form; a font is a list of family names of letters, digits, spaces, ``-`` and
``_``; a length is a number with ``px``, ``rem`` or ``em``. Nothing a config file says can close a rule or open
another. A bad value raises :class:`ThemeError`, naming the option; the shell adds the file it came from.
"""

from __future__ import annotations

import colorsys
import json
import math
import re
from collections.abc import Mapping
from typing import Any

BASES = ("light", "dark")
HUES = ("red", "orange", "yellow", "green", "blue", "violet", "gray")
#: Options ``[theme]`` and ``[theme.sidebar]`` both take (Streamlit 1.67's names).
SHARED = (
    "primaryColor", "backgroundColor", "secondaryBackgroundColor", "textColor", "linkColor", "linkUnderline",
    "codeTextColor", "codeBackgroundColor", "font", "headingFont", "codeFont", "codeFontSize", "codeFontWeight",
    "headingFontSizes", "headingFontWeights", "baseRadius", "buttonRadius", "borderColor", "dataframeBorderColor",
    "dataframeHeaderBackgroundColor", "showWidgetBorder",
    *(f"{hue}Color" for hue in HUES),
    *(f"{hue}BackgroundColor" for hue in HUES),
    *(f"{hue}TextColor" for hue in HUES),
)
#: Options only ``[theme]`` takes.
MAIN_ONLY = (
    "base", "baseFontSize", "baseFontWeight", "fontFaces", "showSidebarBorder", "chartCategoricalColors",
    "chartSequentialColors",
)
#: Every option, by its name under ``theme.`` (``"sidebar.primaryColor"`` is ``theme.sidebar.primaryColor``).
OPTIONS = (*MAIN_ONLY, *SHARED, *(f"sidebar.{name}" for name in SHARED))
#: Options that are checked and read back by ``get_option`` but change nothing on the page (docs/config.md).
NOT_APPLIED = frozenset({
    "fontFaces", "codeFontSize", "codeFontWeight", "headingFontSizes", "headingFontWeights", "dataframeBorderColor",
    "dataframeHeaderBackgroundColor", "showWidgetBorder",
    *(f"{hue}BackgroundColor" for hue in HUES),
    *(f"{hue}TextColor" for hue in HUES),
})

#: baseRadius and buttonRadius keywords, as Streamlit sizes them (Porch's own radius is "medium").
RADII = {"none": "0", "small": "0.35rem", "medium": "0.5rem", "large": "1rem", "full": "1.4rem"}
SERIF = 'ui-serif, Georgia, Cambria, "Times New Roman", Times, serif'
#: CSS generic families kept as they are (sans-serif, serif and monospace become Porch's stacks).
GENERIC = frozenset({"system-ui", "cursive", "fantasy", "math", "ui-sans-serif", "ui-serif", "ui-monospace",
                     "ui-rounded"})

_NAMED_TEXT = """
aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff beige f5f5dc bisque ffe4c4
black 000000 blanchedalmond ffebcd blue 0000ff blueviolet 8a2be2 brown a52a2a burlywood deb887 cadetblue 5f9ea0
chartreuse 7fff00 chocolate d2691e coral ff7f50 cornflowerblue 6495ed cornsilk fff8dc crimson dc143c cyan 00ffff
darkblue 00008b darkcyan 008b8b darkgoldenrod b8860b darkgray a9a9a9 darkgreen 006400 darkgrey a9a9a9
darkkhaki bdb76b darkmagenta 8b008b darkolivegreen 556b2f darkorange ff8c00 darkorchid 9932cc darkred 8b0000
darksalmon e9967a darkseagreen 8fbc8f darkslateblue 483d8b darkslategray 2f4f4f darkslategrey 2f4f4f
darkturquoise 00ced1 darkviolet 9400d3 deeppink ff1493 deepskyblue 00bfff dimgray 696969 dimgrey 696969
dodgerblue 1e90ff firebrick b22222 floralwhite fffaf0 forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc
ghostwhite f8f8ff gold ffd700 goldenrod daa520 gray 808080 green 008000 greenyellow adff2f grey 808080
honeydew f0fff0 hotpink ff69b4 indianred cd5c5c indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa
lavenderblush fff0f5 lawngreen 7cfc00 lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff
lightgoldenrodyellow fafad2 lightgray d3d3d3 lightgreen 90ee90 lightgrey d3d3d3 lightpink ffb6c1
lightsalmon ffa07a lightseagreen 20b2aa lightskyblue 87cefa lightslategray 778899 lightslategrey 778899
lightsteelblue b0c4de lightyellow ffffe0 lime 00ff00 limegreen 32cd32 linen faf0e6 magenta ff00ff maroon 800000
mediumaquamarine 66cdaa mediumblue 0000cd mediumorchid ba55d3 mediumpurple 9370db mediumseagreen 3cb371
mediumslateblue 7b68ee mediumspringgreen 00fa9a mediumturquoise 48d1cc mediumvioletred c71585
midnightblue 191970 mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5 navajowhite ffdead navy 000080
oldlace fdf5e6 olive 808000 olivedrab 6b8e23 orange ffa500 orangered ff4500 orchid da70d6 palegoldenrod eee8aa
palegreen 98fb98 paleturquoise afeeee palevioletred db7093 papayawhip ffefd5 peachpuff ffdab9 peru cd853f
pink ffc0cb plum dda0dd powderblue b0e0e6 purple 800080 rebeccapurple 663399 red ff0000 rosybrown bc8f8f
royalblue 4169e1 saddlebrown 8b4513 salmon fa8072 sandybrown f4a460 seagreen 2e8b57 seashell fff5ee sienna a0522d
silver c0c0c0 skyblue 87ceeb slateblue 6a5acd slategray 708090 slategrey 708090 snow fffafa springgreen 00ff7f
steelblue 4682b4 tan d2b48c teal 008080 thistle d8bfd8 tomato ff6347 turquoise 40e0d0 violet ee82ee wheat f5deb3
white ffffff whitesmoke f5f5f5 yellow ffff00 yellowgreen 9acd32
"""
_WORDS = _NAMED_TEXT.split()
#: The CSS named colours, as hex digits.
NAMED = dict(zip(_WORDS[::2], _WORDS[1::2]))

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_FUNCTION = re.compile(r"(rgba?|hsla?)\(([^()]*)\)", re.IGNORECASE)
_PART = re.compile(rf"({_NUMBER})(%|deg|grad|rad|turn)?", re.IGNORECASE)
_LENGTH = re.compile(r"(\d+(?:\.\d+)?|\.\d+)(px|rem|em)")
_FAMILY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,99}")

Colour = tuple[float, float, float, float]


class ThemeError(ValueError):
    """A theme option with a value Porch cannot use; ``option`` is its name under ``theme.``."""

    def __init__(self, option: str, value: Any, reason: str) -> None:
        super().__init__(f"theme.{option} = {value!r}: {reason}")
        self.option = option


# ---- Checking ---------------------------------------------------------------------------------------------------


def flatten(table: Mapping[str, Any]) -> dict[str, Any]:
    """``{"primaryColor": ..., "sidebar": {"font": ...}}`` (a ``[theme]`` table with its ``[theme.sidebar]``) as flat
    names: ``{"primaryColor": ..., "sidebar.font": ...}``. Flat names pass through."""
    flat: dict[str, Any] = {}
    for name, value in table.items():
        if isinstance(value, Mapping):
            for inner, item in value.items():
                flat[f"{name}.{inner}"] = item
        else:
            flat[name] = value
    return flat


def check(table: Mapping[str, Any]) -> dict[str, Any]:
    """The options of ``table`` (nested or flat names), each checked and in its canonical type: strings stripped,
    numbers as ints, booleans as bools, lists as tuples. Raises :class:`ThemeError` for an unknown name or a bad
    value."""
    checked: dict[str, Any] = {}
    for name, value in flatten(table).items():
        if name not in OPTIONS:
            section = "[theme.sidebar]" if name.startswith("sidebar.") else "[theme]"
            raise ThemeError(name, value, f"not an option of {section} (see docs/config.md)")
        checked[name] = _check_one(name.removeprefix("sidebar."), value, name)
    return checked


def _check_one(option: str, value: Any, name: str) -> Any:
    def fail(reason: str) -> ThemeError:
        return ThemeError(name, value, reason)

    if option == "base":
        if value not in BASES:
            raise fail('must be "light" or "dark"')
        return value
    if option in ("linkUnderline", "showWidgetBorder", "showSidebarBorder"):
        return _boolean(value, fail)
    if option in ("chartCategoricalColors", "chartSequentialColors"):
        colours = tuple(_text(item, fail).strip() for item in _listed(value, fail))
        least = 2 if option == "chartSequentialColors" else 1
        if not least <= len(colours) <= 64:
            raise fail(f"must be a list of {least} to 64 colours")
        for colour in colours:
            if parse_colour(colour) is None:
                raise fail(f"{colour!r} is not a CSS colour (a hex colour, rgb(), hsl() or a colour name)")
        return colours
    if option.endswith("Color"):
        text = _text(value, fail).strip()
        if parse_colour(text) is None:
            raise fail("not a CSS colour (a hex colour such as \"#ff4b4b\", rgb(), hsl() or a colour name)")
        return text
    if option in ("font", "headingFont", "codeFont"):
        text = _text(value, fail).strip()
        if font_stack(text, {}) is None:
            raise fail('must be "sans-serif", "serif", "monospace" or font family names (letters, digits, spaces, '
                       '"-" and "_"), separated by commas')
        return text
    if option in ("baseRadius", "buttonRadius"):
        if radius(value) is None:
            raise fail('must be "none", "small", "medium", "large", "full" or a length such as "10px" or "0.5rem"')
        return value.strip() if isinstance(value, str) else value
    if option == "baseFontSize":
        size = _integer(value, fail)
        if not 1 <= size <= 100:
            raise fail("must be a font size in pixels, from 1 to 100")
        return size
    if option in ("baseFontWeight", "codeFontWeight"):
        return _weight(value, fail)
    if option == "headingFontWeights":
        weights = _listed(value, fail) if not isinstance(value, int) else [value]
        if not 1 <= len(weights) <= 6:
            raise fail("must be a weight or a list of 1 to 6 weights (h1 to h6)")
        checked = tuple(_weight(item, fail, most=900) for item in weights)
        return checked[0] if isinstance(value, int) else checked
    if option == "codeFontSize":
        return _length(value, fail)
    if option == "headingFontSizes":
        if isinstance(value, str) and not value.strip().startswith("["):
            return _length(value, fail)
        sizes = _listed(value, fail)
        if not 1 <= len(sizes) <= 6:
            raise fail("must be a size or a list of 1 to 6 sizes (h1 to h6)")
        return tuple(_length(item, fail) for item in sizes)
    if option == "fontFaces":
        faces = value if isinstance(value, (list, tuple)) else None
        if faces is None or not all(
            isinstance(face, Mapping) and isinstance(face.get("family"), str) and isinstance(face.get("url"), str)
            for face in faces
        ):
            raise fail("must be a list of tables, each with a family and a url ([[theme.fontFaces]])")
        return tuple(dict(face) for face in faces)
    raise AssertionError(option)  # pragma: no cover - every option is handled above


def _text(value: Any, fail: Any) -> str:
    if not isinstance(value, str):
        raise fail("must be a string")
    return value


def _boolean(value: Any, fail: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise fail("must be true or false")


def _integer(value: Any, fail: Any) -> int:
    if isinstance(value, bool):
        raise fail("must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    raise fail("must be a whole number")


def _weight(value: Any, fail: Any, most: int = 600) -> int:
    weight = _integer(value, fail)
    if weight % 100 or not 100 <= weight <= most:
        raise fail(f"must be a font weight: a multiple of 100 from 100 to {most}")
    return weight


def _length(value: Any, fail: Any) -> str:
    text = _text(value, fail).strip()
    if not _LENGTH.fullmatch(text):
        raise fail('must be a length such as "14px" or "0.875rem"')
    return text


def _listed(value: Any, fail: Any) -> list[Any]:
    """A list from TOML, or from the text of a command-line flag: a JSON list, or items separated by commas (a comma
    inside ``rgb(...)`` does not separate)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                listed = json.loads(text.replace("'", '"'))
            except ValueError:
                raise fail("is not a list") from None
            if isinstance(listed, list):
                return listed
        return [item.strip() for item in re.split(r",(?![^()]*\))", text) if item.strip()]
    raise fail("must be a list")


# ---- Values as CSS ----------------------------------------------------------------------------------------------


def parse_colour(text: str) -> Colour | None:
    """A CSS colour as red, green, blue (0-255) and alpha (0-1); None when ``text`` is not one Porch takes."""
    text = text.strip()
    lowered = text.lower()
    if lowered == "transparent":
        return (0.0, 0.0, 0.0, 0.0)
    if lowered in NAMED:
        return _from_hex(NAMED[lowered])
    if _HEX.fullmatch(text):
        digits = text[1:]
        if len(digits) <= 4:
            digits = "".join(digit * 2 for digit in digits)
        return _from_hex(digits)
    match = _FUNCTION.fullmatch(text)
    if match is None:
        return None
    kind, inner = match.group(1).lower(), match.group(2).strip()
    if "," in inner:
        parts = [part.strip() for part in inner.split(",")]
        alpha = parts[3] if len(parts) == 4 else None
        channels = parts[:3] if len(parts) in (3, 4) else []
    else:
        left, slash, alpha_text = inner.partition("/")
        channels = left.split()
        alpha = alpha_text.strip() if slash else None
    if len(channels) != 3:
        return None
    parsed = [_PART.fullmatch(part) for part in channels]
    alpha_match = _PART.fullmatch(alpha) if alpha is not None else None
    if any(part is None for part in parsed) or (alpha is not None and alpha_match is None):
        return None
    numbers = [(float(part.group(1)), (part.group(2) or "").lower()) for part in parsed if part is not None]
    a = 1.0
    if alpha_match is not None:
        if alpha_match.group(2) not in (None, "%"):
            return None
        a = float(alpha_match.group(1)) / (100 if alpha_match.group(2) else 1)
    if not all(math.isfinite(number) for number, _ in numbers) or not math.isfinite(a):
        return None
    a = min(max(a, 0.0), 1.0)
    if kind.startswith("rgb"):
        if any(unit not in ("", "%") for _, unit in numbers):
            return None
        red, green, blue = (min(max(n * 2.55 if unit else n, 0.0), 255.0) for n, unit in numbers)
        return (red, green, blue, a)
    (hue, hue_unit), (saturation, s_unit), (lightness, l_unit) = numbers
    turns = {"": 1 / 360, "deg": 1 / 360, "grad": 1 / 400, "rad": 1 / (2 * math.pi), "turn": 1.0}
    if hue_unit not in turns or s_unit not in ("", "%") or l_unit not in ("", "%"):
        return None
    h = (hue * turns[hue_unit]) % 1.0
    s, lum = (min(max(value / 100, 0.0), 1.0) for value in (saturation, lightness))
    red, green, blue = colorsys.hls_to_rgb(h, lum, s)
    return (red * 255, green * 255, blue * 255, a)


def _from_hex(digits: str) -> Colour:
    channels = [int(digits[index:index + 2], 16) for index in range(0, len(digits), 2)]
    alpha = channels[3] / 255 if len(channels) == 4 else 1.0
    return (float(channels[0]), float(channels[1]), float(channels[2]), alpha)


def css_colour(text: str) -> str:
    """A checked colour in canonical CSS: ``#rrggbb``, or ``rgb(r g b / a)`` when it is not opaque."""
    colour = parse_colour(text)
    if colour is None:
        raise ValueError(f"not a colour: {text!r}")
    red, green, blue, alpha = colour
    if alpha >= 1:
        return "#" + "".join(f"{round(channel):02x}" for channel in (red, green, blue))
    return f"rgb({round(red)} {round(green)} {round(blue)} / {round(alpha, 3):g})"


def luminance(text: str) -> float:
    """The WCAG relative luminance of a colour (0: black, 1: white)."""
    colour = parse_colour(text)
    if colour is None:
        raise ValueError(f"not a colour: {text!r}")

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour[0]) + 0.7152 * linear(colour[1]) + 0.0722 * linear(colour[2])


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(background: str, candidates: tuple[str, str]) -> str:
    """The text colour for a primary button of colour ``background``, of a light and a dark candidate: the light one
    when it reaches 3:1 (WCAG's ratio for large text and controls; white on Porch's light accent, as on Streamlit's
    red), else the one that contrasts more (dark text on Porch's dark accent)."""
    light, dark = candidates
    if contrast(background, light) >= 3:
        return light
    return max(candidates, key=lambda text: contrast(background, text))


def font_stack(text: str, palette: Mapping[str, str]) -> str | None:
    """A font option as a CSS ``font-family`` list: ``sans-serif`` is Porch's own stack (``--font`` of ``palette``),
    ``monospace`` Porch's ``--mono``, ``serif`` a serif stack, other names quoted. None when a name is not one Porch
    takes (nothing but letters, digits, spaces, ``-`` and ``_``, optionally in quotes)."""
    families: list[str] = []
    for item in text.split(","):
        name = item.strip()
        if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
            name = name[1:-1].strip()
        if not _FAMILY.fullmatch(name):
            return None
        lowered = name.lower()
        if lowered in ("sans-serif", "sans serif"):
            families.append(palette.get("--font", "sans-serif"))
        elif lowered == "monospace":
            families.append(palette.get("--mono", "monospace"))
        elif lowered == "serif":
            families.append(SERIF)
        elif lowered in GENERIC:
            families.append(lowered)
        else:
            families.append(f'"{" ".join(name.split())}"')
    return ", ".join(families) if families else None


def radius(value: Any) -> str | None:
    """A radius option as a CSS length (a bare number is pixels); None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return f"{value:g}px" if math.isfinite(value) and value >= 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text in RADII:
        return RADII[text]
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return f"{text}px"
    return text if _LENGTH.fullmatch(text) else None


# ---- The page's CSS ---------------------------------------------------------------------------------------------


def palettes(style_css: str) -> tuple[dict[str, str], dict[str, str]]:
    """style.css's light tokens (its first ``:root`` block) and dark ones (the ``:root`` block inside its
    ``@media (prefers-color-scheme: dark)``), as name -> value."""
    text = re.sub(r"/\*.*?\*/", "", style_css, flags=re.S)
    dark_match = re.search(r"@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)\s*\{\s*:root\s*\{([^{}]*)\}", text)
    light_match = re.search(r"(?:^|\})\s*:root\s*\{([^{}]*)\}", text)
    if light_match is None or dark_match is None:
        raise ValueError("style.css has no :root block and no dark :root block for the theme to build on")
    return _declarations(light_match.group(1)), _declarations(dark_match.group(1))


def _declarations(block: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for declaration in block.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip():
            found[name.strip()] = " ".join(value.split())
    return found


def scheme(theme: Mapping[str, Any]) -> str | None:
    """The scheme a theme shows: its base ("light" unless it says "dark") once any option is set; None for no
    theme (the page follows the system)."""
    checked = flatten(theme)
    if not checked:
        return None
    base = checked.get("base")
    return base if base in BASES else "light"


def option_values(theme: Mapping[str, Any]) -> dict[str, Any]:
    """The theme as ``get_option`` reads it: ``{"theme.primaryColor": "#ff4b4b", "theme.sidebar.font": ...}``."""
    return {f"theme.{name}": list(value) if isinstance(value, tuple) else value for name, value in check(theme).items()}


def page_css(theme: Mapping[str, Any], style_css: str) -> str:
    """The CSS that follows style.css in the page for this theme ("" for none): the base's palette whatever the
    system prefers, then the tokens the options set, on ``:root`` and (``[theme.sidebar]``) on ``#porch-sidebar``."""
    checked = check(theme)
    base = scheme(checked)
    if base is None:
        return ""
    light, dark = palettes(style_css)
    palette = {**light, **dark} if base == "dark" else light
    forced = dark if base == "dark" else {name: light[name] for name in dark if name in light}
    main = {name: value for name, value in checked.items() if not name.startswith("sidebar.")}
    side = {name.removeprefix("sidebar."): value for name, value in checked.items() if name.startswith("sidebar.")}
    on_accent = (light.get("--bg", "#ffffff"), dark.get("--bg", "#000000"))
    main_tokens = _tokens(main, palette, base, on_accent, sidebar=False)
    rules = [_rule(":root", {"color-scheme": base, **forced}), _rule(":root", main_tokens)]
    page: dict[str, str] = {}
    if "baseFontSize" in main:
        rules.append(_rule("html", {"font-size": f"{main['baseFontSize']}px"}))
        page["font-size"] = f"{main['baseFontSize']}px"
    if "baseFontWeight" in main:
        page["font-weight"] = str(main["baseFontWeight"])
    rules.append(_rule("body", page))
    if side:
        # Tokens style.css derives from others (--ring from --accent...) were worked out on :root; declared again
        # here they follow the sidebar's own colours.
        derived = {name: value for name, value in {**palette, **main_tokens}.items() if "var(" in value}
        tokens = _tokens(side, palette, base, on_accent, sidebar=True)
        rules.append(_rule("#porch-sidebar", {**derived, **tokens, "color": "var(--fg)", "font-family": "var(--font)"}))
    if main.get("showSidebarBorder") is False:
        rules.append(_rule("#porch-sidebar", {"border-right-color": "transparent"}))
    return "".join(rule for rule in rules if rule)


def _tokens(options: Mapping[str, Any], palette: Mapping[str, str], base: str, on_accent: tuple[str, str], *,
            sidebar: bool) -> dict[str, str]:
    """The token declarations of one scope's options."""
    tokens: dict[str, str] = {}
    colour = {name: css_colour(value) for name, value in options.items() if name.endswith("Color")}
    if "primaryColor" in colour:
        accent = colour["primaryColor"]
        tokens["--accent"] = accent
        tokens["--accent-hover"] = f"color-mix(in srgb, {accent} 82%, {'white' if base == 'dark' else 'black'})"
        tokens["--accent-fg"] = readable_on(options["primaryColor"], on_accent)
    if "backgroundColor" in colour:
        tokens["--bg"] = tokens["--bg-elevated"] = colour["backgroundColor"]
        if sidebar:
            tokens["--bg-soft"] = colour["backgroundColor"]  # the sidebar's own background (style.css)
        if "secondaryBackgroundColor" not in colour:
            if not sidebar:
                tokens["--bg-soft"] = "color-mix(in srgb, var(--bg) 97%, var(--fg))"
            tokens["--bg-sunken"] = "color-mix(in srgb, var(--bg) 94%, var(--fg))"
    if "secondaryBackgroundColor" in colour:
        tokens["--bg-sunken"] = colour["secondaryBackgroundColor"]
        if not sidebar:
            tokens["--bg-soft"] = colour["secondaryBackgroundColor"]
    if "textColor" in colour:
        tokens["--fg"] = colour["textColor"]
        tokens["--muted"] = "color-mix(in srgb, var(--fg) 70%, var(--bg))"
    if "borderColor" in colour:
        tokens["--border"] = colour["borderColor"]
        tokens["--border-strong"] = "color-mix(in srgb, var(--border) 80%, var(--fg))"
    for option, token in (("linkColor", "--link"), ("codeBackgroundColor", "--code-bg"), ("codeTextColor", "--code-fg"),
                          *((f"{hue}Color", f"--{hue}") for hue in HUES)):
        if option in colour:
            tokens[token] = colour[option]
    if "linkUnderline" in options:
        tokens["--link-underline"] = "underline" if options["linkUnderline"] else "none"
    for option, token in (("font", "--font"), ("headingFont", "--heading-font"), ("codeFont", "--mono")):
        if option in options:
            tokens[token] = str(font_stack(options[option], palette))
    for option, token in (("baseRadius", "--radius"), ("buttonRadius", "--button-radius")):
        if option in options:
            tokens[token] = str(radius(options[option]))
    if "chartCategoricalColors" in options:
        tokens["--chart-category"] = tokens["--plotly-category"] = ", ".join(
            css_colour(item) for item in options["chartCategoricalColors"])
    if "chartSequentialColors" in options:
        tokens["--chart-ramp"] = tokens["--plotly-ramp"] = ", ".join(
            css_colour(item) for item in options["chartSequentialColors"])
    return tokens


def _rule(selector: str, declarations: Mapping[str, str]) -> str:
    if not declarations:
        return ""
    return selector + "{" + ";".join(f"{name}:{value}" for name, value in declarations.items()) + "}\n"
