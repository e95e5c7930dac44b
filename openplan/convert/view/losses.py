"""What the HTML page and Markdown leave out of a plan."""

from __future__ import annotations

from typing import Any

from ..losses import LossKind, LossReport

NOT_SHOWN = LossKind(
    "V201", "not-shown", "extension fields are not shown on the page",
    "Extensions are for tools; publish their content in the plan's own fields if readers need it.")
# Fields the page does not show: registry details a reader does not need, since the page names each
# organisation, body, post and person where the plan refers to them.
NOT_ON_PAGE = {
    "Organisation": ("kind", "identifier", "url", "description"),
    "Body": ("kind", "organisation", "parent", "description"),
    "Post": ("organisation", "body", "holders"),
    "Person": ("honorific_suffix", "email", "telephone"),
    "PledgeSet": ("agreed_by", "agreed_on", "source"),
    "Pledge": ("targets",),
    "GlossaryEntry": ("source",),
    "Change": ("previous_items",),
}
REGISTRY_DETAIL = LossKind(
    "V202", "registry-detail-not-shown", "details of organisations, bodies, posts, people and pledge sets are not "
    "listed: the page names each where the plan refers to it")
# The kinds of loss this converter declares, listed for the catalogue (openplan/catalogue.py).
LOSSES: tuple[LossKind, ...] = (NOT_SHOWN, REGISTRY_DETAIL)


def page_losses(data: dict[str, Any], target: str, document=None) -> LossReport:
    """What a page (HTML or Markdown) leaves out: extension fields, and the registry details in NOT_ON_PAGE."""
    from ..fields import ROOTS, document_kind, field_map, is_extension
    from ..losses import item_of

    report = LossReport(target, document)
    root = document_kind(data)
    stack: list[tuple[Any, tuple, str | None]] = [(data, (), ROOTS[root])]
    while stack:
        value, parts, type_name = stack.pop()
        if isinstance(value, dict):
            known = field_map(type_name, root) if type_name else {}
            hidden = NOT_ON_PAGE.get(type_name or "", ())
            for key, entry in value.items():
                if is_extension(key):
                    report.add(NOT_SHOWN, parts + (key,), f"the extension field {key}", item=item_of(parts, data))
                elif key in hidden:
                    report.add(REGISTRY_DETAIL, parts + (key,), f"{type_name} {key}", item=item_of(parts, data))
                else:
                    item = known.get(key)
                    stack.append((entry, parts + (key,), item.type_name if item else None))
        elif isinstance(value, list):
            stack.extend((entry, parts + (position,), type_name) for position, entry in enumerate(value))
    return report
