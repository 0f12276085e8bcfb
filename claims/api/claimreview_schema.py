"""OpenAPI schemas (raw JSON Schema) of the JSON-LD and Google-compatible responses."""

_STRING = {"type": "string"}
_DATE_TIME = {"type": "string", "format": "date-time"}
_NULLABLE_STRING = {"type": "string", "nullable": True}

_THING = {
    "type": "object",
    "properties": {"@type": _STRING, "name": _STRING, "url": _STRING},
    "required": ["@type", "name"],
}

_CREATIVE_WORK = {
    "type": "object",
    "properties": {"@type": _STRING, "url": _STRING, "headline": _STRING},
    "required": ["@type", "url"],
}

CLAIM_REVIEW_SCHEMA = {
    "type": "object",
    "properties": {
        "@context": _STRING,
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": {"type": "string", "format": "uri"},
        "claimReviewed": _STRING,
        "datePublished": _DATE_TIME,
        "dateModified": _DATE_TIME,
        "author": _THING,
        "reviewRating": {
            "type": "object",
            "properties": {
                "@type": _STRING,
                "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer"},
                "alternateName": _STRING,
            },
            "required": ["@type", "alternateName"],
        },
        "itemReviewed": {
            "type": "object",
            "properties": {
                "@type": _STRING,
                "author": _THING,
                "datePublished": {"type": "string", "format": "date"},
                "appearance": {"type": "array", "items": _CREATIVE_WORK},
                "firstAppearance": _CREATIVE_WORK,
            },
            "required": ["@type", "author"],
        },
        "inLanguage": _STRING,
    },
    "required": ["@context", "@type", "url", "claimReviewed", "datePublished", "reviewRating", "itemReviewed"],
}

DATA_FEED_SCHEMA = {
    "type": "object",
    "properties": {
        "@context": _STRING,
        "@type": {"type": "string", "enum": ["DataFeed"]},
        "name": _STRING,
        "url": _STRING,
        "dateModified": {**_DATE_TIME, "nullable": True},
        "numberOfItems": {"type": "integer"},
        "next": {"type": "string", "nullable": True},
        "previous": {"type": "string", "nullable": True},
        "dataFeedElement": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "@type": _STRING,
                    "dateCreated": _DATE_TIME,
                    "dateModified": _DATE_TIME,
                    "item": {"type": "array", "items": CLAIM_REVIEW_SCHEMA},
                },
                "required": ["@type", "item"],
            },
        },
    },
    "required": ["@context", "@type", "dataFeedElement"],
}

GOOGLE_SEARCH_SCHEMA = {
    "type": "object",
    "description": "The shape of Google's Fact Check Tools API `claims:search`; `{}` when nothing matches.",
    "properties": {
        "claims": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "text": _STRING,
                    "claimant": _STRING,
                    "claimDate": _DATE_TIME,
                    "claimReview": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "publisher": {
                                    "type": "object",
                                    "properties": {"name": _STRING, "site": _STRING},
                                    "required": ["site"],
                                },
                                "url": _STRING,
                                "title": _STRING,
                                "reviewDate": _DATE_TIME,
                                "textualRating": _STRING,
                                "languageCode": _STRING,
                            },
                            "required": ["publisher", "url", "textualRating", "languageCode"],
                        },
                    },
                },
                "required": ["text", "claimReview"],
            },
        },
        "nextPageToken": _STRING,
    },
}
