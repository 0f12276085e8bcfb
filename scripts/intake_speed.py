"""How long the intake takes on a 5,000-word article once its models are loaded.

Run from the repository root: ``.venv/bin/python scripts/intake_speed.py [fr|en]``. The article is
the seed and the French (or English) gold articles repeated to 5,000 words. Prints the loading
time (``load``: the models and a warm-up article), the first run after it, then the best of five
runs in wall-clock and in CPU time (the second is what a busy shared machine cannot inflate), and
the worst of those five. The first run is slower by what spaCy caches per word (lemmas, tokens)
for words it has not met yet.
"""

import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

from claims.intake import load, propose  # noqa: E402


def article(language: str, words: int = 5000) -> str:
    folder = REPOSITORY / "tests" / "data" / "intake"
    sources = sorted(folder.glob(f"*_{language}.txt"))
    if language == "fr":
        sources.append(REPOSITORY / "claims" / "seed" / "sochi_2022_article_fr.txt")
    texts = [path.read_text(encoding="utf-8") for path in sources]
    parts, count = [], 0
    while count < words:
        for text in texts:
            parts.append(text.strip())
            count += len(text.split())
    return "\n\n".join(parts)


def main() -> None:
    language = sys.argv[1] if len(sys.argv) > 1 else "fr"
    text = article(language)
    started = time.perf_counter()
    load(language)
    print(f"models loaded in {time.perf_counter() - started:.2f} s")
    walls, cpus = [], []
    for _ in range(6):
        wall, cpu = time.perf_counter(), time.process_time()
        result = propose(text, language=language)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"first run: {walls[0]:.2f} s wall-clock, {cpus[0]:.2f} s CPU")
    print(
        f"{len(text.split())} words ({language}), {len(result.proposals)} proposals: "
        f"best of five {min(walls[1:]):.2f} s wall-clock, {min(cpus[1:]):.2f} s CPU "
        f"(worst {max(walls[1:]):.2f} s wall-clock, {max(cpus[1:]):.2f} s CPU)"
    )


if __name__ == "__main__":
    main()
