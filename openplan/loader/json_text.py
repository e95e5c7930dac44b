"""JSON read through the YAML composer: the text made ready for libyaml, and a .json file held to strict JSON."""

from __future__ import annotations

import json as _json
import re
from typing import Any

from .rules import BAD_NUMBER, SYNTAX
from .rules import fail as _fail

# JSON writes a character beyond U+FFFF as two escaped halves ("\ud83d\ude00", as Python's json module does);
# YAML forbids escaped halves, so they become one "\U0001F600" escape (a column later on that line shifts by 2).
SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)


# Characters JSON allows unescaped inside a string that libyaml refuses (DEL, C1 controls, U+FFFE, U+FFFF) or
# reads as a line break (U+0085, U+2028, U+2029): written as escapes, which both read the same way (a column
# later on that line shifts).
JSON_ONLY_CHARACTER = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


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


def check_strict_json(text: str, path: str | None) -> None:
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


def join_surrogates(match: re.Match) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    return f"{match.group(1)}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"
