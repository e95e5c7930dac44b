"""The L rules: why a file could not be read or parsed, and the error that carries the finding."""

from __future__ import annotations

from ..report import Finding
from ..rules import Rule, Severity, register


def _rule(code: str, name: str, summary: str, rationale: str, fix: str) -> Rule:
    # The examples are the cases of openplan/rule_cases/<CODE>.yaml.
    return register(Rule(code=code, name=name, family="load", severity=Severity.ERROR, summary=summary,
                         rationale=rationale, fix=fix, exit_code=2))


FILE_NOT_FOUND = _rule(
    "L001", "file-not-found", "A file named on the command line or in `registries` does not exist, or a folder "
    "named on the command line holds no OpenPlan files.",
    "A plan that names a registry which is not there cannot be checked: its owners and pledges would all look "
    "unresolved. A mistyped or empty folder would otherwise pass a check in CI with nothing checked.",
    "Check the path. Paths in `registries` are relative to the file that names them. In a folder, plans and "
    "registries are .yaml, .yml or .json files with an `openplan:` line at the top.")
UNREADABLE = _rule(
    "L002", "unreadable-file", "A file exists but cannot be read (a folder, or no permission).",
    "OpenPlan reads what it is given and never guesses.",
    "Name a file, check its permissions, or pass the folder itself to `openplan validate` to check every plan "
    "in it.")
ENCODING = _rule(
    "L003", "bad-encoding", "The file is not text in UTF-8 (or UTF-16/32 with a byte-order mark), or is binary.",
    "Plans are shared between councils and tools; one encoding keeps every character intact.",
    "Save the file as UTF-8. Most editors offer this under 'Save with encoding'.")
SYNTAX = _rule(
    "L004", "yaml-syntax", "The file is not well-formed YAML or JSON.",
    "Nothing else can be checked until the file can be read.",
    "Look at the line shown and the line before it: a missing colon, a bad indent or an unclosed quote is "
    "the usual cause. Indent with spaces, never tabs.")
DUPLICATE_KEY = _rule(
    "L005", "duplicate-key", "A key appears twice in the same mapping.",
    "YAML tools disagree on which copy wins, so one of the two values would be lost without a word.",
    "Delete or rename one of the two keys.")
EMPTY = _rule(
    "L006", "empty-file", "The file is empty or holds only comments.",
    "An empty file is usually a save that went wrong.",
    "Start from `openplan init`, or restore the file from version control.")
NOT_A_MAPPING = _rule(
    "L007", "not-a-mapping", "The top of the file is a list or a single value, not a mapping of fields.",
    "An OpenPlan file is a mapping with `openplan`, `id`, `title` and the rest at the top level.",
    "Put the plan's fields at the top level, starting with `openplan: \"1.0\"`.")
UNSAFE_TAG = _rule(
    "L008", "unsupported-tag", "A YAML tag such as `!!python/object` or `!custom` is used.",
    "Tags can make some YAML loaders run code or build objects. OpenPlan files hold plain data only.",
    "Remove the tag. Write the value as plain text, a number, a list or a mapping.")
MULTIPLE_DOCUMENTS = _rule(
    "L009", "multiple-documents", "The file holds more than one YAML document (separated by `---`).",
    "One file, one plan: tools would silently read only the first.",
    "Split the documents into separate files.")
LIMIT = _rule(
    "L010", "limit-exceeded", "The file is larger, deeper or expands to more values than the configured limits.",
    "Limits keep `openplan` fast and safe on hostile input such as alias bombs.",
    "Split the file, or raise the limit if the file really is that large.")
BAD_NUMBER = _rule(
    "L011", "unsupported-value", "A value cannot be carried in JSON: infinity, not-a-number, an integer of more "
    "than 4,300 digits, or a mapping used as a key.",
    "Every OpenPlan file must convert to JSON without loss, so tools in any language can read it.",
    "Quote the value to keep it as text, or write an ordinary number.")
MERGE_KEY = _rule(
    "L012", "merge-key", "A YAML 1.1 merge key (`<<: *anchor`) is used.",
    "Merge keys are not part of YAML 1.2, and tools disagree on them.",
    "Write the fields out in full. Anchors and aliases on their own are allowed.")
RECURSIVE_ALIAS = _rule(
    "L013", "recursive-alias", "An alias refers to a node that contains it.",
    "A recursive structure has no JSON form and would never finish printing.",
    "Remove the alias.")
UNKNOWN_VERSION = _rule(
    "L014", "unknown-version", "The file declares an OpenPlan version this package does not know.",
    "A newer file may use fields this package cannot check; checking it against an older schema would mislead.",
    "Install a newer openplan (`pip install -U openplan`), or correct the `openplan:` line.")
URL_REFERENCE = _rule(
    "L015", "remote-reference", "A file reference is a web address.",
    "OpenPlan never reaches the network: a plan must check the same way offline and online.",
    "Download the file, commit it beside the plan, and name it by a relative path.")
OUTSIDE_PROJECT = _rule(
    "L016", "outside-project", "A file reference points outside the plan's project folder.",
    "A plan should not read files its reviewers cannot see; this also stops a plan from reading arbitrary files.",
    "Copy the file into the project, or pass `--allow-outside` if you trust the plan.")
# Every rule this module declares, listed for the catalogue (openplan/catalogue.py).
RULES: tuple[Rule, ...] = (FILE_NOT_FOUND, UNREADABLE, ENCODING, SYNTAX, DUPLICATE_KEY, EMPTY,
                           NOT_A_MAPPING, UNSAFE_TAG, MULTIPLE_DOCUMENTS, LIMIT, BAD_NUMBER,
                           MERGE_KEY, RECURSIVE_ALIAS, UNKNOWN_VERSION, URL_REFERENCE,
                           OUTSIDE_PROJECT)


class LoadError(Exception):
    """A file that cannot be read or parsed. Carries the finding that explains why."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def fail(rule: Rule, message: str, path: str | None, line: int | None = None, column: int | None = None,
         hint: str | None = None) -> LoadError:
    """The :class:`LoadError` for one finding of ``rule``, with the rule's fix as the hint unless one is given."""
    return LoadError(Finding(code=rule.code, message=message, severity=Severity.ERROR, file=path, line=line,
                             column=column, hint=hint or rule.fix))
