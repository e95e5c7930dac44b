"""Safe loading of OpenPlan files (YAML 1.2 and JSON) that remembers where every value came from.

The flow, one module a step:

* :mod:`.reading`: the bytes of a file or stream, bounded in size, decoded to text;
* :mod:`.json_text`: a .json file made ready for the YAML composer, and held to strict JSON;
* :mod:`.composing`: libyaml composes the node graph in C, after deep nesting is refused;
* :mod:`.core_schema`: plain Python values built from the nodes under the YAML 1.2 core schema, so ``no``
  stays a string and ``2022-07-01`` stays text; no tag can construct an object and duplicate keys are errors;
* :mod:`.document`: the loaded :class:`Document`, whose positions are looked up on demand from the node
  graph, so the happy path pays nothing for them;
* :mod:`.loading`: :func:`parse` and :func:`load_document`, which run the steps in order, and
  :class:`Recomposed`, a file kept without its node graph (sent by another process, or kept after it was
  checked), whose graph is composed again when a position is needed;
* :mod:`.limits` and :mod:`.rules`: the limits, and the L rules every refusal reports.

Nothing here prints, exits or touches the network.
"""

from .document import Document, from_pointer, to_pointer
from .limits import DEFAULT_LIMITS, Limits
from .loading import Recomposed, load_document, parse, paused_gc
from .reading import decode, is_folder, read_limited, read_stream, read_text
from .rules import (BAD_NUMBER, DUPLICATE_KEY, EMPTY, ENCODING, FILE_NOT_FOUND, LIMIT, MERGE_KEY,
                    MULTIPLE_DOCUMENTS, NOT_A_MAPPING, OUTSIDE_PROJECT, RECURSIVE_ALIAS, RULES, SYNTAX,
                    UNKNOWN_VERSION, UNREADABLE, UNSAFE_TAG, URL_REFERENCE, LoadError)

__all__ = [
    "BAD_NUMBER", "DEFAULT_LIMITS", "DUPLICATE_KEY", "EMPTY", "ENCODING", "FILE_NOT_FOUND", "LIMIT", "MERGE_KEY",
    "MULTIPLE_DOCUMENTS", "NOT_A_MAPPING", "OUTSIDE_PROJECT", "RECURSIVE_ALIAS", "RULES", "SYNTAX",
    "UNKNOWN_VERSION", "UNREADABLE", "UNSAFE_TAG", "URL_REFERENCE", "Document", "Limits", "LoadError", "Recomposed",
    "decode",
    "from_pointer", "is_folder", "load_document", "parse", "paused_gc", "read_limited", "read_stream", "read_text",
    "to_pointer",
]
