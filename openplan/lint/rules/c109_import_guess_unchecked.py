"""C109 import-guess-unchecked: nothing `openplan import` guessed is left unchecked.

`openplan import` turns a Word or Markdown plan into a draft and marks
every guess on the item it made: ``draft:guessed`` lists the fields it
guessed (an id, a restored letter, an outcome statement, owners matched in
a registry, a due date read from its wording), ``draft:source`` says where
in the document the item came from, and ``draft:lead`` and ``draft:due``
keep a lead or a due date it could not read, as published. These are
ordinary extension fields, so the draft validates; this rule is what keeps
them from being published as if an officer had checked them.

An officer checks the item against the document, corrects it, and deletes
its ``draft:`` fields; the finding then goes away.
"""

from . import Severity, lint_rule

_DRAFT_FIELDS = ("draft:guessed", "draft:lead", "draft:due")
RULE = lint_rule(
    "C109", "import-guess-unchecked", "completeness", Severity.WARNING,
    "An item still carries what `openplan import` guessed (draft:guessed, draft:lead or draft:due).",
    "An imported draft is a guess at the document's structure, owners and dates; published unchecked, a wrong "
    "guess reads as the council's word.",
    "Check the item against the source document, correct what was guessed wrongly (add the owners or due date "
    "kept in draft:lead or draft:due), then delete the item's draft: fields.")


def _what(data: dict) -> str:
    parts = []
    guessed = data.get("draft:guessed")
    if isinstance(guessed, list) and guessed:
        parts.append("guessed " + ", ".join(str(name) for name in guessed[:8]))
    if data.get("draft:lead"):
        parts.append(f'a lead not yet matched ("{str(data["draft:lead"])[:60]}")')
    if data.get("draft:due"):
        parts.append(f'a due date not yet read ("{str(data["draft:due"])[:60]}")')
    return "; ".join(parts) or "draft fields"


def _name(node) -> str:
    data = node.data
    number = data.get("number")
    text = data.get("title") or data.get("name") or data.get("text") or data.get("id") or ""
    words = " ".join(f"{number if number not in (None, '') else ''} {text}".split())
    kind = {"Plan": "the plan", "Registry": "the registry"}.get(node.type, f"the {node.type.lower()}")
    if not words or node.type in ("Plan", "Registry"):
        return kind
    return f'{kind} "{words[:57] + "..." if len(words) > 60 else words}"'


def check(ctx):
    for node in ctx.own_nodes:
        data = node.data
        if not isinstance(data, dict) or not any(key in data for key in _DRAFT_FIELDS):
            continue
        key = next(key for key in _DRAFT_FIELDS if key in data)
        item = node.owner if node.owner is not None and node.owner.data is data else None
        yield ctx.finding(tuple(node.parts) + (key,),
                          f"{_name(node)} has not been checked since it was imported: {_what(data)}",
                          item=item, key=True)
