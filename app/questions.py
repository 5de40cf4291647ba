"""What a question asks for, and whether a sentence gives it (Swedish and English).

Similarity says a sentence is *about* the question's topic; it does not say the sentence gives
*what was asked*. "Hur mycket pengar satsas på planen?" is close to every sentence about the
plan, but only a sentence with an amount answers it. The analysis here is deliberately simple
and deterministic: the kind of answer a question expects (from its question words), and its hard
constraints (a year, a named body or place), each checked on the candidate sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strategiqa.retrieval.routing import QUESTION_WORD

from .question_kinds import EXPECTED_KINDS
from .question_names import ACRONYM, CAPITALISED, EnglishWords, names_in, without_asker_context

# Kinds whose presence in a sentence can be checked; the others (list, reason, description) cannot.
CHECKABLE = frozenset(
    {
        "amount",
        "share",
        "number",
        "quantity",
        "duration",
        "day",
        "date",
        "person",
        "agent",
        "organisation",
        "place",
        "called",
    }
)


PREFERRED = frozenset({"frequency"})
"""Kinds a sentence giving them is preferred for among those nearly as close as the best, but whose absence is no reason
to refuse: "Hur ofta följs agendan upp?" is answered by "… följas upp årligen" when it is that close, and by the closest
sentence about the follow-up otherwise (the best one often says what the follow-up is for, the next how often)."""


@dataclass(frozen=True)
class QuestionAnalysis:
    expects: str
    """amount, share, number, quantity, duration (a length of time), frequency (how often), day (a date to the day),
    date (a year, month or season will do),
    person (a named person), agent (a person or a body),
    organisation, place, called (a name), list, reason or description."""
    years: tuple[str, ...] = ()
    """Years the question names: the answer must be about them."""
    names: tuple[str, ...] = ()
    """Names the question uses (capitalised words, acronyms) other than the corpus's own places."""
    known: frozenset[str] = frozenset()
    """Word starts (five letters, lower-cased) of the question and of the corpus's places: a name or
    body these already give is what the question is about, not its answer."""
    agency: bool = False
    """The question asks for an agency or authority, which the government or a region is not."""
    bodies: frozenset[str] = frozenset()
    """Lower-cased words of the documents' publishers: bodies that can answer "who"."""
    leads: bool = False
    """A who question asking who leads, chairs or heads something ("Vem leder gruppen?", "Who's going to chair it?"):
    only a sentence saying who leads answers it, not one naming the body led."""
    now: bool = False
    """A value asked for as it stands today ("How many … are there today?", "Hur många har redan …?"): a target the
    documents set ("ska … senast 2029", "will … by 2030") does not give it (see ``sets_a_target``)."""
    absent_terms: tuple[str, ...] = ()
    """Terms of the documents' language a question in another language quotes ("the <term> ceiling"), found in no
    form in the documents (see ``CorpusWords.absent_quoted_terms``): they do not mention what is asked about."""

    @property
    def checkable(self) -> bool:
        return self.expects in CHECKABLE


VALUES = frozenset({"amount", "share", "number", "quantity", "duration", "day", "date"})
"""Elements that are values (a sum, a share, a count, a year …), given by a sentence's figures whatever it speaks of."""
ELEMENT_WORDS = frozenset(
    "år året årtal årtalet datum datumet när antal antalet många mycket stor stort stora belopp beloppet summa summan "
    "procent andel andelen siffra siffran siffror tal talet ungefär totalt sammanlagt sammanlagda totala hur "
    "year years date dates when number numbers many much how big large amount sum percent percentage share figure "
    "figures roughly approximately about total overall".split()
)
"""Words that only say which kind of value is asked ("Hur många …", "By what year …"), not what it is of."""


# A "how many / how much" after a preposition is part of what is asked about, not what is asked:
# "Vilket problem lyfts kring hur många som slutför …", "what could happen to how much …".
_EMBEDDED = re.compile(
    r"\b(to|about|on|of|with|om|kring|över|till|med|gäller|angående|beträffande|rörande|regarding|concerning|as to|"
    r"comes to)"
    r"\s+(hur|how)\s+(många|mycket|many|much)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)(?![-–]?tal|'?s\b)")
"""A year; not a decade ("2030-talet", "the 2030s"), which any of its years answers ("mitten av 2030-talet": 2035)."""
# A clause that sets the scene before the question proper ("When tackling resistance, which approach …?", "Om vi vill
# söka medel, vem ska vi kontakta?"): its "when" or "if" is a conjunction and asks for nothing.
_SCENE = re.compile(
    # ... not a question of its own: an auxiliary, an adverb or (Swedish word order) a passive verb right after the
    # conjunction ("When will the council start, and who chairs it?", "When exactly …", "När antogs agendan, vem …?")
    r"^\s*(?:(?:when|whenever|if|while|once|since)\b(?!\s+(?:will|is|are|was|were|do|does|did|should|shall|can|could|"
    r"would|must|has|have|had|exactly|precisely|roughly|approximately|ever)\b)"
    r"|(?:när|om|medan|eftersom)\b(?!\s+(?:ska|skall|är|var|blir|blev|kommer|har|hade|kan|bör|måste|exakt|ungefär|"
    r"\w+s)\b))"
    r"[^,?]{3,}?,\s*(?=(?:what|which|who|whom|whose|how|why|where|when|vad|vilk\w*|vem|vems|hur|varför|var|när)\b)",
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    r"två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio|hundra|tusen|"
    r"miljon(?:er)?|miljard(?:er)?|dubbl\w*|fördubbl\w*|halver\w*|hälften|tiotal|tjugotal|hundratal|"
    r"two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|million|billion|double|half"
)
_COUNT = re.compile(rf"(?<![\w.])(?:\d[\d  ]*(?:[.,]\d+)?)(?![\d])|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_DURATION = re.compile(
    rf"(?:(?<![\w.])\d[\d  ]*(?:[.,]\d+)?|\b(?:{_NUMBER_WORDS}))\s*(?:-\s*)?"
    r"(?:dag|dagar|dygn|vecka|veckor|månad|månader|år|timm\w*|minut\w*|days?|weeks?|months?|years?|hours?|minutes?)\b",
    re.IGNORECASE,
)
# How often, as the documents' languages say it: "årligen", "varje år", "två gånger per år", "löpande", "annually".
_FREQUENCY = re.compile(
    r"\b(?:årlig\w*|årsvis|kvartalsvis|månadsvis|veckovis|halvårsvis|löpande|regelbundet|kontinuerligt|"
    r"(?:varje|var|vart|per|en\s+gång\s+(?:per|om|i))\s+(?:år|månad|vecka|kvartal|halvår|dag)\w*|"
    r"\w+\s+gånger\s+(?:per|om|i)\s+\w+|annual(?:ly)?|yearly|quarterly|monthly|weekly|biannual(?:ly)?|regularly|"
    r"continuously|(?:every|each|per|once\s+a|twice\s+a)\s+(?:year|month|week|quarter|day)s?)\b",
    re.IGNORECASE,
)
_CURRENCY_WORDS = r"kr|kronor|kronors|mkr|mdkr|msek|sek|euro|eur|dollar"
_CURRENCY = re.compile(rf"\b(?:{_CURRENCY_WORDS})\b|[€$]", re.IGNORECASE)
_SHARE = re.compile(
    r"%|\bprocent\w*|\bper ?cent\b|\bhälften\b|\b(?:en|var) (?:tredje|fjärde|femte|tionde)\w*|"
    r"\b\w+(?:dedel|delar)\b|\bmajoritet\w*|"
    # The same in English: "half of the new lines", "a third of …", "two thirds", "the majority of".
    r"\bhalf\b|\b(?:a|one|two) (?:third|quarter|fifth|tenth)s?\b|\bmajority\b",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"\b(?:betydande|stor|stora|större|liten|små|mindre|väsentlig\w*|ansenlig\w*|marginell\w*|hög|låg|"
    r"significant|large|small|substantial|considerable|major|minor|sizeable)\s+"
    r"(?:del|delen|andel|andelen|omfattning|mängd|utsträckning|part|share|proportion|amount|extent|degree)\b",
    re.IGNORECASE,
)
_MONTHS = (
    r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"january|february|march|may|june|july|august|october|vår(?:en)?|höst(?:en)?|sommar(?:en)?|vinter(?:n)?"
)
_DATE = re.compile(rf"(?<!\d)(?:19|20)\d{{2}}(?!\d)|\b(?:{_MONTHS})\b", re.IGNORECASE)
_MONTH_NAMES = (
    r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"january|february|march|may|june|july|august|october|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
# A date to the day: "den 12 mars", "12th March", "March 12", "2026-03-12", "12/3".
_DAY = re.compile(
    rf"(?<!\d)\d{{1,2}}(?::e|e|st|nd|rd|th)?\.?\s+(?:{_MONTH_NAMES})\b|\b(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?!\s\d{{3}})"
    r"|(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2}(?!\d)|(?<![\d/])(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9])(?:/\d{2,4})?(?![\d/])",
    re.IGNORECASE,
)
PERSON_NAME = re.compile(r"(?<![\w-])[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\s+[A-ZÅÄÖÉ][a-zåäöéü]{2,}")
# Nouns that name a body or a kind of actor (Swedish definite and compound forms included).
_BODY = re.compile(
    r"\w*(?:myndighet\w*|verket|rådet|kontor\w*|institut\w*|universitet\w*|högskol\w*|lärosäte\w*|"
    r"region\w*|kommun\w*|företag\w*|bolag\w*|industri\w*|akademi\w*|sjukhus\w*|vård\w*|aktör\w*|"
    r"organisation\w*|nätverk\w*|centrum|center|kluster\w*|parker?|departement\w*|minist\w*|styrelse\w*|"
    r"partnerskap\w*|konsortium\w*|kommission\w*|eu)\b",
    re.IGNORECASE,
)
# A compound ending in a body noun, definite or not ("<Place>regionen", "<Name> Universitetssjukhuset", "<Field>rådet").
_BODY_ENDING = re.compile(
    r"(?:regionen?|sjukhus(?:et)?|universitet(?:et)?|högskolan?|kommunen?|myndighet(?:en)?|verket|rådet|kontoret|"
    r"institutet|akademin|centrum|centret|styrelsen|departementet|kommissionen|kansliet|bolaget|företaget)$",
    re.IGNORECASE,
)
# Agencies and authorities, as asked for and as named (Swedish definite and compound forms).
_AGENCY_ASKED = re.compile(r"\b(?:myndighet\w*|verk(?:et)?|agenc(?:y|ies)|authorit(?:y|ies))\b", re.IGNORECASE)
_AGENCY = re.compile(r"\w*(?:myndighet\w*|verket|rådet|inspektionen|institutet)\b", re.IGNORECASE)


def _uncontracted(text: str) -> str:
    """English contractions written out, so the patterns below read them: "what's their turnover" as "what is …",
    "who's going to chair it" as "who is going to …", "where're" as "where are"."""
    return _CONTRACTED_ARE.sub(r"\1 are", _CONTRACTED_IS.sub(r"\1 is", text))


_CHECKS_A_CLAIM = re.compile(
    r"\b(?:stämmer (?:det|detta|det här)|är (?:det|detta) (?:rätt|riktigt|korrekt|sant)|har jag (?:rätt|förstått)|"
    r"is (?:it|this|that) (?:true|right|correct|so)|is that the (?:right|correct) year|am i right|"
    r"(?:true|right|correct) that)\b"
    # A tag after the claim ("…, right?", "…, isn't it?", "…, eller hur?", "…, va?").
    r"|,\s*(?:right|correct|true|isn['’]t\s+it|is\s+it\s+not|aren['’]t\s+they|don['’]t\s+they|doesn['’]t\s+it|"
    r"or\s+not|eller\s+hur|eller\s+inte|inte\s+sant|va|visst|ja|nej|stämmer\s+det)\s*\?+\s*$",
    re.IGNORECASE,
)
"""A question checking a claim it states ("… – stämmer det?", "Is it true that …?", "…, right?")."""
_CONTRACTED_IS = re.compile(r"\b(what|who|where|when|how|which|that|it|there|here)['’]s\b", re.IGNORECASE)
_CONTRACTED_ARE = re.compile(r"\b(what|who|where|when|how|which|they|we|you)['’]re\b", re.IGNORECASE)


def analyse(
    question: str,
    places: frozenset[str] = frozenset(),
    words: EnglishWords | None = None,
    documents: frozenset[str] = frozenset(),
    bodies: frozenset[str] = frozenset(),
) -> QuestionAnalysis:
    """The kind of answer ``question`` expects and its hard constraints.

    From the manifest, lower-cased: ``places`` the corpus is about (a question naming them is not
    asking about another place), ``documents`` the words of the documents' titles (naming a
    document is no name to look up) and ``bodies`` the words of their publishers (a body that can
    answer "who"). ``words`` tells ordinary English words from proper names, so a body's translated
    title ("the Regional Executive Board") is not taken for a name the documents must contain.
    """
    text = " ".join(question.split())
    # "What happens to how much …" does not ask how much; "When tackling resistance, which approach …?" asks which.
    uncontracted = _uncontracted(text)
    asked = _EMBEDDED.sub(r"\1 \3", _SCENE.sub("", uncontracted))
    expects = next((kind for kind, pattern in EXPECTED_KINDS if pattern.search(asked)), "description")
    claimed = _claimed_figure(text)
    if claimed is not None and expects == "description" and (_CHECKS_A_CLAIM.search(text) or asks_yes_or_no(text)):
        # "Stämmer det att strategin säger att sektorn sysselsätter 40 000 personer?": a claim stating a figure is
        # answered by a sentence giving one (the same or another); without one the documents do not say.
        expects = claimed
    elif expects in _CLAIMED_VALUES and asks_yes_or_no(text):
        # "Bidrar branschen till en stor andel av utsläppen?", "Does the plan admit it lacks money from the state
        # budget?": a yes-or-no question about a claim; the sentence making it answers, with or without a figure. "Finns
        # det en budget för …?", "Does it set a numeric target?" still ask for the value.
        expects = "description"
    # "Is it true that … by 2030?", "Stämmer det att … redan 2030?": the year is the claim being checked, not a
    # constraint the answer must meet; the year the documents give answers it.
    years = () if _CHECKS_A_CLAIM.search(text) else tuple(dict.fromkeys(_YEAR.findall(text)))
    names = names_in(without_asker_context(text), places | documents)
    if words is not None:
        names = tuple(n for n in names if not words.is_translated_title(n))
    # The corpus's own places are no answer to "where" or "what is it called"; for "who", the region
    # itself (a place and a body: the region's own office) may well be.
    scope = text if expects in ("agent", "organisation") else text + " " + " ".join(places)
    known = frozenset(_start(w) for w in re.findall(r"[^\W_]+", scope))
    agency = bool(expects == "organisation" and _AGENCY_ASKED.search(text))
    leading = _ASKS_WHO_LEADS.search(uncontracted)
    # Who leads a body asks for its head; who leads the work asks which body does it ("Vem ska leda arbetet med
    # genomförandet?": the council set up to guide it, in whatever words).
    leads = expects in ("person", "agent") and leading is not None and not _ACTIVITY.search(text[leading.end() :])
    now = expects in _COUNTED_VALUES and bool(_NOW.search(text))
    return QuestionAnalysis(
        expects=expects,
        years=years,
        names=names,
        known=known,
        agency=agency,
        bodies=frozenset(bodies),
        leads=leads,
        now=now,
    )


def sets_a_target(sentence: str) -> bool:
    """Whether ``sentence`` sets a target ("… ska finnas i alla 14 kommuner senast 2029", "will rise to 40 by 2030")
    without saying where things stand ("från 14 år 2025 till minst 40", "i dag")."""
    return bool(_TARGET.search(sentence)) and not _BASELINE.search(sentence)


_COUNTED_VALUES = frozenset({"amount", "share", "number", "quantity"})
_NOW = re.compile(
    r"\b(?:i dag|idag|i nuläget|för närvarande|just nu|hittills|redan|today|currently|at present|presently|so far|"
    r"to date|already|right now|nowadays|these days|as of now)\b",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"\b(?:ska|skall|senast|will|shall|should|by\s+(?:19|20)\d{2}|targets?|aims?\s+to|mål(?:et|en|sättning\w*)?)\b",
    re.IGNORECASE,
)
_BASELINE = re.compile(
    r"\b(?:från|from)\s+(?:cirka\s+|ca\.?\s+|omkring\s+|about\s+|around\s+)?\d|"
    r"\b(?:i dag|idag|today|currently|för närvarande|at present|i nuläget|nu|now)\b",
    re.IGNORECASE,
)


def asks_yes_or_no(question: str) -> bool:
    """Whether ``question``'s asking clause (after any context before a colon or dash) opens with a verb and has no
    question word, and names no value indefinitely ("Finns det ett belopp …?", "Is there any figure …?", "Does it set a
    target …?" ask whether a value is given: for the value)."""
    asked = without_asker_context(question).strip()
    clause = re.split(r"[:–—]\s+|\s-\s+", asked)[-1]
    return bool(_OPENS_WITH_VERB.match(clause)) and not QUESTION_WORD.search(asked) and not _VALUE_ASKED.search(clause)


_CLAIMED_VALUES = frozenset({"amount", "share", "number"})
# A figure a claim states: two digits or more, or grouped by thousands ("40 000"), not a year or a section number.
_FIGURE = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:[  ]\d{3})+|\d{2,})(?![\d.,]\d)")


def _claimed_figure(text: str) -> str | None:
    """The kind of value a figure the question states is (a share, an amount or a number); None when it states none."""
    figures = [m.group(0) for m in _FIGURE.finditer(text) if not _YEAR.fullmatch(m.group(0))]
    if not figures:
        return None
    if _SHARE.search(text):
        return "share"
    return "amount" if _CURRENCY.search(text) else "number"


_OPENS_WITH_VERB = re.compile(
    r"\W*(?:(?:and|but|so|och|men|så)\s+)?(?:does|do|did|is|are|was|were|has|have|had|can|could|should|will|would|"
    r"must|finns|fanns|är|var|har|hade|kan|ska|skall|bör|får|måste|anger|nämner|säger|tar|ger|innehåller|bidrar|"
    r"stämmer|behöver|vill|kommer|står|erkänner|menar|tycker|räknar|planerar|sätter|avser|pekar|beskriver|framgår|"
    r"uppger|föreslår|redovisar|specificerar|preciserar)\b",
    re.IGNORECASE,
)
_VALUE_NOUN = (
    r"(?:budget\w*|belopp\w*|summ\w*|kostnad\w*|andel\w*|procent\w*|siffr\w*|antal\w*|tal|mål\w*|kronor|"
    r"amounts?|sums?|figures?|numbers?|targets?|goals?|shares?|percentages?|proportions?|costs?|budgets?|counts?)\b"
)
# A value noun asked for: indefinite, unqualified or with a word that is no degree ("en stor andel" claims a degree),
# or after a verb of giving or stating ("Does the agenda give the share …?", "Anger strategin budgeten …?").
_VALUE_ASKED = re.compile(
    r"\b(?:a|an|any|some|en|ett|någon|något|några)\s+(?!(?:stor|stort|stora|betydande|liten|litet|små|large|big|"
    r"significant|substantial|small|huge|growing|increasing|växande|ökande|tillräcklig\w*|enough)\b)(?:[\w-]+\s+)?"
    rf"{_VALUE_NOUN}"
    # ("the state budget": a noun)
    r"|(?<!the\s)(?<!a\s)\b(?:give|gives|state|states|mention|mentions|specify|specifies|report|reports|list|lists|"
    r"set|sets|put|puts|anger|anges|nämner|nämns|redovisar|redovisas|specificerar|preciserar|sätter|sätts|ger|ges)\b"
    rf"(?:\s+[\w'-]+){{0,3}}?\s+{_VALUE_NOUN}",
    re.IGNORECASE,
)


# "Vem leder …?", "Vem ska vara ordförande …?", "Who chairs / heads / is going to lead …?" (language knowledge).
_ASKS_WHO_LEADS = re.compile(
    r"\b(?:vem|vilka|who)\b(?:\s+[\w-]+){0,4}?\s+(?:leder|ledde|ska leda|kommer att leda|leda|styr|ska styra|"
    r"är ordförande|blir ordförande|ska vara ordförande|vara ordförande|ordförande|leads?|led|chairs?|heads?|"
    r"chairing|leading|heading|steers?|steering)\b",
    re.IGNORECASE,
)
_ACTIVITY = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:arbet\w*|genomför\w*|process\w*|implement\w*|work|efforts?|insats\w*|samordning\w*|"
    r"utveckling\w*|development|agenda\w*|strateg\w*)\b",
    re.IGNORECASE,
)
# What says who leads: a leading verb or noun, not the adjective "ledande" (leading as in foremost).
_LEADING = re.compile(
    r"\b(?:leds|leder|leda|ledas|ledde|leddes|ledare\w*|ledning\w*|ordförande\w*|ordförandeskap\w*|"
    r"styrs|styr|styras|styrdes|styrelse\w*|styrgrupp\w*|chef\w*|i spetsen|leads|led by|chaired|chairs?|heads|"
    r"headed)\b",
    re.IGNORECASE,
)


def satisfies(sentence: str, analysis: QuestionAnalysis) -> bool:
    """Whether ``sentence`` holds the kind of element ``analysis`` asks for (True when not checkable)."""
    expects = analysis.expects
    if analysis.leads and not _LEADING.search(sentence):  # "Who leads the group?": not a sentence naming it only
        return False
    if expects == "amount":
        return bool(_CURRENCY.search(sentence)) and bool(_COUNT.search(sentence))
    if expects == "share":
        return bool(_SHARE.search(sentence))
    if expects == "number":
        return bool(counts(sentence))
    if expects == "duration":
        return bool(_DURATION.search(sentence) or _YEAR.search(sentence))
    if expects == "quantity":
        # Any figure measures: a sum of money answers "how much" as well as a count does.
        figures = (m.group(0).strip() for m in _COUNT.finditer(sentence))
        return bool(_SHARE.search(sentence) or _DEGREE.search(sentence)) or any(not _YEAR.fullmatch(f) for f in figures)
    if expects == "frequency":
        return bool(_FREQUENCY.search(sentence))
    if expects == "day":
        return bool(_DAY.search(sentence))
    if expects == "date":
        return bool(_DATE.search(sentence))
    if expects == "person":
        # "<Place>regionen", "<Name> Universitetssjukhuset": two capitalised words ending in a body noun
        # name a body, not a person (a surname that merely ends like one, "-parker" or "-kontorsson", is no body).
        return any(not _BODY_ENDING.search(m.group(0).split()[-1]) for m in PERSON_NAME.finditer(sentence))
    if expects == "place":
        # A place is given after a preposition of place ("i <city>", "inom <ministry>"): a name alone
        # ("<a named centre> och …") says what, not where.
        return any(_start(m.group(1)) not in analysis.known for m in _LOCATED.finditer(sentence))
    if expects == "called" and _NAMING.search(sentence):  # "… precisionsmedicin, även kallad …": named here
        return True
    if expects in ("agent", "organisation", "called"):
        return any(_start(w) not in analysis.known for w in _evidence(sentence, analysis))
    return True


def counts(sentence: str) -> list[str]:
    """The figures in ``sentence`` that count something: not a year, not a sum of money ("EUR 600 million" answers no
    "how many"), not part of a date ("25 november", "2025-11-25") and not a reference or a list's numbering
    ("Dnr 2025/0417", "§ 187", "1. Senast …")."""
    taken = [m.span() for m in _DAY.finditer(sentence)] + [m.span() for m in _MONEY.finditer(sentence)]
    found = []
    for m in _COUNT.finditer(sentence):
        figure = m.group(0).strip()
        start, end = m.start(), m.start() + len(figure)
        if _YEAR.fullmatch(figure) or any(a <= start < b for a, b in taken):
            continue
        if _REFERENCE_BEFORE.search(sentence[:start]) or _NOT_COUNTED_AFTER.match(sentence[end:]):
            continue
        found.append(figure)
    return found


# A sum of money: a currency before or after its figure, a multiplier between ("EUR 2.5 billion", "58 miljoner kronor",
# "SEK 96 million", "3 mkr").
_MULTIPLIER = r"million|billion|trillion|miljon\w*|miljard\w*"
_MONEY = re.compile(
    rf"(?:\b(?:sek|eur|euro|usd|kr)\s*|[€$]\s*)\d(?:[\d  ]*\d)?(?:[.,]\d+)?(?:\s+(?:{_MULTIPLIER}))?"
    rf"|(?<![\w.])\d(?:[\d  ]*\d)?(?:[.,]\d+)?\s*(?:(?:{_MULTIPLIER}|tusen|thousand)\s+)?"
    rf"(?:{_CURRENCY_WORDS}|euros|dollars)\b",
    re.IGNORECASE,
)
# What follows a figure that counts nothing: a slash ("2025/0417"), a list's full stop ("1. Senast …"), a share sign.
_NOT_COUNTED_AFTER = re.compile(r"/|\.\s|\s*(?:%|procent|per ?cent)", re.IGNORECASE)
# What a reference number follows: a section sign, a case or page abbreviation, or a slash ("2025/0417").
_REFERENCE_BEFORE = re.compile(r"(?:§|\b(?:dnr|nr|no|diarienummer|sid|s|p|page|sidan)\.?|/)\s*$", re.IGNORECASE)


_NAMING = re.compile(
    r"\b(?:kallas|kallad|kallat|kallade|benämns|benämnd\w*|så\s+kallad\w*|s\.\s?k\.|called|known\s+as|"
    r"referred\s+to\s+as|termed|dubbed)\s+\S",
    re.IGNORECASE,
)
"""A sentence naming what it speaks of ("…, även kallad individbaserad medicin", "known as …"): it answers what that
is called, though the name is no capitalised word."""


_LOCATED = re.compile(
    r"\b(?i:i|in|på|vid|at|inom|within|utanför|outside|nära|near|från|from)\s+((?:[A-ZÅÄÖÉ][\w’'-]*|[A-ZÅÄÖ]{2,}))"
)


def _evidence(sentence: str, analysis: QuestionAnalysis) -> list[str]:
    """The names and bodies in ``sentence`` that could answer: inner capitalised words and acronyms,
    and for a person or body also person names and body nouns (agency nouns only, when an agency
    is asked for)."""
    first = re.match(r"\s*\S+", sentence)
    start = first.end() if first else 0
    found = [m.group(0) for m in CAPITALISED.finditer(sentence) if m.start() >= start]
    found += [m.group(0) for m in ACRONYM.finditer(sentence)]
    if analysis.expects in ("agent", "organisation"):
        found += [m.group(0) for m in PERSON_NAME.finditer(sentence)]
        found += [m.group(0) for m in (_AGENCY if analysis.agency else _BODY).finditer(sentence)]
        if not analysis.agency:
            found += [w for w in re.findall(r"[^\W\d_]+", sentence) if w.lower() in analysis.bodies]
    return found


def _start(word: str) -> str:
    return word.lower()[:5]


def around_figures(sentence: str, before: int = 4, after: int = 3) -> str:
    """The words around each figure of ``sentence`` that is not a year: what it counts or measures ("600 life
    science-bolag", "omsättningen uppgick till 5 miljarder"), not what else the sentence says ("… och i omsättning och
    varje år startas omkring 20 nya företag" counts companies, not turnover)."""
    words = list(_SPLIT_WORDS.finditer(sentence))
    out: list[str] = []
    for figure in (*_COUNT.finditer(sentence), *_SHARE.finditer(sentence), *_DEGREE.finditer(sentence)):
        if _YEAR.fullmatch(figure.group(0).strip()):
            continue
        at = [i for i, w in enumerate(words) if w.end() > figure.start() and w.start() < figure.end()]
        if at:
            out += [w.group(0) for w in words[max(0, at[0] - before) : at[-1] + 1 + after]]
    return " ".join(out)


_SPLIT_WORDS = re.compile(r"\S+")


def mentions_year(text: str, year: str) -> bool:
    return bool(re.search(rf"(?<!\d){year}(?!\d)", text))
