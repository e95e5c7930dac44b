"""Version numbers of the package and of the OpenPlan schema it implements.

The schema version is MAJOR.MINOR: a patch release never changes which files are valid,
so the schema's rules (and its ``$id``) only change at a minor or major release (docs/versioning.md).
"""

__version__ = "1.0.0"
SCHEMA_VERSION = "1.1"
SUPPORTED_SCHEMA_VERSIONS = ("1.0", "1.1")
SCHEMA_BASE_URI = "https://w3id.org/openplan/schema"


def schema_id(name: str, version: str = SCHEMA_VERSION) -> str:
    """The ``$id`` of a schema file, e.g. ``schema_id("plan")``."""
    return f"{SCHEMA_BASE_URI}/{version}/{name}.schema.json"
