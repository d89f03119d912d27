"""The server's copy of what a session's client shows, so that only changes travel.

The client mirrors this tree by applying the messages the session sends. Keeping it here lets the session skip an
element that did not change since the last run, compute which leftovers to remove when a run ends, and rebuild the
whole page for a client that reconnects. It is touched by the worker thread during a run and by the event loop when a
client resumes, always under the session lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .protocol import BLOCK_KINDS, ROOTS, Path

Element = dict[str, Any]


class Node:
    __slots__ = ("element", "children", "produced", "run")

    def __init__(self, element: Element) -> None:
        self.element = element
        self.children: list[Node] = []
        # How many children run number ``run`` has put into this node (children beyond it are leftovers).
        self.produced = 0
        self.run = -1


class RenderedTree:
    def __init__(self) -> None:
        self.roots = [Node({"kind": "root", "props": {"name": name}}) for name in ROOTS]
        self._visited: list[tuple[Path, Node]] = []
        self._run = 0

    def begin_run(self, within: tuple[Path, ...] = ()) -> None:
        """Start a run. A full run rebuilds the whole page; a fragment rerun rebuilds only the blocks ``within``: at
        its end, only what it left out of those (and of the blocks it made) is trimmed."""
        self._run += 1
        self._visited = []
        if within:
            for path in within:
                self._visit(path, self.node(path))
            return
        for index, root in enumerate(self.roots):
            self._visit((index,), root)

    def has_block(self, path: Path) -> bool:
        """Whether a block is at ``path`` (a fragment's, before it is rerun there)."""
        try:
            return len(path) > 1 and self.node(path).element.get("kind") in BLOCK_KINDS
        except IndexError:
            return False

    def _visit(self, path: Path, node: Node) -> None:
        if node.run != self._run:
            node.run = self._run
            node.produced = 0
            self._visited.append((path, node))

    def put(self, path: Path, element: Element) -> bool:
        """Record ``element`` at ``path``; return whether the client must be told (it differs from what it has)."""
        # Every element of every run passes here: keep it lean.
        parent = self.node(path[:-1])
        children = parent.children
        index = path[-1]
        kind = element.get("kind")
        if index >= len(children):
            if index > len(children):
                raise IndexError(f"element path {list(path)} skips a place")
            node = Node(element)
            children.append(node)
            changed = True
        else:
            node = children[index]
            changed = node.element != element
            if kind not in BLOCK_KINDS or node.element.get("kind") != kind:
                if node.children:
                    node.children = []
                node.produced = 0
            node.element = element
        if parent.produced <= index:
            parent.produced = index + 1
        if kind in BLOCK_KINDS:
            self._visit(path, node)
        return changed

    def end_run(self) -> list[tuple[Path, int]]:
        """Drop what the finished run did not produce; return the ``(block path, length)`` trims to send."""
        trims: list[tuple[Path, int]] = []
        for path, node in self._visited:
            if len(node.children) > node.produced:
                del node.children[node.produced :]
                trims.append((path, node.produced))
        self._visited = []
        return trims

    def node(self, path: Path) -> Node:
        node = self.roots[path[0]]
        for index in path[1:]:
            node = node.children[index]
        return node

    def snapshot(self) -> Iterator[tuple[Path, Element]]:
        """Every element, parents before children, in the order a client must apply them."""

        def walk(path: Path, node: Node) -> Iterator[tuple[Path, Element]]:
            for index, child in enumerate(node.children):
                child_path = (*path, index)
                yield child_path, child.element
                yield from walk(child_path, child)

        for index, root in enumerate(self.roots):
            yield from walk((index,), root)

    def count(self) -> int:
        return sum(1 for _ in self.snapshot())
