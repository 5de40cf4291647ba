"""What a question asks for, and whether a sentence gives it (Swedish and English).

Similarity says a sentence is *about* the question's topic; it does not say the sentence gives
*what was asked*. "Hur mycket pengar satsas på planen?" is close to every sentence about the
plan, but only a sentence with an amount answers it. The analysis here is deliberately simple
and deterministic: the kind of answer a question expects (from its question words), and its hard
constraints (a year, a named body or place), each checked on the candidate sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from strategiqa.retrieval.language import without_accents
from strategiqa.retrieval.routing import QUESTION_WORD

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


@dataclass(frozen=True)
class QuestionAnalysis:
    expects: str
    """amount, share, number, quantity, duration (a length of time), day (a date to the day), date (a year, month or
    season will do),
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


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_LEAD = r"^\s*(?:och|men|and|but|so|så)?\s*,?\s*"
# "Where should <a country> end up …?", "Var ska <en region> hamna …?": a position or a view, not a place. (Where
# something ranks stays a place: "Where does <a region> currently rank among …?" is answered by no vision of the
# future.)
_NO_RANK_EN = r"(?!(?:\s+[\w'-]+){0,8}?\s+(?:end\s+up|ends\s+up|stand|stands|be\s+positioned|come\s+out)\b)"
_NO_RANK_SV = r"(?!(?:\s+[\w-]+){0,8}?\s+(?:hamna|hamnar|stå|står|placera|placerar|rankas|ranka)\b)"
# Checked in this order: the first that matches decides.
_EXPECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "amount",
        _rx(
            r"\bhur mycket (?:pengar|kronor|medel|resurser|finansiering)",
            r"\b(?:vilken|hur stor|hur mycket) (?:budget|summa|kostnad|finansiering|investering)",
            r"\bbudget(?:en|ar|en för)?\b",
            r"\bbelopp",
            r"\bkronor\b",
            r"\bkostar\b",
            r"\bhow much (?:money|funding|public money|capital)",
            r"\b(?:what|which) (?:is the )?(?:budget|amount|sum|cost)",
            r"\bbudget\b",
            r"\bhow much (?:will|does|is|are|has|have)\b.*\b(?:cost|invest|spend|allocat|fund|budget)",
            r"\b(?:sek|euros?|dollars?)\b",
            r"\bhow much\b.*\bworth\b",
            r"\bhur mycket\b.*\bvärd\b",
            # Turnover and revenue are sums of money, however asked: "What was the combined annual turnover …?", "Hur
            # stor omsättning har …?", "Vad är den samlade omsättningen …?" (not "the largest by turnover": a list).
            r"\b(?:what|vad|hur stor|how large|how big|how high|hur hög)\s+"
            r"(?:(?:is|was|were|are|är|var|blir|har|had|has)\s+)?(?:the\s+|den\s+|det\s+|their\s+|its\s+)?"
            r"(?:[\w-]+['’]s\s+)?(?:(?:combined|total|annual|yearly|overall|samlade|"
            r"totala|årliga|sammanlagda)\s+){0,2}(?:turnover|revenues?|omsättning\w*|intäkt\w*)\b",
            # A price, fee, salary or subsidy is a sum of money: "What's the starting salary for …?", "What is the
            # current state dental care subsidy?", "Vad är patientavgiften …?", "Hur hög är ingångslönen …?" — as the
            # head of what is asked about (its modifiers before it, a preposition or the end after it), not after a
            # preposition ("Vad är syftet med bidraget?") nor itself a modifier ("What is the subsidy policy …?").
            r"\b(?:what|vad|hur hög|how high)\s*(?:'s|’s|\s(?:is|was|are|were|är|var|blir))\s+(?:the\s+|den\s+|det\s+)?"
            r"(?:(?!(?:med|för|i|av|om|på|till|inom|of|for|in|with|on|to|about|within)\s)[\w-]+\s+){0,4}?"
            r"(?:salar(?:y|ies)|wages?|fees?|prices?|tariffs?|subsid(?:y|ies)|allowances?|"
            r"\w*(?:lön|avgift|pris|taxa|arvode|subvention|bidrag)(?:en|et|er|erna|n|na)?)\b"
            r"(?=\s+(?:for|of|in|at|to|per|paid|charged|för|i|på|av|vid|inom|per|som)\b|\s*[?.!,;]|\s*$)",
        ),
    ),
    (
        "share",
        _rx(
            r"\b(?:hur stor|vilken) andel",
            r"\bandel(?:en)?\b",
            r"\bprocent",
            r"\bhur stor del\b",
            r"\b(?:what|which) (?:share|percentage|proportion|fraction)",
            r"\bper ?cent",
            r"\bhow large a (?:share|part)",
            # A rate is a share ("the corporate tax rate", "skattesatsen"); not "rate" the verb ("How do they rate …?").
            r"\b(?:what|which|the|current|present|average|annual)\s+(?:[\w-]+\s+){0,2}rates?\b(?!\s+(?:the|them|it|us))",
            r"\b\w*skattesats\w*",
        ),
    ),
    (
        "number",
        _rx(
            r"\bhur många\b",
            r"\bvilket antal\b",
            r"\bhur (?:stort|högt) (?:är )?antal",
            r"\bhow many\b",
            r"\b(?:what|which) (?:is|was|will be) the (?:number|count|total)\b",
            # "What target number of trials …?", "Which number of companies …?" (as "Vilket antal …?").
            r"\b(?:what|which)\s+(?:[\w-]+\s+){0,2}number\s+of\b",
            # A target for a count is a number: "Vilket mål för antalet prövningar …", "numeric target".
            r"\b(?:mål\w*|targets?|goals?)\s+(?:för|om|for|on)\s+(?:antal(?:et)?|the number)\b",
            r"\b(?:numeric|numerical|quantitative|quantified|kvantitativ\w*|kvantifierad\w*|siffer)\w*\s+"
            r"(?:targets?|goals?|mål\w*)",
            # A place in a ranking is a number: "What is <country>'s position in the rankings?", "Vilken placering …?"
            r"\b(?:what|which|vilken|vilket)\b.*\b(?:rankings?|rankning\w*|placering\w*)\b",
            # An average is a figure: "What is the average life expectancy …?", "Vad är den genomsnittliga …?"
            r"\b(?:what|vad)\s+(?:is|was|are|were|är|var)\s+(?:the\s+|den\s+|det\s+)?"
            r"(?:average|median|genomsnittlig\w*|medelvärde\w*|medeltal\w*|medellivslängd\w*|medianen)\b",
        ),
    ),
    # "Hur lång är väntetiden …?", "How long is the term of office …?", "What is the waiting time …?": a length of time,
    # given as a count of days, weeks, months or years (or up to a year: "fram till 2035").
    (
        "duration",
        _rx(
            r"\bhur (?:länge|lång tid)\b",
            r"\bhur lång (?:är|var|blir)\b",
            r"\bhow long\b",
            r"\b(?:väntetid|handläggningstid|mandatperiod|löptid|vårdgaranti)\w*\b",
            r"\b(?:waiting|processing|lead|turnaround)\s+times?\b",
            r"\bterm of office\b",
            r"\bduration\b",
        ),
    ),
    # "How much does the sector contribute to …": a measure, which the text may give as a number, a
    # share or a degree ("en betydande del").
    # "Hur stor är omsättningen?", "How large is the turnover?": a size, given as a figure or a degree.
    (
        "quantity",
        _rx(
            r"\bhur mycket\b",
            r"\bhow much\b",
            r"\bhur (?:stor|stort|stora|hög|högt|höga)\b(?!\s+(?:roll|betydelse|vikt|del|andel))",
            r"\bhow (?:large|big|high)\b(?!\s+(?:a\s+)?(?:role|part|share))",
        ),
    ),
    (
        # "Vilket datum …?", "On what date …?": a day, not a year or a season ("hösten 2024" does not answer it).
        "day",
        _rx(
            r"\bdatum(?:et)?\b",
            r"\b(?:vilken|vilket) dag\b",
            r"\b(?:what|which) (?:exact )?(?:date|day)\b(?![\s-]+(?:to-day|care|trip|centre|center|surgery|hospital))",
            r"\bexact date\b",
        ),
    ),
    (
        "date",
        _rx(
            # "när det gäller …" means "as for …", also after "till" ("komma fram till när det gäller …").
            _LEAD + r"när\b(?! det gäller)",
            r"\b(?:vilket|vilka) (?:år|datum|årtal)\b",
            r"\btill när\b(?! det gäller)",
            r"\bsenast när\b(?! det gäller)",
            r"\bvilken tidpunkt\b",
            r"\bvilket årtal\b",
            r"\btidsplan",
            _LEAD + r"when\b",
            r"\b(?:what|which|in what|by what|in which) (?:years?|dates?)\b",
            # A month is a date too: "In what month and year is … dated?", "Vilken månad …?".
            r"\b(?:what|which|in what|by what) month\b",
            r"\b(?:vilken|vilka) månad(?:er)?\b",
            r"\bby when\b",
            r"\bdeadline\b",
            r"\btimetable\b",
        ),
    ),
    (
        "person",
        _rx(
            r"\bvad heter\b.*\b(?:ordförande|minister|chef|direktör|ledare|samordnare|vd)\b",
            r"\bvem (?:är|blir|var|ska|skulle|har|kommer att|leder|utses|utsågs)\b.*"
            r"\b(?:ordförande|minister|chef|direktör|ledare|samordnare|vd)\b",
            r"\bvilken person\b",
            # Plural only: "which minister for finance" names a role, which name lines are not checked for.
            r"\b(?:vilka|which|what)\s+(?:ministrar|ministers|statsråd|statsråden)\b",
            r"\bvilka personer\b",
            r"\bnamnet på\b",
            # Someone within a body: "Who at <a company> is responsible …?", "Vem på <ett bolag> ansvarar …?".
            r"\bwho\s+(?:at|within|inside)\b",
            r"\bvem\s+(?:på|vid|hos|inom)\b",
            r"\bwho (?:is|will|should|was|has|had|would|chairs|heads|leads)\b.*"
            # The role may be written in Swedish inside an English question ("Who will be ordförande of …?").
            r"\b(?:chair|chairman|chairperson|minister|head|director|leader|coordinator|ceo|ordförande\w*|"
            r"ministern?|chefen|direktören|ledaren|samordnaren)\b",
            r"\bwho (?:chairs|heads)\b",
            r"\bwhich person\b",
            r"\bname of the (?:person|chair|minister|head|director|leader|coordinator)\b",
        ),
    ),
    # "Vad heter programmet?": the answer is a name (not a person's: those are asked for above).
    (
        "called",
        _rx(
            r"\bvad heter\b",
            r"\bvilket namn\b",
            r"\bwhat is the name of\b",
            r"\bwhat (?:is|are) .{1,60}\bcalled\b",
            r"\b(?:what|which) (?:is|was) the title of\b",
            r"\bvad (?:är|var) titeln på\b",
            r"\bvilken titel har\b",
        ),
    ),
    # "Vilka slags organisationer …?", "What kinds of actors …?": kinds, named by common nouns ("företag,
    # universitet"), not a named body.
    (
        "list",
        _rx(
            r"\b(?:vilka|vilken|vilket)\s+(?:slags|sorters?|typer\s+av|sorts?)\b",
            r"\b(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of\b",
        ),
    ),
    ("agent", _rx(_LEAD + r"vem\b", _LEAD + r"vilka (?:ska|bör|ansvarar)", _LEAD + r"who\b", r"\bwhose\b")),
    (
        "organisation",
        _rx(
            # Up to two words between: "Vilket life science-bolag …", "Which pharmaceutical company …".
            r"\b(?:vilken|vilket|vilka) (?:(?!(?:till|för|av|om|inom|med|i|på|har|är|finns|ska)\b)[\w-]+ ){0,2}"
            r"(?:\w+-)?(?:myndighet|myndigheter|organisation|organisationer|aktör|aktörer|instans|företag|bolag|"
            r"universitet|lärosäten|lärosäte|institut|nätverk)\w{0,3}\b",
            r"\b(?:which|what) (?:(?!(?:to|for|of|in|on|with|about|is|are|has|have|does|do)\b)[\w-]+ ){0,2}(?:agency|"
            r"agencies|organi[sz]ations?|authority|authorities|body|bodies|actors?|compan(?:y|ies)|firms?|"
            r"universit(?:y|ies)|institutions?|networks?)\b",
        ),
    ),
    (
        "place",
        _rx(
            # "Var i <Land> ligger …" (a capitalised place); "Var i strategin finns målen?" asks where in the text.
            _LEAD + r"var (?:(?:i|inom|på) (?-i:[A-ZÅÄÖ])[\w-]* )?(?:ligger|finns|ska|sker|byggs)\b" + _NO_RANK_SV,
            r"\bi vilken (?:stad|kommun|region|del|land)\b",
            r"\b(?:vilket|vilka|vilken) (?:(?!(?:om|av|för|med|i|är|har)\b)[\w-]+ )?"
            r"(?:land|länder|städer|stad|kommuner|regioner)\b",
            r"\b(?:vilken|vad är|vad har) (?:\w+ )?adress\w*\b",
            r"\b(?:what|which) (?:is the )?(?:\w+ )?address\b",
            _LEAD + r"where\b" + _NO_RANK_EN,
            r"\b(?:which|what|in which|in what) (?:(?!(?:about|of|for|with|in|is|are|the)\b)[\w-]+ )?"
            r"(?:city|cities|country|countries|municipalit(?:y|ies)|regions?)\b",
        ),
    ),
    ("reason", _rx(_LEAD + r"varför\b", r"\bav vilken anledning\b", _LEAD + r"why\b", r"\bfor what reason\b")),
    (
        "list",
        _rx(
            _LEAD + r"vilka\b",
            r"\bräkna upp\b",
            r"\blista\b",
            _LEAD + r"(?:what|which) (?:are|were)\b",
            r"\blist\b",
            r"\bname the\b",
        ),
    ),
)


# A "how many / how much" after a preposition is part of what is asked about, not what is asked:
# "Vilket problem lyfts kring hur många som slutför …", "what could happen to how much …".
_EMBEDDED = re.compile(
    r"\b(to|about|on|of|om|kring|över|till|gäller|angående|beträffande|rörande|regarding|concerning|as to|comes to)"
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
_CURRENCY = re.compile(r"\b(?:kr|kronor|kronors|mkr|mdkr|msek|sek|euro|eur|dollar)\b|[€$]", re.IGNORECASE)
_SHARE = re.compile(
    r"%|\bprocent\w*|\bper ?cent\b|\bhälften\b|\b(?:en|var) (?:tredje|fjärde|femte|tionde)\w*|"
    r"\b\w+(?:dedel|delar)\b|\bmajoritet\w*",
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
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÅÄÖÉÜ][\w’'-]*[a-zåäöéü][\w’'-]*")
_ACRONYM = re.compile(r"(?<![\w-])[A-ZÅÄÖ]{2,}(?:[:’']?s)?(?![\w])")
# Plural forms of an acronym: Swedish "KPI:er", "SME:erna", "NGO:ar"; English "KPIs" (not the genitive "KPI's").
_PLURAL_ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,}(?::(?:er|ar|or)(?:na)?|s)(?![\w])")
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
# Words written with a capital in questions that are not names (English capitalises more).
_NOT_NAMES = frozenset(
    """
    i what which who whom whose how why when where does do did is are was were can could should would will
    and or but so the a an of in on for to according vad vilka vilken vilket vem hur varför när var finns
    och men eller enligt om i på för kan ska bör har är
    government government's parliament minister ministers ministry agency agencies council board
    strategy national regional region english
    """.split()
)


def _uncontracted(text: str) -> str:
    """English contractions written out, so the patterns below read them: "what's their turnover" as "what is …",
    "who's going to chair it" as "who is going to …", "where're" as "where are"."""
    return _CONTRACTED_ARE.sub(r"\1 are", _CONTRACTED_IS.sub(r"\1 is", text))


_CHECKS_A_CLAIM = re.compile(
    r"\b(?:stämmer (?:det|detta|det här)|är (?:det|detta) (?:rätt|riktigt|korrekt|sant)|har jag (?:rätt|förstått)|"
    r"is (?:it|this|that) (?:true|right|correct|so)|is that the (?:right|correct) year|am i right|"
    r"(?:true|right|correct) that)\b",
    re.IGNORECASE,
)
"""A question checking a claim it states ("… – stämmer det?", "Is it true that …?")."""
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
    expects = next((kind for kind, pattern in _EXPECTS if pattern.search(asked)), "description")
    if expects in _CLAIMED_VALUES and asks_yes_or_no(text):
        # "Bidrar branschen till en stor andel av utsläppen?", "Does the plan admit it lacks money from the state
        # budget?": a yes-or-no question about a claim; the sentence making it answers, with or without a figure. "Finns
        # det en budget för …?", "Does it set a numeric target?" still ask for the value.
        expects = "description"
    # "Is it true that … by 2030?", "Stämmer det att … redan 2030?": the year is the claim being checked, not a
    # constraint the answer must meet; the year the documents give answers it.
    years = () if _CHECKS_A_CLAIM.search(text) else tuple(dict.fromkeys(_YEAR.findall(text)))
    names = _names(without_asker_context(text), places | documents)
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
    return QuestionAnalysis(
        expects=expects, years=years, names=names, known=known, agency=agency, bodies=frozenset(bodies), leads=leads
    )


def asks_yes_or_no(question: str) -> bool:
    """Whether ``question``'s asking clause (after any context before a colon or dash) opens with a verb and has no
    question word, and names no value indefinitely ("Finns det ett belopp …?", "Is there any figure …?", "Does it set a
    target …?" ask whether a value is given: for the value)."""
    asked = without_asker_context(question).strip()
    clause = re.split(r"[:–—]\s+|\s-\s+", asked)[-1]
    return bool(_OPENS_WITH_VERB.match(clause)) and not _QUESTION_WORD.search(asked) and not _VALUE_ASKED.search(clause)


_CLAIMED_VALUES = frozenset({"amount", "share", "number"})
_OPENS_WITH_VERB = re.compile(
    r"\W*(?:(?:and|but|so|och|men|så)\s+)?(?:does|do|did|is|are|was|were|has|have|had|can|could|should|will|would|"
    r"must|finns|fanns|är|var|har|hade|kan|ska|skall|bör|får|måste|anger|nämner|säger|tar|ger|innehåller|bidrar|"
    r"stämmer|behöver|vill|kommer|står|erkänner|menar|tycker|räknar|planerar|sätter|avser|pekar|beskriver|framgår|"
    r"uppger|föreslår|redovisar|specificerar|preciserar)\b",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(
    r"\b(?:how|what|which|who|whom|whose|when|where|why|hur|vad|vilken|vilket|vilka|vem|vems|när|var|varför)\b",
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


@dataclass(frozen=True)
class EnglishWords:
    """An English word list in the ``/usr/share/dict`` format, where proper names are capitalised."""

    common: frozenset[str]
    """Words listed in lower case: ordinary words."""
    proper: frozenset[str]
    """Words listed capitalised (lower-cased here): names of places, people, organisations."""

    @classmethod
    def load(cls, path: Path) -> EnglishWords | None:
        """The list at ``path``, or None when it is not there (names are then all checked)."""
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").split()
        except OSError:
            return None
        return cls(
            frozenset(w for w in lines if w.islower()),
            frozenset(w.lower() for w in lines if w[:1].isupper() and w[1:].islower()),
        )

    def is_translated_title(self, name: str) -> bool:
        """Every word of ``name`` is an ordinary English word and none a proper name: "Life Science
        Office", not a programme's or a hospital's proper name."""
        parts = name.split()
        return bool(parts) and all(self._ordinary(p) for p in parts)

    def _ordinary(self, word: str) -> bool:
        low = word.lower()
        low = low if low in self.common else low.rstrip("s’'")
        if word.isupper():  # an abbreviation: "IT" is ordinary although "It" is listed as a name too
            return low in self.common
        return low in self.common and low not in self.proper  # "China", "Bill": names win


def without_format_request(question: str) -> str:
    """``question`` without a closing request about the answer's form ("… ? Bara titeln tack.", "… ? Svara kort.",
    "… ? In one sentence, please."): it asks for nothing the documents hold, and its words are no topic."""
    return _FORMAT_REQUEST.sub("", question).rstrip() or question


def without_trailing_filler(question: str) -> str:
    """``question`` without a filler word of speech at its end ("… och vad går det ut på typ?", "… asså?", "… what is
    it about, like?"): it says nothing of what is asked, and a question's last words often decide what it asks. A word
    that a determiner governs is no filler ("Vilken typ?")."""
    m = _TRAILING_FILLER.search(question)
    if m is None or m.group("before").lower() in _DETERMINERS:
        return question
    return question[: m.end("before")] + m.group("end")


# English fillers only after a comma: "… the region like?" is the verb.
_TRAILING_FILLER = re.compile(
    r"(?P<before>\w+)(?:\s*,?\s+(?:typ|liksom|asså|alltså)|\s*,\s*(?:like|kinda|sort of))\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)
_DETERMINERS = frozenset(
    "vilken vilket vilka en ett den det denna detta samma ny nytt nya annan annat andra för what which a an the this "
    "that".split()
)
"""Words after which the closing word is a word of the question ("Vilken typ?", "Vad är det för typ?"). Not particles
and prepositions: "… vad går det ut på typ?", "… vad handlar det om typ?" end on the filler."""


_FORMAT_REQUEST = re.compile(
    r"(?<=[?.!])\s+(?=[^?.!]*\b(?:kort\w*|titeln|titlarna|rubriken|rubrikerna|tack|punktform|punktlista|en\s+mening|"
    r"briefly|short|one\s+sentence|a\s+sentence|please|title|titles|bullet\w*|list\s+only|only\s+the)\b)"
    r"(?:\S+\s+){0,5}\S+[.!]?\s*$",
    re.IGNORECASE,
)


def asks_practical_matter(question: str) -> bool:
    """Whether ``question`` asks how a person goes about something or which rules are in force ("Hur söker man …?",
    "How do I renew …?", "Vilka regler gäller för …?", "What are the rules for …?", "How does a nurse apply …?",
    "Förklara hur X fungerar"): matters of practice, which a
    strategy (goals, needs, intentions) does not settle. Narrow on purpose: "How can we …?", "How does one increase
    …?", "What are the requirements for …?" ask what a strategy says as often as not."""
    return bool(_PRACTICAL.search(" ".join(question.split())))


_PRACTICAL = _rx(
    # Not "Hur ska man tackla …?" (what should be done), "Hur får man tillgång …?", "Hur hittar man rätt stöd …?".
    r"\bhur (?:bokar|söker|ansöker|anmäler|förnyar|överklagar|beställer|betalar|registrerar|byter|skriver) "
    r"(?:jag|man|du)\b",
    r"\b(?:vilka|vad för) regler gäller\b",
    r"^\s*får (?:man|jag|du)\b",  # "Får man hämta ut …?": whether one may ("Får branschen in pengar …?" gets)
    # Whether someone may do something to what is mine: "Får apoteket byta ut min medicin …?".
    r"^\s*får\b(?=.*\b(?:min|mitt|mina|mig)\b)",
    # What may be done, passive: "Vilka läkemedel får säljas i …?", "Får antibiotika förskrivas …?" (a rule in force).
    r"\bfår\s+(?:inte\s+|bara\s+|endast\s+)?(?!\w*(?:ss|ns)as\b)[a-zåäö]{3,}as\b",
    r"\bhur (?:[\w-]+ ){0,6}?fungerar\b",  # "Hur fungerar X?", "Förklara hur X fungerar."
    r"\bhow (?:do|can|should|may|must) i\b",
    # English for "Vilka regler gäller för …?" and "Hur ansöker man …?": the rules in force, a person's own errand.
    # Not "Which EU rules on … does the government see as important?" (what a strategy says of rules).
    r"(?:^|[.?!:;]\s)\s*what are the (?:current |present )?rules (?:for|of|governing)\b",
    r"\bhow (?:does|do) (?:one|you|someone|people|an? [\w-]+) (?:[\w-]+ ){0,6}?"
    r"(?:apply|book|register|renew|appeal|enrol|enroll)\b",
)
PRACTICAL_FRAME_WORDS = frozenset(
    "hur bokar söker ansöker anmäler förnyar överklagar beställer betalar registrerar byter skriver får jag man du "
    "vilka vad för regler gäller fungerar förklara beskriv berätta how do can should may must i what are the current "
    "present rules for of governing does one you someone people a an apply book register renew appeal enrol "
    "enroll".split()
)
"""The words of the frames above: what the question asks about is the rest."""


def aliases_as_places(question: str, aliases: Iterable[str], expects: str) -> tuple[str, ...]:
    """The ``aliases`` (names standing for a body the documents name: a capital for its government) that ``question``
    uses for the place itself, which the documents do not mention: in a question asking for a figure or a place (any
    form: "How many companies from <it> …?"), in a longer word ("<it>sområdet"), beside a word for a place ("Region
    <it>", "the <it> area", "<it>s län") or after a preposition of place ("companies in <it>"). Elsewhere it stands
    for the body: "Does <it> plan new tax breaks?", "<it>s besked", "<it>'s view", "money from <it>", and power
    placed there ("politikerna i <it>", "what gets decided in <it>")."""
    placed = []
    for alias in aliases:
        forms = list(re.finditer(rf"(?<![\w-]){re.escape(alias)}(?P<rest>[\w-]*)", question, re.IGNORECASE))
        if forms and (expects in VALUES | {"place"} or any(_names_the_place(question, m) for m in forms)):
            placed.append(alias)
    return tuple(placed)


def _names_the_place(question: str, form: re.Match[str]) -> bool:
    before, after, rest = question[: form.start()], question[form.end() :], form.group("rest")
    if _PLACE_AFTER.match(after) or _PLACE_NOUN_BEFORE.search(before):
        return True
    if rest.lower() == "s" or re.match(r"['’]", after):  # a genitive: "<it>s kassor", "<it>'s plan", "<it>' framework"
        return False
    if rest:  # a compound: "<it>sområdet", "<it>sbörsen"
        return True
    placed_in = _PREPOSITION_OF_PLACE.search(before)
    return placed_in is not None and not _POWER.search(before[max(0, placed_in.start() - 40) : placed_in.start()])


_PREPOSITION_OF_PLACE = re.compile(
    r"\b(?:i|in|inom|within|kring|runt|around|near|nära|utanför|outside|vid|at)\s+$", re.IGNORECASE
)
"""A preposition of place right before a name."""
_PLACE_NOUN_BEFORE = re.compile(r"\b(?:region|greater|city of|county of|staden|kommunen)\s+$", re.IGNORECASE)
_PLACE_AFTER = re.compile(
    r"\s+(?:regions?|area|county|city|municipality|metropolitan|län|kommun|stad|området|regionen)\b", re.IGNORECASE
)
"""A word for a place right after a name: "the <it> area", "<it>s län"."""
_POWER = re.compile(
    r"\b(?:politiker\w*|makthavar\w*|beslutsfattar\w*|beslut\w*|politicians?|lawmakers?|decision-makers?|decid\w*|"
    r"decisions?|powers?)\b",
    re.IGNORECASE,
)
"""Power placed in a capital is its government: "politikerna i <it>", "decisions made in <it>"."""


def asks_to_list_too(question: str) -> bool:
    """Whether a count question also asks for what it counts: "Hur många insatsområden finns det, och vilka är de?",
    "How many objectives are there, and what are they?" (the outline answers both)."""
    return bool(_LIST_TOO.search(question))


_LIST_TOO = re.compile(
    r"\b(?:och|and)\s+(?:vilka|vad|which|what)\s+(?:är|var|heter|are|were|is)\s+(?:de|dem|dessa|they|these|their)\b|"
    r"\b(?:och|and)\s+(?:vilka|which|what)\s+(?:är|are)\s+(?:det|it)\b|"
    r"\b(?:lista|nämn|räkna upp|list|name)\s+(?:dem|them|alla|all)\b",
    re.IGNORECASE,
)


def has_question_word(question: str) -> bool:
    """Whether ``question`` has an interrogative of its own ("Och i den andra?" has none)."""
    return bool(QUESTION_WORD.search(question))


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
        return any(not _YEAR.fullmatch(m.group(0).strip()) for m in _COUNT.finditer(sentence))
    if expects == "duration":
        return bool(_DURATION.search(sentence) or _YEAR.search(sentence))
    if expects == "quantity":
        return bool(_SHARE.search(sentence) or _DEGREE.search(sentence)) or satisfies(
            sentence, QuestionAnalysis("number")
        )
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
    found = [m.group(0) for m in _CAPITALISED.finditer(sentence) if m.start() >= start]
    found += [m.group(0) for m in _ACRONYM.finditer(sentence)]
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


def known_in(name: str, vocabulary: frozenset[str]) -> bool:
    """Whether a name occurs in the corpus: any of its words (of a hyphenated compound, the part before the hyphen:
    see ``_modifier``), as a word or as a word's start of at least four letters (so inflections, compounds and
    near-cognates count: *EHDS* in *EHDS-förordningen*, *Horizon* ~ *Horisont*, *European Health Data Space* ~
    *europeiska*)."""
    # A compound's head is a word like any other: "ANDT-strategin" is known only if "ANDT" is, not for "strategin".
    # A modifier of one or two letters says little alone ("NO-ämnen", "IT-stöd"): the whole compound counts.
    for part in re.findall(r"[^\W_]+", " ".join(_modifier(token) for token in name.split())):
        key = part.lower()
        if key in vocabulary:
            return True
        if len(key) >= 4 and any(word.startswith(key[:4]) for word in vocabulary):
            return True
        # Typed without the documents' accents ("Malmoomradet" for a word starting like "Malmö").
        if (
            len(key) >= 4
            and key == without_accents(key)
            and any(without_accents(word[:4]) == key[:4] for word in vocabulary)
        ):
            return True
    return False


def _modifier(token: str) -> str:
    """The part of a hyphenated compound before its first hyphen, when it has three letters or more; else the token."""
    first = token.split("-")[0]
    return first if len(first) >= 3 else token


def without_asker_context(text: str) -> str:
    """``text`` with the sentences or clauses in which the asker tells about themselves blanked out: "Jag skriver
    en PM – vilka mätetal …", "We are a hospital unit in Norway. Which …": what they write or where they work is
    context, not a name the answer must contain. A clause that is itself the question (ends in "?") stays."""
    # What the asker is writing, opening the question ("Till en PM om …:", "For a BN on …:"), is no name either;
    # what it is about may be.
    writing = _WRITING_FOR.match(text)
    out = text if writing is None else text[: writing.start(1)] + " " * len(writing.group(1)) + text[writing.end(1) :]
    return _blank_clauses(text, out, lambda clause: not clause.rstrip().endswith("?") and bool(_ASKER.search(clause)))


def without_self_introduction(text: str) -> str:
    """``text`` without the clauses that only say who is asking ("Doctoral student here:", "pensionerad forskare här
    –"), unlike ``without_asker_context`` keeping what the asker says they work on."""
    return _blank_clauses(text, text, lambda clause: bool(_INTRODUCTION.search(clause)))


def _blank_clauses(text: str, out: str, blanked: Callable[[str], bool]) -> str:
    """``out`` (``text`` or a copy of it of the same length) with the clauses of ``text`` that ``blanked`` picks turned
    to spaces; never the last clause, which is the question whatever its punctuation."""
    for m in list(_CLAUSE.finditer(text))[:-1]:
        if blanked(m.group(0)):
            out = out[: m.start()] + " " * len(m.group(0)) + out[m.end() :]
    return out


# A full stop that ends an abbreviation ends no sentence ("t.ex. Pfizer", "e.g. Pfizer").
_ABBREVIATION = re.compile(r"\b(?:t\.ex|e\.g|i\.e|bl\.a|d\.v\.s|dvs|m\.m|s\.k|ca|etc|resp|jfr|cf|vs)\.$", re.IGNORECASE)
_CLAUSE = re.compile(r"[^.!?–—:]+(?:[.!?]+|\s[–—-]\s|:|$)")
_WRITING_FOR = re.compile(
    r"\s*(?:(?:till|för|inför)\s+(?:en|ett|min|mitt|mina|vår|vårt|våra)|(?:for|in)\s+(?:a|an|my|our))\s+([^\s:,]+)",
    re.IGNORECASE,
)
_ASKER = re.compile(
    r"\b(?:jag|vi|we|our|my|min|mitt|mina|vår|vårt|våra)\b|\bI(?:'m| am)\b"
    # Where the asker writes from, said without a pronoun ("Writing from <a city>:", "Hälsningar från <en stad> –").
    r"|\b(?:writing|greetings|hello|hi|skriver|hälsningar|hej)\s+(?:here\s+)?(?:from|från)\b"
    # Who is asking, said before the question ("Doctoral student here:", "pensionerad forskare här –").
    r"|\b(?:here|här)\W*$",
    re.IGNORECASE,
)
_INTRODUCTION = re.compile(r"^\W*(?:[^\W\d_]+[\s-]+){0,4}(?:here|här)\W*$", re.IGNORECASE)


def _names(text: str, places: frozenset[str]) -> tuple[str, ...]:
    """Names the question uses: runs of capitalised words and acronyms, not a sentence's first word, question
    words or the corpus's own places. A run is one name ("European Health Data Space")."""
    # A sentence's first word is capitalised whatever it is ("… i vården. Stämmer det med …?").
    first = re.match(r"\s*[\w’'-]+", text)
    first_end = first.end() if first else 0
    openings = {
        m.start(1) for m in re.finditer(r"[.!?]\s+([\w’'-]+)", text) if not _ABBREVIATION.search(text[: m.start() + 1])
    }
    # A plural acronym ("KPI:er", "SMEs") is a kind of thing, not a name: a name is not counted.
    found = sorted(
        (m.start(), -m.end())
        for m in list(_CAPITALISED.finditer(text)) + list(_ACRONYM.finditer(text))
        if not ((plural := _PLURAL_ACRONYM.match(text, m.start())) and plural.end() >= m.end())
    )
    spans: list[tuple[int, int]] = []
    for start, neg_end in found:  # an acronym inside a capitalised word ("SM" in "SM-guld") is that word
        if not spans or start >= spans[-1][1]:
            spans.append((start, -neg_end))
    runs: list[tuple[int, int]] = []  # (start, end) of each run of name words
    own_places: list[tuple[int, int]] = []  # the corpus's places: no names to check, but they count in a list
    last_end = -2
    for start, end in spans:
        low = text[start:end].lower()
        if start < first_end or start in openings or low in _NOT_NAMES or low.rstrip("s’'") in _NOT_NAMES:
            last_end = -2
            continue
        if any(low.startswith(p) or (len(low) >= 3 and p.startswith(low)) for p in places if len(p) >= 3):
            own_places.append((start, end))
            last_end = -2
            continue
        if runs and start <= last_end + 1:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
        last_end = end
    kept = _without_groups(text, _without_examples(text, runs), own_places)
    return tuple(dict.fromkeys(text[start:end] for start, end in kept))


def _without_groups(
    text: str, runs: list[tuple[int, int]], own_places: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """The runs that do not stand in a list of at least ``_GROUP_SIZE`` names ("Norge, Danmark, Finland och Island",
    "Norway, Denmark and Finland", "Sweden, Norway and Denmark" — the corpus's ``own_places`` count in the list): such
    a list names a group ("the Nordic countries"), which the documents may discuss by its own name; a name asked about
    on its own ("jämfört med Danmark") must still be there."""
    listed = sorted([(start, end, True) for start, end in runs] + [(start, end, False) for start, end in own_places])
    lists: list[list[tuple[int, int, bool]]] = []
    for start, end, is_name in listed:
        between = text[lists[-1][-1][1] : start] if lists else ""
        if between.strip() and _LISTED_WITH.fullmatch(between):  # ", ", " och ", " and " (not names run together)
            lists[-1].append((start, end, is_name))
        else:
            lists.append([(start, end, is_name)])
    return [(start, end) for group in lists if len(group) < _GROUP_SIZE for start, end, is_name in group if is_name]


_GROUP_SIZE = 3


def _without_examples(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs that are not given as examples: "an outbreak like Covid", "bolag som t.ex. X och Y" illustrate what is
    asked about, and the documents need not name them (a name asked about in its own right still must be there)."""
    if _MENTION_ASKED.search(text):  # "Nämner strategin bolag som t.ex. <name>?" asks whether the name is there
        return runs
    kept = []
    example_end: int | None = None
    for start, end in runs:
        after_example = example_end is not None and _LISTED_WITH.fullmatch(text[example_end:start])
        example = _EXAMPLE.search(text[:start])
        # ... after a noun ("ett utbrott som t.ex. Covid"): "samarbete med t.ex. <name>" asks about that name itself,
        # and "What would the region like <name> to do?" uses "like" as a verb.
        before = text[: example.start()] if example else ""
        verb = example is not None and example.group(0).strip().lower() == "like" and _LIKE_AS_VERB.search(before)
        if (example and not verb and not _PREPOSITION_BEFORE.search(before)) or after_example:
            example_end = end
        else:
            example_end = None
            kept.append((start, end))
    return kept


_EXAMPLE = re.compile(
    r"(?:\blike|\bsuch as|\be\.g\.|\bfor example|\bfor instance|\bincluding|\bt\.\s?ex\.|\btill exempel|"
    r"\bexempelvis|\bsåsom|\bbland annat|\bbl\.\s?a\.|\btyp)[\s,:]*$",
    re.IGNORECASE,
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:med|om|för|av|i|på|till|från|hos|mot|with|about|for|of|in|on|to|from|at|by|against)[\s,]*$", re.IGNORECASE
)
# "like" as a verb: after "would", "do" … a few words back, or right after a pronoun ("What would the region like …").
_LIKE_AS_VERB = re.compile(
    r"(?:\b(?:would|'d|do|does|did|don't|doesn't|didn't)\b(?:\s+[\w'-]+){0,3}|\b(?:i|we|you|they))\s*$", re.IGNORECASE
)
_MENTION_ASKED = re.compile(
    r"\b(?:nämner|nämns|nämnas|omnämns|tar\s+\w+\s+upp|mentions?|mentioned|names?|named|refers?\s+to)\b", re.IGNORECASE
)
_LISTED_WITH = re.compile(r"\s*(?:,|/|&)?\s*(?:(?:and|or|och|eller)\s+)?", re.IGNORECASE)
