"""Examples for the reference pages, taken verbatim from the shipped example files: for every object the
richest excerpt that fits in a few lines, and for every extension the first place an example uses it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from openplan.index import build
from openplan.loader import Document, LoadError, load_document

MAX_LINES = 24


@dataclass
class Excerpt:
    path: str  # relative to the repository
    lines: list[str]
    fields: int


def _example_documents(root: Path) -> Iterator[Document]:
    for path in sorted((root / "examples").rglob("*.yaml"), key=lambda p: ("extensions" in p.parts, str(p))):
        try:
            yield load_document(path, path.relative_to(root).as_posix())
        except LoadError:
            continue


def _span(document: Document, key: Any, value: Any, base: int, lines: list[str]) -> list[str]:
    first = key.start_mark.line
    end = value.end_mark
    ends_inside = end.line < len(lines) and lines[end.line][:end.column].strip()
    last = end.line if ends_inside else end.line - 1  # a block ends where the next key begins
    chunk = [lines[first][base:]] + [line[base:] if line[:base].strip() == "" else line.lstrip()
                                      for line in lines[first + 1:last + 1]]
    while len(chunk) > 1 and (not chunk[-1].strip() or chunk[-1].lstrip().startswith("#")):
        chunk.pop()
    return chunk


def excerpt(document: Document, node: Any, *, keep: frozenset[str] = frozenset()) -> list[str]:
    """The source lines of a mapping, verbatim; long nested lists and mappings are shown as a comment."""
    lines = document.text.splitlines()
    if not isinstance(node, MappingNode) or node.flow_style:
        start, end = node.start_mark, node.end_mark
        text = document.text[start.index:end.index].splitlines()
        return [text[0]] + [line[start.column:] for line in text[1:]]
    out: list[str] = []
    base = node.start_mark.column
    for key, value in node.value:
        chunk = _span(document, key, value, base, lines)
        if len(chunk) > 6 and key.value not in keep:
            if isinstance(value, SequenceNode) and not value.flow_style:
                count = len(value.value)
                chunk = [f"{key.value}:  # {count} {'entry' if count == 1 else 'entries'}, not shown"]
            elif isinstance(value, MappingNode) and not value.flow_style:
                chunk = [f"{key.value}:  # {len(value.value)} fields, not shown"]
            elif isinstance(value, ScalarNode):
                chunk = chunk[:4] + [" " * (len(chunk[1]) - len(chunk[1].lstrip())) + "..."] \
                    if len(chunk) > 1 else chunk
        out.extend(chunk)
    return out


@lru_cache(maxsize=None)
def examples_by_type(root: Path) -> dict[str, Excerpt]:
    """The best example of every type: the richest, in as few lines as will show it."""
    best: dict[str, tuple[tuple, Excerpt]] = {}
    for document in _example_documents(root):
        index = build(document)
        seen: dict[str, int] = {}
        for node in index.nodes:
            seen[node.type] = seen.get(node.type, 0) + 1
            if seen[node.type] > 300:
                continue
            source = document.node_at(node.parts)
            if source is None:
                continue
            lines = excerpt(document, source)
            fields = sum(1 for key in node.data if ":" not in key)
            core = "extensions" not in document.path
            if len(lines) > MAX_LINES:
                continue
            score = (core, min(fields, 8), -len(lines))
            if node.type not in best or score > best[node.type][0]:
                best[node.type] = (score, Excerpt(document.path, lines, fields))
    return {name: chosen for name, (_, chosen) in best.items()}


def example_block(chosen: Excerpt | None, prefix: str) -> str:
    if chosen is None:
        return "No shipped example uses this object yet.\n"
    # No line number: the page then changes only when the example itself does.
    return (f"From [{chosen.path}]({prefix}../../{chosen.path}):\n\n```yaml\n" + "\n".join(chosen.lines)
            + "\n```\n")


def extension_example(root: Path, extension: Any) -> str:
    keys = {key for _type, key, _ in extension.fields()}
    for document in _example_documents(root):
        index = build(document)
        for node in index.nodes:
            found = [key for key in node.data if key in keys]
            if not found:
                continue
            mapping = document.node_at(node.parts)
            for key_node, _value in mapping.value:
                if key_node.value == found[0]:
                    lines = excerpt(document, mapping, keep=frozenset(found))
                    start = next(i for i, line in enumerate(lines) if line.startswith(found[0]))
                    shown = lines[start:start + MAX_LINES]
                    more = "" if len(lines) - start <= MAX_LINES else "\n# ..."
                    return (f"From [{document.path}](../../../{document.path}):\n\n```yaml\n" + "\n".join(shown)
                            + more + "\n```\n")
    return "No shipped example uses this extension yet.\n"
