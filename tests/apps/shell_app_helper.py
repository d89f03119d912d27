"""A local module of tests/apps/shell_app.py (run-on-save reloads it)."""

GREETING = "Shell test"
