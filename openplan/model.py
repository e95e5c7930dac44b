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
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

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


# --- dates -----------------------------------------------------------------


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
    relative_to: Optional[str] = ref(
        "Relative to event", "The id of an external event that the date is timed against.",
        examples=["spending-review-2020"], default=None, kinds=["Event"])
    relation: Optional[Code("date-relation")] = describe(
        "Relation to event", "How the date relates to the event in relative_to.", codelist="date-relation",
        examples=["before"], default=None)
    recurrence: Optional[Code("recurrence")] = describe(
        "Recurrence", "How often the thing recurs within the span, when it is not a one-off.",
        codelist="recurrence", examples=["annual"], default=None)
    note: Optional[str] = describe("Note", "Anything about the date the value cannot say.", default=None)

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


class PledgeLink(Node):
    """A typed link from an objective, output or milestone to a pledge."""

    pledge: str = ref("Pledge", "The id of a pledge, or of a whole pledge set when the plan links to the set as a "
                      "whole.", examples=["pledge.londoners.7", "pledges.londoners"],
                           kinds=["Pledge", "PledgeSet"])
    type: Code("pledge-link-type") = describe("Link type", "How the item relates to the pledge.",
                                              codelist="pledge-link-type", examples=["delivers"])
    note: Optional[str] = describe("Note", "Anything about this link.", default=None)


class ProgressUpdate(Node):
    """A status or progress report recorded at a point in time."""

    date: str = describe("Date", "The day the update was recorded.", examples=["2020-10-31"],
                         json_schema_extra={"format": "date"}, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    status: Optional[Code("progress-status")] = describe("Status", "Where the item stands.",
                                                         codelist="progress-status", default=None)
    rag: Optional[Code("rag")] = describe("RAG rating", "Red, amber or green, as the council reports it.",
                                          codelist="rag", default=None)
    percent_complete: Optional[float] = describe("Percent complete", "How much is done, from 0 to 100.",
                                                 default=None, ge=0, le=100)
    value: Optional[float] = describe("Value", "For an indicator: the actual value measured.", default=None)
    note: Optional[str] = describe("Note", "What the update says.", default=None)

    _real_days = field_validator("date")(_real_day)
    _numbers = field_validator("percent_complete", "value", mode="wrap")(_any_json_number)


class Observation(Node):
    """A value of an indicator at a point or over a period."""

    value: float = describe("Value", "The value.", examples=[60])
    date: Optional[FuzzyDate] = describe("Date", "When the value applies.", default=None)
    text: Optional[str] = describe("Published wording", "The value as published.", default=None)

    _numbers = field_validator("value", mode="wrap")(_any_json_number)


class Target(Node):
    """A target: a value to reach by a date."""

    value: float = describe("Value", "The target value.", examples=[100, 1000])
    due: Optional[FuzzyDate] = describe("Due", "When the target should be met.", default=None)
    text: Optional[str] = describe("Published wording", "The target as published.",
                                   examples=["100 digital apprentices"], default=None)

    _numbers = field_validator("value", mode="wrap")(_any_json_number)


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


class Person(Node):
    """A named person. Posts are kept separate: people come and go, posts remain."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["person.john-obrien"])
    name: str = describe("Name", "The person's name as published.", examples=["John O'Brien"])
    honorific_suffix: Optional[str] = describe("Honours", "Letters after the name.", examples=["OBE"], default=None)
    email: Optional[str] = describe("Email", "A work email address, as published.", default=None)
    telephone: Optional[str] = describe("Telephone", "A work telephone number, as published.", default=None)


class Tenure(Node):
    """A person holding a post for a time."""

    person: str = ref("Person", "The id of the person.", kinds=["Person"])
    start: Optional[FuzzyDate] = describe("From", "When they took the post.", default=None)
    end: Optional[FuzzyDate] = describe("Until", "When they left it.", default=None)
    note: Optional[str] = describe("Note", "Anything about the tenure.", default=None)


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
    date: FuzzyDate = describe("Date", "When it happens.")
    description: Optional[str] = describe("Description", "What the event is.", default=None)


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


# --- plan content -----------------------------------------------------------


class Output(Node):
    """A deliverable under an objective, usually lettered (a., b., ...)."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["out.loti.apprentices"])
    number: Optional[str | Integer] = describe("Display number", "The letter or number the document shows.",
                                               examples=["a"], default=None)
    text: str = describe("Text", "The output, as published.",
                         examples=["100 digital apprentices in place across LOTI boroughs."])
    sub_items: Optional[list[Statement]] = describe("Sub-items", "The output's sub-items (i., ii., or bullets).",
                                                    default=None)
    owners: Optional[list[OwnerLink]] = describe("Owners", "Who owns the output.", default=None)
    due: Optional[FuzzyDate] = describe("Due", "When the output is due.", default=None)
    themes: Optional[list[RefId]] = ref_list("Themes", "Ids of the themes the output relates to.", kinds=["Theme"])
    pledges: Optional[list[PledgeLink]] = describe("Pledges", "Links to pledges.", default=None)
    events: Optional[list[RefId]] = ref_list("Events", "Ids of external events the output depends on.", kinds=["Event"])
    indicators: Optional[list[Indicator]] = describe("Indicators", "Measures and targets of the output.",
                                                     default=None)
    progress: Optional[list[ProgressUpdate]] = describe("Progress", "Status updates over time.", default=None)
    notes: Optional[list[Note]] = describe("Notes", "Notes about the output.", default=None)


class Objective(Node):
    """A priority or objective, with its outcome statement and outputs."""

    id: str = describe("Identifier", "A stable identifier; unlike the display number it never changes.",
                       pattern=ID_PATTERN, examples=["obj.fair-funding"])
    number: Optional[str | Integer] = describe("Display number", "The number the document shows.",
                                               examples=["2.1", "12", "2.4 LOTI"], default=None)
    title: str = describe("Title", "The priority as published.",
                          examples=["Delivering fair levels of funding for local public services in London"])
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
    outputs: Optional[list[Output]] = describe("Outputs", "The objective's outputs.", default=None)
    indicators: Optional[list[Indicator]] = describe("Indicators", "Measures and targets of the objective.",
                                                     default=None)
    progress: Optional[list[ProgressUpdate]] = describe("Progress", "Status updates over time.", default=None)
    notes: Optional[list[Note]] = describe("Notes", "Notes about the objective.", default=None)


class Area(Node):
    """A portfolio, directorate, policy area or service that groups objectives."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["area.finance"])
    number: Optional[str | Integer] = describe("Display number", "The number the document shows.", examples=["2"],
                                               default=None)
    title: str = describe("Title", "The area's name as published.", examples=["Finance, Performance & Improvement"])
    kind: Optional[Code("area-kind")] = describe("Kind", "What sort of grouping it is.", codelist="area-kind",
                                                 default=None)
    description: Optional[str] = describe("Description", "Text introducing the area.", default=None)
    parent: Optional[str] = ref("Parent area", "The id of the area this one sits within.", default=None,
                                     kinds=["Area"])
    owners: Optional[list[OwnerLink]] = describe("Owners", "Who owns the area.", default=None)
    objectives: Optional[list[Objective]] = describe("Objectives", "The area's objectives.", default=None)
    notes: Optional[list[Note]] = describe("Notes", "Notes about the area.", default=None)


class Milestone(Node):
    """A dated point of delivery, linked to any number of objectives and outputs."""

    id: str = describe("Identifier", "A stable identifier.", pattern=ID_PATTERN, examples=["ms.ukspf-plan"])
    number: Optional[str | Integer] = describe("Display number", "The number the document shows.", default=None)
    title: str = describe("Title", "What will have happened.", examples=["Submit co-designed UKSPF investment plan"])
    description: Optional[str] = describe("Description", "The rest of the milestone's text.", default=None)
    due: Optional[FuzzyDate] = describe("Due", "When the milestone is due.", default=None)
    objectives: Optional[list[RefId]] = ref_list("Objectives", "Ids of the objectives the milestone serves.", kinds=["Objective"])
    outputs: Optional[list[RefId]] = ref_list("Outputs", "Ids of the outputs the milestone serves.", kinds=["Output"])
    part_of: Optional[str] = ref("Part of", "The id of a milestone this one is a step of.", default=None,
                                      kinds=["Milestone"])
    owners: Optional[list[OwnerLink]] = describe("Owners", "Who owns the milestone.", default=None)
    themes: Optional[list[RefId]] = ref_list("Themes", "Ids of the themes the milestone relates to.", kinds=["Theme"])
    pledges: Optional[list[PledgeLink]] = describe("Pledges", "Links to pledges.", default=None)
    events: Optional[list[RefId]] = ref_list("Events", "Ids of external events the milestone is timed around.", kinds=["Event"])
    indicators: Optional[list[Indicator]] = describe("Indicators", "Measures and targets stated in the milestone.",
                                                     default=None)
    progress: Optional[list[ProgressUpdate]] = describe("Progress", "Status updates over time.", default=None)
    notes: Optional[list[Note]] = describe("Notes", "Notes about the milestone.", default=None)


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


_VERSION_DESCRIPTION = ("The OpenPlan schema version the file follows (MAJOR.MINOR). "
                        f"This package reads {', '.join(SUPPORTED_SCHEMA_VERSIONS)}.")
# What each version's own schema says of the field: a 1.0 file names 1.0, and the 1.0 schema never changes.
_VERSION_FIELD = {"1.0": {"const": "1.0", "enum": None, "examples": ["1.0"],
                          "description": "The OpenPlan schema version the file follows (MAJOR.MINOR). "
                                         "This package reads 1.0."}}


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


class Plan(RegistryContent):
    """An OpenPlan business plan: one edition of a local-government plan."""

    openplan: Literal[SUPPORTED_SCHEMA_VERSIONS] = describe(  # type: ignore[valid-type]
        "OpenPlan version", _VERSION_DESCRIPTION, examples=[SCHEMA_VERSION],
        json_schema_extra={"_versions": _VERSION_FIELD})
    kind: Optional[Literal["plan"]] = describe("Kind of file", "'plan' (the default) for a plan.", default=None)
    id: str = describe("Identifier", "A stable identifier of this edition of the plan.", pattern=ID_PATTERN,
                       examples=["london-councils-business-plan-2020-21-final"])
    title: str = describe("Title", "The plan's title.", examples=["London Councils Business Plan 2020/21"])
    organisation: str = ref("Organisation", "The id of the organisation whose plan it is.", kinds=["Organisation"],
                                 examples=["org.london-councils"])
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
    areas: Optional[list[Area]] = describe("Areas", "Portfolios, directorates and services, with their objectives.",
                                           default=None)
    milestones: Optional[list[Milestone]] = describe("Milestones", "Dated milestones.", default=None)


Statement.model_rebuild()
