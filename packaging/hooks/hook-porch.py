"""PyInstaller hook for ``porch``: its client files, its demo, and its modules (the shells import some by name).

Found by PyInstaller through the ``pyinstaller40`` entry point, so a plain ``pyinstaller`` run over a program that
imports Porch collects these too. Tests, the test harness (``porch.testing``) and the build tools stay out.
"""

from porch.packaging.hooks import porch_modules
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("porch.webui") + collect_data_files("porch", subdir="demo", include_py_files=True)
hiddenimports = porch_modules()
