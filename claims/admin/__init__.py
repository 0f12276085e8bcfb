"""The editors' workspace: one module per area, each registering its admins."""

from . import claims, reference, verdicts  # noqa: F401 - registers the admins
