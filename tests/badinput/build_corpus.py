"""Writes the bad-input corpus under ``tests/badinput/files/``; ``manifest.toml`` says what each must give.

The files are committed; this script documents how the ones holding raw bytes
(encodings, NUL, binary) were made, and rebuilds them:

    python -m tests.badinput.build_corpus

Files too big to commit (10 MB string, 50 MB file, 10,000-level nesting, a
folder of 10,000 files) and file-system cases (symlink loops, unreadable
files, references out of the folder) are made by the tests in a temporary
folder instead; see ``test_badinput.py``.
"""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"

PLAN = """openplan: "1.0"
id: plan.bad-input
title: Bad input test plan
organisation: org.example
period: {start: "2025-04-01", end: "2026-03-31"}
edition: {status: draft}
organisations:
  - {id: org.example, name: Example Council}
areas:
  - id: area.housing
    title: Housing
    objectives:
      - id: obj.homes
        number: "1.1"
        title: More homes
        outputs:
          - {id: out.homes.a, number: a, text: Build homes}
"""
HEAD = 'openplan: "1.0"\n'
JSON_PLAN = ('{"openplan": "1.0", "id": "plan.json", "title": "JSON plan", "organisation": "org.example",\n'
             ' "period": {"start": "2025-04-01", "end": "2026-03-31"}, "edition": {"status": "draft"},\n'
             ' "organisations": [{"id": "org.example", "name": "Example Council"}]')
REGISTRY = 'openplan: "1.0"\nkind: registry\nid: reg.bad-input\ntitle: Shared things\n'


def plan_with(**replacements: str) -> str:
    text = PLAN
    for old, new in replacements.items():
        old = old.replace("__", " ")
        assert old in text, old
        text = text.replace(old, new)
    return text


TEXT: dict[str, str] = {
    # --- syntax ---------------------------------------------------------------
    "syntax/unclosed-quote.yaml": HEAD + 'title: "Housing plan\nid: plan.x\n',
    "syntax/unclosed-flow-list.yaml": HEAD + "registries: [a.yaml, b.yaml\nid: plan.x\n",
    "syntax/unclosed-flow-mapping.yaml": HEAD + "period: {start: 2025-04-01, end: 2026-03-31\n",
    "syntax/bad-indentation.yaml": HEAD + "areas:\n  - id: area.a\n   title: Misaligned\n",
    "syntax/missing-colon.yaml": HEAD + "title Housing plan\nid: plan.x\n",
    "syntax/key-after-list-item.yaml": HEAD + "areas:\n  - id: area.a\n  title: x\n    more: y\n",
    "syntax/tab-indentation.yaml": HEAD + "areas:\n\t- id: area.a\n",
    "syntax/tab-in-block-mapping.yaml": HEAD + "edition:\n  status: draft\n\tlabel: Final\n",
    "syntax/undefined-alias.yaml": HEAD + "title: *nothing\n",
    "syntax/invalid-escape.yaml": HEAD + 'title: "Housing \\q plan"\n',
    "syntax/yaml-2-directive.yaml": "%YAML 2.0\n---\n" + HEAD,
    "syntax/control-character.yaml": HEAD + "title: Housing\x07plan\n",
    "syntax/stray-closing-bracket.yaml": HEAD + "title: Housing ]\nregistries: ]\n",
    "syntax/unclosed.json": '{"openplan": "1.0", "title": "Housing plan"\n',
    "syntax/json-missing-comma.json": '{"openplan": "1.0" "title": "Housing plan"}\n',
    "syntax/json-with-tabs.json": '{\n\t"openplan": "1.0",\n\t"id": "plan.json",\n\t"title": "JSON plan",\n'
                                  '\t"organisation": "org.example",\n'
                                  '\t"period": {"start": "2025-04-01", "end": "2026-03-31"},\n'
                                  '\t"edition": {"status": "draft"},\n'
                                  '\t"organisations": [{"id": "org.example", "name": "Example Council"}]\n}\n',
    # JSON that YAML would read, but that is not JSON
    "syntax/json-nan.json": JSON_PLAN + ',\n "x:size": NaN}\n',
    "syntax/json-infinity.json": JSON_PLAN + ',\n "x:size": [1, -Infinity]}\n',
    "syntax/json-single-quotes.json": JSON_PLAN + ",\n 'x:size': 'big'}\n",
    "syntax/json-trailing-comma.json": JSON_PLAN + ',\n "x:size": [1, 2,],\n}\n',
    "syntax/json-comment.json": JSON_PLAN + '\n# a comment\n}\n',
    # --- odd documents ----------------------------------------------------------
    "documents/empty.yaml": "",
    "documents/whitespace-only.yaml": "\n   \n\n",
    "documents/comments-only.yaml": "# A plan will go here.\n# Not yet.\n",
    "documents/top-level-list.yaml": "- openplan: \"1.0\"\n- id: plan.x\n",
    "documents/top-level-scalar.yaml": "Housing plan 2025/26\n",
    "documents/top-level-null.yaml": "~\n",
    "documents/top-level-string.json": '"just text"\n',
    "documents/top-level-array.json": '[{"openplan": "1.0"}]\n',
    "documents/document-marker-only.yaml": "---\n",
    "documents/duplicate-key-top.yaml": plan_with(**{"title: Bad input test plan\n":
                                                     "title: Bad input test plan\ntitle: Second title\n"}),
    "documents/duplicate-key-nested.yaml": plan_with(**{"title: Housing\n": "title: Housing\n    title: Homes\n"}),
    "documents/duplicate-key-quoted.yaml": plan_with(**{"title: Bad input test plan\n":
                                                        "title: Bad input test plan\n\"title\": Quoted twin\n"}),
    "documents/duplicate-key.json": '{"openplan": "1.0", "id": "plan.a", "id": "plan.b"}\n',
    "documents/multiple-documents.yaml": PLAN + "---\n" + PLAN,
    "documents/content-after-end-marker.yaml": PLAN + "...\ntitle: after the end\n",
    "documents/complex-key.yaml": plan_with(**{"edition: {status: draft}\n":
                                               "edition: {status: draft}\n? [a, b]\n: value\n"}),
    "documents/registry-not-a-plan.yaml": REGISTRY + "areas: []\n",
    # --- YAML traps ------------------------------------------------------------
    "traps/anchors-and-aliases.yaml": plan_with(**{
        "          - {id: out.homes.a, number: a, text: Build homes}\n":
            "          - id: out.homes.a\n            number: a\n            text: &words Build homes\n"
            "          - {id: out.homes.b, number: b, text: *words}\n"}),
    "traps/merge-key.yaml": plan_with(**{
        "areas:\n": "x-base: &base {title: Housing}\nareas:\n",
        "  - id: area.housing\n    title: Housing\n": "  - id: area.housing\n    <<: *base\n"}),
    "traps/merge-key-list.yaml": HEAD + "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n",
    "traps/recursive-alias-list.yaml": HEAD + "loop: &loop [1, *loop]\n",
    "traps/recursive-alias-mapping.yaml": HEAD + "loop: &loop\n  again: *loop\n",
    "traps/billion-laughs.yaml": HEAD + 'l0: &l0 ["lol"]\n' + "".join(
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 10)),
    "traps/python-object-apply.yaml": HEAD + 'title: !!python/object/apply:os.system ["echo OPENPLAN-PWNED"]\n',
    "traps/python-name.yaml": HEAD + "title: !!python/name:os.system\n",
    "traps/python-object-new.yaml": HEAD + "title: !!python/object/new:subprocess.Popen [[\"true\"]]\n",
    "traps/verbatim-tag.yaml": HEAD + "title: !<tag:yaml.org,2002:python/object:object> {}\n",
    "traps/local-tag.yaml": HEAD + "title: !Ref plan.other\n",
    "traps/binary-tag.yaml": HEAD + "title: !!binary aGVsbG8=\n",
    "traps/timestamp-tag.yaml": HEAD + "title: !!timestamp 2022-07-01\n",
    "traps/set-tag.yaml": HEAD + "tags: !!set {a: null, b: null}\n",
    "traps/omap-tag.yaml": HEAD + "tags: !!omap [a: 1, b: 2]\n",
    "traps/wrong-core-tag.yaml": HEAD + "title: !!int twelve\n",
    "traps/yaml11-values-are-text.yaml": plan_with(**{
        "title: Bad input test plan\n": "title: no\nlanguage: off\n",
        'period: {start: "2025-04-01", end: "2026-03-31"}\n': "period: {start: 2025-04-01, end: 2026-03-31}\n",
        "edition: {status: draft}\n": "edition: {status: draft, label: 2022-07-01}\n",
        'number: "1.1"\n': "number: 1:20\n"}),
    "traps/yaml11-yes-is-text.yaml": plan_with(**{"title: Bad input test plan\n": "title: yes\n"}),
    "traps/yaml12-octal-is-a-number.yaml": plan_with(**{"title: Bad input test plan\n": "title: 0o17\n"}),
    "traps/yaml12-exponent-is-a-number.yaml": plan_with(**{"title: Bad input test plan\n": "title: 1e3\n"}),
    "traps/infinity.yaml": PLAN + "ext:size: .inf\n",
    "traps/negative-infinity.yaml": PLAN + "ext:size: -.Inf\n",
    "traps/not-a-number.yaml": PLAN + "ext:size: .nan\n",
    "traps/float-overflow.yaml": PLAN + "ext:size: 1e400\n",
    # --- extremes that fit in the repository ------------------------------------
    "extremes/huge-integer.yaml": PLAN + "ext:size: " + "9" * 5000 + "\n",
    "extremes/huge-hex-integer.yaml": PLAN + "ext:size: 0x" + "f" * 4000 + "\n",
    "extremes/big-but-legal-integer.yaml": plan_with(**{'number: "1.1"\n': "number: " + "7" * 300 + "\n"}),
    "extremes/nesting-200.yaml": HEAD + "x: " + "[" * 200 + "]" * 200 + "\n",
    "extremes/nesting-block-150.yaml": HEAD + "".join("  " * n + f"k{n}:\n" for n in range(150)) + "  " * 150 + "v\n",
    "extremes/alias-fan-out.yaml": HEAD + "a: &a [" + ", ".join(["x"] * 1000) + "]\n" + "".join(
        f"b{n}: *a\n" for n in range(2100)),
    # --- references to other files ----------------------------------------------
    "references/missing-registry.yaml": plan_with(**{"organisation: org.example\n":
                                                     "organisation: org.example\nregistries: [shared.yaml]\n"}),
    "references/url-registry.yaml": plan_with(**{"organisation: org.example\n": "organisation: org.example\n"
                                                 "registries: [\"https://example.org/registry.yaml\"]\n"}),
    "references/file-url-registry.yaml": plan_with(**{"organisation: org.example\n": "organisation: org.example\n"
                                                      "registries: [\"file:///etc/hosts\"]\n"}),
    "references/outside-registry.yaml": plan_with(**{"organisation: org.example\n": "organisation: org.example\n"
                                                     "registries: [../../outside.yaml]\n"}),
    "references/absolute-registry.yaml": plan_with(**{"organisation: org.example\n": "organisation: org.example\n"
                                                      "registries: [/etc/hosts]\n"}),
    "references/outside-previous-edition.yaml": plan_with(**{
        "edition: {status: draft}\n":
            "edition:\n  status: approved\n  previous: {id: plan.draft, path: ../../../draft.yaml}\n"}),
    "references/cycle-a.yaml": REGISTRY.replace("reg.bad-input", "reg.cycle-a") + "registries: [cycle-b.yaml]\n",
    "references/cycle-b.yaml": REGISTRY.replace("reg.bad-input", "reg.cycle-b") + "registries: [cycle-a.yaml]\n",
    "references/cycle-self.yaml": REGISTRY.replace("reg.bad-input", "reg.self") + "registries: [cycle-self.yaml]\n",
    "references/plan-as-registry.yaml": plan_with(**{
        "organisation: org.example\n": "organisation: org.example\nregistries: [../traps/anchors-and-aliases.yaml]\n"}),
    "references/broken-registry.yaml": plan_with(**{
        "organisation: org.example\n": "organisation: org.example\nregistries: [../syntax/unclosed-quote.yaml]\n"}),
    "references/nul-in-registry-name.yaml": plan_with(**{
        "organisation: org.example\n": 'organisation: org.example\nregistries: ["shared\\0.yaml"]\n'}),
    # --- other formats: what `convert` reads by the file's extension ------------
    "formats/stratml-unknown-encoding.xml": '<?xml version="1.0" encoding="x-no-such-encoding"?>\n'
                                            "<StrategicPlan><Name>Plan</Name></StrategicPlan>\n",
    # --- structure (exit 1) for comparison -------------------------------------
    "structure/missing-title.yaml": plan_with(**{"title: Bad input test plan\n": ""}),
    "structure/wrong-type.yaml": plan_with(**{"title: More homes\n": "title: [More, homes]\n"}),
    "structure/unknown-version.yaml": plan_with(**{'openplan: "1.0"': 'openplan: "9.9"'}),
    "structure/unquoted-version.yaml": plan_with(**{'openplan: "1.0"': "openplan: 1.0"}),
    "structure/unresolved-reference.yaml": plan_with(**{"    title: Housing\n":
                                                        "    title: Housing\n    owners: [{ref: post.nobody}]\n"}),
    "structure/event-cycle.yaml": PLAN + "events:\n"
                                         "  - {id: event.a, title: A, date: {relative_to: event.b, relation: after}}\n"
                                         "  - {id: event.b, title: B, date: {relative_to: event.a}}\n"
                                         "milestones:\n"
                                         "  - {id: ms.a, title: A, due: {relative_to: event.a, relation: before}}\n",
    # --- valid plans that every command must handle -----------------------------
    "valid/calendar-ends.yaml": plan_with(**{
        'period: {start: "2025-04-01", end: "2026-03-31"}': 'period: {start: "0001-01-01", end: "9999-12-31"}',
        "          - {id: out.homes.a, number: a, text: Build homes}\n":
            "          - {id: out.homes.a, number: a, text: Build homes, due: {relative_to: event.last, "
            "relation: after}}\n"}) + "events:\n"
        '  - {id: event.first, title: First day, date: {value: "0001-01-01"}}\n'
        '  - {id: event.last, title: Last day, date: {value: "9999-12-31"}}\n'
        "milestones:\n"
        "  - {id: ms.a, title: Before the first day, due: {relative_to: event.first, relation: before}}\n"
        '  - {id: ms.b, title: The last day, due: {value: "0001-01-01/9999-12-31"}}\n',
    "valid/hostile-text.yaml": plan_with(**{
        "title: Bad input test plan\n":
            'title: "=HYPERLINK(\\"http://evil.example\\",\\"Click\\") \\e[31m \\a \\0 \\u202Eevil\\u202C '
            '\\u2066x\\u2069"\n',
        "text: Build homes": 'text: "@SUM(1+1) \\x1b]0;title\\a \\x0b\\x1f\\uFFFE"'}),
}

BYTES: dict[str, bytes] = {
    "encoding/utf8-bom.yaml": codecs.BOM_UTF8 + PLAN.encode("utf-8"),
    "encoding/utf16-le-bom.yaml": codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"),
    "encoding/utf16-be-bom.yaml": codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"),
    "encoding/utf32-le-bom.yaml": codecs.BOM_UTF32_LE + PLAN.encode("utf-32-le"),
    "encoding/utf16-without-bom.yaml": PLAN.encode("utf-16-le"),
    "encoding/utf16-bom-odd-length.yaml": codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le") + b"\x41",
    "encoding/latin-1.yaml": PLAN.replace("More homes", "Caf\u00e9 homes").encode("latin-1"),
    "encoding/windows-1252-quotes.yaml": PLAN.replace("Build homes", "\u201cBuild\u201d homes").encode("cp1252"),
    "encoding/truncated-utf8.yaml": PLAN.encode("utf-8") + b"ext:note: caf\xc3\n",
    "encoding/overlong-utf8.yaml": HEAD.encode() + b"title: \xc0\xaf\n",
    "encoding/utf8-surrogate.yaml": HEAD.encode() + b"title: \xed\xa0\x80\n",
    "encoding/bom-then-garbage.yaml": codecs.BOM_UTF8 + b"\xff\xfe\x00",
    "encoding/nul-byte.yaml": PLAN.replace("More homes", "More\x00homes").encode("utf-8"),
    "encoding/binary-png.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06",
    "encoding/binary-gzip.yaml": gzip.compress(PLAN.encode("utf-8"), mtime=0),
    "encoding/next-line-character.yaml": PLAN.replace("More homes", "More\x85homes").encode("utf-8"),
    "encoding/json-escapes-and-raw-controls.json": (
        '{"openplan": "1.0", "id": "plan.json", "title": "Homes \\ud83c\\udfe0 and \x7f\x9f\u2028 quirks",'
        ' "organisation": "org.example", "period": {"start": "2025-04-01", "end": "2026-03-31"},'
        ' "edition": {"status": "draft"}, "organisations": [{"id": "org.example", "name": "Example \x85 Council"}]}\n'
    ).encode("utf-8"),
    "encoding/binary-elf.json": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)),
    # What `lint --fix` and `upgrade` must write back as they found it.
    "encoding/crlf-line-endings.yaml": PLAN.replace("\n", "\r\n").encode("utf-8"),
    "encoding/json-escaped-line-separators.json": (
        '{"openplan": "1.0", "id": "plan.json", "title": "J \\u0085\\u2028 plan \\ud83d\\ude00",'
        ' "organisation": "org.example", "period": {"start": "2025-04-01", "end": "2026-03-31"},'
        ' "edition": {"status": "draft"}, "organisations": [{"id": "org.example", "name": "Example Council"}]}\n'
    ).encode("utf-8"),
}


# --- Word documents for `openplan import`: the smallest .docx that shows each problem ----------------------

_WORDML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx_bytes(body: str = "", *, numbering: str | None = None, document: str | None = None,
               compress: bool = False) -> bytes:
    """A minimal .docx: the package files Word needs, ``body`` inside w:body (or a whole ``document.xml``), and
    a numbering part if given. Stored uncompressed (unless ``compress``) with a fixed date, so the same input
    gives the same bytes."""
    import io
    import zipfile

    types = (f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PACKAGE}/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/></Types>')
    rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="word/document.xml"/></Relationships>')
    document_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE}/relationships">'
                     + (f'<Relationship Id="rId9" Type="{_OFFICE}/numbering" Target="numbering.xml"/>'
                        if numbering is not None else "") + "</Relationships>")
    if document is None:
        document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_WORDML}"><w:body>{body}'
                    "</w:body></w:document>")
    parts = {"[Content_Types].xml": types, "_rels/.rels": rels, "word/_rels/document.xml.rels": document_rels,
             "word/document.xml": document}
    if numbering is not None:
        parts["word/numbering.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{_WORDML}">'
                                       f"{numbering}</w:numbering>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 4, 1, 0, 0, 0)), text.encode("utf-8"),
                             compress_type=archive.compression)
    return out.getvalue()


def word_paragraph(text: str, *, list_id: str | None = None, level: str = "0", properties: str = "") -> str:
    numbered = f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list_id}"/></w:numPr>' if list_id else ""
    return f"<w:p><w:pPr>{numbered}{properties}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def word_list(style: str = "decimal", start: str = "1", level: str = "0") -> str:
    """A numbering part holding one list (w:numId 1) with one level."""
    return (f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="{level}"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{style}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')


# An objective with its outcome: what each damaged document wraps its damage in.
WORD_PLAN = word_paragraph("1.1 More homes") + word_paragraph("Every household has a decent home.")
_ENTITIES = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10 if n else "lol" * 10}">' for n in range(8))

WORD: dict[str, bytes] = {
    "word/malformed.docx": docx_bytes(document=f'<?xml version="1.0"?><w:document xmlns:w="{_WORDML}"><w:body>'
                                               "<w:p><w:r><w:t>cut short"),
    "word/nesting-300.docx": docx_bytes(document=f'<?xml version="1.0"?><w:document xmlns:w="{_WORDML}"><w:body>'
                                                 + "<w:sdt><w:sdtContent>" * 300 + "</w:sdtContent></w:sdt>" * 300
                                                 + "</w:body></w:document>"),
    "word/entity-bomb.docx": docx_bytes(document=f'<?xml version="1.0"?><!DOCTYPE w:document [{_ENTITIES}]>'
                                                 f'<w:document xmlns:w="{_WORDML}"><w:body><w:p><w:r><w:t>&e7;'
                                                 "</w:t></w:r></w:p></w:body></w:document>"),
    "word/list-start-not-a-number.docx": docx_bytes(WORD_PLAN + word_paragraph("Build", list_id="1"),
                                                    numbering=word_list("decimal", start="abc")),
    "word/list-start-10-to-the-12.docx": docx_bytes(WORD_PLAN + word_paragraph("Build", list_id="1"),
                                                    numbering=word_list("lowerRoman", start="1000000000000")),
    "word/list-level-10.docx": docx_bytes(WORD_PLAN + word_paragraph("Build", list_id="1", level="10"),
                                          numbering=word_list(level="10")),
    "word/list-level-negative.docx": docx_bytes(WORD_PLAN + word_paragraph("Build", list_id="1", level="-1"),
                                                numbering=word_list(level="-1")),
    "word/outline-level-without-value.docx": docx_bytes(WORD_PLAN + word_paragraph(
        "Housing", properties="<w:outlineLvl/>")),
    "word/grid-span-50-million.docx": docx_bytes(
        WORD_PLAN + '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="50000000"/></w:tcPr>'
        + word_paragraph("a. Build homes") + "</w:tc></w:tr></w:tbl>"),
    "word/stray-vertical-merge.docx": docx_bytes(
        WORD_PLAN + '<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="continue"/></w:tcPr>'
        + word_paragraph("a. Build homes") + '</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge w:val="continue"/>'
        "</w:tcPr>" + word_paragraph("b. Buy homes") + "</w:tc></w:tr></w:tbl>"),
}


def build() -> list[Path]:
    written = []
    for name, text in TEXT.items():
        path = FILES / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    for name, raw in {**BYTES, **WORD}.items():
        path = FILES / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        written.append(path)
    (FILES / "openplan.toml").write_text("# marks this folder as the project folder of the corpus\n",
                                         encoding="utf-8")
    return written


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(FILES))
