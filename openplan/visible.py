"""The one escaper: text from a plan made safe to show, on a terminal or in a report.

Control characters from a file (escape sequences, bells, a carriage return that would overwrite the line)
must never reach a terminal, nor the bidi controls that make text display in another order than it is
stored (U+202A-U+202E, U+2066-U+2069: "Trojan Source"). They are shown as \\uXXXX instead; in JSON output
that is the same escape JSON itself uses, so the data is unchanged. Tabs, newlines and the carriage return
of a Windows line end are kept.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


# Every ASCII character that is shown as it is: a quick answer for a long report with nothing to escape.
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def visible(text: str) -> str:
    if text.isascii() and "\r" not in text and not text.encode("ascii").translate(None, _PLAIN_ASCII):
        return text
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
