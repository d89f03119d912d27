"""PyInstaller hook for ``porch``: its client files, its demo, and its modules (the shells import some by name).

Found by PyInstaller through the ``pyinstaller40`` entry point, so a plain ``pyinstaller`` run over a program that
imports Porch collects these too. Tests, the test harness (``porch.testing``) and the build tools stay out.
"""

from PyInstaller.utils.hooks import collect_data_files

from porch.packaging.hooks import porch_datas, porch_modules

# latex2mathml reads its table of symbols from a file beside it (emoji's data has a hook of PyInstaller's own).
datas = porch_datas() + collect_data_files("latex2mathml", excludes=["**/py.typed"])
hiddenimports = porch_modules()
# Libraries whose values Porch recognises in a script (frames, arrays, images, SymPy and Altair objects) but never
# needs itself: it imports them inside functions, only when a value is theirs. PyInstaller follows those imports too,
# so without this every bundle would carry them (hundreds of MB); an app that imports one itself still gets it.
excludedimports = [
    "pandas", "numpy", "polars", "pyarrow", "sympy", "mpmath", "PIL", "altair", "narwhals", "matplotlib", "plotly",
    "IPython", "pydeck", "pyecharts", "graphviz",
    # Libraries of optional features: the app's own calls bring them in (porch.packaging.discover.FEATURE_IMPORTS:
    # SQLAlchemy for connection(), Authlib for login()); a launcher's routes import Starlette themselves; a bundle
    # served with --store is built with redis imported by the app (docs/packaging.md).
    "sqlalchemy", "authlib", "joserfc", "cryptography", "redis", "starlette", "httpx",
]
