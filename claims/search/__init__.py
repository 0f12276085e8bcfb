"""Finding claims: full-text search (``fulltext``) and claims that say nearly the same (``similar``)."""
