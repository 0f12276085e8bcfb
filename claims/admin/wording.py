"""Django admin phrases the project words itself.

Django's French « Modification de %s » gives « Modification de affirmation »: the project's
catalogue carries its own wording for these titles, and it takes precedence over Django's.
"""

from django.utils.translation import gettext_noop

ADMIN_TITLES = [gettext_noop("Add %s"), gettext_noop("Change %s"), gettext_noop("View %s")]
