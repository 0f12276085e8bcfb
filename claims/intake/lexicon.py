"""Word lists the intake's rules read, one set per language.

Kept apart from the rules so that a reader can see, and an editor can extend, what the intake
knows about each language without reading the code that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Lexicon:
    # Numbers and quantities.
    qualifiers: tuple[tuple[str, str], ...]  # (phrase before a number, QuantityQualifier value), longest first
    trailing_qualifiers: tuple[tuple[str, str], ...]  # (phrase after a number, qualifier)
    multipliers: dict[str, int]
    number_words: frozenset[str]
    fractions: dict[str, tuple[int, int]]  # "tiers" -> (1, 3): numerator word excluded
    percent_words: tuple[str, ...]
    unit_links: frozenset[str]  # "de", "of": "3 millions de personnes"
    not_units: frozenset[str]  # words after a number that are not what it counts
    skip_before_unit: frozenset[str]  # adjectives between a number and its noun: "250 new inspectors"
    measure_units: frozenset[str]  # nouns that make "un"/"a" a quantity: "une décennie"
    both_words: frozenset[str]  # "les deux", "both": not a count
    year_unit: str
    year_cues: frozenset[str]  # words before a four-digit number that make it a year
    # Dates.
    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    # Clauses.
    framing_starters: frozenset[str]
    according_to: tuple[str, ...]
    contrast_conjunctions: tuple[str, ...]  # split a sentence: "alors que", "while"
    coordinators: frozenset[str]  # "mais", "but"
    subordinators: frozenset[str]  # after these, a coordinator does not start a new claim
    relative_pronouns: frozenset[str]
    subject_pronouns: frozenset[str]
    purpose_markers: tuple[str, ...]
    # Attribution.
    reporting_verbs: frozenset[str]  # lemmas (French) or inflected forms (English)
    complementisers: frozenset[str]
    vague_speakers: frozenset[str]
    determiners: frozenset[str]
    # Scoring.
    opinion_verbs: frozenset[str]
    obligation_words: frozenset[str]
    evaluative_words: frozenset[str]
    comparison_phrases: tuple[str, ...]
    first_person: frozenset[str]
    stopwords: frozenset[str]


FRENCH = Lexicon(
    qualifiers=(
        ("un peu plus de", "more_than"),
        ("un peu moins de", "less_than"),
        ("pas moins de", "at_least"),
        ("pas plus de", "at_most"),
        ("à peu près", "about"),
        ("au-delà de", "more_than"),
        ("au minimum", "at_least"),
        ("au maximum", "at_most"),
        ("autour de", "about"),
        ("jusqu'à", "up_to"),
        ("au moins", "at_least"),
        ("au plus", "at_most"),
        ("plus de", "more_than"),
        ("plus d'", "more_than"),
        ("moins de", "less_than"),
        ("moins d'", "less_than"),
        ("près de", "about"),
        ("près d'", "about"),
        ("approximativement", "about"),
        ("quasiment", "about"),
        ("environ", "about"),
        ("presque", "about"),
        ("quelque", "about"),
    ),
    trailing_qualifiers=(("ou plus", "at_least"), ("au moins", "at_least"), ("au maximum", "at_most")),
    multipliers={"million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9, "mille": 1000},
    number_words=words(
        "un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
        "vingt vingts trente quarante cinquante soixante cent cents mille million millions milliard "
        "milliards"
    ),
    fractions={"tiers": (1, 3), "quart": (1, 4), "quarts": (1, 4), "moitié": (1, 2)},
    percent_words=("pour cent", "pourcent"),
    unit_links=frozenset({"de", "d'", "des", "du"}),
    not_units=words(
        "a à au aux avec avant après chez contre dans de des du d' en entre et ou par pour sans sous sur selon "
        "le la les l' un une ce ces cette son sa ses leur leurs qui que qu' dont où mais donc or ni car "
        "est sont été était étaient sera seront serait a ont avait avaient aura auront fut sont "
        "fois depuis plus moins environ près soit"
    ),
    skip_before_unit=words("nouveaux nouvelles autres premiers derniers jeunes"),
    measure_units=words(
        "an ans année années mois semaine semaines jour jours heure heures décennie décennies siècle siècles "
        "minute minutes kilomètre kilomètres mètre mètres tonne tonnes litre litres euro euros dollar dollars "
        "point points"
    ),
    both_words=frozenset({"les", "des", "aux", "ces", "nos", "vos", "leurs", "ses"}),
    year_unit="année",
    year_cues=words(
        "en de d' depuis dès avant après fin début année l'année d'ici à jusqu'en entre et ou mi- "
        "automne été hiver printemps janvier février mars avril mai juin juillet août septembre octobre "
        "novembre décembre"
    ),
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    months=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    framing_starters=words(
        "dans lors au aux à en pour par sur après avant malgré face pendant durant outre parmi avec sans "
        "comme vers depuis"
    ),
    according_to=("selon", "d'après", "de source"),
    contrast_conjunctions=("alors que", "tandis que"),
    coordinators=frozenset({"mais"}),
    subordinators=words("qui que qu' dont où lorsque quand si parce puisque lequel laquelle"),
    relative_pronouns=words("qui dont où lequel laquelle lesquels lesquelles"),
    subject_pronouns=words("je j' tu il elle nous vous ils elles on"),
    purpose_markers=("pour", "afin de", "afin d'"),
    reporting_verbs=words(
        "déclarer affirmer dire indiquer annoncer assurer noter déplorer souligner expliquer préciser "
        "rappeler ajouter estimer reconnaître rapporter confirmer avertir prévenir admettre insister lancer "
        "répondre conclure accuser dénoncer juger soutenir prétendre promettre écrire raconter révéler "
        "signaler répéter marteler témoigner démentir nier regretter observer relever constater "
        "annoncer expliquer poursuivre martèler avancer"
    ),
    complementisers=frozenset({"que", "qu'", ":"}),
    vague_speakers=words(
        "certains beaucoup plusieurs critiques observateurs experts détracteurs opposants partisans "
        "militants sources d'aucuns"
    ),
    determiners=words("le la les l' un une des du de d' ce cet cette ces son sa ses leur leurs"),
    opinion_verbs=words(
        "voir penser croire estimer espérer souhaiter vouloir trouver sembler considérer aimer craindre sentir"
    ),
    obligation_words=words("devoir falloir faut pouvoir doit doivent devons devez devrait devraient"),
    evaluative_words=words(
        "beau belle magnifique terrible formidable palpable inquiétant inquiétante scandaleux scandaleuse "
        "délicat délicate apparent apparente regrettable admirable catastrophique honteux honteuse "
        "incroyable"
    ),
    comparison_phrases=(
        "plus que",
        "moins que",
        "le plus",
        "la plus",
        "les plus",
        "le moins",
        "la moins",
        "deux fois",
        "trois fois",
        "record",
        "double",
        "triple",
        "moitié",
        "contre",
        "principal",
        "principale",
        "premier",
        "première",
        "jamais",
        "hausse",
        "baisse",
        "augmenté",
        "diminué",
        "progressé",
        "reculé",
    ),
    first_person=words("je j' nous me m' moi"),
    stopwords=words(
        "le la les des du de et est un une dans pour que qui pas sur au aux avec il elle ont sont été "
        "par plus son ses ce cette mais ou où leur nous vous"
    ),
)


ENGLISH = Lexicon(
    qualifiers=(
        ("no fewer than", "at_least"),
        ("no less than", "at_least"),
        ("no more than", "at_most"),
        ("in excess of", "more_than"),
        ("upwards of", "more_than"),
        ("an estimated", "about"),
        ("as many as", "up_to"),
        ("as much as", "up_to"),
        ("more than", "more_than"),
        ("fewer than", "less_than"),
        ("less than", "less_than"),
        ("at least", "at_least"),
        ("at most", "at_most"),
        ("close to", "about"),
        ("up to", "up_to"),
        ("approximately", "about"),
        ("roughly", "about"),
        ("around", "about"),
        ("nearly", "about"),
        ("almost", "about"),
        ("about", "about"),
        ("above", "more_than"),
        ("below", "less_than"),
        ("under", "less_than"),
        ("over", "more_than"),
        ("some", "about"),
    ),
    trailing_qualifiers=(("or more", "at_least"), ("at least", "at_least"), ("at most", "at_most")),
    multipliers={
        "million": 10**6,
        "millions": 10**6,
        "billion": 10**9,
        "billions": 10**9,
        "trillion": 10**12,
        "thousand": 1000,
        "m": 10**6,
        "bn": 10**9,
        "k": 1000,
    },
    number_words=words(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
        "million billion trillion"
    ),
    fractions={"third": (1, 3), "thirds": (1, 3), "quarter": (1, 4), "quarters": (1, 4), "half": (1, 2)},
    percent_words=("percent", "per cent"),
    unit_links=frozenset({"of"}),
    not_units=words(
        "a an the of in on at by for to from with and or but than as per that which who this these those "
        "is are was were be been has have had will would can could did do does its their his her our "
        "times since more less over under about"
    ),
    skip_before_unit=words(
        "new more additional extra other former young old small large big major local separate serious full"
    ),
    measure_units=words(
        "year years month months week weeks day days hour hours decade decades century centuries minute "
        "minutes mile miles kilometre kilometres kilometer kilometers metre metres meter meters tonne tonnes "
        "ton tons litre litres dollar dollars pound pounds euro euros point points"
    ),
    both_words=frozenset({"the", "these", "those", "our", "their", "its", "his", "her"}),
    year_unit="year",
    year_cues=words(
        "in of since by from to until before after between and or early late mid end start year "
        "january february march april may june july august september october november december spring "
        "summer autumn winter"
    ),
    weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    months=(
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
    framing_starters=words(
        "in during at on for after before despite with as amid following like among within without throughout"
    ),
    according_to=("according to",),
    contrast_conjunctions=("while", "whereas"),
    coordinators=frozenset({"but"}),
    subordinators=words("that which who whom whose when if because since although"),
    relative_pronouns=words("which who whom whose where"),
    subject_pronouns=words("i we you he she they it"),
    purpose_markers=("in order to", "so as to"),
    reporting_verbs=words(
        "said says say told tells stated states announced announces claimed claims added adds noted notes "
        "explained insisted warned warns argued argues confirmed reported wrote acknowledged admitted "
        "promised pledged declared asserted suggested estimated revealed stressed maintained denied "
        "recalled"
    ),
    complementisers=frozenset({"that", ":"}),
    vague_speakers=words(
        "some many critics observers experts opponents supporters campaigners sources others people analysts officials"
    ),
    determiners=words("the a an this that these those its their his her our"),
    opinion_verbs=words("think believe hope wish want feel see seem guess love fear"),
    obligation_words=words("should must ought need needs have to has to"),
    evaluative_words=words(
        "familiar beautiful terrible great wonderful shocking surprised surprising disgraceful "
        "unacceptable outrageous remarkable sad"
    ),
    comparison_phrases=(
        "more than",
        "less than",
        "fewer than",
        "the most",
        "the least",
        "largest",
        "biggest",
        "highest",
        "lowest",
        "smallest",
        "record",
        "twice",
        "double",
        "triple",
        "compared with",
        "compared to",
        "up from",
        "down from",
        "rose",
        "fell",
        "increased",
        "decreased",
        "first",
        "ever",
        "never",
    ),
    first_person=words("i we me us"),
    stopwords=words(
        "the of and to in is that for on with as was by it are be this from at have has an were which "
        "their they but not"
    ),
)


LEXICONS = {"fr": FRENCH, "en": ENGLISH}
