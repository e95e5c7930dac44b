"""Reading each file of a site: what the site's own pages need to know of it (its summary), and its page and
downloads. Both run in worker processes, one per core, through :mod:`openplan.validation.parallel`; the
functions the workers run are module-level so that they can be sent to them by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checks.unique_ids import RULE as DUPLICATE_ID
from ..convert.html_page import overview as overviews
from ..report import Finding
from ..rules import Severity

if TYPE_CHECKING:
    from ..convert import ConvertError


@dataclass
class Delivery:
    """An item of a plan linked to a pledge, with its latest status."""

    item: str
    name: str
    link_type: str
    status: str
    tone: str


@dataclass
class Summary:
    """What the site's index, tracker, themes and cascade pages need of one plan."""

    path: str
    id: str
    kind: str
    title: str
    organisation: str
    period: str
    start: str  # ISO day the plan starts, for ordering by year ("" when unknown)
    year: str
    edition: str
    status: str
    slug: str
    parents: list[dict] = field(default_factory=list)
    serves: list[tuple[str, str, list[dict]]] = field(default_factory=list)  # (item, its name, its serves)
    pledges: list[tuple[str, str, str, list[Delivery]]] = field(default_factory=list)  # (set, pledge, id, work)
    themes: list[tuple[str, str, str]] = field(default_factory=list)  # (id, title, same_as)
    names: dict[str, str] = field(default_factory=dict)  # item id -> number and title
    plan: str = ""  # a progress report: the id of the plan it reports on
    id_at: tuple[int | None, int | None] = (None, None)  # line and column of its id, for a clash of ids

    @property
    def folder(self) -> str:
        """Where its page and downloads go, relative to the site's root."""
        return f"{'reports' if self.kind == 'report' else 'plans'}/{self.slug}"


@dataclass
class Failure:
    """A file left out of the site, with the errors that kept it out, as `openplan validate` finds them."""

    path: str
    findings: list[Finding]

    @property
    def unreadable(self) -> bool:
        """The file could not be read at all (a load error): validate's exit 2."""
        return any(f.fatal for f in self.findings)


def slug(ident: str) -> str:
    """A folder name for a plan: its id (ids are letters, digits, dots, hyphens and underscores), shortened with
    a hash of the whole id when too long for a file name (with the suffixes of its downloads)."""
    name = "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in ident) or "plan"
    if len(name) > 120:
        import hashlib

        name = f"{name[:100]}-{hashlib.sha256(ident.encode('utf-8')).hexdigest()[:12]}"
    return name


def _year(start: str, end: str) -> str:
    """The year a plan is filed under: "2020/21" for a plan across two calendar years, else "2020"."""
    if len(start) < 4 or not start[:4].isdigit():
        return ""
    first = int(start[:4])
    if end[:4].isdigit() and int(end[:4]) > first:
        return f"{first}/{str(first + 1)[2:]}"
    return str(first)


def _failure(path: str, problem: ConvertError) -> Failure:
    """The errors of a ConvertError; its warnings are no reason to leave a file out."""
    return Failure(path, [f for f in problem.findings if f.severity is Severity.ERROR] or list(problem.findings))


def same_id(summary: Summary, first: Summary) -> Failure:
    """A plan left out because an earlier file has its id: the two would share a page."""
    line, column = summary.id_at
    return Failure(summary.path, [Finding(
        code=DUPLICATE_ID.code, severity=DUPLICATE_ID.severity, file=summary.path, line=line, column=column,
        pointer="/id", value=summary.id, message=f'the plan id "{summary.id}" is also the id of {first.path}; '
        "each plan needs its own", hint="Give one of the two plans a new id: a plan's page and downloads are "
        "named by its id.")])


def _load(path: str):
    from ..convert import source

    return source.load(Path(path), display=path)


def summarise(path: str) -> Summary | Failure | None:
    """The summary of one plan; a Failure when it is not valid; None for a registry (no page of its own)."""
    from ..convert import ConvertError
    from ..convert.view import builder as views

    try:
        loaded = _load(path)
    except ConvertError as problem:
        return _failure(path, problem)
    data = loaded.data
    kind = str(data.get("kind") or "plan")
    if kind == "registry":
        return None
    build = views.Builder(data, loaded.index)
    id_at = loaded.document.position(("id",))
    if kind == "report":
        when = build.date(data.get("period"))
        plan = data.get("plan") or {}
        start = str(when.span.earliest) if when and when.span and when.span.earliest else ""
        return Summary(path, str(data.get("id", "")), kind, str(data.get("title", "")),
                       build.name(data["organisation"]) if isinstance(data.get("organisation"), str) else "",
                       when.label if when else "", start, start[:4], "", "", slug(str(data.get("id", ""))),
                       plan=str(plan.get("id", "")) if isinstance(plan, dict) else "", id_at=id_at)
    view = build.build()
    period = data.get("period") or {}
    start = str(period.get("start") or "") if isinstance(period, dict) else ""
    status = overviews.statuses(data, build.date)
    names = {ident: build.name(ident) for _, item in overviews.walk(data)
             for ident in [str(item.get("id", ""))] if ident}
    edition = data.get("edition") or {}
    found = Summary(path, str(data.get("id", "")), kind, view.title, view.organisation, view.period, start,
                    _year(start, str(period.get("end") or "") if isinstance(period, dict) else ""),
                    str(edition.get("label") or ""), view.status, slug(str(data.get("id", ""))), id_at=id_at)
    found.parents = [dict(p) for p in data.get("parents") or () if isinstance(p, dict)]
    found.serves = [(ident, names.get(ident, ident), [dict(s) for s in item.get("serves") or () if isinstance(s, dict)])
                    for _, item in overviews.walk(data) for ident in [str(item.get("id", ""))]
                    if item.get("serves")]
    for row in view.pledges:
        work = [Delivery(link.id, link.name, link.detail, status.get(link.id, overviews.Status()).label,
                         status.get(link.id, overviews.Status()).tone) for link in row.links]
        found.pledges.append((row.set_title, row.pledge, row.id, work))
    found.themes = [(t.id, t.title, t.same_as.id if t.same_as else "") for t in view.themes]
    found.names = names
    return found


# --- the workers ---------------------------------------------------------------------------------------------

_STATE: dict[str, Any] = {}


def start_worker(state: dict[str, Any]) -> None:
    _STATE.clear()
    _STATE.update(state)


def summarise_batch(batch: list[str]) -> list[Summary | Failure | None]:
    return [summarise(path) for path in batch]


def render_batch(batch: list[str]) -> list[Failure | None]:
    return [render(path, _STATE) for path in batch]


def _write(root: Path, relative: str, content: str | bytes) -> None:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def render(path: str, state: dict[str, Any]) -> Failure | None:
    """Write one plan's pages (one per language) and downloads into the site being built."""
    from .. import convert
    from ..convert.csv_folder import zipped
    from .links import plan_chrome

    try:
        loaded = _load(path)
    except convert.ConvertError as problem:  # changed since it was summarised
        return _failure(path, problem)
    data = loaded.data
    root = Path(state["root"])
    ident = str(data.get("id", ""))
    name = slug(ident)
    folder = state["plans"][ident]
    # A YAML file is offered as the council wrote it (comments and all), and is the quickest to copy; a plan
    # read from JSON is written out as YAML.
    yaml_text = (Path(path).read_bytes() if Path(path).suffix.lower() in (".yaml", ".yml")
                 else convert.to_yaml(data))
    files: dict[str, str | bytes] = {f"{name}.yaml": yaml_text, f"{name}.json": convert.to_json(data)}
    if data.get("kind") != "report":  # the tables and workbook are a plan's
        files.update({f"{name}-csv.zip": zipped(convert.to_csv(data)),
                      f"{name}.xlsx": convert.to_xlsx(data, loaded.index)})
    for file, content in files.items():
        _write(root, f"{folder}/{file}", content)
    today = date.fromisoformat(state["today"])
    for language in state["languages"]:
        prefix = "" if language == state["languages"][0] else f"{language}/"
        page = f"{prefix}{folder}/index.html"
        chrome = plan_chrome(state, ident, page, language, report=data.get("kind") == "report")
        html = convert.to_html(data, loaded.index, include_internal=state["include_internal"], today=today,
                               language=language, chrome=chrome)
        _write(root, page, html)
    return None
