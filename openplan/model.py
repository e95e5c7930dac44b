"""The OpenPlan data model: the single source of truth for the schema.

``schema/<version>/plan.schema.json`` and ``registry.schema.json`` are
generated from these models by ``python -m tools.schemagen``; a test fails if the
committed schema files and these models drift apart.

Every field has a title and a description, because the reference docs and the
editor hints are generated from them. Codes come from the CSV codelists.

Conventions:

* ``id`` is a stable identifier: it never changes between editions, unlike the
  display ``number`` ("2.1", "a.") that the published document shows.
* A reference is a string holding another item's ``id``; references resolve
  across the plan and the registry files it names.
* Any object may carry extension fields named ``namespace:field``
  (for example ``budget:revenue``), so a council can add data without forking.
"""

from __future__ import annotations

import calendar
import math
import re
from typing import Annotated, Any, Callable, Literal, Optional, TypeVar

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, create_model, field_validator,
                      model_validator)

from .codelists import codes
from .dates import VALUE_PATTERN, VALUE_PATTERN_1_1
from .version import SCHEMA_VERSION, SUPPORTED_SCHEMA_VERSIONS

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"
EXTENSION_KEY_PATTERN = r"^[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9_-]*$"
_EXTENSION_KEY = re.compile(EXTENSION_KEY_PATTERN)


def Code(name: str) -> Any:
    """A string type closed over the codes of codelist ``name``."""
    return Literal[codes(name)]  # type: ignore[valid-type]


def describe(title: str, description: str, *, examples: list | None = None, codelist: str | None = None,
             since: str | None = None, **kwargs: Any) -> Any:
    """A field with its title and description. ``since``: the schema version that added it; the schemas of
    earlier versions leave it out (tools/schemagen.py), so a minor version only ever adds."""
    extra: dict[str, Any] = dict(kwargs.pop("json_schema_extra", None) or {})
    if since:
        extra["_versions"] = absent_before(since)
    if codelist:
        extra.update({"codelist": f"{codelist}.csv", "openCodelist": False})
    return Field(title=title, description=description, examples=examples,
                 json_schema_extra=extra or None, **kwargs)


def absent_before(since: str) -> dict[str, None]:
    """Per-version replacements (read and removed by the schema generator): absent in every earlier version."""
    return {version: None for version in SUPPORTED_SCHEMA_VERSIONS if _key(version) < _key(since)}


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _extension_fields(schema: dict[str, Any]) -> None:
    schema["patternProperties"] = {EXTENSION_KEY_PATTERN: {
        "title": "Extension field",
        "description": "A field added by an extension or by a council, named namespace:field.",
    }}
    schema["additionalProperties"] = False


# The published JSON Schema is the contract: the models accept exactly the documents it accepts. Hence strict
# types (no "5" for a number), no null for an optional field, whole numbers written 2.0 taken as integers,
# real days for format: date, and patterns matched against the whole text (ECMA-262 `$` is the very end).


def _whole_number(value: Any) -> Any:
    """JSON Schema counts 2.0 as an integer."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _any_json_number(value: Any, handler: Any) -> Any:
    """A JSON number too big for a float is still a number to JSON Schema: hold it as infinity."""
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            float(value)
        except OverflowError:
            value = math.inf if value > 0 else -math.inf
    return handler(value)


def _only_true(value: Any) -> Any:
    """``tbc: 1`` is not ``tbc: true`` in JSON Schema, though 1 == True in Python."""
    if value is not True:
        raise ValueError("must be true, or left out")
    return value


_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _real_day(value: Any) -> Any:
    """format: date (RFC 3339 full-date): YYYY-MM-DD naming a day that exists; year 0000 is a leap year."""
    if value is None:
        return value
    match = _DAY.fullmatch(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
            return value
    raise ValueError(f"{value!r} is not a real day written YYYY-MM-DD")


Integer = Annotated[int, BeforeValidator(_whole_number)]
Count = Annotated[int, Field(ge=0), BeforeValidator(_whole_number)]  # a whole number, 0 or more


class Node(BaseModel):
    """Base of every OpenPlan object: unknown fields are errors unless namespaced."""

    model_config = ConfigDict(extra="allow", strict=True, json_schema_extra=_extension_fields,
                              use_attribute_docstrings=False)

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data: Any) -> Any:
        # the schema's types never include null: an optional field is left out, not written as null
        if isinstance(data, dict):
            for key, value in data.items():
                if value is None and not (isinstance(key, str) and _EXTENSION_KEY.fullmatch(key)):
                    raise ValueError(f"{key!r} is null; leave the field out instead")
        return data

    @model_validator(mode="after")
    def _namespaced_extras_only(self) -> "Node":
        for key in self.model_extra or {}:
            if not _EXTENSION_KEY.fullmatch(key):
                raise ValueError(f"unknown field {key!r}")
        return self


Ref = Field(pattern=ID_PATTERN)
Id = str
Text = str


def ref(title: str, description: str, kinds: list[str] | str, **kwargs: Any) -> Any:
    """A reference field: the id of an item of one of ``kinds`` ($defs names), or "any"."""
    return describe(title, description, pattern=ID_PATTERN, json_schema_extra={"references": kinds}, **kwargs)


RefId = Annotated[str, Field(pattern=ID_PATTERN)]


def ref_list(title: str, description: str, kinds: list[str] | str, **kwargs: Any) -> Any:
    return describe(title, description, default=None, json_schema_extra={"references": kinds}, **kwargs)


class Confidence(Node):
    """How sure the encoder is of a value the source does not print plainly."""

    level: Code("confidence") = describe(
        "Level", "'inferred': the encoder inferred the value from the source; 'uncertain': the source is unclear "
        "and the value may be wrong.", codelist="confidence", examples=["inferred"])
    reason: Optional[str] = describe("Reason", "Why the value is inferred or uncertain.",
                                     examples=["The source gives only the month of the committee meeting."],
                                     default=None)


def _confidence(what: str) -> Any:
    return describe("Confidence", f"Set when the encoder inferred {what}, or is unsure of it, with the reason.",
                    default=None, since="1.1")


def _needs_one_of(handler: Any, core_schema: Any, fields: list[str], required_1_0: list[str]) -> dict[str, Any]:
    """The schema of an object that needs one of ``fields`` in this version, where 1.0 required
    ``required_1_0``."""
    schema = handler(core_schema)
    target = handler.resolve_ref_schema(schema)
    target["anyOf"] = [{"required": [name]} for name in fields]
    target["_versions"] = {"1.0": {"anyOf": None, "required": required_1_0}}
    return schema


# --- dates -----------------------------------------------------------------


_RELATIVE_TO_1_0 = "The id of an external event that the date is timed against."
_RELATIVE_TO = ("The id of an external event that the date is timed against, or a list of them ('ahead of the "
                "Spending Review and Budget'): 'before' is before the earliest of them, 'after' after the latest, "
                "and any other relation covers them all.")
_VALUE_1_0 = ("The date in OpenPlan date syntax: EDTF (ISO 8601-2) days, months, years, seasons (-21 spring to "
             "-24 winter), calendar quarters (-33 to -36) and halves (-40, -41), plus financial years FY2020, "
             "FY2020-Q1 and FY2020-H1, and intervals A/B with '..' for an open end. A bare year may be an integer.")


class FuzzyDate(Node):
    """A date as a plan writes it: the published wording beside a value that resolves to a span of days."""

    text: Optional[str] = describe(
        "Published wording", "The date exactly as the source document words it.",
        examples=["Autumn 2022", "by Jan 2023", "ahead of Spending Review 2020", "TBC"], default=None)
    value: Optional[str | Integer] = describe(
        "Value", "The date in OpenPlan date syntax: EDTF (ISO 8601-2) days, months, years, seasons (-21 spring to "
        "-24 winter, in the plan's hemisphere; -25 to -28 northern and -29 to -32 southern spring to winter), "
        "calendar quarters (-33 to -36) and halves (-40, -41), plus financial years FY2020, FY2020-Q1 and "
        "FY2020-H1 (of the plan's calendar, named by the year they start in), and intervals A/B with '..' for an "
        "open end. A bare year may be an integer.",
        examples=["2022-07", "2022-23", "FY2020-Q2", "2022-09/..", "../2023-01"], default=None,
        json_schema_extra={"pattern": VALUE_PATTERN_1_1})
    tbc: Optional[Annotated[Literal[True], BeforeValidator(_only_true)]] = describe(
        "To be confirmed", "True when the source says the date is still to be confirmed. Never invent a date.",
        examples=[True], default=None)
    relative_to: Optional[Annotated[str, Field(pattern=ID_PATTERN)]
                          | Annotated[list[RefId], Field(min_length=1)]] = describe(
        "Relative to event", _RELATIVE_TO, examples=["spending-review-2020"], default=None,
        json_schema_extra={"references": ["Event"]})
    relation: Optional[Code("date-relation")] = describe(
        "Relation to event", "How the date relates to the event in relative_to.", codelist="date-relation",
        examples=["before"], default=None)
    recurrence: Optional[Code("recurrence")] = describe(
        "Recurrence", "How often the thing recurs within the span, when it is not a one-off.",
        codelist="recurrence", examples=["annual"], default=None)
    note: Optional[str] = describe("Note", "Anything about the date the value cannot say.", default=None)
    confidence: Optional[Confidence] = _confidence("the date")

    @model_validator(mode="after")
    def _says_something(self) -> "FuzzyDate":
        if self.value is None and self.tbc is None and self.relative_to is None:
            raise ValueError("a date needs a value, tbc: true, or relative_to")
        if isinstance(self.value, str) and not re.fullmatch(VALUE_PATTERN_1_1, self.value):
            raise ValueError(f"{self.value!r} is not an OpenPlan date value")
        if isinstance(self.value, int) and not 1000 <= self.value <= 9999:
            raise ValueError("a year must have four digits")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        target["anyOf"] = [{"required": ["value"]}, {"required": ["tbc"]}, {"required": ["relative_to"]}]
        value = target["properties"]["value"]
        value.pop("anyOf", None)
        value.pop("pattern", None)
        value["type"] = ["string", "integer"]
        value["pattern"] = VALUE_PATTERN_1_1
        value["minimum"], value["maximum"] = 1000, 9999
        value["_versions"] = {"1.0": {"pattern": VALUE_PATTERN, "description": _VALUE_1_0}}
        # 1.1: the id of one event, or a list of them; 1.0 took one id only
        target["properties"]["relative_to"] = {
            "anyOf": [{"pattern": ID_PATTERN, "type": "string"},
                      {"items": {"pattern": ID_PATTERN, "type": "string"}, "minItems": 1, "type": "array"}],
            "description": _RELATIVE_TO, "examples": ["spending-review-2020", ["spending-review-2020", "budget-2020"]],
            "references": ["Event"], "title": "Relative to event",
            "_versions": {"1.0": {"anyOf": None, "description": _RELATIVE_TO_1_0, "examples": ["spending-review-2020"],
                                  "pattern": ID_PATTERN, "type": "string"}}}
        return schema


class Period(Node):
    """The span a plan covers."""

    start: str = describe("Start", "The first day the plan covers.", examples=["2020-04-01"],
                          json_schema_extra={"format": "date"}, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    end: str = describe("End", "The last day the plan covers.", examples=["2021-03-31"],
                        json_schema_extra={"format": "date"}, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    text: Optional[str] = describe("Published wording", "The period as the document words it.",
                                   examples=["2020/21", "the next 18 months (until the end of 2023)"], default=None)

    _real_days = field_validator("start", "end")(_real_day)


# --- shared pieces ----------------------------------------------------------


class Jurisdiction(Node):
    """Where the council is: what fixes its seasons, and, for readers, its country and region."""

    country: Optional[str] = describe(
        "Country", "The country, as an ISO 3166-1 alpha-2 code, or an ISO 3166-2 code for a part of one.",
        examples=["GB", "GB-ENG", "AU", "AU-NSW", "US-MN"], default=None,
        pattern=r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
    region: Optional[str] = describe("Region", "The state, province or region, as published.",
                                     examples=["New South Wales", "Minnesota"], default=None)
    hemisphere: Optional[Literal["north", "south"]] = describe(
        "Hemisphere", "Whose seasons a plain season (-21 to -24) means: 'south' makes summer 2024 December 2024 "
        "to February 2025. When left out, it follows the country (southern for AU, NZ, ZA and others), else "
        "north.", examples=["south"], default=None)


class Identifier(Node):
    """An identifier of an organisation in a public register."""

    scheme: str = describe("Scheme", "The register the identifier comes from, as an org-id.guide prefix or a "
                           "short name.", examples=["GB-LAE", "GB-COH", "GB-GOV"])
    id: str = describe("Identifier", "The identifier within that register.", examples=["LND"])


class Source(Node):
    """A document the plan, or part of it, was taken from."""

    title: str = describe("Title", "The source document's title.", examples=["London Councils Business Plan 2020/21"])
    publisher: Optional[str] = describe("Publisher", "Who published it.", examples=["London Councils"], default=None)
    date: Optional[FuzzyDate] = describe("Date", "When it was published.", default=None)
    url: Optional[str] = describe("Web address", "Where it was published, if online. Never fetched by tools.",
                                  default=None)
    file: Optional[str] = describe("File", "A file name or path of the copy used.", default=None)
    format: Optional[str] = describe("Format", "The format of the copy used.", examples=["PDF", "Word"],
                                     default=None)
    note: Optional[str] = describe("Note", "Anything else about the source.", default=None)


class Repair(Node):
    """A place where the encoder repaired damage in the source text, such as a list letter lost in extraction."""

    where: str = describe("Where", "The id of the item repaired, or a description of the place.",
                          examples=["out.finance.fair-funding.c"])
    what: str = describe("What", "What was repaired and why.",
                         examples=["List letter c. was lost in extraction; restored between b. and d."])


class Provenance(Node):
    """How this file was made."""

    encoded_by: Optional[str] = describe("Encoded by", "Who encoded the file.", default=None)
    encoded_on: Optional[str] = describe("Encoded on", "When it was encoded (a day).", default=None,
                                         json_schema_extra={"format": "date"})
    method: Optional[str] = describe("Method", "How it was encoded.", examples=["By hand from the PDF text."],
                                     default=None)
    repairs: Optional[list[Repair]] = describe("Repairs", "Repairs made to damage in the source text.",
                                               default=None)
    note: Optional[str] = describe("Note", "Anything else about how the file was made.", default=None)

    _real_days = field_validator("encoded_on")(_real_day)


class Statement(Node):
    """A numbered or bulleted statement: a commitment, a principle, a sub-item or a recommendation."""

    id: Optional[str] = describe("Identifier", "A stable identifier, if the statement needs to be referenced.",
                                 default=None, pattern=ID_PATTERN)
    number: Optional[str | Integer] = describe("Display number", "The number or letter the document shows.",
                                               examples=["i", "ii", "1"], default=None)
    text: str = describe("Text", "The statement, as published.")
    items: Optional[list[Statement]] = describe("Items", "Statements listed under this one.", default=None)


class OwnerLink(Node):
    """Who owns an item, and in what role."""

    ref: str = ref("Owner", "The id of a post, person, body or organisation in a registry.",
                        examples=["post.chief-executive", "body.executive", "org.gla"], kinds=["Post", "Person", "Body", "Organisation"])
    role: Code("owner-role") = describe("Role", "The owner's role.", codelist="owner-role", examples=["lead"],
                                        default="lead")
    note: Optional[str] = describe("Note", "Anything about this ownership.", default=None)
    confidence: Optional[Confidence] = _confidence("the owner")


class PledgeLink(Node):
    """A typed link from an objective, output or milestone to a pledge."""

    pledge: str = ref("Pledge", "The id of a pledge, or of a whole pledge set when the plan links to the set as a "
                      "whole.", examples=["pledge.londoners.7", "pledges.londoners"],
                           kinds=["Pledge", "PledgeSet"])
    type: Code("pledge-link-type") = describe("Link type", "How the item relates to the pledge.",
                                              codelist="pledge-link-type", examples=["delivers"])
    note: Optional[str] = describe("Note", "Anything about this link.", default=None)


Day = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", json_schema_extra={"format": "date"})]
# 1.0 took only a day; its schema keeps the bytes it was published with.
_DAY_ONLY_1_0 = {"anyOf": None, "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "type": "string",
                 "description": "The day the update was recorded."}


def _real_day_if_text(value: Any) -> Any:
    return _real_day(value) if isinstance(value, str) else value


class ProgressUpdate(Node):
    """A status or progress report recorded at a point in time."""

    date: Day | FuzzyDate = describe(
        "Date", "The day the update was recorded, or the period it reports on as a date with its wording "
        "(FY2023-Q3, 'Quarter 3 2023/24').",
        examples=["2020-10-31", {"value": "FY2023-Q3", "text": "Quarter 3 2023/24"}],
        json_schema_extra={"_versions": {"1.0": {**_DAY_ONLY_1_0, "examples": ["2020-10-31"]}}})
    status: Optional[Code("progress-status")] = describe("Status", "Where the item stands.",
                                                         codelist="progress-status", default=None)
    rag: Optional[Code("rag")] = describe("RAG rating", "Red, amber or green, as the council reports it.",
                                          codelist="rag", default=None)
    percent_complete: Optional[float] = describe("Percent complete", "How much is done, from 0 to 100.",
                                                 default=None, ge=0, le=100)
    value: Optional[float] = describe("Value", "For an indicator: the actual value measured.", default=None)
    note: Optional[str] = describe("Note", "What the update says.", default=None)
    stage: Optional[str] = describe(
        "Stage", "The council's own status word, one of the labels of the plan's status_scale.",
        examples=["Some disruption"], default=None, since="1.1")
    commentary: Optional[str] = describe("Commentary", "The commentary on progress, as published.", default=None,
                                         since="1.1")
    revised_due: Optional[FuzzyDate] = describe(
        "Revised due date", "The revised or forecast date, when the item will be later (or earlier) than due.",
        default=None, since="1.1")

    _real_days = field_validator("date")(_real_day_if_text)
    _numbers = field_validator("percent_complete", "value", mode="wrap")(_any_json_number)


class Observation(Node):
    """A value of an indicator at a point or over a period."""

    value: float = describe("Value", "The value.", examples=[60])
    date: Optional[FuzzyDate] = describe("Date", "When the value applies.", default=None)
    text: Optional[str] = describe("Published wording", "The value as published.", default=None)

    _numbers = field_validator("value", mode="wrap")(_any_json_number)


ChangeUnit = Literal["percent", "absolute"]


class RelativeTarget(Node):
    """A target stated as a change from the baseline ('cut by a fifth', 'up 10 points')."""

    change: float = describe("Change", "The change from the baseline: negative for a fall.", examples=[-20, 10])
    unit: ChangeUnit = describe("Unit of the change", "'percent' for a change in per cent of the baseline, "
                                "'absolute' for a change in the indicator's own unit.", examples=["percent"])
    from_: Literal["baseline"] = describe("From", "What the change is counted from: the indicator's baseline.",
                                          default="baseline", alias="from")
    _numbers = field_validator("change", mode="wrap")(_any_json_number)


# 1.0 required a value; 1.1 needs a value, a relative change or a due date (a date-only target).
_TARGET_1_1_SAYS = [{"required": ["value"]}, {"required": ["relative"]}, {"required": ["due"]}]


class Target(Node):
    """A target: a value to reach by a date."""

    value: Optional[float] = describe("Value", "The target value.", examples=[100, 1000], default=None)
    due: Optional[FuzzyDate] = describe("Due", "When the target should be met.", default=None)
    text: Optional[str] = describe("Published wording", "The target as published.",
                                   examples=["100 digital apprentices"], default=None)
    qualifier: Optional[Code("target-qualifier")] = describe(
        "Qualifier", "Whether the value is a floor, a ceiling, a rough aim or exact.", codelist="target-qualifier",
        examples=["at-least"], default=None, since="1.1")
    kind: Optional[Code("target-kind")] = describe(
        "Kind", "A target the council commits to, a forecast, or a benchmark to compare with.",
        codelist="target-kind", examples=["target"], default=None, since="1.1")
    period: Optional[FuzzyDate] = describe(
        "Period", "The period the target is for (FY2014-Q2), where it is set per reporting period.", default=None,
        since="1.1")
    relative: Optional[RelativeTarget] = describe(
        "Relative target", "The target as a change from the baseline, instead of or beside a value.", default=None,
        since="1.1")

    _numbers = field_validator("value", mode="wrap")(_any_json_number)

    @model_validator(mode="after")
    def _says_something(self) -> "Target":
        if self.value is None and self.relative is None and self.due is None:
            raise ValueError("a target needs a value, a relative change, or a due date")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        target["anyOf"] = _TARGET_1_1_SAYS
        target["_versions"] = {"1.0": {"anyOf": None, "required": ["value"]}}
        return schema


class Tolerance(Node):
    """How far from target an actual may be and still count as green or amber."""

    green_within: float = describe("Green within", "The largest distance from target that is still green.",
                                   examples=[5], ge=0)
    amber_within: float = describe("Amber within", "The largest distance from target that is still amber; "
                                   "beyond it, red.", examples=[10], ge=0)
    unit: ChangeUnit = describe("Unit", "'percent': the distance in per cent of the target; 'absolute': in the "
                                "indicator's own unit.", examples=["percent"], default="percent")

    _numbers = field_validator("green_within", "amber_within", mode="wrap")(_any_json_number)


class Metric(Node):
    """An indicator's identifier in an external catalogue of metrics, so councils can be compared."""

    scheme: str = describe("Scheme", "The catalogue.", examples=["lginform"])
    id: str = describe("Identifier", "The metric's identifier in that catalogue.", examples=["12345"])


class Indicator(Node):
    """A measure of progress, with its baseline, targets and actuals."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["ind.digital-apprentices"])
    title: str = describe("Title", "What is measured.", examples=["Digital apprentices in place across LOTI boroughs"])
    unit: Optional[str] = describe("Unit", "The unit of the values.", examples=["apprentices", "%", "charging points"],
                                   default=None)
    direction: Optional[Code("direction")] = describe("Direction", "Whether higher or lower values are better.",
                                                      codelist="direction", default=None)
    baseline: Optional[Observation] = describe("Baseline", "The starting value.", default=None)
    targets: Optional[list[Target]] = describe("Targets", "The targets, per period.", default=None)
    progress: Optional[list[ProgressUpdate]] = describe("Actuals and progress", "Values and status over time.",
                                                        default=None)
    source: Optional[str] = describe("Data source", "Where the values come from.", default=None)
    number: Optional[str | Integer] = describe("Published reference", "The indicator's reference as published.",
                                               examples=["FI06", "KPI 12"], default=None, since="1.1")
    owners: Optional[list[OwnerLink]] = describe("Owners", "Who owns the indicator.", default=None, since="1.1")
    class_: Optional[Code("indicator-class")] = describe(
        "Class", "What sort of indicator it is.", codelist="indicator-class", examples=["performance"],
        default=None, since="1.1", alias="class")
    frequency: Optional[Code("recurrence")] = describe(
        "Reporting frequency", "How often the indicator is reported.", codelist="recurrence",
        examples=["quarterly"], default=None, since="1.1")
    decimals: Optional[Count] = describe("Decimal places", "How many decimal places the values are shown with.",
                                         examples=[1], default=None, since="1.1")
    metric: Optional[Metric] = describe("External metric", "The indicator's id in an external catalogue of "
                                        "metrics, such as LG Inform.", default=None, since="1.1")
    tolerance: Optional[Tolerance] = describe(
        "Tolerance", "The RAG thresholds for this indicator; without it, the plan's tolerance applies.",
        default=None, since="1.1")


class StatusWord(Node):
    """One of the council's own status words, mapped to the core status and RAG so tools can add them up."""

    label: str = describe("Label", "The status word as the council publishes it.",
                          examples=["Some disruption", "Complete (Green)"])
    status: Optional[Code("progress-status")] = describe(
        "Status", "The core status the word means.", codelist="progress-status", examples=["at-risk"], default=None)
    rag: Optional[Code("rag")] = describe("RAG rating", "The RAG rating the word means.", codelist="rag",
                                          examples=["amber"], default=None)
    description: Optional[str] = describe("Description", "What the word means, as the council defines it.",
                                          default=None)


class Note(Node):
    """A note or caveat about the plan or about some of its items."""

    id: Optional[str] = describe("Identifier", "A stable identifier.", default=None, pattern=ID_PATTERN)
    kind: Code("note-kind") = describe("Kind", "What sort of note it is.", codelist="note-kind", examples=["caveat"])
    title: Optional[str] = describe("Title", "A heading, if the note has one.", default=None)
    text: str = describe("Text", "The note, as published.")
    items: Optional[list[Statement]] = describe("Items", "A list that belongs to the note.", default=None)
    applies_to: Optional[list[RefId]] = ref_list("Applies to", "Ids of the items the note is about.", kinds="any")


class Change(Node):
    """A change from the previous edition: an addition, withdrawal, renumbering, split or merger."""

    kind: Code("change-kind") = describe("Kind", "What changed.", codelist="change-kind", examples=["renumbered"])
    items: list[RefId] = describe("Items", "Ids of the items in this edition that the change concerns.",
                                  examples=[["area.finance"]], json_schema_extra={"references": "any"})
    previous_items: Optional[list[RefId]] = describe(
        "Previous items", "Ids of the items in the previous edition (for splits, merges and replacements).",
        default=None, json_schema_extra={"references": "previous-edition"})
    from_number: Optional[str | Integer] = describe("Previous number", "The display number in the previous edition.",
                                                    default=None)
    to_number: Optional[str | Integer] = describe("New number", "The display number in this edition.", default=None)
    reason: Optional[str] = describe("Reason", "Why, where the source gives a reason.", default=None)
    note: Optional[str] = describe("Note", "Anything else about the change.", default=None)


# --- registries --------------------------------------------------------------


class Organisation(Node):
    """An organisation: the plan's publisher, or a partner."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["org.london-councils"])
    name: str = describe("Name", "The organisation's name.", examples=["London Councils"])
    kind: Optional[Code("organisation-kind")] = describe("Kind", "What sort of organisation it is.",
                                                         codelist="organisation-kind", default=None)
    identifier: Optional[Identifier] = describe("Register identifier", "Its identifier in a public register.",
                                                default=None)
    abbreviation: Optional[str] = describe("Abbreviation", "The short form the plans use.", examples=["GLA"],
                                           default=None)
    url: Optional[str] = describe("Web address", "Its website.", default=None)
    description: Optional[str] = describe("Description", "What the organisation is, where its name is not enough.",
                                          default=None)


class Body(Node):
    """A part of an organisation: a committee, board, directorate, team or group."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["body.leaders-committee"])
    name: str = describe("Name", "The body's name.", examples=["Leaders' Committee"])
    kind: Code("body-kind") = describe("Kind", "What sort of body it is.", codelist="body-kind", examples=["committee"])
    organisation: Optional[str] = ref("Organisation", "The id of the organisation it belongs to.",
                                           default=None, kinds=["Organisation"])
    parent: Optional[str] = ref("Parent body", "The id of the body it sits within.", default=None,
                                     kinds=["Body"])
    abbreviation: Optional[str] = describe("Abbreviation", "The short form the plans use.", examples=["TEC"],
                                           default=None)
    description: Optional[str] = describe("Description", "What the body does.", default=None)
    predecessor: Optional[str] = ref("Predecessor", "The id of the body this one replaced, such as a directorate "
                                     "before it was renamed.", default=None, kinds=["Body"], since="1.1")


class Person(Node):
    """A named person. Posts are kept separate: people come and go, posts remain."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["person.john-obrien"])
    name: str = describe("Name", "The person's name as published.", examples=["John O'Brien"])
    honorific_suffix: Optional[str] = describe("Honours", "Letters after the name.", examples=["OBE"], default=None)
    email: Optional[str] = describe("Email", "A work email address, as published.", default=None)
    telephone: Optional[str] = describe("Telephone", "A work telephone number, as published.", default=None)


class Tenure(Node):
    """A person holding a post for a time, or a time when the post was vacant or held by someone unnamed."""

    person: Optional[str] = ref("Person", "The id of the person. May be left out when the status is given: a vacant "
                                "post, or an acting holder the source does not name.", kinds=["Person"], default=None)
    status: Optional[Code("tenure-status")] = describe(
        "Status", "How the post is held: substantive, acting, interim, or vacant.", codelist="tenure-status",
        examples=["acting"], default=None, since="1.1")
    start: Optional[FuzzyDate] = describe("From", "When they took the post.", default=None)
    end: Optional[FuzzyDate] = describe("Until", "When they left it.", default=None)
    note: Optional[str] = describe("Note", "Anything about the tenure.", default=None)

    @model_validator(mode="after")
    def _holder_or_status(self) -> "Tenure":
        if self.person is None and self.status is None:
            raise ValueError("a tenure needs a person, or a status such as vacant")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = _needs_one_of(handler, core_schema, ["person", "status"], ["person"])
        target = handler.resolve_ref_schema(schema)
        target["_versions"]["1.0"]["description"] = "A person holding a post for a time."
        target["properties"]["person"]["_versions"] = {"1.0": {"description": "The id of the person."}}
        return schema


class Post(Node):
    """A post or role, such as a portfolio holder or the chief executive, separate from who holds it."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["post.chief-executive"])
    title: str = describe("Title", "The post's title.", examples=["Chief Executive", "Executive member for Housing"])
    organisation: Optional[str] = ref("Organisation", "The id of the organisation the post is in.", default=None,
                                           kinds=["Organisation"])
    body: Optional[str] = ref("Body", "The id of the body the post belongs to.", default=None,
                                   kinds=["Body"])
    holders: Optional[list[Tenure]] = describe("Holders", "Who has held the post, and when.", default=None)


class Pledge(Node):
    """One pledge in a pledge set."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["pledge.londoners.1"])
    number: Optional[str | Integer] = describe("Display number", "The pledge's number in the published set.",
                                               default=None)
    title: Optional[str] = describe("Title", "A heading, if the pledge has one.", default=None)
    text: str = describe("Text", "The pledge, as published.")
    targets: Optional[list[Target]] = describe("Targets", "Targets stated inside the pledge.", default=None)


class PledgeSet(Node):
    """A set of political commitments agreed outside any one plan, such as the Pledges to Londoners."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["pledges.londoners"])
    title: str = describe("Title", "The set's title.", examples=["Pledges to Londoners"])
    agreed_by: Optional[str] = ref("Agreed by", "The id of the body that agreed it.", default=None,
                                        kinds=["Body", "Organisation"])
    agreed_on: Optional[FuzzyDate] = describe("Agreed on", "When it was agreed.", default=None)
    description: Optional[str] = describe("Description", "What the set is.", default=None)
    source: Optional[Source] = describe("Source", "Where the set was published.", default=None)
    pledges: Optional[list[Pledge]] = describe(
        "Pledges", "The pledges. May be empty when the set is known only by name.", default=None)


class Event(Node):
    """An external event a plan is timed around, such as a Spending Review or an election."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["spending-review-2020"])
    title: str = describe("Title", "The event's name.", examples=["Spending Review 2020"])
    kind: Optional[Code("event-kind")] = describe("Kind", "What sort of event it is.", codelist="event-kind",
                                                  default=None)
    date: Optional[FuzzyDate] = describe("Date", "When it happens. May be left out for an undated event; use "
                                         "tbc: true when the source says the date is to be confirmed.",
                                         default=None)
    description: Optional[str] = describe("Description", "What the event is.", default=None)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        target["_versions"] = {"1.0": {"required": ["id", "title", "date"]}}
        target["properties"]["date"]["_versions"] = {"1.0": {"description": "When it happens."}}
        return schema


class GlossaryEntry(Node):
    """An acronym or term, with what it stands for."""

    term: str = describe("Term", "The acronym or term as the plan writes it.", examples=["LOTI"])
    expansion: Optional[str] = describe("Expansion", "What the acronym stands for.",
                                        examples=["London Office of Technology and Innovation"], default=None)
    definition: Optional[str] = describe("Definition", "A plain-English explanation.", default=None)
    source: Optional[Literal["published", "added"]] = describe(
        "Source of the entry", "'published' if the plan itself defines the term, 'added' if the encoder added it.",
        default=None)


class Theme(Node):
    """A cross-cutting theme. Themes are not parents of objectives: work 'relates to' them."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["theme.resourcing-london"])
    number: Optional[str | Integer] = describe("Display number", "The number the document shows.", default=None)
    title: str = describe("Title", "The theme as published.", examples=["Resourcing London"])
    description: Optional[str] = describe("Description", "The text introducing the theme.", default=None)
    same_as: Optional[str] = ref(
        "Same theme as", "The id of the recurring theme, defined in a registry, that this plan's theme continues.",
        default=None, kinds=["Theme"])
    commitments: Optional[list[Statement]] = describe("Commitments", "What the plan commits to under the theme "
                                                      "('we will ...').", default=None)


class ParentPlan(Node):
    """A plan this plan sits under in the council's cascade of plans (the golden thread)."""

    id: str = describe("Plan identifier", "The parent plan's id.", pattern=ID_PATTERN,
                       examples=["louisville-metro-strategic-plan"])
    path: Optional[str] = describe(
        "Path", "The parent plan's file, relative to this file. Read when present; never fetched.",
        examples=["../metro/plan.yaml"], default=None)
    url: Optional[str] = describe("Web address", "Where the parent plan is published, for a plan not on disk. "
                                  "Never fetched by tools.", default=None)
    title: Optional[str] = describe("Title", "The parent plan's title.",
                                    examples=["Louisville Metro Government Strategic Plan"], default=None)
    relation: Optional[Code("plan-relation")] = describe(
        "Relation", "How this plan relates to the parent plan.", codelist="plan-relation",
        examples=["implements"], default=None)
    note: Optional[str] = describe("Note", "Anything about this link.", default=None)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return _added_in(handler, core_schema, "1.1")


class ServesLink(Node):
    """A typed link from an item to an item of a parent plan (or of this plan) that it serves."""

    plan: str = describe("Plan served", "The id of the plan that holds the item served: one of this plan's `parents`, "
                         "or this plan's own id.", pattern=ID_PATTERN, examples=["louisville-metro-strategic-plan"])
    item: str = describe("Item served", "The id of the item served, in that plan.", pattern=ID_PATTERN,
                         examples=["obj.mayor.1"])
    relation: Code("serves-relation") = describe("Relation", "How this item serves that one.",
                                                 codelist="serves-relation", examples=["contributes-to"])
    number: Optional[str | Integer] = describe("Display number", "The served item's number as this plan prints "
                                               "it.", examples=["6.1"], default=None)
    note: Optional[str] = describe("Note", "Anything about this link.", default=None)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return _added_in(handler, core_schema, "1.1")


def _added_in(handler: Any, core_schema: Any, since: str) -> dict[str, Any]:
    """The schema of a whole object added in ``since``: earlier versions' schemas leave out its definition."""
    schema = handler(core_schema)
    handler.resolve_ref_schema(schema)["_versions"] = absent_before(since)
    return schema


class Level(Node):
    """One of the plan's own levels, top-down: what the plan calls its areas, objectives, outputs or milestones."""

    id: str = describe("Identifier", "The level's identifier, which items name in their `level`.",
                       pattern=ID_PATTERN, examples=["goal", "strategy", "action"])
    name: str = describe("Name", "The level's name, singular, as the plan publishes it.",
                         examples=["Goal", "Strategy", "Action"])
    plural: Optional[str] = describe("Plural", "The plural, where adding 's' is wrong.", examples=["Activities"],
                                     default=None)
    kind: Code("level-kind") = describe("Kind", "The kind of item at this level: area, objective, output or "
                                        "milestone.", codelist="level-kind", examples=["objective"])
    description: Optional[str] = describe("Description", "What the level means in this plan.", default=None)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return _added_in(handler, core_schema, "1.1")


def _level_field(kind: str) -> Any:
    return describe("Level", f"The id of the plan's level this {kind} is at (one of `levels`). Without it, the "
                    f"first declared level of kind {kind}.", examples=["strategy"], default=None,
                    pattern=ID_PATTERN, since="1.1")


def _untitled_field(title: str) -> Any:
    return describe("Untitled", f"True when the source publishes only a number; {title} may then be left out.",
                    examples=[True], default=None, since="1.1")


def _words_field(title: str, description: str, examples: list[str]) -> Any:
    return describe(title, description, examples=[examples], default=None, since="1.1")


Untitled = Optional[Annotated[Literal[True], BeforeValidator(_only_true)]]
_BENEFICIARIES = ("Beneficiaries", "Who the item is for, as the plan words it: residents, customers, groups.",
                  ["older residents", "local businesses"])
_LOCATIONS = ("Locations", "Where the item happens, as the plan words it: wards, towns, sites.",
              ["Town centre", "North ward"])
_TAGS = ("Tags", "Free labels the plan gives the item.", ["climate", "digital"])


def _serves_field(kind: str) -> Any:
    return describe("Serves", f"Items of parent plans (or of this plan) that this {kind} serves.", default=None,
                    since="1.1")


def _measured_by_field(kind: str) -> Any:
    return ref_list("Measured by", f"Ids of the plan's or a registry's indicators that measure the {kind}.",
                    kinds=["Indicator"], since="1.1")


_Item = TypeVar("_Item", bound=Node)


def plan_item(kind: str, untitled: str = "the title") -> Callable[[type[_Item]], type[_Item]]:
    """Adds the item fields of 1.1 that areas, objectives, outputs and milestones share (level, untitled,
    beneficiaries, locations, tags, confidence) after the class's own fields, as a subclass of the same name.
    ``untitled``: what an untitled item may leave out. Added after rather than inherited, because a base class's
    fields would come first, and field order is the order of the published schema's properties and of the
    workbook's columns."""
    def with_item_fields(cls: type[_Item]) -> type[_Item]:
        return create_model(
            cls.__name__, __base__=cls, __module__=cls.__module__, __doc__=cls.__doc__,
            level=(Optional[str], _level_field(kind)),
            untitled=(Untitled, _untitled_field(untitled)),
            beneficiaries=(Optional[list[str]], _words_field(*_BENEFICIARIES)),
            locations=(Optional[list[str]], _words_field(*_LOCATIONS)),
            tags=(Optional[list[str]], _words_field(*_TAGS)),
            confidence=(Optional[Confidence], _confidence(f"the {kind}")))
    return with_item_fields


def _titled(item: Any, what: str = "title") -> Any:
    if item.title is None and item.untitled is None:
        raise ValueError(f"needs a {what}, or untitled: true when the source publishes only a number")
    return item


def _titled_schema(cls: Any, core_schema: Any, handler: Any) -> dict[str, Any]:
    """The schema side of _titled: a title or untitled: true, where 1.0 required the title."""
    return _needs_one_of(handler, core_schema, ["title", "untitled"], ["id", "title"])


# --- plan content -----------------------------------------------------------


@plan_item("output", untitled="text and title")
class Output(Node):
    """A deliverable under an objective, usually lettered (a., b., ...)."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["out.loti.apprentices"])
    number: Optional[str | Integer] = describe("Display number", "The letter or number the document shows.",
                                               examples=["a"], default=None)
    text: Optional[str] = describe("Text", "The output, as published.",
                                   examples=["100 digital apprentices in place across LOTI boroughs."], default=None)
    sub_items: Optional[list[Statement]] = describe("Sub-items", "The output's sub-items (i., ii., or bullets).",
                                                    default=None)
    owners: Optional[list[OwnerLink]] = describe("Owners", "Who owns the output.", default=None)
    due: Optional[FuzzyDate] = describe("Due", "When the output is due.", default=None)
    themes: Optional[list[RefId]] = ref_list("Themes", "Ids of the themes the output relates to.", kinds=["Theme"])
    pledges: Optional[list[PledgeLink]] = describe("Pledges", "Links to pledges.", default=None)
    serves: Optional[list[ServesLink]] = _serves_field("output")
    events: Optional[list[RefId]] = ref_list("Events", "Ids of external events the output depends on.", kinds=["Event"])
    indicators: Optional[list[Indicator]] = describe("Indicators", "Measures and targets of the output.",
                                                     default=None)
    measured_by: Optional[list[RefId]] = _measured_by_field("output")
    progress: Optional[list[ProgressUpdate]] = describe("Progress", "Status updates over time.", default=None)
    notes: Optional[list[Note]] = describe("Notes", "Notes about the output.", default=None)
    # 1.1 fields come after the 1.0 ones, so a 1.0 workbook's columns keep their places
    title: Optional[str] = describe("Title", "The output's heading, where the source gives one beside its text.",
                                    examples=["Digital apprentices"], default=None, since="1.1")
    description: Optional[str] = describe("Description", "Further text about the output.", default=None,
                                          since="1.1")
    # and the 1.1 item fields, added by @plan_item: level, untitled, beneficiaries, locations, tags, confidence

    @model_validator(mode="after")
    def _has_text(self) -> "Output":
        if self.text is None and self.title is None and self.untitled is None:
            raise ValueError("an output needs text or a title, or untitled: true when the source publishes only a "
                             "number")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return _needs_one_of(handler, core_schema, ["text", "title", "untitled"], ["id", "text"])


@plan_item("objective")
class Objective(Node):
    """A priority or objective, with its outcome statement and outputs."""

    id: str = describe("Identifier", "A stable identifier; unlike the display number it never changes.",
                       pattern=ID_PATTERN, examples=["obj.fair-funding"])
    number: Optional[str | Integer] = describe("Display number", "The number the document shows.",
                                               examples=["2.1", "12", "2.4 LOTI"], default=None)
    title: Optional[str] = describe("Title", "The priority as published.",
                                    examples=["Delivering fair levels of funding for local public services in London"],
                                    default=None)
    outcome: Optional[str] = describe("Outcome statement", "The result the objective aims for.",
                                      examples=["London local government receives its fair share of central "
                                                "government funding."], default=None)
    description: Optional[str] = describe("Description", "Further text about the objective.", default=None)
    parent: Optional[str] = ref("Parent objective", "The id of the objective this one sits under.",
                                     default=None, kinds=["Objective"])
    due: Optional[FuzzyDate] = describe("Due", "When the objective is due, where the plan gives a date.",
                                        default=None)
    owners: Optional[list[OwnerLink]] = describe("Owners", "Who owns the objective.", default=None)
    themes: Optional[list[RefId]] = ref_list("Themes", "Ids of the themes the objective relates to.", kinds=["Theme"])
    pledges: Optional[list[PledgeLink]] = describe("Pledges", "Links to pledges.", default=None)
    serves: Optional[list[ServesLink]] = _serves_field("objective")
    outputs: Optional[list[Output]] = describe("Outputs", "The objective's outputs.", default=None)
    indicators: Optional[list[Indicator]] = describe("Indicators", "Measures and targets of the objective.",
                                                     default=None)
    measured_by: Optional[list[RefId]] = _measured_by_field("objective")
    progress: Optional[list[ProgressUpdate]] = describe("Progress", "Status updates over time.", default=None)
    notes: Optional[list[Note]] = describe("Notes", "Notes about the objective.", default=None)
    # and the 1.1 item fields, added by @plan_item: level, untitled, beneficiaries, locations, tags, confidence

    _titled = model_validator(mode="after")(_titled)
    __get_pydantic_json_schema__ = classmethod(_titled_schema)


@plan_item("area")
class Area(Node):
    """A portfolio, directorate, policy area or service that groups objectives."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["area.finance"])
    number: Optional[str | Integer] = describe("Display number", "The number the document shows.", examples=["2"],
                                               default=None)
    title: Optional[str] = describe("Title", "The area's name as published.",
                                    examples=["Finance, Performance & Improvement"], default=None)
    kind: Optional[Code("area-kind")] = describe("Kind", "What sort of grouping it is.", codelist="area-kind",
                                                 default=None)
    description: Optional[str] = describe("Description", "Text introducing the area.", default=None)
    parent: Optional[str] = ref("Parent area", "The id of the area this one sits within.", default=None,
                                     kinds=["Area"])
    owners: Optional[list[OwnerLink]] = describe("Owners", "Who owns the area.", default=None)
    serves: Optional[list[ServesLink]] = _serves_field("area")
    objectives: Optional[list[Objective]] = describe("Objectives", "The area's objectives.", default=None)
    measured_by: Optional[list[RefId]] = _measured_by_field("area")
    notes: Optional[list[Note]] = describe("Notes", "Notes about the area.", default=None)
    # and the 1.1 item fields, added by @plan_item: level, untitled, beneficiaries, locations, tags, confidence

    _titled = model_validator(mode="after")(_titled)
    __get_pydantic_json_schema__ = classmethod(_titled_schema)


@plan_item("milestone")
class Milestone(Node):
    """A dated point of delivery, linked to any number of objectives and outputs."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["ms.ukspf-plan"])
    number: Optional[str | Integer] = describe("Display number", "The number the document shows.", default=None)
    title: Optional[str] = describe("Title", "What will have happened.",
                                    examples=["Submit co-designed UKSPF investment plan"], default=None)
    description: Optional[str] = describe("Description", "The rest of the milestone's text.", default=None)
    due: Optional[FuzzyDate] = describe("Due", "When the milestone is due.", default=None)
    objectives: Optional[list[RefId]] = ref_list("Objectives", "Ids of the objectives the milestone serves.", kinds=["Objective"])
    outputs: Optional[list[RefId]] = ref_list("Outputs", "Ids of the outputs the milestone serves.", kinds=["Output"])
    part_of: Optional[str] = ref("Part of", "The id of a milestone this one is a step of.", default=None,
                                      kinds=["Milestone"])
    owners: Optional[list[OwnerLink]] = describe("Owners", "Who owns the milestone.", default=None)
    themes: Optional[list[RefId]] = ref_list("Themes", "Ids of the themes the milestone relates to.", kinds=["Theme"])
    pledges: Optional[list[PledgeLink]] = describe("Pledges", "Links to pledges.", default=None)
    serves: Optional[list[ServesLink]] = _serves_field("milestone")
    events: Optional[list[RefId]] = ref_list("Events", "Ids of external events the milestone is timed around.", kinds=["Event"])
    indicators: Optional[list[Indicator]] = describe("Indicators", "Measures and targets stated in the milestone.",
                                                     default=None)
    measured_by: Optional[list[RefId]] = _measured_by_field("milestone")
    progress: Optional[list[ProgressUpdate]] = describe("Progress", "Status updates over time.", default=None)
    notes: Optional[list[Note]] = describe("Notes", "Notes about the milestone.", default=None)
    # and the 1.1 item fields, added by @plan_item: level, untitled, beneficiaries, locations, tags, confidence

    _titled = model_validator(mode="after")(_titled)
    __get_pydantic_json_schema__ = classmethod(_titled_schema)


class Section(Node):
    """A narrative section kept as published: a foreword, purpose, context or implications."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["sec.foreword"])
    number: Optional[str | Integer] = describe("Display number", "The number the document shows.", default=None)
    kind: Code("section-kind") = describe("Kind", "What sort of section it is.", codelist="section-kind")
    title: Optional[str] = describe("Title", "The section's heading.", default=None)
    text: Optional[str] = describe("Text", "The section's paragraphs, separated by blank lines.", default=None)
    items: Optional[list[Statement]] = describe("Items", "A list in the section.", default=None)
    authors: Optional[list[OwnerLink]] = describe("Authors", "Who wrote or signed the section.", default=None)


class Implication(Node):
    """An implication stated in the report: financial, legal, equalities and so on."""

    kind: Code("implication-kind") = describe("Kind", "What sort of implication.", codelist="implication-kind")
    title: Optional[str] = describe("Title", "The heading as published.", default=None)
    text: str = describe("Text", "The implication, as published.")


class Report(Node):
    """The committee report the plan was published in."""

    title: Optional[str] = describe("Title", "The report's title.", default=None)
    committee: Optional[str] = ref("Committee", "The id of the body the report went to.", default=None,
                                        kinds=["Body", "Organisation"])
    meeting_date: Optional[FuzzyDate] = describe("Meeting date", "The date of the meeting.", default=None)
    item: Optional[str | Integer] = describe("Item number", "The agenda item number.", examples=["9"], default=None)
    author: Optional[str] = ref("Report by", "The id of the person who wrote the report.", default=None,
                                     kinds=["Person"])
    author_post: Optional[str] = ref("Author's post", "The id of the author's post.", default=None,
                                          kinds=["Post"])
    contact: Optional[str] = ref("Contact officer", "The id of the contact officer.", default=None,
                                      kinds=["Person"])
    summary: Optional[str] = describe("Summary", "The report's summary, as published.", default=None)
    recommendations: Optional[list[Statement]] = describe("Recommendations", "What members are asked to do.",
                                                          default=None)
    implications: Optional[list[Implication]] = describe("Implications", "Financial, legal, equalities and other "
                                                         "implications.", default=None)
    appendices: Optional[list[str]] = describe("Appendices", "The appendices, as listed.", default=None)


class PreviousEdition(Node):
    """The edition this one replaces."""

    id: str = describe("Plan identifier", "The id of the previous edition.", pattern=ID_PATTERN)
    path: Optional[str] = describe("Path", "The previous edition's file, relative to this file.", default=None)


class Approval(Node):
    """One body's part in approving the edition, in its role."""

    by: str = ref("By", "The id of the body or organisation.", kinds=["Body", "Organisation"],
                  examples=["body.full-council"])
    role: Code("approval-role") = describe("Role", "What the body did: approves, adopts, endorses, notes, agrees "
                                           "or consents.", codelist="approval-role", examples=["adopts"])
    on: Optional[FuzzyDate] = describe("On", "When.", default=None)
    note: Optional[str] = describe("Note", "Anything about this approval.", default=None)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return _added_in(handler, core_schema, "1.1")


class Edition(Node):
    """Which edition of the plan this is, and who approved it."""

    status: Code("edition-status") = describe("Status", "Where the edition stands.", codelist="edition-status",
                                              examples=["approved"])
    series: Optional[str] = describe("Plan series", "The id shared by all editions of the same plan.", default=None,
                                     pattern=ID_PATTERN, examples=["london-councils-business-plan-2020-21"])
    label: Optional[str] = describe("Label", "The edition's name as published.", examples=["Final", "Draft"],
                                    default=None)
    date: Optional[FuzzyDate] = describe("Date", "The date of the edition.", default=None)
    approved_by: Optional[str] = ref("Approved by", "The id of the body that approved (or will approve) it.",
                                          default=None, kinds=["Body", "Organisation"])
    approved_on: Optional[FuzzyDate] = describe("Approved on", "When it was approved.", default=None)
    approvals: Optional[list[Approval]] = describe(
        "Approvals", "Every body that approves, adopts, endorses or notes the edition, each in its role, where more "
        "than one does (Council and a government department).", default=None, since="1.1")
    previous: Optional[PreviousEdition] = describe("Previous edition", "The edition this one replaces.",
                                                   default=None)
    changes: Optional[list[Change]] = describe("Changes", "What changed from the previous edition.", default=None)


class RegistryContent(Node):
    """The shared collections: may live in a registry file, or inline in a plan."""

    registries: Optional[list[str]] = describe(
        "Registries", "Paths of registry files this file uses, relative to it. Never web addresses.",
        examples=[["registry/london-councils.yaml"]], default=None)
    organisations: Optional[list[Organisation]] = describe("Organisations", "Organisations.", default=None)
    bodies: Optional[list[Body]] = describe("Bodies", "Committees, directorates, teams and groups.", default=None)
    posts: Optional[list[Post]] = describe("Posts", "Posts and roles.", default=None)
    people: Optional[list[Person]] = describe("People", "Named people.", default=None)
    themes: Optional[list[Theme]] = describe("Themes", "Cross-cutting themes with their commitments.", default=None)
    pledge_sets: Optional[list[PledgeSet]] = describe("Pledge sets", "Sets of pledges.", default=None)
    events: Optional[list[Event]] = describe("External events", "Dated events plans are timed around.",
                                             default=None)
    glossary: Optional[list[GlossaryEntry]] = describe("Glossary", "Acronyms and terms.", default=None)
    indicators: Optional[list[Indicator]] = describe(
        "Indicators", "Indicators with their targets, which objectives, outputs and milestones name in "
        "measured_by; several items can share one.", default=None, since="1.1")
    status_scale: Optional[list[StatusWord]] = describe(
        "Status scale", "The council's own status words, each mapped to the core status and RAG.", default=None,
        since="1.1")


_VERSION_DESCRIPTION = ("The OpenPlan schema version the file follows (MAJOR.MINOR). "
                        f"This package reads {', '.join(SUPPORTED_SCHEMA_VERSIONS)}.")
# What each version's own schema says of the field: a 1.0 file names 1.0, and the 1.0 schema never changes.
_VERSION_FIELD = {"1.0": {"const": "1.0", "enum": None, "examples": ["1.0"],
                          "description": "The OpenPlan schema version the file follows (MAJOR.MINOR). "
                                         "This package reads 1.0."}}


def _within_declared_version(cls: Any, data: Any) -> Any:
    """A file that declares an earlier version may use only what that version's schema defines: the models
    describe the newest version, so they check such a file against the schema its version published."""
    version = data.get("openplan") if isinstance(data, dict) else None
    if not isinstance(version, str) or version == SCHEMA_VERSION or version not in SUPPORTED_SCHEMA_VERSIONS:
        return data
    from .loader import Document  # here, so that the models load without the validator
    from .structure import check
    try:
        problems = [finding.message for finding in check(Document(path="", data=data, node=None, text=""),
                                                         version)]
    except ValueError:  # not JSON data at all (a Python date, say): the fields' own types refuse it
        return data
    if problems:
        shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
        raise ValueError(f'the file declares openplan: "{version}", and OpenPlan {version} does not allow it: {shown}')
    return data


_LEVELS = ("Levels", "The plan's own names for its levels, top-down (goal, strategy, action), each mapped to the "
           "kind of item at that level. Without them, tools say area, objective, output and milestone.")


class Registry(RegistryContent):
    """A registry file: organisations, posts, people, themes, pledges and events shared by many plans."""

    openplan: Literal[SUPPORTED_SCHEMA_VERSIONS] = describe(  # type: ignore[valid-type]
        "OpenPlan version", _VERSION_DESCRIPTION, examples=[SCHEMA_VERSION],
        json_schema_extra={"_versions": _VERSION_FIELD})
    kind: Literal["registry"] = describe("Kind of file", "Always 'registry' for a registry file.")
    id: str = describe("Identifier", "A stable identifier of the registry.", pattern=ID_PATTERN,
                       examples=["registry.london-councils"])
    title: str = describe("Title", "What the registry holds.", examples=["London Councils: organisation and posts"])
    description: Optional[str] = describe("Description", "More about the registry.", default=None)
    sources: Optional[list[Source]] = describe("Sources", "Documents the registry was taken from.", default=None)
    provenance: Optional[Provenance] = describe("Provenance", "How the file was made.", default=None)
    extensions: Optional[list[str]] = describe("Extensions", "Names of the extensions the file uses.", default=None)
    levels: Optional[list[Level]] = describe(*_LEVELS, default=None, since="1.1")

    _declared_version_only = model_validator(mode="before")(_within_declared_version)


class Plan(RegistryContent):
    """An OpenPlan business plan: one edition of a local-government plan."""

    openplan: Literal[SUPPORTED_SCHEMA_VERSIONS] = describe(  # type: ignore[valid-type]
        "OpenPlan version", _VERSION_DESCRIPTION, examples=[SCHEMA_VERSION],
        json_schema_extra={"_versions": _VERSION_FIELD})
    kind: Optional[Literal["plan"]] = describe("Kind of file", "'plan' (the default) for a plan.", default=None)
    id: str = describe("Identifier", "A stable identifier of this edition of the plan.", pattern=ID_PATTERN,
                       examples=["london-councils-business-plan-2020-21-final"])
    title: str = describe("Title", "The plan's title.", examples=["London Councils Business Plan 2020/21"])
    plan_type: Optional[Code("plan-type")] = describe(
        "Plan type", "What sort of plan it is: a community strategic plan, a delivery program, an operational plan.",
        codelist="plan-type", examples=["delivery-program"], default=None, since="1.1")
    organisation: str = ref("Organisation", "The id of the organisation whose plan it is.", kinds=["Organisation"],
                                 examples=["org.london-councils"])
    owners: Optional[list[OwnerLink]] = describe(
        "Owners", "Who owns the plan as a whole: a corporate director, a portfolio holder.", default=None,
        since="1.1")
    period: Period = describe("Period", "The span the plan covers.")
    jurisdiction: Optional[Jurisdiction] = describe(
        "Jurisdiction", "Where the council is: its country, region and hemisphere.", default=None, since="1.1")
    calendar: Code("calendar") = describe(
        "Calendar", "The year the plan counts in, which fixes what its quarters mean.", codelist="calendar",
        examples=["financial-april"], default="financial-april")
    language: Optional[str] = describe("Language", "The language of the text, as a BCP 47 tag.",
                                       examples=["en-GB"], default=None)
    edition: Edition = describe("Edition", "Which edition this is.")
    report: Optional[Report] = describe("Report", "The committee report the plan was published in.", default=None)
    parents: Optional[list[ParentPlan]] = describe(
        "Parent plans", "Plans this plan sits under: a delivery program under a community strategic plan, a "
        "service plan under a corporate plan.", default=None, since="1.1")
    sources: Optional[list[Source]] = describe("Sources", "Documents the plan was taken from.", default=None)
    provenance: Optional[Provenance] = describe("Provenance", "How the file was made.", default=None)
    extensions: Optional[list[str]] = describe("Extensions", "Names of the extensions the plan uses.", default=None)
    sections: Optional[list[Section]] = describe("Sections", "Narrative sections: foreword, purpose, context.",
                                                 default=None)
    principles: Optional[list[Statement]] = describe("Principles", "How the organisation works ('the way we work').",
                                                     default=None)
    pledges: Optional[list[PledgeLink]] = describe(
        "Pledges", "Links from the plan as a whole to pledges or pledge sets it reflects.", default=None)
    notes: Optional[list[Note]] = describe("Notes", "Notes and caveats about the plan.", default=None)
    levels: Optional[list[Level]] = describe(*_LEVELS, default=None, since="1.1")
    areas: Optional[list[Area]] = describe("Areas", "Portfolios, directorates and services, with their objectives.",
                                           default=None)
    objectives: Optional[list[Objective]] = describe(
        "Objectives", "Objectives directly under the plan, beside or instead of areas, where the plan has no "
        "grouping above them.", default=None, since="1.1")
    milestones: Optional[list[Milestone]] = describe("Milestones", "Dated milestones.", default=None)
    tolerance: Optional[Tolerance] = describe(
        "Tolerance", "The RAG thresholds for every indicator that does not set its own.", default=None, since="1.1")

    _declared_version_only = model_validator(mode="before")(_within_declared_version)



# --- progress reports (1.1) -------------------------------------------------

REPORT_VERSIONS = tuple(version for version in SUPPORTED_SCHEMA_VERSIONS if _key(version) >= _key("1.1"))


class PlanRef(Node):
    """The plan a progress report reports on."""

    id: str = describe("Plan identifier", "The id of the plan.", pattern=ID_PATTERN,
                       examples=["hart-corporate-plan-2014-15"])
    path: str = describe("Path", "The plan's file, relative to this report.", examples=["plan.yaml"])


class ReportRef(Node):
    """The progress report before this one."""

    id: str = describe("Report identifier", "The id of the previous report.", pattern=ID_PATTERN,
                       examples=["report.hart.2014-15.q1"])
    path: Optional[str] = describe("Path", "The previous report's file, relative to this report.", default=None,
                                   examples=["q1.yaml"])


class Presentation(Node):
    """A meeting the report was presented to."""

    to: str = ref("Presented to", "The id of the committee or body.", kinds=["Body", "Organisation"],
                  examples=["body.overview-scrutiny"])
    on: Optional[FuzzyDate] = describe("On", "The date of the meeting.", default=None)
    item: Optional[str | Integer] = describe("Item number", "The agenda item number.", examples=["7"], default=None)
    note: Optional[str] = describe("Note", "Anything about the presentation.", default=None)


class PublishedWording(Node):
    """The wording the source prints for each figure, kept beside the coded value."""

    status: Optional[str] = describe("Status", "The status as published.", examples=["On track"], default=None)
    rag: Optional[str] = describe("RAG rating", "The RAG rating as published.", examples=["G", "Amber"],
                                  default=None)
    percent_complete: Optional[str] = describe("Percent complete", "The percentage as published.",
                                               examples=["60%"], default=None)
    trend: Optional[str] = describe("Trend", "The trend as published.", examples=["Getting better"], default=None)


class ItemUpdate(Node):
    """A progress report's update on one plan item: an objective, output, milestone, pledge or area."""

    item: str = ref("Item", "The id of the item in the plan (or in its registries, for a pledge).",
                    kinds=["Area", "Objective", "Output", "Milestone", "Pledge"], examples=["out.x"])
    status: Optional[Code("progress-status")] = describe("Status", "Where the item stands.",
                                                         codelist="progress-status", default=None)
    stage: Optional[str] = describe("Stage", "The council's own status word, one of the status_scale labels.",
                                    examples=["Some disruption"], default=None)
    rag: Optional[Code("rag")] = describe("RAG rating", "Red, amber or green, as the council reports it.",
                                          codelist="rag", default=None)
    percent_complete: Optional[float] = describe("Percent complete", "How much is done, from 0 to 100.",
                                                 default=None, ge=0, le=100)
    commentary: Optional[str] = describe("Commentary", "The commentary, as published.", default=None)
    revised_due: Optional[FuzzyDate] = describe(
        "Revised due date", "The revised or forecast date, with its wording.", default=None)
    reason: Optional[str] = describe("Reason", "Why the status or date changed, as published.", default=None)
    wording: Optional[PublishedWording] = describe("Published wording", "The wording of each figure.",
                                                   default=None)

    _numbers = field_validator("percent_complete", mode="wrap")(_any_json_number)


class IndicatorResult(Node):
    """A progress report's figure for one indicator: the actual for the period against the target in force."""

    indicator: str = ref("Indicator", "The id of an indicator of the plan or its registries.", kinds=["Indicator"],
                         examples=["ind.fi06"])
    value: Optional[float] = describe("Value", "The actual for the period, as a number.", examples=[97.9],
                                      default=None)
    text: Optional[str] = describe(
        "Published wording", "The actual as published; required when the figure is not a number ('n/a', "
        "'72/96').", examples=["97.9%", "72/96", "n/a"], default=None)
    target: Optional[Target] = describe("Target", "The target in force for the period.", default=None)
    trend: Optional[Code("trend")] = describe("Trend", "The trend as the report states it.", codelist="trend",
                                              default=None)
    rag: Optional[Code("rag")] = describe("RAG rating", "The RAG rating as the report states it.", codelist="rag",
                                          default=None)
    wording: Optional[PublishedWording] = describe("Published wording", "The wording of the trend and RAG.",
                                                   default=None)
    previous_value: Optional[float] = describe(
        "Previous value", "The previous period's value, as this report prints it.", default=None)
    note: Optional[str] = describe("Note", "Anything about the figure.", default=None)

    _numbers = field_validator("value", "previous_value", mode="wrap")(_any_json_number)

    @model_validator(mode="after")
    def _value_or_text(self) -> "IndicatorResult":
        if self.value is None and self.text is None:
            raise ValueError("an observation needs a value, or the published wording in text")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        handler.resolve_ref_schema(schema)["anyOf"] = [{"required": ["value"]}, {"required": ["text"]}]
        return schema


class PublishedCount(Node):
    """Counts the report publishes ('Green 11, Amber 5, Red 2'), to be checked against its updates."""

    scope: str = describe("Scope", "'plan' for the whole plan, or the id of an area, theme or objective.",
                          pattern=ID_PATTERN, examples=["plan", "area.finance"])
    of: Literal["updates", "observations"] = describe("Of", "What is counted: item updates or indicator figures.",
                                                      examples=["updates"])
    by: Literal["rag", "status"] = describe("By", "What the counts are by: RAG rating or core status.",
                                            examples=["rag"])
    counts: dict[str, Count] = describe(
        "Counts", "The number for each code of rag or progress-status.", examples=[{"green": 11, "amber": 5}])
    total: Optional[Count] = describe("Total", "The total, where published.", default=None)
    text: Optional[str] = describe("Published wording", "The counts as published.",
                                   examples=["Green 11, Amber 5, Red 2"], default=None)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        counts = handler.resolve_ref_schema(schema)["properties"]["counts"]
        counts["propertyNames"] = {"enum": sorted(set(codes("rag")) | set(codes("progress-status")))}
        return schema


class ProgressReport(Node):
    """A progress report: one period's updates on a plan's items and figures for its indicators."""

    openplan: Literal[REPORT_VERSIONS] = describe(  # type: ignore[valid-type]
        "OpenPlan version", "The OpenPlan schema version the file follows (MAJOR.MINOR); reports are 1.1 and later.",
        examples=[SCHEMA_VERSION])
    kind: Literal["report"] = describe("Kind of file", "Always 'report' for a progress report.")
    id: str = describe("Identifier", "A stable identifier of the report.", pattern=ID_PATTERN,
                       examples=["report.hart.2014-15.q2"])
    title: str = describe("Title", "The report's title as published.",
                          examples=["Hart District Council performance indicators, Quarter 2 2014/15"])
    organisation: str = ref("Organisation", "The id of the organisation whose plan it reports on.",
                            kinds=["Organisation"], examples=["org.hart"])
    plan: PlanRef = describe("Plan", "The plan the report is on.")
    period: FuzzyDate = describe("Period", "The reporting period, in the plan's calendar.")
    as_of: Optional[Day] = describe("As of", "The day the statuses are as of.", examples=["2014-09-30"],
                                    default=None)
    published: Optional[FuzzyDate] = describe("Published", "When the report was published.", default=None)
    presented: Optional[list[Presentation]] = describe("Presented", "Meetings the report went to.", default=None)
    previous: Optional[ReportRef] = describe("Previous report", "The report before this one.", default=None)
    registries: Optional[list[str]] = describe(
        "Registries", "Paths of registry files this file uses, relative to it. Never web addresses.", default=None)
    status_scale: Optional[list[StatusWord]] = describe(
        "Status scale", "The council's own status words; overrides the plan's.", default=None)
    language: Optional[str] = describe("Language", "The language of the text, as a BCP 47 tag.",
                                       examples=["en-GB"], default=None)
    sources: Optional[list[Source]] = describe("Sources", "Documents the report was taken from.", default=None)
    provenance: Optional[Provenance] = describe("Provenance", "How the file was made.", default=None)
    notes: Optional[list[Note]] = describe("Notes", "Notes and caveats about the report.", default=None)
    extensions: Optional[list[str]] = describe("Extensions", "Names of the extensions the report uses.",
                                               default=None)
    updates: Optional[list[ItemUpdate]] = describe("Updates", "Updates on the plan's items.", default=None)
    observations: Optional[list[IndicatorResult]] = describe("Observations", "Figures for the plan's indicators.",
                                                             default=None)
    counts: Optional[list[PublishedCount]] = describe("Published counts", "Counts the report publishes.",
                                                      default=None)

    _real_days = field_validator("as_of")(_real_day)


Statement.model_rebuild()
