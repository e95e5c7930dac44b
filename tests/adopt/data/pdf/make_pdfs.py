"""Make the PDF fixtures for tests/adopt/test_import_pdf.py from the seed documents, as a council would:
Markdown to Word with pandoc, then Word to PDF with LibreOffice. Run from the repository's root:

    python tests/adopt/data/pdf/make_pdfs.py /path/to/seeds

The fixtures committed beside this script were made with pandoc 2.17.1.1 and LibreOffice 7.4.7.2
(Debian 12: `apt-get install pandoc libreoffice-writer-nogui`) and python-docx 1.2. For each seed it runs:

    pandoc -f markdown -t docx --reference-doc reference.docx SEED -o NAME.docx
    soffice -env:UserInstallation=file://PROFILE --headless --convert-to pdf --outdir OUT NAME.docx

reference.docx is pandoc's own (`pandoc -o reference.docx --print-default-data-file reference.docx`) with a
running header (the seed's own, such as "Item 9 – Appendix 1") and a "Page N" footer added, so that the PDFs
carry the page furniture published plans do. action-table.pdf is a small plan with a ruled action table,
written with python-docx.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
# seed file -> (fixture name, running header)
SEEDS = {
    "london-councils-business-plan-2013-14.txt": ("business-plan-2013-14", "London Councils Business Plan 2013/14"),
    "london-councils-business-plan-2017-18.txt": ("business-plan-2017-18", "London Councils Business Plan 2017/18"),
    "london-councils-business-plan-2020-21-draft-march-2020.txt": ("business-plan-2020-21-draft",
                                                                   "Executive – 3 March 2020"),
    "london-councils-business-plan-2020-21-final-july-2020.md": ("business-plan-2020-21-final",
                                                                 "Item 9 – Appendix 1"),
    "london-councils-shared-ambitions-milestones-2022-23.md": ("shared-ambitions-milestones-2022-23",
                                                               "Leaders' Committee – 27 July 2022"),
}


def reference_doc(header: str, target: Path) -> Path:
    default = target.with_name("pandoc-reference.docx")
    subprocess.run(["pandoc", "-o", str(default), "--print-default-data-file", "reference.docx"], check=True)
    document = docx.Document(str(default))
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = header
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    document.save(str(target))
    return target


def to_pdf(source: Path, work: Path) -> Path:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(HERE), str(source)], check=True, capture_output=True)
    return HERE / f"{source.stem}.pdf"


def action_table(target: Path) -> Path:
    document = docx.Document()
    document.add_heading("Anytown Council Delivery Plan 2025/26", 1)
    document.add_heading("1 Housing", 1)
    document.add_paragraph("1.1 More homes")
    document.add_paragraph("Every household has a decent home.")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Ref", "Action", "Lead", "Due")):
        cell.text = text
    for row in (("a", "Start building on three council sites.", "Director of Housing", "March 2026"),
                ("b", "Buy back 40 former council homes.", "Head of Assets", "Q3 2025/26")):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    document.add_paragraph("Progress is reported to Cabinet each quarter.")
    document.save(str(target))
    return target


def main(seeds: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for seed, (name, header) in SEEDS.items():
            reference = reference_doc(header, work / f"reference-{name}.docx")
            word = work / f"{name}.docx"
            subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "--reference-doc", str(reference),
                            str(seeds / seed), "-o", str(word)], check=True)
            print(to_pdf(word, work))
        print(to_pdf(action_table(work / "action-table.docx"), work))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/adopt/data/pdf/make_pdfs.py FOLDER-OF-SEED-DOCUMENTS")
    main(Path(sys.argv[1]))
