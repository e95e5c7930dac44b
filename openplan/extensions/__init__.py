"""Extensions: optional modules that add namespaced fields and codelists to OpenPlan without forking it.

A plan declares what it uses: ``extensions: [budget, ./extensions/ward]``. A bare name is one of the
extensions shipped with this package (``schema/<version>/extensions/``); anything else is a path to a folder
inside the project, relative to the file. Web addresses are refused: nothing is ever fetched.

The package, one module a job:

* :mod:`.model`: an extension folder loaded and checked (:func:`load_folder`), and the shipped ones
  (:func:`shipped`, :func:`shipped_names`);
* :mod:`.apply`: the extension stage of validation (:func:`apply`);
* :mod:`.lint_schema`: ``openplan lint-schema``, which checks an extension itself (:func:`lint`).
"""

from .apply import CONFLICTING_EXTENSIONS, UNDECLARED, UNKNOWN_FIELD, ReferenceResolver, apply, resolve
from .lint_schema import BAD_CODELIST, CORE_CLASH, UNDOCUMENTED, lint, lint_all
from .model import (CODE, CODELIST_COLUMNS, DIALECT, INVALID_EXTENSION, NAME, UNKNOWN_EXTENSION, Codelist,
                    Extension, ExtensionProblem, core_types, load_folder, shipped, shipped_names)

__all__ = [
    "BAD_CODELIST", "CODE", "CODELIST_COLUMNS", "CONFLICTING_EXTENSIONS", "CORE_CLASH", "Codelist", "DIALECT",
    "Extension", "ExtensionProblem", "INVALID_EXTENSION", "NAME", "ReferenceResolver", "UNDECLARED",
    "UNDOCUMENTED", "UNKNOWN_EXTENSION", "UNKNOWN_FIELD", "apply", "core_types", "lint", "lint_all", "load_folder", "resolve",
    "shipped", "shipped_names",
]
