"""The keywords OpenPlan adds to JSON Schema 2020-12.

All are annotations: no validator needs them to decide whether a file is valid, but strict validators (ajv)
refuse unknown keywords until they are declared, so this list is published in docs/editors.md and a test
checks that the schemas use no other.
"""

KEYWORDS = {
    "version": "the schema version, at the top of plan.schema.json and registry.schema.json",
    "references": "on an id field: the kinds of item the id must name (checked by openplan validate)",
    "codelist": "on a code field: the CSV file in codelists/ that lists its codes",
    "openCodelist": "on a code field: true if codes outside the codelist are allowed",
    "objects": "at the top of an extension's schema.json: the fields it adds to each kind of object",
}
