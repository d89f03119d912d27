"""PyInstaller hook for ``porch``: its client files, its demo, and its modules (the shells import some by name).

Found by PyInstaller through the ``pyinstaller40`` entry point, so a plain ``pyinstaller`` run over a program that
imports Porch collects these too. Tests, the test harness (``porch.testing``) and the build tools stay out.
"""

from PyInstaller.utils.hooks import collect_data_files

from porch.packaging.hooks import porch_datas, porch_modules

# latex2mathml reads its table of symbols from a file beside it (emoji's data has a hook of PyInstaller's own).
datas = porch_datas() + collect_data_files("latex2mathml", excludes=["**/py.typed"])
hiddenimports = porch_modules()
