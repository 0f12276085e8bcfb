"""The editors' workspace: one module per area, each registering its admins."""

from ..jobs import admin as jobs_admin  # noqa: F401 - the background jobs page
from . import claims, external, reference, verdicts  # noqa: F401 - registers the admins
