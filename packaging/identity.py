"""How a built app presents itself to the system: its icon in the format each platform takes, the version resource
of a Windows executable, and the menu entry of a Linux one.

Build-time only (left out of bundles, like :mod:`porch.packaging.build`). Everything is decided before PyInstaller
starts, so a bad ``--icon`` or ``--app-version`` fails in a second, not after a minute of analysis.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: Icon formats each platform's executable takes as they are, the one others are converted to first. Linux's are what
#: a freedesktop menu entry shows; Windows' and macOS' are what PyInstaller puts in the executable and the ``.app``.
ICON_FORMATS: dict[str, tuple[str, ...]] = {
    "linux": (".png", ".svg", ".xpm"),
    "win32": (".ico", ".exe"),
    "darwin": (".icns",),
}
#: Porch's own icon when the app has none: ``icon.svg``, and the same picture rendered at 16 to 256 px (``.ico``)
#: and 16 to 1024 px (``.icns``).
DEFAULT_ICONS = {"linux": HERE / "icon.svg", "win32": HERE / "icon.ico", "darwin": HERE / "icon.icns"}
PLATFORM_NAMES = {"linux": "Linux", "win32": "Windows", "darwin": "macOS"}

#: The start of a version: up to four numbers separated by dots (Windows' file version has four 16-bit parts).
VERSION_NUMBERS = re.compile(r"\d+(?:\.\d+){0,3}")
#: US English, Unicode: the language and code page of the version resource's strings.
LANGUAGE, CODEPAGE = 0x0409, 1200


class IdentityError(ValueError):
    """An icon, version or text the platform cannot record, with what to give instead."""


def platform_family(platform: str = sys.platform) -> str:
    """``win32``, ``darwin`` or (any other system, whose menus follow freedesktop) ``linux``."""
    if platform.startswith(("win32", "cygwin")):
        return "win32"
    return "darwin" if platform == "darwin" else "linux"


def platform_icon(icon: Path | None, work: Path, platform: str = sys.platform) -> Path:
    """The app's icon in a format ``platform`` takes: ``icon`` itself when it is one, else ``icon`` converted with
    Pillow into ``work`` (as PyInstaller does on Windows and macOS, but before the build, and for Linux's menu entry
    too); Porch's own icon when none is given. Pillow cannot read SVG: an SVG icon serves Linux only."""
    family = platform_family(platform)
    if icon is None:
        return DEFAULT_ICONS[family]
    icon = icon.expanduser().resolve()
    if not icon.is_file():
        raise IdentityError(f"--icon {icon}: no such file")
    accepted = ICON_FORMATS[family]
    suffix = icon.suffix.lower()
    if suffix in accepted:
        return icon
    target = accepted[0]
    takes = f"an icon on {PLATFORM_NAMES[family]} is {' or '.join(accepted)}"
    if suffix == ".svg":
        raise IdentityError(f"--icon {icon.name}: {takes}, and an SVG cannot be converted: give a {target} or a .png")
    try:
        from PIL import Image
    except ImportError:
        raise IdentityError(
            f"--icon {icon.name}: {takes}; to convert a {suffix or 'file'} install Pillow (pip install pillow), "
            f"or give a {target}"
        ) from None
    converted = work / f"icon{target}"
    try:
        with Image.open(icon) as image:
            image.convert("RGBA").save(converted)
    except (OSError, ValueError) as exc:  # Pillow's UnidentifiedImageError is an OSError
        raise IdentityError(f"--icon {icon.name}: Pillow could not convert it to {target}: {exc}") from None
    return converted


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """``"1.2.3rc1"`` -> ``(1, 2, 3, 0)``: the numbers Windows records (and macOS shows), padded to four; an empty
    version is ``(0, 0, 0, 0)``. A suffix after the numbers (``rc1``, ``-beta``, ``.dev2``) is kept in the texts."""
    if not version:
        return (0, 0, 0, 0)
    match = VERSION_NUMBERS.match(version)
    rest = version[match.end():] if match else version
    if not match or re.match(r"\.\d", rest):
        raise IdentityError(
            f"--app-version {version!r}: a version is one to four numbers separated by dots, optionally followed by "
            f"a suffix (1.2, 1.2.3, 1.2.3rc1)"
        )
    numbers = [int(part) for part in match.group().split(".")]
    if max(numbers) > 0xFFFF:
        raise IdentityError(f"--app-version {version!r}: each number must be at most 65535 (Windows' limit)")
    padded = (*numbers, 0, 0, 0)
    return (padded[0], padded[1], padded[2], padded[3])


def check_text(option: str, value: str) -> str:
    """A description or company name fit for a version resource and a menu entry: one line, no control characters."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise IdentityError(f"{option}: one line of text, without control characters")
    return value


def windows_version_info(name: str, version: str = "", description: str = "", company: str = "") -> str:
    """The version resource of the app's Windows executable (Explorer's Properties > Details, Task Manager's name),
    in the form ``EXE(version=FILE)`` reads: Python source of a ``VSVersionInfo`` made of the classes of
    ``PyInstaller.utils.win32.versioninfo``, which PyInstaller evaluates (as ``pyi-grab_version`` writes it)."""
    numbers = version_numbers(version)
    strings = {
        "CompanyName": check_text("--company", company),
        "FileDescription": check_text("--description", description) or name,
        "FileVersion": version,
        "InternalName": name,
        "OriginalFilename": f"{name}.exe",
        "ProductName": name,
        "ProductVersion": version,
    }
    structs = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in strings.items() if value)
    return (
        "# UTF-8\n"
        f"# The version resource of {name}.exe, written by porch package for PyInstaller's EXE(version=...).\n"
        "VSVersionInfo(\n"
        "  ffi=FixedFileInfo(\n"
        f"    filevers={numbers},\n"
        f"    prodvers={numbers},\n"
        "    mask=0x3f,\n"
        "    flags=0x0,\n"
        "    OS=0x40004,\n"  # VOS_NT_WINDOWS32
        "    fileType=0x1,\n"  # VFT_APP
        "    subtype=0x0,\n"
        "    date=(0, 0),\n"
        "  ),\n"
        "  kids=[\n"
        "    StringFileInfo([\n"
        f"      StringTable('{LANGUAGE:04X}{CODEPAGE:04X}', [\n"
        f"{structs},\n"
        "      ]),\n"
        "    ]),\n"
        f"    VarFileInfo([VarStruct('Translation', [{LANGUAGE:#06x}, {CODEPAGE}])]),\n"
        "  ],\n"
        ")\n"
    )


def write_desktop_entry(name: str, executable: Path, icon: Path, description: str = "") -> Path:
    """``Name.desktop`` and its icon beside the executable. Exec and Icon are absolute: a menu needs them so."""
    folder = executable.parent
    shown_icon = folder / (name + icon.suffix)
    shutil.copyfile(icon, shown_icon)
    comment = description.replace("\\", "\\\\")  # the only escape a one-line desktop entry value needs
    entry = folder / f"{name}.desktop"
    entry.write_text(
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={name}\n"
        + (f"Comment={comment}\n" if comment else "")
        + f"Exec=\"{executable}\"\n"
        f"Path={folder}\n"
        f"Icon={shown_icon}\n"
        "Terminal=false\n"
        "Categories=Utility;\n"
        f"StartupWMClass={name}\n",
        encoding="utf-8",
    )
    entry.chmod(0o755)
    return entry
