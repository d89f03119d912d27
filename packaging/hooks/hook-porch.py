"""PyInstaller hook for ``porch``: its client files, its demo, and the modules it imports by name.

Found by PyInstaller through the ``pyinstaller40`` entry point, so a plain ``pyinstaller`` run over a program that
imports Porch collects these too. Tests, the harness (``porch.testing``) and the build tools stay out.
"""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

_LEFT_OUT = ("porch.testing", "porch.packaging.build", "porch.packaging.discover", "porch.packaging.hooks")

datas = collect_data_files("porch.webui") + collect_data_files("porch", subdir="demo", include_py_files=True)
hiddenimports = collect_submodules("porch", filter=lambda name: not name.startswith(_LEFT_OUT))
