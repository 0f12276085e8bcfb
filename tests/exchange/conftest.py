from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "exchange"


@pytest.fixture
def data() -> Path:
    """The folder of this suite's own ClaimReview and LIAR fixtures."""
    return DATA


@pytest.fixture
def scale(empty_database, seed_data):
    """Our rating scale alone, as the seed defines it (no claims)."""
    from claims.models import Rating

    return {row["slug"]: Rating.objects.create(**row) for row in seed_data["ratings"]}
