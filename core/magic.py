"""Magic: a bare expression on its own line is shown, as in Streamlit.

The script's syntax tree is rewritten so that each expression statement at module level, or inside ``if``/``for``/
``while``/``with``/``try``/``match`` blocks and function bodies, becomes ``__porch_magic__(<expression>)``, which
shows the value with ``porch.write``; a tuple's items are written as ``write``'s arguments (``a, b`` shows both, as
``np.random.randn(3, 2),`` shows the array). As in Streamlit 1.67, calls are left alone (``ax.plot(...)`` or
``fig.update_layout(...)`` on a line of their own show nothing: ``magic.displayLastExprIfNoSemicolon`` is off by
default), docstrings are not shown, the module's included (``magic.displayRootDocString`` is off), nor are
expressions in class bodies; ``await`` and ``yield`` expressions are left alone.
"""

from __future__ import annotations

import ast

MAGIC_NAME = "__porch_magic__"


class _Magic(ast.NodeTransformer):
    def visit_Module(self, node: ast.Module) -> ast.Module:
        self._visit_body(node.body, skip_docstring=True)
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        self._visit_body(node.body, skip_docstring=True)
        return node

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AsyncFunctionDef:
        self._visit_body(node.body, skip_docstring=True)
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.ClassDef:
        # Expressions in a class body are not shown (Streamlit does the same); methods still are visited.
        for child in node.body:
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.visit(child)
        return node

    def visit_Lambda(self, node: ast.Lambda) -> ast.Lambda:
        return node

    def _visit_body(self, body: list[ast.stmt], *, skip_docstring: bool = False) -> None:
        for index, statement in enumerate(body):
            if isinstance(statement, ast.Expr):
                if skip_docstring and index == 0 and _is_docstring(statement):
                    continue
                if isinstance(statement.value, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom)):
                    continue
                body[index] = _wrap(statement)
            else:
                self._visit_compound(statement)

    def _visit_compound(self, statement: ast.stmt) -> None:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.visit(statement)
            return
        for field in ("body", "orelse", "finalbody"):
            block = getattr(statement, field, None)
            if isinstance(block, list):
                self._visit_body(block)
        for handler in getattr(statement, "handlers", []):
            self._visit_body(handler.body)
        for case in getattr(statement, "cases", []):
            self._visit_body(case.body)


def _is_docstring(statement: ast.Expr) -> bool:
    return isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str)


def _wrap(statement: ast.Expr) -> ast.stmt:
    value = statement.value
    args = list(value.elts) if isinstance(value, ast.Tuple) else [value]
    call = ast.Call(func=ast.Name(id=MAGIC_NAME, ctx=ast.Load()), args=args, keywords=[])
    return ast.copy_location(ast.Expr(value=call), statement)


def add_magic(tree: ast.Module) -> ast.Module:
    _Magic().visit_Module(tree)
    return ast.fix_missing_locations(tree)
