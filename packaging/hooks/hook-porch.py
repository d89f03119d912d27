"""PyInstaller hook for ``porch``: its client files, its demo, and its modules (the shells import some by name).

Found by PyInstaller through the ``pyinstaller40`` entry point, so a plain ``pyinstaller`` run over a program that
imports Porch collects these too. Tests, the test harness (``porch.testing``) and the build tools stay out.
"""

from porch.packaging.hooks import porch_datas, porch_modules

datas = porch_datas()
hiddenimports = porch_modules()
