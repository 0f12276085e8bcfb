"""Whether an English word is a finite verb, without a tagger.

English has no official small spaCy model on PyPI, so the clause rules read words: auxiliaries
and modals, irregular past forms, regular "-ed" forms and a list of present-tense verbs common in
news copy. Good enough to tell a clause from a noun phrase, which is all the rules ask.
"""

from __future__ import annotations

from .lexicon import words

AUXILIARIES = words(
    "is are was were am be been has have had will would can could should may might must shall do does "
    "did 's 're 've 'll 'd isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't "
    "couldn't shouldn't doesn't didn't don't"
)
IRREGULAR_PAST = words(
    "said told rose fell grew went came took gave made found left kept held paid sent spent built "
    "bought brought began became chose drew drove ate fought flew forgot froze got hid hit hurt knew "
    "led lent let lost meant met put quit ran saw sold set shook shot shut sang sank sat slept spoke "
    "stood stole struck swore taught thought threw understood won wrote withdrew overtook undertook "
    "cut cost beat bore broke bit blew dealt dug fed felt fled forbade forgave hung laid lay lit rode "
    "rang sought shone sprang stuck stung swept swam swung tore woke wore wept wound"
)
PRESENT = words(
    "says tells shows serves remains stands means needs includes employs holds costs runs leads owns "
    "controls plans wants expects faces hopes claims argues warns insists believes thinks knows seems "
    "appears accounts represents gets goes makes takes gives keeps lies sits contains covers "
    "affects continues provides receives requires supports opposes denies admits says"
)
NOT_VERBS = words(
    "hundred red bed shed indeed need speed feed seed deed breed creed greed weed led wed fed sped "
    "united limited based detailed related skilled armed aged"
)


def is_finite_english(word: str) -> bool:
    """True for "is", "said", "rose", "invested", "serves"; false for "hundred", "households"."""
    if word in AUXILIARIES or word in IRREGULAR_PAST or word in PRESENT:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in NOT_VERBS


SUBJECTS = words("i we you they he she it which who that")
NOT_AFTER_SUBJECT = words(
    "also still now just then already never always only really the a an of to in on at and or but not all both each"
)
NOT_SUPERLATIVES = words(
    "west rest interest request forest protest contest guest chest quest harvest conquest inquest arrest "
    "manifest digest midwest southwest northwest honest modest"
)


def mark_english_verbs(sentence_words) -> None:
    """A word right after a subject pronoun or a relative pronoun is its verb: "we want", "which carries"."""
    for previous, word in zip(sentence_words, sentence_words[1:], strict=False):
        plausible = word.text.isalpha() and word.text not in NOT_AFTER_SUBJECT and not word.text.endswith("ly")
        if previous.text in SUBJECTS and plausible:
            word.finite = True


def is_superlative_english(word: str) -> bool:
    """ "highest", "largest"; not "west" or "interest"."""
    return len(word) > 4 and word.endswith("est") and word not in NOT_SUPERLATIVES
