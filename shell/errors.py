"""The one error a shell reports to the user as a single line (``porch: ...``) and a non-zero exit."""

from __future__ import annotations


class LaunchError(Exception):
    """A problem the user can fix, reported in one line: a port in use, a missing script, no display."""

    exit_code = 2
