"""The Celery application: long jobs (imports, intake, reindexing) run on workers, not in requests.

Start a worker with ``celery -A factcheck.celery worker``. Its configuration is the ``CELERY_*``
block of the settings; with no broker configured, tasks run in the calling process instead.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["claims.jobs"])
