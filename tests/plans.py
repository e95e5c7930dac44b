"""Plans the tests start from."""

# The header of the smallest valid plan, field by field in the order a plan is written: the YAML after each key.
_HEADER = {
    "openplan": '"1.0"',
    "id": "plan.example",
    "title": "Example Council Plan 2025/26",
    "organisation": "org.example",
    "period": '{start: "2025-04-01", end: "2026-03-31"}',
    "edition": "{status: draft}",
    "organisations": "\n  - {id: org.example, name: Example Council}",
}


def plan_header(version: str = "1.0", *, council: str | None = None, **fields: str) -> str:
    """The smallest valid plan in schema ``version``, with the fields given replaced, or added before
    ``organisations`` when the header has no such field. Each value is the YAML text after the key (a block
    starts with a new line). ``council`` names the plan's own organisation, under the id in ``organisation``."""
    header = dict(_HEADER, openplan=f'"{version}"')
    organisations = header.pop("organisations")
    if council is not None:
        organisations = f"\n  - {{id: {fields.get('organisation', 'org.example')}, name: {council}}}"
    header.update(fields)  # a field of the header keeps its place; a new one goes at the end, before organisations
    header.setdefault("organisations", organisations)
    return "".join(f"{key}:{value}\n" if value.startswith("\n") else f"{key}: {value}\n"
                   for key, value in header.items())


# The smallest valid plan: tests add what they need to it.
BASE_PLAN = plan_header()
