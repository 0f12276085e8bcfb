"""The one door for every write to the editorial models.

The admin (forms, inlines, actions), the API and the management commands call these modules;
nothing else saves a claim, a verdict or their parts.

- ``roles``: who may read drafts, edit, publish;
- ``versioning``: no lost edits (optimistic locking);
- ``transitions``: the workflow table (propose, send back, publish, unpublish, reject) and assignment;
- ``verdicts``: drafts, and public corrections of published verdicts;
- ``editing``: claims, sources, quantities, evidence, update notes;
- ``updates``: minor updates, the logged changes to published content that are not corrections;
- ``errors``: why a change was refused.
"""
