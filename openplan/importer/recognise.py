"""Recognise a plan's structure in a run of blocks: areas, objectives, outputs, sub-items, notes and sections.

The numbering a council's document shows carries the structure:

* a heading numbered ``2`` is an area, ``2.1`` (heading, paragraph or list item) an objective;
* under an objective, its first paragraph is the outcome statement, lettered items (``a.``, ``b)``) are outputs,
  and items one level deeper or numbered ``i.``, ``ii.`` are the output's sub-items;
* an unnumbered heading followed by objectives is an area of its own (within the numbered area, if any);
* text before the first area becomes narrative sections; text after an objective's outputs becomes a note;
* each row of an action table (columns such as Ref, Action, Lead, Due) is an output, its lead and due date
  kept as published in ``draft:lead`` and ``draft:due`` until :func:`openplan.importer.build` reads them.

What extraction damaged is repaired where the neighbours make it certain (an unlettered bullet between b. and d.
is output c.) and marked as guessed. Headings and short lines repeated through the document are page headers
and are dropped. Every item carries ``draft:guessed`` (the fields that were guessed) and ``draft:source``
(where in the document it came from), so an officer, or a lint rule, can list what to check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .blocks import Block
from .draft import GUESSED, Draft, Ids, mark_source
from .markers import (AREA, BULLETS, OBJECTIVE, OUTPUTS_LABEL, clean, next_letter, roman_value, running_headers,
                      split_marker)

_SECTION_KINDS = {"foreword": "foreword", "introduction": "introduction", "purpose": "purpose", "context": "context",
                  "background": "background", "recommendation": "recommendations", "implication": "implications",
                  "conclusion": "conclusion", "equalit": "equalities"}


@dataclass
class _Place:
    """Where the recogniser is: the open area, objective, output and note."""

    area: dict | None = None
    top_area: dict | None = None
    objective: dict | None = None
    output: dict | None = None
    note: dict | None = None
    outputs_label: bool = False
    section: dict | None = None
    output_depth: int = 0  # list depth of the item that opened the current output


class Recogniser:
    def __init__(self, blocks: list[Block], title: str | None = None):
        self.headers = running_headers(blocks)
        self.blocks = [block for block, text in ((block, clean(block.text)) for block in blocks)
                       if text and text not in self.headers and text.strip(BULLETS + " ")]
        self.draft = Draft(title, headers=sorted(self.headers))
        self.place = _Place()
        self.ids = Ids()

    # -- helpers ------------------------------------------------------------------

    def _is_objective(self, position: int) -> bool:
        if position >= len(self.blocks):
            return False
        block = self.blocks[position]
        text = clean(block.text)
        if OBJECTIVE.match(text):
            return True
        marker, _ = split_marker(block, text)
        return (marker is not None and marker.isdigit() and block.kind != "heading"
                and self._followed_by_letters(position))

    def _followed_by_letters(self, position: int) -> bool:
        """Whether the block after ``position`` (skipping an outcome paragraph and an outputs label) is lettered."""
        for block in self.blocks[position + 1: position + 4]:
            text = clean(block.text)
            if OUTPUTS_LABEL.match(text):
                continue
            marker, _ = split_marker(block, text)
            if marker == "a":
                return True
            if block.kind == "heading" or OBJECTIVE.match(text) or marker is not None:
                return False
        return False

    # -- building -----------------------------------------------------------------

    def _area(self, block: Block, number: str | None, title: str, *, parent: dict | None = None) -> dict:
        area: dict[str, Any] = {"id": self.ids.make("area", title)}
        if number is not None:
            area["number"] = number
        area["title"] = title
        if parent is not None:
            area["parent"] = parent["id"]
        mark_source(area, block, "id", "title", *(() if number is not None else ("kind",)))
        area["objectives"] = []
        self.draft.areas.append(area)
        self.draft.counts["areas"] += 1
        self.place = _Place(area=area, top_area=area if parent is None else parent)
        return area

    def _objective(self, block: Block, number: str, title: str) -> None:
        major = number.split(".")[0]
        area = self.place.area
        if area is None or not self._belongs(area, major):
            area = self._area(block, major, f"Area {major}")
            area[GUESSED] = ["id", "title"]
        objective: dict[str, Any] = {"id": self.ids.make("obj", title), "number": number, "title": title}
        mark_source(objective, block, "id", "title")
        objective["outputs"] = []
        area["objectives"].append(objective)
        self.draft.counts["objectives"] += 1
        top = self.place.top_area
        self.place = _Place(area=area, top_area=top if top and area.get("parent") == top["id"] else area,
                            objective=objective)

    def _belongs(self, area: dict, major: str) -> bool:
        if area.get("number") == major:
            return True
        top = self.place.top_area
        return area.get("number") is None and top is not None and area.get("parent") == top["id"] \
            and top.get("number") == major

    def _output(self, block: Block, number: str | None, text: str, *guessed: str) -> None:
        objective = self.place.objective
        assert objective is not None
        output: dict[str, Any] = {"id": self.ids.make(f"out.{objective['id'][4:]}", text, 2)}
        if number is not None:
            output["number"] = number
        output["text"] = text
        mark_source(output, block, "id", *guessed)
        objective["outputs"].append(output)
        self.draft.counts["outputs"] += 1
        self.place.output = output
        self.place.output_depth = block.level if block.kind == "item" else 0
        self.place.note = None

    def _sub_item(self, block: Block, number: str | None, text: str) -> None:
        item: dict[str, Any] = {}
        if number is not None:
            item["number"] = number
        item["text"] = text
        target = self.place.note if self.place.note is not None else self.place.output
        key = "items" if self.place.note is not None else "sub_items"
        target.setdefault(key, []).append(item)
        self.draft.counts["sub-items" if key == "sub_items" else "note items"] += 1

    def _expected_letter(self) -> str:
        outputs = self.place.objective["outputs"] if self.place.objective else []
        for output in reversed(outputs):
            following = next_letter(output.get("number"))
            if following:
                return following
            if output.get("number") is not None:
                return "?"
        return "a"

    # -- the walk -----------------------------------------------------------------

    def run(self) -> Draft:
        for position, block in enumerate(self.blocks):
            self._block(position, block)
        for area in self.draft.areas:
            if not area["objectives"]:
                del area["objectives"]
            for objective in area.get("objectives", []):
                if not objective["outputs"]:
                    del objective["outputs"]
        return self.draft

    def _block(self, position: int, block: Block) -> None:
        text = clean(block.text)
        place = self.place
        if block.kind == "row":
            self._row(block, text)
            return
        if place.objective is not None and OUTPUTS_LABEL.match(text):
            place.outputs_label = True
            place.note = None
            return
        match = OBJECTIVE.match(text)
        if match:
            self._objective(block, f"{match.group(1)}.{match.group(2)}", match.group(3))
            return
        if block.kind == "heading":
            self._heading(position, block, text)
            return
        marker, rest = split_marker(block, text)
        area = place.area
        match = AREA.match(text)
        if match and area is not None and not area["objectives"] and match.group(1) == area.get("number"):
            self._objective(block, match.group(1), match.group(2))  # "1 Title" directly under area 1
            return
        if marker is not None and marker.isdigit() and place.note is None and block.level == 0 \
                and self._followed_by_letters(position):
            if area is None:
                self._area(block, None, "Objectives")
            self._objective(block, marker, rest)
            return
        if place.objective is not None:
            self._in_objective(block, marker, rest, position)
        elif area is not None:
            line = f"- {rest}" if block.kind == "item" else rest
            area["description"] = f"{area['description']}\n\n{line}" if area.get("description") else line
        else:
            self._preamble(block, marker, rest)

    def _row(self, block: Block, text: str) -> None:
        """A row of an action table (Ref, Action, Lead, Due): an output of the open objective, with its other
        columns kept as published for :func:`openplan.importer.build` to read as owners and a due date."""
        if self.place.objective is None:
            area = self.place.area or self._area(block, None, "Actions")
            objective: dict[str, Any] = {"id": self.ids.make("obj", area["title"]), "title": area["title"]}
            mark_source(objective, block, "id", "title")
            objective["outputs"] = []
            area["objectives"].append(objective)
            self.draft.counts["objectives"] += 1
            self.place = _Place(area=area, top_area=self.place.top_area or area, objective=objective)
        fields = block.fields or {}
        self._output(block, block.marker, text)
        output = self.place.output
        for column in ("lead", "due"):
            if fields.get(column):
                output[f"draft:{column}"] = clean(fields[column])
        self.place.output_depth = 0

    def _heading(self, position: int, block: Block, text: str) -> None:
        match = AREA.match(text)
        if match:
            self._area(block, match.group(1), match.group(2))
            return
        if self._is_objective(position + 1):
            parent = self.place.top_area if self.place.top_area and self.place.top_area.get("number") else None
            self._area(block, None, text, parent=parent)
            return
        if self.place.area is None:
            if self.draft.title is None:
                self.draft.title = text
                self.draft.counts["title"] += 1
                return
            kind = next((code for word, code in _SECTION_KINDS.items() if word in text.lower()), "other")
            section = {"id": self.ids.make("sec", text), "kind": kind, "title": text}
            self.draft.sections.append(mark_source(section, block, "id", "kind"))
            self.place.section = section
            return
        # A heading inside an area that starts nothing: keep it with the text that follows, as a note.
        self.place.note = None
        holder = self.place.objective or self.place.area
        note = {"kind": "other", "title": text, "text": text}
        holder.setdefault("notes", []).append(mark_source(note, block, "kind"))
        self.place.note = note
        self.place.output = None

    def _in_objective(self, block: Block, marker: str | None, rest: str, position: int = -1) -> None:
        place = self.place
        objective = place.objective
        outputs = objective["outputs"]
        depth = block.level if block.kind == "item" else 0
        if block.kind == "paragraph" and marker is None:
            if place.note is not None and not place.note.get("items") and place.note["text"] == place.note.get(
                    "title"):
                place.note["text"] = rest  # the text under a heading kept as a note
            elif not outputs and not place.outputs_label:
                if "outcome" not in objective:
                    objective["outcome"] = rest
                    objective[GUESSED].append("outcome")
                else:
                    objective["description"] = f"{objective['description']}\n\n{rest}" \
                        if objective.get("description") else rest
            elif place.outputs_label and (not outputs or "number" not in outputs[-1]) and place.note is None:
                self._output(block, None, rest, "number")  # an output published without a letter
            else:
                note = {"kind": "other", "text": rest}
                objective.setdefault("notes", []).append(mark_source(note, block, "kind"))
                place.note = note
            return
        letter = marker is not None and len(marker) == 1 and marker.isalpha()
        expected = self._expected_letter()
        if place.note is not None and (marker is None or marker.isdigit() or (depth > 0)):
            self._sub_item(block, marker, rest)
            return
        # What the reader sees decides the level: the next letter is the next output however deeply the list
        # is indented (pandoc nests "a." lists inside bullets); otherwise deeper than the output is under it.
        next_letter = letter and marker == expected and block.marker is not None
        deeper = depth > place.output_depth
        unnumbered = False  # an output published without a letter, not one whose letter was lost
        if marker is None and place.output is not None and block.kind == "item":
            following = self._next_shown(position, expected)
            if depth >= place.output_depth:
                deeper = following in ("letter", "roman") or (following is None and deeper)
            else:
                unnumbered = following == "letter"
        if place.output is not None and not next_letter and (
                deeper or (marker is not None and not marker.isdigit() and marker != expected
                           and roman_value(marker) and not (letter and marker > expected))
                or (letter and outputs and marker < expected and marker == "a")):
            self._sub_item(block, marker, rest)
            return
        if marker is None:
            guess = expected if outputs and expected != "?" and not unnumbered else None
            if guess:
                self._output(block, guess, rest, "number")
            else:
                self._output(block, None, rest, "number")
            return
        self._output(block, marker, rest)

    def _next_shown(self, position: int, expected: str) -> str | None:
        """What the next number shown after an unnumbered list item says about it: "letter" (the expected
        letter follows, so no letter was lost here), "roman" (ii., iii. follow: a sub-item list goes on), "skip"
        (the letter after the expected one follows: this item is the output whose letter was lost), or None.
        Bounded look-ahead, within the objective."""
        for block in self.blocks[position + 1: position + 40] if position >= 0 else ():
            text = clean(block.text)
            if block.kind == "heading" or OBJECTIVE.match(text) or OUTPUTS_LABEL.match(text):
                break
            marker, _ = split_marker(block, text)
            if marker is None:
                if block.kind == "paragraph":
                    break
                continue
            if marker == expected:
                return "letter"
            if marker == next_letter(expected):
                return "skip"
            if roman_value(marker) and marker not in ("i", "v", "x"):
                return "roman"
            break
        return None

    def _preamble(self, block: Block, marker: str | None, rest: str) -> None:
        section = self.place.section
        if section is None:
            section = {"id": self.ids.make("sec", self.draft.title or "introduction"), "kind": "other"}
            self.draft.sections.append(mark_source(section, block, "id", "kind"))
            self.place.section = section
        if block.kind == "item" or marker is not None or block.text.lstrip()[:1] in BULLETS:
            item: dict[str, Any] = {"number": marker} if marker else {}
            item["text"] = rest
            section.setdefault("items", []).append(item)
        else:
            section["text"] = f"{section['text']}\n\n{rest}" if section.get("text") else rest


def recognise(blocks: list[Block], title: str | None = None) -> Draft:
    return Recogniser(blocks, title).run()
