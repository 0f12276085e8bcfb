"""Background jobs: imports, intake of many articles, search maintenance, the DataFeed's copies.

- ``models.Job``: one row per job, shown on the admin's jobs page (who, percentage, rows, errors);
- ``registry.register_job``: name a function as a job (``register_job("import_claimreview", fn)``);
- ``runner.run_job``: start one (idempotent by key); a Celery worker runs it (``tasks``), or the
  calling process does when no broker is configured;
- ``builtin``: the jobs that exist today (``search_reindex``, ``load_seed``, ``build_datafeed``).
"""
