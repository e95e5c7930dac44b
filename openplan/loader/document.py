"""A loaded file and the lookup of where each of its values came from (line and column, JSON pointers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from yaml.nodes import MappingNode, Node, SequenceNode


def mark(node: Any) -> tuple[int, int]:
    """1-based line and column where a node (or a parser event) starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass
class Document:
    """A loaded file: its data, and the node graph that knows where each value came from."""

    path: str
    data: Any
    node: Node | None = field(compare=False, repr=False)  # may be composed on demand (loading.Recomposed)
    text: str
    resolved: Path | None = None
    json: bool = False  # parsed as JSON (a .json file), where the text is read as strict JSON

    def node_at(self, parts: Sequence[str | int], key: bool = False) -> Node | None:
        node = self.node
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == str(part):
                        node = key_node if (key and last) else value_node
                        break
                else:
                    return node
            elif isinstance(node, SequenceNode):
                try:
                    node = node.value[int(part)]
                except (ValueError, IndexError):
                    return node
            else:
                return node
        return node

    def position(self, parts: Sequence[str | int], key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the value at ``parts`` (or of its key), or of its nearest parent."""
        node = self.node_at(parts, key)
        if node is None:
            return None, None
        return mark(node)

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def to_pointer(parts: Iterable[str | int]) -> str:
    # Called for every finding and baseline key: most parts are list positions and plain keys, escaped as is.
    out = [str(part) for part in parts]
    for number, part in enumerate(out):
        if "~" in part or "/" in part:
            out[number] = part.replace("~", "~0").replace("/", "~1")
    return "/" + "/".join(out) if out else ""


def from_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]
