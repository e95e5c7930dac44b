"""Where a council is and how its year runs, as `openplan init` takes them: a country code, a calendar code, a
hemisphere and a language tag, each checked, with a did-you-mean for a near miss."""

from __future__ import annotations

import difflib
import re

from ..codelists import codes
from ..dates import MONTHS
from .problem import InitProblem

# ISO 3166-1 alpha-2, the officially assigned codes. Kept here rather than as a dependency: the list rarely
# changes, and init only needs to tell a code from a typing mistake.
COUNTRIES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO
FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE
JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO
MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM
TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split())
# Codes people write that ISO 3166-1 gives to no country, or to another one.
_MEANT = {"UK": "GB", "EN": "GB-ENG", "EL": "GR"}
_COUNTRY = re.compile(r"^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$")
# A BCP 47 tag in its common shapes: language, then script, region or variants (en, en-AU, cy-GB, zh-Hant-TW).
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$", re.IGNORECASE)
_EXAMPLES = "such as AU, AU-NSW, US-KY or GB-WLS"


def country(text: str) -> str:
    """An ISO 3166-1 code, or an ISO 3166-2 code for a part of a country, upper-cased. The part after the hyphen
    is checked for its form only."""
    code = text.strip().upper()
    match = _COUNTRY.match(code)
    if not match:
        raise InitProblem(f'"{text}" is not a country code: write an ISO 3166 code, {_EXAMPLES}')
    if match.group(1) not in COUNTRIES:
        meant = _MEANT.get(match.group(1))
        if meant:
            meant += code[2:] if len(meant) == 2 else ""  # UK-WLS: GB-WLS
        hint = f'; did you mean "{meant}"?' if meant else f"; write one {_EXAMPLES}"
        raise InitProblem(f'"{text}" is not an ISO 3166 country code{hint}')
    return code


def calendar(text: str) -> str:
    """A code of the calendar codelist; a near miss, or a month's name, gets a did-you-mean."""
    code = text.strip().lower()
    known = codes("calendar")
    if code in known:
        return code
    word = code.rpartition("-")[2]  # "july", "fy-jul": the month a financial year starts in
    month = next((name for name in MONTHS if len(word) >= 3 and name.startswith(word)), None)
    close = difflib.get_close_matches(code, known, n=1, cutoff=0.6)
    meant = f"financial-{month}" if month else (close[0] if close else None)
    hint = f'did you mean "{meant}"?' if meant else "choose one of " + ", ".join(known)
    raise InitProblem(f'"{text}" is not a calendar code; {hint} (financial-<month> is a financial year starting in '
                      "that month, calendar a calendar year)")


def hemisphere(text: str) -> str:
    value = text.strip().lower()
    if value not in ("north", "south"):
        raise InitProblem(f'"{text}" is not a hemisphere; write north or south')
    return value


def language(text: str) -> str:
    value = text.strip()
    if not _LANGUAGE.match(value):
        raise InitProblem(f'"{text}" is not a BCP 47 language tag; write one such as en-AU, en-US or cy-GB')
    return value


def counts_april_years(country_code: str) -> bool:
    """Whether a plan with no declared calendar can be read in April years without asking: a UK council's, or one
    that names no country (the year every OpenPlan file means unless it declares another)."""
    return not country_code or country_code.startswith("GB")
