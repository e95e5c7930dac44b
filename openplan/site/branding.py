"""A council's branding for its site: name, logo, colours, footer links and languages, from one YAML file.

Colours keep WCAG contrast whatever is chosen: the accent is used for links and rules on white, so it is
darkened until it reaches 4.5:1 against white (and the change is reported); the header's text colour is black
or white, whichever reads better on the chosen header colour, when the chosen one would not reach 4.5:1. A value
that is not a colour, a logo that is not a PNG, JPEG or SVG file beside the configuration, or a footer link that
is not a web address is refused with a message naming the file, line and column.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..convert.html_page.messages import CATALOGUES
from ..convert.view import safe_url

CONFIG_NAME = "openplan-site.yaml"
MAX_LOGO_BYTES = 512_000
_HEX = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
AA_TEXT = 4.5


class SiteConfigError(ValueError):
    """The site's configuration cannot be used; the message names the file, line and column."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(colour: str) -> float:
    r, g, b = (_channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, two: str) -> float:
    """The WCAG 2 contrast ratio of two colours, 1 to 21."""
    a, b = sorted((luminance(one), luminance(two)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def darken_until(colour: str, against: str = "#ffffff", ratio: float = AA_TEXT) -> str:
    """The colour, mixed with black step by step until it has ``ratio`` contrast against ``against``."""
    r, g, b = _rgb(colour)
    for step in range(0, 101):
        keep = 1 - step / 100
        mixed = "#%02x%02x%02x" % (round(r * keep), round(g * keep), round(b * keep))
        if contrast(mixed, against) >= ratio:
            return mixed
    return "#000000"


def readable_on(background: str, wanted: str | None = None) -> str:
    """``wanted`` if it reads on ``background`` at 4.5:1, else black or white, whichever reads better."""
    if wanted and contrast(wanted, background) >= AA_TEXT:
        return wanted
    return "#0b0c0c" if contrast("#0b0c0c", background) >= contrast("#ffffff", background) else "#ffffff"


@dataclass
class Branding:
    name: str = ""
    logo: str = ""  # a data: URI
    logo_alt: str = ""
    accent: str = "#1d4f91"
    header_background: str = "#ffffff"
    header_text: str = "#1b1b1b"
    footer: list[tuple[str, str]] = field(default_factory=list)  # (address, text)
    languages: list[str] = field(default_factory=lambda: ["en"])
    include_internal: bool = False
    adjusted: list[str] = field(default_factory=list)  # what was changed to keep contrast, to report

    def css(self) -> str:
        """Custom properties for the page's style sheet; the values were checked when read."""
        return (f":root {{ --accent: {self.accent}; --link: {self.accent}; }}\n"
                f"header.banner {{ background: {self.header_background}; color: {self.header_text}; }}\n"
                f"header.banner .org, header.banner a, header.banner .status {{ color: {self.header_text}; "
                f"border-color: {self.header_text}; }}\n")


def _where(document, parts: list[str | int], file: str) -> str:
    line, column = document.position(parts) if document is not None else (None, None)
    return f"{file}:{line}:{column}" if line is not None else file


def _colour(value: Any, parts: list, document, file: str) -> str:
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        raise SiteConfigError(f"{_where(document, parts, file)}: {'.'.join(map(str, parts))} is {value!r}, "
                              "not a colour; write it as #rrggbb, for example #1d4f91")
    text = value.strip().lower()
    return "#" + "".join(d * 2 for d in text[1:]) if len(text) == 4 else text


def branding(data: dict[str, Any], folder: Path, document=None, file: str = CONFIG_NAME) -> Branding:
    """Branding from a configuration's data (see :func:`load`)."""
    found = Branding()
    if not isinstance(data, dict):
        raise SiteConfigError(f"{file}: the site configuration must be a mapping of settings")
    known = {"name", "logo", "logo_alt", "colours", "footer", "languages", "include_internal"}
    for key in data:
        if key not in known:
            raise SiteConfigError(f"{_where(document, [key], file)}: unknown setting {key!r}; the settings are: "
                                  + ", ".join(sorted(known)))
    found.name = str(data.get("name") or "")
    found.logo_alt = str(data.get("logo_alt") or found.name)
    if data.get("logo"):
        logo = (folder / str(data["logo"])).resolve()
        kind = _LOGO_TYPES.get(logo.suffix.lower())
        if kind is None or not logo.is_file() or folder.resolve() not in logo.parents:
            raise SiteConfigError(f"{_where(document, ['logo'], file)}: the logo must be a PNG, JPEG or SVG file "
                                  f"inside {folder}; {data['logo']!r} is not")
        content = logo.read_bytes()
        if len(content) > MAX_LOGO_BYTES:
            raise SiteConfigError(f"{_where(document, ['logo'], file)}: the logo is {len(content):,} bytes; "
                                  f"at most {MAX_LOGO_BYTES:,} are allowed, since every page carries it")
        found.logo = f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"
    colours = data.get("colours") or {}
    if not isinstance(colours, dict):
        raise SiteConfigError(f"{_where(document, ['colours'], file)}: colours must be a mapping, such as "
                              "{accent: \"#1d4f91\"}")
    for key in colours:
        if key not in ("accent", "header_background", "header_text"):
            raise SiteConfigError(f"{_where(document, ['colours', key], file)}: unknown colour {key!r}; the "
                                  "colours are accent, header_background and header_text")
    if "accent" in colours:
        accent = _colour(colours["accent"], ["colours", "accent"], document, file)
        found.accent = darken_until(accent)
        if found.accent != accent:
            found.adjusted.append(f"colours.accent {accent} has {contrast(accent, '#ffffff'):.2f}:1 contrast on "
                                  f"white; {found.accent} ({contrast(found.accent, '#ffffff'):.2f}:1) is used")
    if "header_background" in colours:
        found.header_background = _colour(colours["header_background"], ["colours", "header_background"],
                                          document, file)
    wanted = (_colour(colours["header_text"], ["colours", "header_text"], document, file)
              if "header_text" in colours else found.header_text)
    found.header_text = readable_on(found.header_background, wanted)
    if found.header_text != wanted:
        found.adjusted.append(f"colours.header_text {wanted} has {contrast(wanted, found.header_background):.2f}:1 "
                              f"contrast on {found.header_background}; {found.header_text} is used")
    # The links in the header take the header's text colour, so they read on it too.
    for position, entry in enumerate(data.get("footer") or ()):
        url = safe_url(str(entry.get("url", ""))) if isinstance(entry, dict) else None
        if url is None or not entry.get("text"):
            raise SiteConfigError(f"{_where(document, ['footer', position], file)}: a footer link needs text and "
                                  "an http or https url, such as {text: Accessibility, url: https://example.org/a11y}")
        found.footer.append((url, str(entry["text"])))
    languages = data.get("languages") or ["en"]
    if not isinstance(languages, list) or not all(isinstance(code, str) and code in CATALOGUES for code in languages):
        raise SiteConfigError(f"{_where(document, ['languages'], file)}: languages must list codes from: "
                              + ", ".join(sorted(CATALOGUES)))
    found.languages = list(dict.fromkeys(languages))
    found.include_internal = data.get("include_internal") is True
    return found


def load(path: Path | None) -> Branding:
    """The branding in a configuration file (YAML), or the defaults when there is none."""
    if path is None:
        return Branding()
    from ..loader import LoadError, parse

    try:
        document = parse(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise SiteConfigError(f"{path}: cannot read the site configuration ({exc.strerror or exc})") from None
    except UnicodeError:
        raise SiteConfigError(f"{path}: the site configuration is not UTF-8 text") from None
    except LoadError as exc:
        finding = exc.finding
        raise SiteConfigError(f"{finding.file}:{finding.line}:{finding.column}: {finding.message}") from None
    return branding(document.data, path.parent, document, str(path))
