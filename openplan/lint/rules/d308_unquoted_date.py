"""D308 unquoted-date: a full date is written in quotes.

OpenPlan reads YAML 1.2, where ``start: 2025-04-01`` is the text
"2025-04-01", so the file is valid. But many YAML readers still follow YAML
1.1, where the same line is a date object, not text: JavaScript's js-yaml (and
so ajv), and Python's ruamel.yaml and PyYAML's default loader. Given to a
JSON Schema validator through one of them, the date is not a string, and a
valid plan is reported invalid. Quoting the date (``start: "2025-04-01"``)
makes every reader see the same text. Values that are not full dates, such as
``2025-07`` or ``2025-23``, are text for every reader and need no quotes.
"""

import re

from ..edits import Fix, ReplaceValue
from . import Severity, lint_rule

# What YAML 1.1 reads as a timestamp (yaml.org/type/timestamp.html): a date, or a date and a time.
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:"
                        r"[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*Z|[-+][0-9]{1,2}(?::[0-9]{2})?)?$")

# A plain value that is a timestamp starts with its date, written as is in the file: not after a quote or a
# digit. A file with no such run of characters has no finding, and its node graph need not be walked.
_DATE_IN_TEXT = re.compile(r"(?<![0-9\"'])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_MONTH = re.compile(r"-[0-9]{1,2}-[0-9]")  # starts with a character, which `re` finds far quicker


def _unquoted_date_in(text: str) -> bool:
    """Whether ``_DATE_IN_TEXT`` is found in ``text``, looking only where a month is written between dashes."""
    return any(found.start() >= 4 and _DATE_IN_TEXT.match(text, found.start() - 4)
               for found in _MONTH.finditer(text))

RULE = lint_rule(
    "D308", "unquoted-date", "schedule", Severity.WARNING,
    "A full date (2025-04-01) is written without quotes, which YAML 1.1 readers take for a date, not text.",
    "OpenPlan reads it as text, but js-yaml (and so ajv), ruamel.yaml and other YAML 1.1 readers turn it into a "
    "date object, and then the plan fails their schema check. Quoted, every tool reads the same text.",
    "Put the date in double quotes: start: \"2025-04-01\". `openplan lint --fix` does it for you.")


def _plain_scalars(node, parts):
    """(parts, value) of every unquoted scalar value under ``node`` in the YAML node graph, keys excepted."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    stack = [(node, parts)]
    seen = set()
    while stack:
        node, parts = stack.pop()
        if id(node) in seen:  # an alias: reported once, where the anchor is
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if not node.style:
                yield parts, node.value
        elif isinstance(node, SequenceNode):
            stack.extend((child, parts + (index,)) for index, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, MappingNode):
            stack.extend((value, parts + (key.value,)) for key, value in reversed(node.value))


def check(ctx):
    if ctx.document.node is None:
        return
    if ctx.document.text and not _unquoted_date_in(ctx.document.text):
        return
    for parts, value in _plain_scalars(ctx.document.node, ()):
        if _TIMESTAMP.match(value):
            fix = Fix(f'quote "{value}"', True, (ReplaceValue(parts, value),))
            yield ctx.finding(parts, f"{value} is not in quotes: YAML 1.1 tools such as js-yaml read it as a date "
                              "object, not text", value=value, fix=fix,
                              hint=f'Put it in double quotes: "{value}". `openplan lint --fix` does it for you.')
