"""The questions `openplan init` asks, as data, so the command can ask them in a terminal or take them as flags.

A question with no default must be answered; an empty default means the answer may be left empty, and then
nothing is written for it. Each answer is checked as it is given, against the answers before it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable

from ..codelists import codes
from . import periods, places
from .problem import InitProblem


@dataclass(frozen=True)
class Question:
    name: str
    prompt: str
    default: Callable[[dict[str, str]], str | None] | None
    help: str
    choices: tuple[str, ...] = ()
    check: Callable[[str, dict[str, str]], str] | None = None  # the answer as written, or InitProblem
    asked: bool = True  # False: only ever given as a flag

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


def _calendar_default(answers: dict[str, str]) -> str | None:
    return "" if places.counts_april_years(answers.get("country", "")) else None  # "": not declared


def calendar_of(answers: dict[str, str]) -> str:
    """The calendar the period is read in: the one given, else April years (none is needed for a UK council)."""
    return answers.get("calendar") or "financial-april"


def _check_period(value: str, answers: dict[str, str]) -> str:
    periods.period(value, calendar_of(answers))
    return value


def _optional(check: Callable[[str], str]) -> Callable[[str, dict[str, str]], str]:
    return lambda value, answers: check(value) if value else value


QUESTIONS: tuple[Question, ...] = (
    Question("council", "Name of the council", None, "The organisation's name, as it publishes it."),
    Question("abbreviation", "Short name the plan uses (empty for none)", lambda a: "",
             "An abbreviation, such as LBC."),
    Question("kind", "Kind of organisation", lambda a: "local-authority",
             "A code from the organisation-kind codelist.", codes("organisation-kind")),
    Question("country", "Country, or part of one, as an ISO 3166 code such as AU-NSW (empty for none)",
             lambda a: "", "An ISO 3166 code such as AU, AU-NSW, US-KY or GB-WLS.", check=_optional(places.country)),
    Question("calendar", "Calendar the plan counts in, such as financial-july or calendar (empty in the UK)",
             _calendar_default, "The year the plan counts in: financial-<month> for a financial year starting in "
             "that month (financial-july), or calendar.", check=_optional(places.calendar)),
    Question("period", "Period the plan covers", lambda a: periods.current(calendar_of(a)),
             f"The years the plan covers: {periods.FORMS}.", check=_check_period),
    Question("title", "Title of the plan", lambda a: f"{a['council']} Plan {a['period']}",
             "The plan's title, as it will be published."),
    Question("executive", "Body that approves the plan (empty for none yet)", lambda a: "",
             "The committee that approves the plan, such as Cabinet, Executive or Council."),
    Question("leader", "Title of the political leader's post (empty for none)", lambda a: "",
             "The post, not the person: people change, posts remain. Such as Leader of the Council, or Mayor."),
    Question("chief_executive", "Title of the most senior officer's post (empty for none)", lambda a: "",
             "The post, not the person. Such as Chief Executive, or General Manager."),
    Question("pledges", "Title of the council's pledges (empty for none yet)", lambda a: "",
             "Political commitments agreed outside any one plan, such as a manifesto's pledges."),
    Question("hemisphere", "Hemisphere", lambda a: "", "north or south: whose seasons the plan's seasons are.",
             check=_optional(places.hemisphere), asked=False),
    Question("language", "Language", lambda a: "", "The language of the plan's text, as a BCP 47 tag (en-AU).",
             check=_optional(places.language), asked=False),
    Question("period_text", "Period as published", lambda a: "",
             'The period in the plan\'s own words, such as "2022/23".', asked=False),
)


def unwritable(character: str) -> bool:
    """A character no YAML file can hold, not even in a comment: a control character, a lone surrogate (an
    undecodable byte on the command line) or one of the two non-characters."""
    return unicodedata.category(character) in ("Cc", "Cs") or character in "\ufffe\uffff"


def answer(question: Question, value: str, answers: dict[str, str] | None = None) -> str:
    """An answer as the files will hold it: runs of spaces and line breaks made one space. Refuses (InitProblem)
    what a plan cannot hold, a code that is not one of the question's choices, and an answer its check refuses
    (``answers`` are the answers before it)."""
    value = " ".join(str(value).split())
    bad = next((character for character in value if unwritable(character)), None)
    if bad is not None:
        raise InitProblem(f"the answer to \"{question.prompt}\" holds the control character U+{ord(bad):04X}, "
                          "which a plan cannot hold; give it without that character")
    if question.choices and value not in question.choices:
        raise InitProblem(f'"{value}" is not a {question.name}; choose one of {", ".join(question.choices)}')
    return question.check(value, answers or {}) if question.check else value


def check_given(given: dict[str, str | None]) -> None:
    """Check every answer given as a flag, before any question is asked: InitProblem for the first bad one. A
    period is read in the calendar given, else in April years, which read every form."""
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        if given.get(question.name) is not None:
            answers[question.name] = answer(question, given[question.name], answers)


def answers_with_defaults(given: dict[str, str | None]) -> dict[str, str]:
    """Check the answers given and fill in the defaults of the others, in order (a default may use earlier
    answers). A question with no default that has no answer is refused, naming its flag."""
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        value = given.get(question.name)
        if value is None:
            value = question.default(answers) if question.default else None
            if value is None:
                why = f" for a council in {answers['country']}" if answers.get("country") else ""
                raise InitProblem(f"{question.flag} is needed{why}: {question.help[0].lower()}{question.help[1:]}")
        answers[question.name] = answer(question, value, answers)
    if not answers["council"]:
        raise InitProblem("the council's name cannot be empty")
    return answers
