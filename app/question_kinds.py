"""Which kind of answer a question's words ask for (Swedish and English): the table ``questions.analyse`` reads.

Each kind comes with the question forms that ask for it ("Hur mycket pengar …", "By what year …", "Vem leder …");
the first kind whose forms match decides, so the order of the table matters: an amount before a number, a person
before any body, a list before a description.
"""

from __future__ import annotations

import re

__all__ = ["EXPECTED_KINDS", "any_of"]


def any_of(*patterns: str) -> re.Pattern[str]:
    """One case-blind pattern matching any of ``patterns``."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_LEAD = r"^\s*(?:och|men|and|but|so|så)?\s*,?\s*"
# "Where should <a country> end up …?", "Var ska <en region> hamna/landa …?": a position or a view, not a place. (Where
# something ranks stays a place: "Where does <a region> currently rank among …?" is answered by no vision of the
# future.)
_NO_RANK_EN = r"(?!(?:\s+[\w'-]+){0,8}?\s+(?:end\s+up|ends\s+up|land|lands|stand|stands|be\s+positioned|come\s+out)\b)"
_NO_RANK_SV = r"(?!(?:\s+[\w-]+){0,8}?\s+(?:hamna|hamnar|landa|landar|stå|står|placera|placerar|rankas|ranka)\b)"
# Checked in this order: the first that matches decides.
EXPECTED_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "amount",
        any_of(
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
        any_of(
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
        any_of(
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
            r"\b(?:what|which|vilken|vilket)\b.*\b(?:ranking\w*|rankning\w*|placering\w*)\b",
            # An average is a figure: "What is the average life expectancy …?", "Vad är den genomsnittliga …?"
            r"\b(?:what|vad)\s+(?:is|was|are|were|är|var)\s+(?:the\s+|den\s+|det\s+)?"
            r"(?:average|median|genomsnittlig\w*|medelvärde\w*|medeltal\w*|medellivslängd\w*|medianen)\b",
        ),
    ),
    # "Hur lång är väntetiden …?", "How long is the term of office …?", "What is the waiting time …?": a length of time,
    # given as a count of days, weeks, months or years (or up to a year: "fram till 2035").
    (
        "duration",
        any_of(
            r"\bhur (?:länge|lång tid)\b",
            r"\bhur lång (?:är|var|blir)\b",
            r"\bhow long\b",
            r"\b(?:väntetid|handläggningstid|mandatperiod|löptid|vårdgaranti)\w*\b",
            r"\b(?:waiting|processing|lead|turnaround)[\s-]+times?\b",
            r"\bterm of office\b",
            r"\bduration\b",
        ),
    ),
    # "Hur ofta följs agendan upp?", "How often is progress reported?": how often, given as a frequency.
    (
        "frequency",
        any_of(
            r"\bhur ofta\b",
            r"\bhow (?:often|frequently)\b",
            r"\b(?:med )?vilken (?:frekvens|regelbundenhet|intervall)\b",
            r"\b(?:at|with) what (?:frequency|intervals?)\b",
        ),
    ),
    # "How much does the sector contribute to …": a measure, which the text may give as a number, a
    # share or a degree ("en betydande del").
    # "Hur stor är omsättningen?", "How large is the turnover?": a size, given as a figure or a degree.
    (
        "quantity",
        any_of(
            r"\bhur mycket\b",
            r"\bhow much\b",
            r"\bhur (?:stor|stort|stora|hög|högt|höga)\b(?!\s+(?:roll|betydelse|vikt|del|andel))",
            r"\bhow (?:large|big|high)\b(?!\s+(?:a\s+)?(?:role|part|share))",
        ),
    ),
    (
        # "Vilket datum …?", "On what date …?": a day, not a year or a season ("hösten 2024" does not answer it).
        "day",
        any_of(
            r"\bdatum(?:et)?\b",
            r"\b(?:vilken|vilket) dag\b",
            r"\b(?:what|which) (?:exact )?(?:date|day)\b(?![\s-]+(?:to-day|care|trip|centre|center|surgery|hospital))",
            r"\bexact date\b",
        ),
    ),
    (
        "date",
        any_of(
            # "när det gäller …" means "as for …", also after "till" ("komma fram till när det gäller …").
            _LEAD + r"när\b(?! det gäller)",
            r"\b(?:vilket|vilka) (?:år|datum|årtal)\b",
            # Not a clause after a verb's "till" ("… hänvisa till när jag motiverar …": when I argue).
            r"\btill när\b(?! det gäller)(?!\s+(?:jag|vi|man|du|ni|de|han|hon)\b)",
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
        any_of(
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
        any_of(
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
        any_of(
            r"\b(?:vilka|vilken|vilket)\s+(?:slags|sorters?|typer\s+av|sorts?)\b",
            r"\b(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of\b",
        ),
    ),
    # "Who stands to gain most from …?", "Vilka drabbas hårdast …?", "Who is said to struggle most with that?": those
    # who gain or suffer are a group (patients with rare diseases, small companies), described, not a body named.
    (
        "description",
        any_of(
            r"\b(?:who|vem)\b(?:\s+[\w'’-]+){0,4}?\s+(?:benefits?|benefited|benefitted|gains?|gained|profits?|struggles?|"
            r"struggled|suffers?|suffered|affected|loses?|lost|gynnas|drabbas|påverkas|vinner|förlorar|lider|kämpar|"
            r"tjänar)\b",
            r"\b(?:who|vem)\b(?:\s+[\w'’-]+){0,4}?\s+(?:har|får)\s+(?:\w+\s+)?(?:nytta|svårt|glädje)\b",
            r"\b(?:who|vem)\b(?:\s+[\w'’-]+){0,4}?\s+(?:finds?|found)\s+it\s+(?:\w+\s+)?(?:hard|difficult)\b",
        ),
    ),
    ("agent", any_of(_LEAD + r"vem\b", _LEAD + r"vilka (?:ska|bör|ansvarar)", _LEAD + r"who\b", r"\bwhose\b")),
    (
        "organisation",
        any_of(
            # Up to two words between: "Vilket life science-bolag …", "Which pharmaceutical company …".
            # A compound names a body too: "Vilket konsultföretag …", "Vilka läkemedelsbolag …".
            r"\b(?:vilken|vilket|vilka) (?:(?!(?:till|för|av|om|inom|med|i|på|har|är|finns|ska)\b)[\w-]+ ){0,2}"
            r"(?:\w+-)?\w*(?:myndighet|myndigheter|organisation|organisationer|aktör|aktörer|instans|företag|bolag|"
            r"universitet|lärosäten|lärosäte|institut|nätverk|konsult|konsulter|konsultbyrå|stiftelse|förening|"
            r"leverantör)\w{0,3}\b",
            r"\b(?:which|what) (?:(?!(?:to|for|of|in|on|with|about|is|are|has|have|does|do)\b)[\w-]+ ){0,2}(?:agency|"
            r"agencies|organi[sz]ations?|authority|authorities|body|bodies|actors?|compan(?:y|ies)|firms?|"
            r"universit(?:y|ies)|institutions?|networks?|consultanc(?:y|ies)|consultants?|contractors?|suppliers?|"
            r"vendors?|foundations?|associations?)\b",
        ),
    ),
    (
        "place",
        any_of(
            # "Var i <Land> ligger …" (a capitalised place); "Var i strategin finns målen?" asks where in the text.
            _LEAD + r"var (?:(?:i|inom|på) (?-i:[A-ZÅÄÖ])[\w-]* )?(?:ligger|finns|ska|sker|byggs)\b" + _NO_RANK_SV,
            # "Var antogs strategin?", "Var hölls mötet?": "var" before a passive verb asks where ("Var det …?" asks
            # whether it was).
            _LEAD + r"var (?!(?:hans|dess|vars|bägges|ens|allas|rankas|placeras)\b)(?-i:[a-zåäö]){3,}"
            r"(?:as|es|ts|gs|ds|ls|ns|rs|vs)\b" + _NO_RANK_SV,
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
    ("reason", any_of(_LEAD + r"varför\b", r"\bav vilken anledning\b", _LEAD + r"why\b", r"\bfor what reason\b")),
    (
        "list",
        any_of(
            _LEAD + r"vilka\b",
            r"\bräkna upp\b",
            r"\blista\b",
            _LEAD + r"(?:what|which) (?:are|were)\b",
            r"\blist\b",
            r"\bname the\b",
        ),
    ),
)
