"""The REST API (``/api/v1/``), its ClaimReview endpoints and the ``claims:search`` compatible endpoint."""
