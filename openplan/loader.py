"""Safe loading of OpenPlan files (YAML 1.2 and JSON) that remembers where every value came from.

libyaml parses and composes the node graph in C; this module builds plain
Python values from the nodes under the YAML 1.2 core schema, so ``no`` stays a
string and ``2022-07-01`` stays text. No tag can construct an object: only the
core tags are accepted. Duplicate keys are errors. Positions are looked up on
demand from the node graph, so the happy path pays nothing for them.

Nothing here prints, exits or touches the network.
"""

from __future__ import annotations

import codecs
import gc
import json as _json
import math
import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml
from yaml.cyaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .report import Finding
from .rules import Rule, Severity, register

# --- rules -------------------------------------------------------------------

_VALID = 'openplan: "1.0"\nkind: registry\nid: reg\ntitle: Shared things\n'


def _rule(code: str, name: str, summary: str, rationale: str, fix: str, failing: str,
          files: dict[str, str] | None = None, passing: str = _VALID) -> Rule:
    return register(Rule(code=code, name=name, family="load", severity=Severity.ERROR, summary=summary,
                         rationale=rationale, fix=fix, failing=failing, passing=passing,
                         files=files or {}, exit_code=2))


FILE_NOT_FOUND = _rule(
    "L001", "file-not-found", "A file named on the command line or in `registries` does not exist, or a folder "
    "named on the command line holds no OpenPlan files.",
    "A plan that names a registry which is not there cannot be checked: its owners and pledges would all look "
    "unresolved. A mistyped or empty folder would otherwise pass a check in CI with nothing checked.",
    "Check the path. Paths in `registries` are relative to the file that names them. In a folder, plans and "
    "registries are .yaml, .yml or .json files with an `openplan:` line at the top.",
    failing='openplan: "1.0"\nkind: registry\nid: reg\ntitle: Shared things\nregistries: [missing.yaml]\n')
UNREADABLE = _rule(
    "L002", "unreadable-file", "A file exists but cannot be read (a folder, or no permission).",
    "OpenPlan reads what it is given and never guesses.",
    "Name a file, check its permissions, or pass the folder itself to `openplan validate` to check every plan "
    "in it.",
    failing='openplan: "1.0"\nkind: registry\nid: reg\ntitle: Shared things\nregistries: [folder]\n',
    files={"folder/readme.txt": "a folder, not a registry"})
ENCODING = _rule(
    "L003", "bad-encoding", "The file is not text in UTF-8 (or UTF-16/32 with a byte-order mark), or is binary.",
    "Plans are shared between councils and tools; one encoding keeps every character intact.",
    "Save the file as UTF-8. Most editors offer this under 'Save with encoding'.",
    failing="openplan: \"1.0\"\ntitle: Caf\udce9\n")
SYNTAX = _rule(
    "L004", "yaml-syntax", "The file is not well-formed YAML or JSON.",
    "Nothing else can be checked until the file can be read.",
    "Look at the line shown and the line before it: a missing colon, a bad indent or an unclosed quote is "
    "the usual cause. Indent with spaces, never tabs.",
    failing='openplan: "1.0"\ntitle: "unclosed\n')
DUPLICATE_KEY = _rule(
    "L005", "duplicate-key", "A key appears twice in the same mapping.",
    "YAML tools disagree on which copy wins, so one of the two values would be lost without a word.",
    "Delete or rename one of the two keys.",
    failing='openplan: "1.0"\nkind: registry\nid: reg\ntitle: One\ntitle: Two\n')
EMPTY = _rule(
    "L006", "empty-file", "The file is empty or holds only comments.",
    "An empty file is usually a save that went wrong.",
    "Start from `openplan init`, or restore the file from version control.",
    failing="# nothing here yet\n")
NOT_A_MAPPING = _rule(
    "L007", "not-a-mapping", "The top of the file is a list or a single value, not a mapping of fields.",
    "An OpenPlan file is a mapping with `openplan`, `id`, `title` and the rest at the top level.",
    "Put the plan's fields at the top level, starting with `openplan: \"1.0\"`.",
    failing="- just\n- a list\n")
UNSAFE_TAG = _rule(
    "L008", "unsupported-tag", "A YAML tag such as `!!python/object` or `!custom` is used.",
    "Tags can make some YAML loaders run code or build objects. OpenPlan files hold plain data only.",
    "Remove the tag. Write the value as plain text, a number, a list or a mapping.",
    failing='openplan: "1.0"\ntitle: !!python/object/apply:os.system ["echo hi"]\n')
MULTIPLE_DOCUMENTS = _rule(
    "L009", "multiple-documents", "The file holds more than one YAML document (separated by `---`).",
    "One file, one plan: tools would silently read only the first.",
    "Split the documents into separate files.",
    failing='openplan: "1.0"\n---\nopenplan: "1.0"\n')
LIMIT = _rule(
    "L010", "limit-exceeded", "The file is larger, deeper or expands to more values than the configured limits.",
    "Limits keep `openplan` fast and safe on hostile input such as alias bombs.",
    "Split the file, or raise the limit if the file really is that large.",
    failing='openplan: "1.0"\nlist: ' + "[" * 200 + "]" * 200 + "\n")
BAD_NUMBER = _rule(
    "L011", "unsupported-value", "A value cannot be carried in JSON: infinity, not-a-number, an integer of more "
    "than 4,300 digits, or a mapping used as a key.",
    "Every OpenPlan file must convert to JSON without loss, so tools in any language can read it.",
    "Quote the value to keep it as text, or write an ordinary number.",
    failing='openplan: "1.0"\nkind: registry\nid: reg\ntitle: Shared\nx-size: .inf\n')
MERGE_KEY = _rule(
    "L012", "merge-key", "A YAML 1.1 merge key (`<<: *anchor`) is used.",
    "Merge keys are not part of YAML 1.2, and tools disagree on them.",
    "Write the fields out in full. Anchors and aliases on their own are allowed.",
    failing='openplan: "1.0"\nbase: &base {a: 1}\nother:\n  <<: *base\n')
RECURSIVE_ALIAS = _rule(
    "L013", "recursive-alias", "An alias refers to a node that contains it.",
    "A recursive structure has no JSON form and would never finish printing.",
    "Remove the alias.",
    failing='openplan: "1.0"\nloop: &loop [*loop]\n')
UNKNOWN_VERSION = _rule(
    "L014", "unknown-version", "The file declares an OpenPlan version this package does not know.",
    "A newer file may use fields this package cannot check; checking it against an older schema would mislead.",
    "Install a newer openplan (`pip install -U openplan`), or correct the `openplan:` line.",
    failing='openplan: "9.9"\nkind: registry\nid: reg\ntitle: Shared things\n')
URL_REFERENCE = _rule(
    "L015", "remote-reference", "A file reference is a web address.",
    "OpenPlan never reaches the network: a plan must check the same way offline and online.",
    "Download the file, commit it beside the plan, and name it by a relative path.",
    failing='openplan: "1.0"\nkind: registry\nid: reg\ntitle: Shared things\n'
            'registries: ["https://example.org/registry.yaml"]\n')
OUTSIDE_PROJECT = _rule(
    "L016", "outside-project", "A file reference points outside the plan's project folder.",
    "A plan should not read files its reviewers cannot see; this also stops a plan from reading arbitrary files.",
    "Copy the file into the project, or pass `--allow-outside` if you trust the plan.",
    failing='openplan: "1.0"\nkind: registry\nid: reg\ntitle: Shared things\nregistries: ["../../../../etc/hosts"]\n')
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES: tuple[Rule, ...] = (FILE_NOT_FOUND, UNREADABLE, ENCODING, SYNTAX, DUPLICATE_KEY, EMPTY,
                           NOT_A_MAPPING, UNSAFE_TAG, MULTIPLE_DOCUMENTS, LIMIT, BAD_NUMBER,
                           MERGE_KEY, RECURSIVE_ALIAS, UNKNOWN_VERSION, URL_REFERENCE,
                           OUTSIDE_PROJECT)


# --- limits ------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """Resource limits for one file. Defaults suit any real plan with a wide margin."""

    max_bytes: int = 20 * 1024 * 1024
    max_depth: int = 100
    max_values: int = 2_000_000  # values after alias expansion
    max_files: int = 10_000


DEFAULT_LIMITS = Limits()


class LoadError(Exception):
    """A file that cannot be read or parsed. Carries the finding that explains why."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def _fail(rule: Rule, message: str, path: str | None, line: int | None = None, column: int | None = None,
          hint: str | None = None) -> LoadError:
    return LoadError(Finding(code=rule.code, message=message, severity=Severity.ERROR, file=path, line=line,
                             column=column, hint=hint or rule.fix))


# --- reading bytes -----------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(raw: bytes, path: str | None) -> str:
    """Bytes to text: UTF-8, or UTF-16/32 with a byte-order mark. Binary data is refused."""
    encoding = "utf-8"
    for bom, name in _BOMS:
        if raw.startswith(bom):
            encoding = name
            break
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(ENCODING, f"the file is not valid {encoding.upper().replace('-SIG', '')}: byte "
                    f"0x{raw[exc.start]:02x} cannot be decoded", path, line, column) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise _fail(ENCODING, "the file contains a NUL byte: it looks binary, not a text plan", path, line,
                    offset - text.rfind("\n", 0, offset))
    return text


# Far above any real limit, and small enough for every read call (--max-bytes 10**24 must not overflow).
_MOST_BYTES = 2 ** 62
_CHUNK = 1 << 20


def _not_regular(mode: int) -> str | None:
    """What a file is, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


def read_limited(path: Path | str, display: str, max_bytes: int = DEFAULT_LIMITS.max_bytes) -> bytes:
    """The bytes of one file of user input, read the one bounded way. Raises :class:`LoadError`.

    Every reader of user input (plans, registries, codelists, configuration, baselines, workbooks, StratML)
    comes here. Only regular files are read: a named pipe would block and a device such as /dev/zero never
    ends, and a symlink in a pull request can point at either. At most ``max_bytes`` + 1 bytes are read.
    """
    limit = max(0, min(max_bytes, _MOST_BYTES))
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # opening a named pipe nobody writes to would wait
    try:
        descriptor = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise _fail(FILE_NOT_FOUND, "no such file", display) from None
    except IsADirectoryError:
        raise _fail(UNREADABLE, "this is a folder, not a file", display) from None
    except PermissionError:
        raise _fail(UNREADABLE, "permission denied: the file cannot be read", display) from None
    except OSError as exc:  # a name too long, a symlink loop
        raise _fail(UNREADABLE, f"the file cannot be read ({exc.strerror or exc})", display) from None
    except ValueError:  # a NUL character in the name
        raise _fail(UNREADABLE, "the file name contains a NUL character, which no file name can hold",
                    display) from None
    try:
        status = os.fstat(descriptor)
        kind = _not_regular(status.st_mode)
        if kind == "a folder":
            raise _fail(UNREADABLE, "this is a folder, not a file", display)
        if kind:
            raise _fail(UNREADABLE, f"this is {kind}, not a regular file; OpenPlan reads only regular files",
                        display, hint="Replace it with an ordinary file; a link to a device or a named pipe is "
                                      "never read.")
        if status.st_size > limit:
            raise _fail(LIMIT, f"the file is larger than the limit of {limit:,} bytes", display)
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            raw = handle.read(status.st_size + 1)  # one read, unless the file grows meanwhile
            while len(raw) <= limit:
                more = handle.read(min(_CHUNK, limit + 1 - len(raw)))
                if not more:
                    break
                raw += more
    except OSError as exc:
        raise _fail(UNREADABLE, f"the file cannot be read ({exc.strerror or exc})", display) from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise _fail(LIMIT, f"the file is larger than the limit of {limit:,} bytes", display)
    return raw


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder. A name no file can have (too long, a NUL) is not one: reading it says why."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def read_stream(stream: Any, display: str = "<stdin>", max_bytes: int = DEFAULT_LIMITS.max_bytes) -> bytes:
    """At most ``max_bytes`` from an open binary stream such as standard input. Raises :class:`LoadError`."""
    limit = max(0, min(max_bytes, _MOST_BYTES))
    if stream is None:  # Python sets sys.stdin to None when the descriptor is closed
        raise _fail(UNREADABLE, "standard input is closed, so there is nothing to read", display,
                    hint="Pipe the plan in (as in `- < plan.yaml`), or name the file.")
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except (OSError, ValueError) as exc:  # ValueError: a stream closed under us
        raise _fail(UNREADABLE, f"standard input cannot be read ({getattr(exc, 'strerror', None) or exc})",
                    display) from None
    if size > limit:
        raise _fail(LIMIT, f"the input is larger than the limit of {limit:,} bytes", display)
    return b"".join(chunks)


def read_text(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> str:
    return decode(read_limited(path, display, limits.max_bytes), display)


# --- YAML 1.2 core schema ----------------------------------------------------

_PLAIN = "tag:openplan:plain"  # the tag libyaml's resolver gives every untagged scalar, see _Resolver
_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_MAX_INT_BITS = 14_284  # about 4,300 decimal digits, Python's limit for turning an integer into text
_SPECIAL_FLOAT = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


class _Resolver(yaml.resolver.BaseResolver):
    """No implicit typing in libyaml: every untagged scalar gets the _PLAIN marker; we type it ourselves."""

    DEFAULT_SCALAR_TAG = _PLAIN


class _Composer(CParser, _Resolver):
    def __init__(self, stream: str):
        CParser.__init__(self, stream)
        _Resolver.__init__(self)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Builds plain values from composed nodes, enforcing safety rules and limits."""

    def __init__(self, path: str | None, limits: Limits):
        self.path = path
        self.limits = limits
        self.count = 0
        self.done: dict[int, Any] = {}
        self.active: set[int] = set()

    def fail(self, rule: Rule, message: str, node: Node) -> LoadError:
        return _fail(rule, message, self.path, *_mark(node))

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _PLAIN:
            if node.style:  # quoted or block scalars are always text
                return text
            return self.plain(text, node)
        if not tag.startswith(_CORE):
            raise self.fail(UNSAFE_TAG, f"the tag {tag!r} is not allowed: OpenPlan files hold plain data only", node)
        kind = tag[len(_CORE):]
        if kind == "str":
            return text
        if kind in ("int", "float", "bool", "null"):
            value = self.plain(text, node)
            expected = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[kind]
            if not isinstance(value, expected) or (kind == "int" and isinstance(value, bool)):
                raise self.fail(SYNTAX, f"{text!r} is not a valid !!{kind}", node)
            return float(value) if kind == "float" else value
        raise self.fail(UNSAFE_TAG, f"the tag !!{kind} is not allowed: OpenPlan files hold plain data only", node)

    def plain(self, text: str, node: ScalarNode) -> Any:
        if not text:
            return None  # an empty plain scalar ("key:" and nothing after it) is null in YAML 1.2
        if text[0] not in "-+0123456789.~nNtTfF":
            return text
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        try:
            if _INT.match(text):
                return int(text)
            if _OCT.match(text) or _HEX.match(text):
                value = int(text[2:], 8 if text[1] == "o" else 16)
                if value.bit_length() > _MAX_INT_BITS:  # no decimal (and so no JSON) form without the same limit
                    raise ValueError(text)
                return value
        except ValueError:
            raise self.fail(BAD_NUMBER, "this integer is too long to be a number; quote it to keep it as text",
                            node) from None
        if _FLOAT.match(text):
            value = float(text)
            if math.isinf(value):
                raise self.fail(BAD_NUMBER, f"{text} is too large to be a number; quote it to keep it as text", node)
            return value
        if _SPECIAL_FLOAT.match(text):
            raise self.fail(BAD_NUMBER, f"{text} (infinity or not-a-number) has no JSON form", node)
        return text

    def build(self, node: Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > self.limits.max_values:
            raise self.fail(LIMIT, f"the file expands to more than {self.limits.max_values:,} values "
                            "(aliases count once per use)", node)
        if depth > self.limits.max_depth:
            raise self.fail(LIMIT, f"the file nests deeper than {self.limits.max_depth} levels", node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        key = id(node)
        if key in self.active:
            raise self.fail(RECURSIVE_ALIAS, "an alias refers to a node that contains it", node)
        if key in self.done:
            # An alias: the value is shared, but it still counts towards the limit once per use.
            self.count += self.weight(node)
            if self.count > self.limits.max_values:
                raise self.fail(LIMIT, f"the file expands to more than {self.limits.max_values:,} values "
                                "(aliases count once per use)", node)
            return self.done[key]
        if not node.tag.startswith(_CORE) and node.tag != _PLAIN:
            raise self.fail(UNSAFE_TAG, f"the tag {node.tag!r} is not allowed: OpenPlan files hold plain data only",
                            node)
        self.active.add(key)
        if isinstance(node, SequenceNode):
            if node.tag not in (_CORE + "seq",) and not node.tag.endswith(":seq"):
                raise self.fail(UNSAFE_TAG, f"the tag {node.tag!r} is not allowed: OpenPlan files hold plain data only",
                                node)
            value: Any = [self.build(child, depth + 1) for child in node.value]
        else:
            if node.tag not in (_CORE + "map",):
                raise self.fail(UNSAFE_TAG, f"the tag {node.tag!r} is not allowed: OpenPlan files hold plain data only",
                                node)
            value = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise self.fail(BAD_NUMBER, "a list or mapping cannot be used as a key", key_node)
                name = key_node.value
                if name == "<<" and not key_node.style:
                    raise self.fail(MERGE_KEY, "merge keys (<<) are YAML 1.1 and not supported", key_node)
                if name in value:
                    raise self.fail(DUPLICATE_KEY, f"the key {name!r} appears twice in this mapping", key_node)
                value[name] = self.build(value_node, depth + 1)
        self.active.discard(key)
        self.done[key] = value
        return value

    def weight(self, node: Node) -> int:
        """How many values a node expands to, computed once per node."""
        cache: dict[int, int] = self.__dict__.setdefault("_weights", {})
        key = id(node)
        if key not in cache:
            if isinstance(node, ScalarNode):
                cache[key] = 1
            elif isinstance(node, SequenceNode):
                cache[key] = 1 + sum(self.weight(child) for child in node.value)
            else:
                cache[key] = 1 + sum(self.weight(v) for _, v in node.value)
        return cache[key]


# --- documents ---------------------------------------------------------------


@dataclass
class Document:
    """A loaded file: its data, and the node graph that knows where each value came from."""

    path: str
    data: Any
    node: Node | None
    text: str
    resolved: Path | None = None

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
        return _mark(node)

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


_SAFE_NESTING = 1000  # well below the depth at which libyaml's recursive composer overflows the C stack


def _check_nesting(text: str, path: str | None, limits: Limits) -> None:
    """Refuse deep nesting before libyaml composes it; its composer recurses in C and can crash.

    A cheap bound first: each level of flow nesting needs a bracket, and each level of block nesting one more
    column of indentation or one more "- " or "? " at the start of a line (so "- - - x" is three levels deep
    on one line). Only a file whose bound passes the safe depth has its events counted.
    """
    bound = text.count("[") + text.count("{")
    room = _SAFE_NESTING - bound
    if room >= 0 and len(text) > room and re.search(rf"^[ \t?\-]{{{room + 1}}}", text, re.MULTILINE):
        bound = _SAFE_NESTING + 1
    if bound <= _SAFE_NESTING:
        return
    try:
        _count_depth(text, path, limits, yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        if not _is_parser_nesting_limit(exc):
            return  # the composer will report the syntax error with its position
        # libyaml (0.2.6 and later) stops at its own nesting limit, often before it has passed a single event
        # on. OpenPlan's limit must decide, with its own position: the pure-Python parser has no such limit
        # and, on this rare path only, finds where the file first goes deeper than --max-depth.
        try:
            _count_depth(text, path, limits, yaml.SafeLoader)
        except yaml.YAMLError:
            pass
        raise _parser_nesting_error(exc, path) from None


def _count_depth(text: str, path: str | None, limits: Limits, loader: type) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth - 1 > limits.max_depth:  # the top level is depth 0, as in _Builder.build
                raise _fail(LIMIT, f"the file nests deeper than {limits.max_depth} levels", path, *_mark(event))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _is_parser_nesting_limit(exc: yaml.YAMLError) -> bool:
    return "maximum nesting depth" in str(getattr(exc, "problem", None) or "")


def _parser_nesting_error(exc: yaml.YAMLError, path: str | None) -> LoadError:
    """The YAML parser's own depth limit, reported as the limit it is (L010), not as a syntax error."""
    get_limit = getattr(getattr(yaml, "_yaml", None), "_get_max_nest_level", None)
    limit = f"{get_limit():,} levels" if callable(get_limit) else "its limit"
    mark = getattr(exc, "problem_mark", None)
    return _fail(LIMIT, f"the file nests deeper than the YAML parser can read ({limit}, counting the top level)",
                 path, *((mark.line + 1, mark.column + 1) if mark else (None, None)),
                 hint="Flatten the nesting: no OpenPlan file needs more than a few dozen levels.")


def _reader_error(exc: yaml.reader.ReaderError, path: str | None, text: str) -> LoadError:
    # libyaml reports a character it refuses by its byte offset in the UTF-8 text, without a line.
    offset = len(text.encode("utf-8")[: max(exc.position, 0)].decode("utf-8", errors="ignore"))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return _fail(SYNTAX, f"the character U+{character:04X} is not allowed in YAML: remove it, or write it as an "
                 "escape inside double quotes", path, line, column)


def _syntax_error(exc: yaml.YAMLError, path: str | None, text: str) -> LoadError:
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_error(exc, path, text)
    if _is_parser_nesting_limit(exc):
        return _parser_nesting_error(exc, path)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if context and "expected a single document" in context:
        return _fail(MULTIPLE_DOCUMENTS, "the file holds more than one YAML document", path,
                     *((mark.line + 1, mark.column + 1) if mark else (None, None)))
    message = problem
    if context:
        message = f"{problem} ({context})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        message = "a tab character: YAML is indented with spaces, never tabs"
    return _fail(SYNTAX, f"YAML syntax error: {message}", path, line, column)


# JSON writes a character beyond U+FFFF as two escaped halves ("\ud83d\ude00", as Python's json module does);
# YAML forbids escaped halves, so they become one "\U0001F600" escape (a column later on that line shifts by 2).
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)


# Characters JSON allows unescaped inside a string that libyaml refuses (DEL, C1 controls, U+FFFE, U+FFFF) or
# reads as a line break (U+0085, U+2028, U+2029): written as escapes, which both read the same way (a column
# later on that line shifts).
_JSON_ONLY_CHARACTER = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


# Python's JSON messages, in plain words with the usual cause.
_JSON_MESSAGES = {
    "Expecting property name enclosed in double quotes": "a name in double quotes was expected here (single "
                                                         "quotes, or a comma before }, are not JSON)",
    "Expecting value": "a value was expected here (a comma before ] or }, or a word without quotes, is not JSON)",
    "Invalid control character at": "a tab or control character inside quotes must be written as an escape "
                                    "such as \\t",
    "Extra data": "there is more after the end of the JSON value",
    "Expecting ',' delimiter": "a comma was expected here (comments are not JSON)",
}


def _refuse_constant(name: str) -> Any:
    raise _NotJson(name)


class _NotJson(ValueError):
    pass


def _check_strict_json(text: str, path: str | None) -> None:
    """A .json file must be JSON, not the YAML that also reads it: no NaN or Infinity, single quotes, trailing
    commas or comments. libyaml gives the positions of findings; this only refuses what JSON does not allow."""
    try:
        _json.loads(text, parse_constant=_refuse_constant)
    except _NotJson as exc:
        # The text is JSON but for the constant, so its strings can be skipped to find where the constant is.
        found = next(match for match in _JSON_TOKEN.finditer(text) if match.group(1))
        offset = found.start(1)
        raise _fail(BAD_NUMBER, f"{exc} has no JSON form: JSON has no infinity or not-a-number; quote it "
                    "to keep it as text", path, text.count("\n", 0, offset) + 1,
                    offset - text.rfind("\n", 0, offset)) from None
    except _json.JSONDecodeError as exc:
        said = _JSON_MESSAGES.get(exc.msg, exc.msg[:1].lower() + exc.msg[1:])
        raise _fail(SYNTAX, f"this is not valid JSON: {said}", path, exc.lineno, exc.colno,
                    hint="A .json file must be strict JSON: names and text in double quotes, no comma after the "
                         "last item, no comments, no NaN or Infinity. Or save the file as .yaml.") from None
    except (ValueError, RecursionError):  # limits the YAML reading has already reported
        pass


def _join_surrogates(match: re.Match) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    return f"{match.group(1)}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while a large, acyclic graph is built.

    Composing a plan allocates a node and two marks for every value. With the
    collector running, CPython re-scans that growing graph again and again, and
    a 10,000-output plan took five times as long to compose. Nothing built here
    is cyclic, so pausing loses nothing; the previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(text: str, path: str | None = None, limits: Limits = DEFAULT_LIMITS, *, json: bool = False) -> Document:
    """Parse YAML or JSON text into a :class:`Document`. Raises :class:`LoadError`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    source = text.replace("\t", " ") if json else text  # JSON allows tabs as whitespace; YAML does not
    if json:
        if "\\u" in source:
            source = _SURROGATE_PAIR.sub(_join_surrogates, source)
        source = _JSON_ONLY_CHARACTER.sub(lambda match: f"\\u{ord(match.group()):04x}", source)
    elif "\x85" in source:
        # libyaml reads U+0085 as a line break (YAML 1.1) where YAML 1.2 reads a character: refuse, never guess.
        offset = source.index("\x85")
        raise _fail(SYNTAX, "the character U+0085 (next line) is read differently by different YAML tools: "
                    "remove it, or write it as \\N inside double quotes", path, source.count("\n", 0, offset) + 1,
                    offset - source.rfind("\n", 0, offset))
    if limits.max_depth > _SAFE_NESTING:  # a higher limit would let libyaml's composer overflow the C stack
        limits = replace(limits, max_depth=_SAFE_NESTING)
    _check_nesting(source, path, limits)
    with paused_gc():
        composer = _Composer(source)
        try:
            node = composer.get_single_node()
        except yaml.YAMLError as exc:
            raise _syntax_error(exc, path, source) from None
        except RecursionError:
            raise _fail(LIMIT, f"the file nests deeper than {limits.max_depth} levels", path) from None
        finally:
            composer.dispose()
        if node is None:
            raise _fail(EMPTY, "the file is empty" if not text.strip() else "the file holds only comments", path,
                        1, 1)
        if isinstance(node, ScalarNode) and node.value == "" and not node.style and node.tag == _PLAIN:
            raise _fail(EMPTY, "the file holds an empty document (only '---')", path, 1, 1)
        builder = _Builder(path, limits)
        try:
            data = builder.build(node)
        except RecursionError:  # only when --max-depth is raised near the ceiling
            raise _fail(LIMIT, "the file nests too deeply to be read", path, *_mark(node)) from None
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value"
        raise _fail(NOT_A_MAPPING, f"the top level is {what}, not a mapping of fields", path, *_mark(node))
    if json:
        _check_strict_json(text, path)
    return Document(path=path or "<input>", data=data, node=node, text=text)


def load_document(path: Path | str, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one file. Raises :class:`LoadError` with a positioned finding."""
    path = Path(path)
    shown = display if display is not None else str(path)
    text = read_text(path, shown, limits)
    document = parse(text, shown, limits, json=path.suffix.lower() == ".json")
    document.resolved = path.resolve()
    return document


def to_pointer(parts: Iterable[str | int]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def from_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.lstrip("/").split("/")]
