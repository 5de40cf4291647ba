"""Answerability: what a question asks for, specific refusals, outline answers, follow-ups."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from strategiqa.app.engine import Engine, ingest
from strategiqa.app.followup import resolve_followup
from strategiqa.app.overview import asks_section_title, counts_sections
from strategiqa.app.question_names import EnglishWords, without_asker_context
from strategiqa.app.question_wording import without_format_request, without_trailing_filler
from strategiqa.app.questions import analyse, satisfies, sets_a_target
from strategiqa.app.settings import Settings
from strategiqa.ingest.sentences import sentence_role

from tests.conftest import corpus_router, write_mini_corpus

ROUTER = corpus_router()


@pytest.mark.parametrize(
    ("question", "expects"),
    [
        ("Hur mycket pengar satsas på agendan?", "amount"),
        ("How much money does the government spend on it?", "amount"),
        ("Hur många life science-bolag finns det?", "number"),
        ("How many companies are there?", "number"),
        ("What is the waiting-time guarantee for a first visit?", "duration"),  # hyphenated as often as not
        ("Vilket konsultföretag ska utvärdera strategin?", "organisation"),  # a compound names a body too
        ("Var antogs den nordiska strategin?", "place"),  # "var" before a passive verb: where
        ("Which consultancy will evaluate the strategy?", "organisation"),
        ("När ska målen vara nådda?", "date"),
        ("When will the council start?", "date"),
        ("Vem är ordförande i rådet?", "person"),
        ("Who chairs the council?", "person"),
        ("Vilken myndighet ansvarar för hälsodata?", "organisation"),
        ("Which agency is responsible for health data?", "organisation"),
        ("Varför minskar antalet prövningar?", "reason"),
        ("How much does the sector contribute to global emissions?", "quantity"),
        ("Hur mycket är exporten värd?", "amount"),
        # A rate is a share; "rate" as a verb is not.
        ("What is the current corporate tax rate in Sweden?", "share"),
        ("Vilken är skattesatsen för bolag?", "share"),
        ("How do they rate the region's clinical research?", "description"),
        ("Vilket problem lyfts kring hur många som tar examen?", "description"),
        ("Vad heter regionens traineeprogram?", "called"),
        ("What is the name of the new tax incentive?", "called"),
        ("Vad säger strategin om kliniska prövningar?", "description"),
        ("Hur stor är den samlade omsättningen för bolagen?", "amount"),
        ("How large is the sector's turnover?", "amount"),
        ("What is Sweden's position in the innovation rankings?", "number"),
        ("Vem ska vara ordförande i rådet?", "person"),
        ("Who will chair the council?", "person"),
        ("Which pharmaceutical company has the most employees?", "organisation"),
        ("Vilket life science-bolag är störst?", "organisation"),
        ("Vilka stöd till företag finns?", "list"),  # the companies are the topic, not the answer
        ("Hur långt har arbetet kommit?", "description"),
        ("Hur stor roll spelar regionen?", "description"),
        ("Vilket datum antog regionstyrelsen agendan?", "day"),
        ("On what date will the council be established?", "day"),
        # A clause setting the scene asks for nothing; the question after it does.
        ("When tackling resistance to antibiotics, which approach should guide the work?", "description"),
        ("Om vi vill söka medel, vem ska vi kontakta?", "agent"),
        ("When will the council start, and who chairs it?", "date"),  # two questions: the first decides
        ("När antogs agendan, vem antog den?", "date"),
        ("When exactly will the council be set up, who will chair it?", "date"),
        ("Who has been appointed to chair the council?", "person"),
        ("Vem har utsetts till ordförande i rådet?", "person"),
        ("What was the combined turnover of the companies in 2025?", "amount"),
        ("Vad är den samlade omsättningen för bolagen?", "amount"),
        # Turnover and revenue are sums of money, however many words describe them.
        ("What is the combined annual turnover of the companies?", "amount"),
        ("Hur stor omsättning har bolagen i regionen?", "amount"),
        ("Which are the largest companies by turnover?", "list"),
        # "när det gäller hur många …" is what the problem is about, not what is asked.
        ("Vilket problem ser regeringen när det gäller hur många som tar examen?", "description"),
        ("What problem does it see when it comes to how many students graduate?", "description"),
        # Kinds of organisations are named by common nouns, not a named body.
        ("Vilka slags organisationer ingår i sektorn?", "list"),
        ("What kinds of organisations make up the sector?", "list"),
        # An average is a figure.
        ("What is the average life expectancy for women according to the latest statistics?", "number"),
        ("Vad är den genomsnittliga väntetiden?", "number"),
        ("Vad är medelstora företag?", "description"),  # a size of company, not an average
        ("What is the mean view of the region?", "description"),
        # A price, fee, salary or subsidy asked for is a sum of money, its modifiers before it; not after a preposition.
        ("What's the starting salary for a newly qualified nurse?", "amount"),
        ("What is the current state dental care subsidy for adults?", "amount"),
        ("Vad är patientavgiften i primärvården?", "amount"),
        ("Hur hög är ingångslönen för sjuksköterskor?", "amount"),
        ("Vad är syftet med bidraget?", "description"),
        # A role written in Swedish inside an English question; target levels for a count.
        ("Who will be ordförande of the new council?", "person"),
        ("Vilka målnivåer för antal anställda ska regionen nå till 2035?", "number"),
        # A month is a date.
        ("In what month and year is the foreword dated?", "date"),
        ("Vilken månad antogs agendan?", "date"),
        # "What (target) number of …" asks for a count, as "Vilket antal …" does.
        ("What target number of clinical trials per year does the agenda set?", "number"),
        # A money word that is itself a modifier names no sum: the policy or model is asked about.
        ("What is the subsidy policy of the strategy?", "description"),
        ("What's the price model for new medicines according to the strategy?", "description"),
        ("Which objective number deals with EU programmes?", "description"),
        ("What is the government's pricing policy for medicines?", "description"),
        ("Vad säger strategin om prissättning av läkemedel?", "description"),
        # Where something ends up, ranks or stands is a position or a view, not a place; where it is built is a place.
        ("Where should the country's emissions end up in the long run?", "description"),
        ("Var rankas branschen när det gäller produktivitet?", "description"),  # "högst", in words
        ("Where does the government stand on red tape?", "description"),
        ("Var ska landet hamna när det gäller utsläppen?", "description"),
        ("Var ska utsläppen landa på sikt?", "description"),
        # "hur många" inside what is asked about ("problemet med hur många …") asks for no count.
        ("Vad är problemet med hur många studenter som tar examen?", "description"),
        ("Vad vill landet till slut komma fram till när det gäller koldioxid?", "description"),  # not "till när"
        ("Till när gäller agendan?", "date"),
        # "till när jag …" after a verb's "till" is a clause (when I …), not "until when".
        ("Vilken strategi bör jag hänvisa till när jag motiverar projektet?", "description"),
        ("Where will the new test bed be built?", "place"),
        ("Var ska det nya centret byggas?", "place"),
        # A length of time: a count of days, weeks, months or years (or up to a year).
        ("How long is the term of office for the council's members?", "duration"),
        ("Hur lång är väntetiden för en höftledsoperation?", "duration"),
        ("What is the current waiting time for a hip replacement?", "duration"),
        ("Hur länge ska agendan gälla?", "duration"),
        # Years and countries asked for in the plural, or with an adjective; not "what about <a place noun>".
        ("In which years were the two evaluations held?", "date"),
        ("Vilka nordiska länder har Sverige avtal med?", "place"),
        ("Which Nordic countries are named as partners?", "place"),
        ("Vilken adress har centret?", "place"),
        ("What about municipalities?", "description"),
        # How often: a frequency, preferred in the answer but never a reason to refuse.
        ("Hur ofta ska agendan följas upp?", "frequency"),
        ("How often is progress reported?", "frequency"),
        # Those who gain or suffer are a group described, not a body named.
        ("Who stands to benefit most from precision medicine?", "description"),
        ("Vilka drabbas hårdast när det saknas testmiljöer?", "list"),
        ("Vem drabbas hårdast när det saknas testmiljöer?", "description"),
        ("Vem har mest nytta av hälsodata?", "description"),
        ("Vem leder arbetet?", "agent"),
        # A ranking, however spelt, is a number.
        ("vilken plats har regionen på europeiska rankingar", "number"),
    ],
)
def test_question_kinds_in_both_languages(question: str, expects: str) -> None:
    assert analyse(question).expects == expects


def test_a_sentence_naming_what_it_speaks_of_says_what_it_is_called() -> None:
    called = analyse("Vad heter det när vården anpassas efter varje patient?")
    assert called.expects == "called"
    assert satisfies("Ett område i utveckling är precisionsmedicin, även kallad individbaserad medicin.", called)
    assert satisfies("This is known as precision medicine.", called)
    assert not satisfies("Vården anpassas efter varje patient.", called)


def test_a_share_is_given_in_words_in_either_language() -> None:
    # Found on an English document added to the corpus: "half of the new production lines" gives the share a Swedish
    # question asks for ("Hur stor andel …?") as "hälften" does.
    share = analyse("Hur stor andel av de nya fabrikslinjerna ska vara resurssnåla år 2030?")
    assert share.expects == "share"
    for sentence in (
        "By 2030, half of the new lines should be efficient.",
        "Two thirds of the firms export.",
        "Hälften av bolagen exporterar.",
        "The majority of trials start late.",
    ):
        assert satisfies(sentence, share), sentence
    assert not satisfies("On behalf of the Commission, the lines should be efficient.", share)


def test_a_count_asked_for_is_no_sum_of_money_reference_or_date() -> None:
    # Found on documents added to the corpus: "How many patients …?" answered with "EUR 600 million earmarked …", "How
    # many nurses …?" with the title page's "Diarienummer RK 2025/0417".
    for question in ("How many patients will the trials enrol?", "Hur många nya fabriker ska byggas?"):
        count = analyse(question)
        assert count.expects == "number"
        for sentence in (
            "Horizon Europe will fund platform trials, with EUR 600 million earmarked for 2026–2030.",
            "Anläggningen får 58 miljoner kronor och 3 mkr per år.",
            "Diarienummer RK 2025/0417.",
            "Beslutad av regionfullmäktige 2025-11-25, § 187.",
            "The sector stands for 9% of GDP.",
            "1. Senast 2027 ska det finnas en gemensam väg in.",
        ):
            assert not satisfies(sentence, count), sentence
        for sentence in ("Av länets 142 företag har 118 färre än tio anställda.", "at least 150 accredited sites"):
            assert satisfies(sentence, count), sentence
    # "How much …?" is answered by a sum as well as a count.
    assert satisfies("The plan has EUR 2.5 billion.", analyse("How much will the facility be worth to producers?"))


def test_a_value_asked_for_today_is_not_given_by_a_target() -> None:
    # Found on documents added to the corpus: "How many digital health rooms are there today?" answered with "Senast
    # 2029 ska det finnas ett digitalt hälsorum i var och en av länets 14 kommuner."
    for question in ("How many digital health rooms are there in the county today?", "Hur många bolag finns redan?"):
        assert analyse(question).now, question
    assert not analyse("Hur många bolag finns det?").now and not analyse("När startar rådet i dag?").now
    for target in (
        "- Senast 2029 ska det finnas ett digitalt hälsorum i var och en av länets 14 kommuner.",
        "At least 25 open datasets will be published by 2027.",
    ):
        assert sets_a_target(target), target
    for stands in (
        "- Antalet kliniska prövningar ska öka från 14 år 2025 till minst 40 år 2032.",  # where it stands, and the aim
        "I dag finns 600 företag i länet.",
        "The region had 64 companies in 2025.",
    ):
        assert not sets_a_target(stands), stands


def test_a_reference_line_is_no_answer_unless_asked_for() -> None:
    for line in ("Diarienummer RK 2025/0417.", "Dnr: RS/1874/2025", "Reference number RS 2025-01187."):
        assert sentence_role(line) == "reference", line
    assert sentence_role("Diarienumret ska anges i alla ansökningar som skickas in 2025.") == "content"


def test_a_date_asked_for_is_a_day_not_a_season_or_a_year() -> None:
    day = analyse("Vilket datum antog regionstyrelsen agendan?")
    assert satisfies("Agendan antogs den 12 mars 2026.", day) and satisfies("Beslutet togs 2026-03-12.", day)
    assert not satisfies("Agendan antogs i mars 2026.", day) and not satisfies("Hösten 2024 beslutade regeringen.", day)
    assert satisfies("Agendan antogs i mars 2026.", analyse("När antogs agendan?"))


def test_what_askers_say_of_themselves_and_sentence_openings_are_no_names() -> None:
    assert analyse("Jag skriver en PM – vilka mätetal kan användas?").names == ()
    assert analyse("We are a clinic in Oslo. How many trials does the strategy want?").names == ()
    assert analyse("Jag skriver en ansökan om ett projekt. Stämmer det med agendans målbild?").names == ()
    # a name in the question itself still counts, whoever asks
    assert analyse("Vi undrar: hur många prövningar gjordes i Norge?").names == ("Norge",)
    assert analyse("How many trials were run in Norway? We need it for a memo.").names == ("Norway",)


def test_what_the_asker_is_writing_and_plural_acronyms_are_no_names() -> None:
    # The kind of text the asker writes, opening the question, is context; what it is about may be a name.
    assert analyse("Till en PM om regionernas roll: vad förväntar sig regeringen av regionerna?").names == ()
    assert analyse("For a BN on trials: what does the strategy want from the regions?").names == ()
    assert analyse("Till ett PM om Novo Nordisk: vad säger strategin?").names == ("Novo Nordisk",)
    assert analyse("For a briefing note on Pfizer: what does the strategy say?").names == ("Pfizer",)
    # A plural acronym names a kind of thing ("KPI:er", "SMEs"), a singular one or a genitive a name.
    assert analyse("Vilka KPI:er nämns i agendan?").names == ()
    assert analyse("Which KPIs and SMEs does the agenda mention?").names == ()
    assert analyse("What does the strategy say about the NIH?").names == ("NIH",)
    assert analyse("Vad säger strategin om NIH:s anslag?").names == ("NIH:s",)
    # An English genitive names the name itself: "Denmark's strategy" is checked as "Denmark".
    assert analyse("Does the strategy mention NIH's grants?").names == ("NIH",)
    assert analyse("What target does Denmark’s strategy set for trials?").names == ("Denmark",)
    # Who is asking, opening a clause that goes on about them, is no name the documents must write.
    assert analyse("Medtech CTO here, struggling with certification. What does the strategy offer?").names == ()
    # Who is asking, said before the question, is context too.
    assert analyse("IT manager here: what does ABC say about EHDS?").names == ("ABC", "EHDS")
    assert without_asker_context("Doctoral student here: which objectives …?").split() == ["which", "objectives", "…?"]
    assert without_asker_context("Is there a cluster here?") == "Is there a cluster here?"


def test_a_yes_or_no_question_about_a_claim_asks_for_no_value() -> None:
    # A value word in a claim to be checked: the sentence making the claim answers, with or without a figure.
    assert analyse("Bidrar branschen till en stor andel av världens utsläpp enligt agendan?").expects == "description"
    assert analyse("Jag skriver en text: står sektorn för en betydande andel av exporten?").expects == "description"
    assert analyse("Does the plan admit it lacks money, whether from investors or the state budget?").expects == (
        "description"
    )
    # ... but asking whether a value is given asks for the value; a question word asks for it too.
    assert analyse("Finns det en budget för agendan?").expects == "amount"
    assert analyse("Anger agendan något belopp för genomförandet?").expects == "amount"
    assert analyse("Does the strategy state the budget for 2025?").expects == "amount"
    assert analyse("Does the strategy set a numeric target for trials?").expects == "number"
    assert analyse("Ungefär hur många bolag startas varje år – är det runt tjugo eller fler?").expects == "number"
    assert analyse("Hur stor andel av exporten står sektorn för?").expects == "share"


def test_a_claim_checked_by_a_tag_or_stating_a_figure() -> None:
    # A tag after a claim checks it: its year is the claim, not a constraint the answer must meet.
    assert analyse("The agenda wants the region to lead Europe by 2030, right?").years == ()
    assert analyse("Agendan siktar väl på 2030, eller hur?").years == ()
    assert analyse("What happened in 2023?").years == ("2023",)
    # A claim stating a figure is answered by a sentence giving one; a section number or a year is no figure.
    assert analyse("Stämmer det att sektorn sysselsätter 40 000 personer i Sverige?").expects == "number"
    assert analyse("Is it true that 10 % of emissions come from health care?").expects == "share"
    assert analyse("Stämmer det att område 2 handlar om hälsodata?").expects == "description"
    assert analyse("Is it true that the vision is for 2035?").expects == "description"


def test_a_frequency_sentence_is_satisfying_and_what_the_asker_will_quote_in_is_no_name() -> None:
    often = analyse("Hur ofta följs agendan upp?")
    assert satisfies("Agendan ska följas upp årligen.", often) and satisfies("Results are reported every year.", often)
    assert not satisfies("Uppföljningen skapar transparens.", often)
    # What the asker will do with the answer, after it, is context ("PM:et": a colon inside a word ends no clause).
    assert analyse("Vad säger strategin om EU-program, vill citera i PM:et").names == ("EU-program",)
    assert analyse("What does the strategy say about EHDS, I want to quote it in our memo for the Board").names == (
        "EHDS",
    )


def test_someone_within_a_body_is_a_person() -> None:
    assert analyse("Who at the regional office is responsible for the business strategy?").expects == "person"
    assert analyse("Vem på bolaget ansvarar för strategin?").expects == "person"
    assert analyse("Who is responsible for the business strategy?").expects == "agent"


def test_the_title_of_the_section_that_answers_is_the_name_asked_for(real_engine: Engine) -> None:
    result = real_engine.ask(
        "Finns det stöd för nordisk samverkan i den nationella strategin, och vad heter i så fall den målsättningen?"
    )
    assert not result["abstained"] and "1.4 Norden" in result["answer"], result["answer"]
    for question, title in (
        ("Vilket av agendans insatsområden handlar om att säkra rätt kompetens, och vad heter det exakt?", "4. Kompet"),
        ("Vad heter målsättningen om nordisk samverkan?", "1.4 Norden"),
        ("What is the name of the objective on antimicrobial resistance?", "4.4 Motverka"),
    ):
        answer = real_engine.ask(question)["answer"]
        assert title in answer.split(":")[0], answer  # the answer's lead names the section quoted
    # A name in a section's text is not its title.
    assert not asks_section_title("Vad heter programmet som målsättning 7.2 nämner?")
    assert not asks_section_title("What is the fund under objective 8.5 called?")
    assert asks_section_title("What is that objective called?")
    # "The title of" a section is answered from the outline as "what is it called" is.
    for question, title in (
        ("What is the title of objective 6.3?", "6.3 Ökat"),
        ("Vad är titeln på insatsområde 4?", "4 Kompet"),
    ):
        result = real_engine.ask(question)
        assert result["answer_kind"] == "overview" and result["answer"].startswith(title), result["answer"]


def test_names_given_as_examples_need_not_be_in_the_documents() -> None:
    assert analyse("Is the region ready for another outbreak like Covid?").names == ()
    assert analyse("Vilka bolag, t.ex. Pfizer eller Novartis, finns här?").names == ()
    # ... but "med t.ex. Pfizer" makes the name what is asked about
    assert analyse("Vad säger agendan om samarbete med t.ex. Pfizer?").names == ("Pfizer",)
    assert analyse("Are companies such as Pfizer, Novartis and Roche part of the cluster?").names == ()
    # a name asked about in its own right, beside the examples, still counts
    assert analyse("Are firms such as Pfizer active in Norway?").names == ("Norway",)
    assert analyse("How many trials like those in Norway were run?").names == ("Norway",)  # not right after "like"


def test_names_listed_as_a_group_need_not_each_be_in_the_documents() -> None:
    # Three or more names in one list name a group ("the Nordic countries"), which the documents may discuss as such.
    assert analyse("Vad skulle tätare band med Danmark, Norge, Finland och Island leda till?").names == ()
    assert analyse("Why work more with Norway, Denmark and Finland?").names == ()
    # One or two names are asked about in their own right.
    assert analyse("How does Sweden compare with Denmark in trials?", frozenset({"sweden"})).names == ("Denmark",)
    assert analyse("Hur står det sig mot Danmark och Norge?").names == ("Danmark", "Norge")
    # A name outside the list still counts.
    assert analyse("Tror man i Stockholm på samarbete med Norge, Danmark och Finland?").names == ("Stockholm",)
    # The corpus's own places count in the list (they are no names to check themselves).
    own = frozenset({"sweden", "sverige"})
    assert analyse("Is a project between hospitals in Sweden, Norway and Denmark backed?", own).names == ()
    assert analyse("Hur samarbetar Sverige och Norge?", own).names == ("Norge",)


def test_constraints_and_checks() -> None:
    analysis = analyse("Hur många kliniska prövningar gjordes i Norge 2023?", frozenset({"sverige"}))
    assert analysis.years == ("2023",) and analysis.names == ("Norge",)
    assert analyse("What happens in West Sweden?", frozenset({"west", "sweden"})).names == ()
    amount = analyse("Hur mycket pengar satsas?")
    assert satisfies("Regionen satsar 40 miljoner kronor.", amount)
    assert not satisfies("Regionen satsar mycket på samverkan.", amount)
    assert not satisfies("Målet gäller till 2035.", analyse("Hur många bolag finns?"))
    assert satisfies("Helén Eliasson leder styrelsen.", analyse("Who chairs the board?"))
    # Two capitalised words ending in a body noun name a body, not a person.
    assert not satisfies("Norra Sjukvårdsregionen ska inrätta ett råd.", analyse("Who will chair the new council?"))
    assert not satisfies("Västra Universitetssjukhuset är ett nav.", analyse("Who will chair the new council?"))
    for person in ("Sarah Parker", "Jean Mathieu", "Karin Kontorsson"):  # surnames that end like a body noun
        assert satisfies(f"Projektet leds av {person}.", analyse("Who will chair the new council?")), person
    # The answer must add a name or body the question does not already give.
    agency = analyse("Vilken myndighet ska leda det nationella partnerskapet?")
    assert agency.agency
    assert not satisfies("Regeringen avser att skapa ett nationellt partnerskap.", agency)
    assert satisfies("Vetenskapsrådet ska leda partnerskapet.", agency)
    assert not satisfies("En effektiv implementering av EHDS är viktig.", analyse("Which agency implements EHDS?"))
    called = analyse("Vad heter traineeprogrammet i Västsverige?", frozenset({"västsverige"}))
    assert not satisfies("Ett traineeprogram ska starta i Västsverige.", called)
    assert satisfies("Programmet heter Life Science Trainee.", called)
    # Publishers (from the manifest) are bodies that can answer "who"; the code names none itself.
    who = "Vem ska leda arbetet?"
    assert satisfies("Regeringen ska leda arbetet.", analyse(who, bodies=frozenset({"regeringen"})))
    assert not satisfies("Regeringen ska leda arbetet.", analyse(who))
    quantity = analyse("Hur mycket bidrar sektorn till utsläppen?")
    assert satisfies("Sektorn står för en betydande del av utsläppen.", quantity)
    assert not satisfies("Sektorn vill minska sina utsläpp.", quantity)


ENGLISH_WORDS = Path("/usr/share/dict/american-english")  # Debian wamerican, installed by .ci/run


def test_translated_titles_are_not_names_but_proper_names_are() -> None:
    words = EnglishWords.load(ENGLISH_WORDS)
    assert words is not None, "install Debian's wamerican (the .ci/run does)"
    assert analyse("Who chairs the Regional Executive Board?", words=words).names == ()
    assert analyse("Where was the Government's Life Science Office set up?", words=words).names == ()
    assert analyse("How much does Horizon Europe give to Karolinska?", words=words).names == (
        "Horizon Europe",
        "Karolinska",
    )
    assert analyse("Does the strategy mention Brussels?", words=words).names == ("Brussels",)
    assert analyse("Does the agenda mention China?", words=words).names == ("China",)
    assert analyse("Who pays for the shared IT infrastructure?", words=words).names == ()
    assert EnglishWords.load(Path("/nonexistent/words")) is None


def test_an_english_question_naming_a_body_by_its_translated_title_is_answered(real_engine: Engine) -> None:
    result = real_engine.ask("Within which organisation has the Government's Life Science Office been set up?")
    assert not result["abstained"] and "Regeringskansliet" in result["answer"]


def test_labels_are_not_answer_material() -> None:
    assert sentence_role("Västra Götalandsregionen mars, 2026") == "dateline"
    assert sentence_role("Jakob Forssmed Socialminister") == "name_line"
    assert sentence_role("Källa: Nationell strategi för life science") == "caption"
    assert sentence_role("- Attrahera och behålla rätt kompetens och expertis") == "content"
    assert sentence_role("Regeringen vill att fler kliniska prövningar genomförs i hela landet.") == "content"


def test_a_followup_with_its_own_question_word_asks_what_that_word_asks(real_engine: Engine) -> None:
    previous = "Which body is to be set up to lead the implementation of the regional agenda?"
    result = real_engine.ask("And what is it supposed to do?", previous_question=previous)
    assert result["interpreted_as"] and not result["abstained"]
    counted = real_engine.ask("Och i agendan?", previous_question="Hur mycket pengar satsar regeringen på hälsodata?")
    assert counted["abstained"] and counted["abstain_reason"] == "missing_fact"


@pytest.mark.parametrize(
    ("followup", "previous", "role"),
    [
        ("and the regional agenda?", "Who signed the foreword of the national life science strategy?", "name_line"),
        ("Och agendan då?", "När är förordet i den nationella strategin daterat?", "dateline"),
    ],
)
def test_a_followup_without_a_question_word_asks_what_the_one_before_asked(
    real_engine: Engine, followup: str, previous: str, role: str
) -> None:
    # Read as "<follow-up> (<earlier question>)": the earlier question's "who"/"när" opens what is asked, so the other
    # document's signatures or dateline answer.
    result = real_engine.ask(followup, previous_question=previous)
    kinds = {d.info.doc_id: d.info.kind for d in real_engine.index.documents}
    assert result["interpreted_as"] and not result["abstained"]
    assert result["citations"] and all(kinds[c["doc_id"]] == "regional" for c in result["citations"])
    assert any(sentence_role(c["quote"]) == role for c in result["citations"])


@pytest.mark.parametrize(
    ("previous", "followup", "kind"),
    [
        (
            "What does the national strategy say about health data for research?",
            "What about the regional agenda?",
            "regional",
        ),
        (
            "Vad säger agendan om test- och utvecklingsmiljöer i vården?",
            "Och hur ser den nationella strategin på det?",
            "national",
        ),
    ],
)
def test_a_followup_that_switches_document_is_answered_from_that_document(
    real_engine: Engine, previous: str, followup: str, kind: str
) -> None:
    result = real_engine.ask(followup, previous_question=previous)
    kinds = {d.info.doc_id: d.info.kind for d in real_engine.index.documents}
    assert result["interpreted_as"] and result["passages"]
    assert {kinds[p["doc_id"]] for p in result["passages"]} == {kind}
    assert all(
        kinds[real_engine.index.passages[real_engine.index.by_id[c["passage_id"]]].doc_id] == kind
        for c in result["citations"]
    )


@pytest.mark.parametrize(
    "question",
    [
        "Vilka målsättningar ligger under område 8 i den nationella strategin?",
        "How many objectives are there under area 1 of the national strategy, and what are they called?",
        "Vad heter insatsområde 3 i den västsvenska agendan?",
    ],
)
def test_a_complete_question_after_another_is_answered_as_if_asked_alone(real_engine: Engine, question: str) -> None:
    # In the web app every question after the first has a previous one: a complete question must not be rewritten.
    alone = real_engine.ask(question)
    after = real_engine.ask(question, previous_question="What does the regional agenda say about clinical trials?")
    assert after["interpreted_as"] is None
    assert after["answer"] == alone["answer"] and not after["abstained"]


def test_followups_are_read_against_the_previous_question_and_others_stand_alone() -> None:
    assert resolve_followup("And how many new ones are started each year?", "Which companies are biggest?", ROUTER)
    assert (
        resolve_followup("Vad säger agendan om hälsodata?", "Vad säger agendan om kliniska prövningar?", ROUTER) is None
    )
    assert resolve_followup("Tell me more.", "Vad säger agendan om kliniska prövningar?", ROUTER)
    assert analyse("Och när det gäller kliniska prövningar?").expects != "date"
    previous = "Vad säger agendan om kliniska prövningar?"
    read = resolve_followup("Och vad säger strategin om det?", previous, ROUTER)
    assert read is not None and "kliniska prövningar" in read and "agendan" not in read
    assert resolve_followup("Varför då?", previous, ROUTER) is not None
    assert resolve_followup("Hur många life science-bolag finns det i regionen?", previous, ROUTER) is None
    # "är det", "is it" before what it stands for is a placeholder; without it the pronoun points back.
    assert resolve_followup("Varför är det viktigt för Sverige?", previous, ROUTER) is not None
    assert resolve_followup("Varför är det viktigt med kliniska prövningar i vården?", previous, ROUTER) is None
    assert resolve_followup("Är det viktigt att regionerna deltar i forskningen?", previous, ROUTER) is None
    assert resolve_followup("NAISS – what is it, per the national strategy?", previous, ROUTER) is None
    # Questions complete in themselves stand alone after any question: an article is no pronoun ("den nationella
    # strategin", "det råd som …"), a section named by number is content, a pronoun may stand for what the question
    # itself named before it, a possessive for a name.
    for complete in (
        "Vilka målsättningar ligger under område 8 i den nationella strategin?",
        "What is objective 2.1 about?",
        "Målsättning 3.3 – vad handlar den om?",
        "Vad är insatsområde 3 i den västsvenska agendan och vilken målbild har det?",
        "Stämmer det att agendan har åtta insatsområden? Vilka är de?",
        "I'm drafting a proposal on clinical trials in primary care. Which objective backs this, and what does it say?",
        "Vem ska ingå i det råd som agendan föreslår?",
        "What's AstraZeneca's headcount at its Gothenburg site, as mentioned in the agenda?",
        "Det sista insatsområdet i VGR:s agenda – vad heter det?",
        "Hur förhåller sig den västsvenska agendan till den nationella strategin?",
    ):
        assert resolve_followup(complete, previous, ROUTER) is None, complete
    # ... while an acknowledgement is nothing a pronoun stands for, nor is a common noun for a possessive.
    assert resolve_followup("Okej, och vad kommer det att möjliggöra?", previous, ROUTER)
    assert resolve_followup("What does the government want to happen to their number?", previous, ROUTER)
    assert resolve_followup("Vad blir det för väder i Göteborg i helgen?", previous, ROUTER) is None
    assert resolve_followup("Och vad säger strategin om det?", None, ROUTER) is None
    # Words that point without naming a topic ("exactly", "similar") leave a follow-up a follow-up.
    assert resolve_followup("Leading where, exactly?", "What is the agenda's overall goal for 2035?", ROUTER)
    assert resolve_followup("Does the regional agenda have anything similar?", "What does the strategy say?", ROUTER)
    assert resolve_followup("Finns det fler exempel på testbäddar i Västsverige?", previous, ROUTER) is None
    # Opening on "and" and pointing back asks about what came before, however much it adds; pointing back alone with
    # a topic of its own does not ("Vilka krav ställer de på forskningsdata, utbildning och kliniska prövningar?").
    programmes = "Which EU programmes does objective 8.5 of the national strategy mention?"
    asked = "And which instrument could make strategic participation in them possible for companies and universities?"
    assert resolve_followup(asked, programmes, ROUTER)
    own_topic = "Vilka krav ställer de på forskningsdata, utbildning och kliniska prövningar?"
    assert resolve_followup(own_topic, previous, ROUTER) is None
    # "Men …" may start a new question; "hur ser det ut" points at nothing.
    new_topic = "Men hur ser det ut med finansieringen av kliniska prövningar, testbäddar och innovationer i Sverige?"
    assert resolve_followup(new_topic, previous, ROUTER) is None
    # What is asked of a source the question only points at is asked of the one spoken of before, however much it adds.
    area = "Which focus area of the agenda covers clinical trials?"
    assert resolve_followup("What does it say is lacking in health care today?", area, ROUTER)
    assert resolve_followup("Vad anger den som viktigaste behov för vården idag?", area, ROUTER)
    assert resolve_followup("What does this strategy say is lacking in health care today?", area, ROUTER) is None


@pytest.mark.parametrize(
    ("question", "answered", "reason"),
    [
        ("Hur många life science-bolag finns det i Västsverige?", True, None),
        ("How many people do life science companies in West Sweden employ?", True, None),
        ("Hur många kliniska prövningar genomfördes i Sverige 2023?", False, "missing_fact"),
        ("Hur mycket pengar satsas på agendans genomförande?", False, "missing_fact"),
        ("Vilket år ska Västsverige vara ett ledande life science-kluster i Europa?", True, None),
        ("Which ministers signed the foreword of the national strategy?", True, None),
        ("Vilka ministrar har skrivit under förordet i den nationella strategin?", True, None),
        ("Who chairs the new national life science council?", False, "missing_fact"),
        ("Hur bakar man kanelbullar?", False, "off_topic"),
        # A name alone says what, not where: "Where is …?" needs a place after a preposition of place.
        ("Where is NorthX Biologics located?", False, "missing_fact"),
        ("Where has the government set up its life science office?", True, None),
        ("Hur stor är den samlade omsättningen för life science-bolagen i Västsverige?", False, "missing_fact"),
        # "Vad menas med …", "nämns …": the frame of a question about the corpus topic itself, not a topic of its own.
        ("Vad menas med life science?", True, None),
        ("Nämns kärnkraft i strategin?", False, "off_topic"),
        # A fee or salary is a sum the documents never give, however close the topic (care, education).
        ("Vad är patientavgiften för ett besök på en vårdcentral i regionen?", False, "missing_fact"),
        ("Vad är ingångslönen för forskare inom life science i Västsverige?", False, "missing_fact"),
        ("What is the starting salary for researchers in life science?", False, "missing_fact"),
        ("Vem ska vara ordförande i det råd som ska inrättas?", False, "missing_fact"),
        # A signature line answers who signed, or a question naming its role; not any "who" question.
        ("Vem är regiondirektör?", True, None),
        ("Who is the regional director?", True, None),
        ("Who won the Eurovision Song Contest in 2024?", False, "missing_fact"),
        ("Vem vann Melodifestivalen 2024?", False, "missing_fact"),
        # Who signed: the signature lines of the named document's foreword, far as a name's vector is.
        ("Vem har skrivit förordet till agendan?", True, None),
        ("Who wrote the foreword to the agenda?", True, None),
        ("Vem har satt sitt namn under inledningen till agendan?", True, None),  # "put their name to": signed
        # When a document was adopted or published: its dateline answers, wherever it stands.
        ("När antogs agendan?", True, None),
        ("When was the agenda adopted?", True, None),
        ("When will innovations be adopted in West Swedish healthcare?", False, "missing_fact"),  # not the document
        # "Bryssel" stands for the EU (the corpus profile's aliases): no refusal for a city the documents never name.
        ("Varför har aktörerna i väst svårt att få del av pengar från Bryssel?", True, None),
        # "Stockholm" stands for the government, which the documents name (the profile's aliases) …
        ("Does Stockholm intend to improve the tax rules for companies that invest in research?", True, None),
        ("Vad vill Stockholm göra åt antibiotikaresistensen?", True, None),
        # Power placed in the capital, and its genitive, are the government too.
        ("Vad tycker makthavarna i Stockholm om nordiskt samarbete inom life science?", True, None),
        ("Vilka besked har Stockholms politiker gett om skatteincitament för forskning?", True, None),
        # … but a figure or a place asked for "in" it is about the city, which they never name: the region's figures
        # are not its.
        ("Hur många life science-bolag finns det i Stockholm?", False, "missing_fact"),
        # A document dated by its season names it: the year is no year asked about.
        (
            "Vilket år ska Västsverige enligt agendan från våren 2026 vara ett ledande life science-kluster i Europa?",
            True,
            None,
        ),
        # A place in a ranking is a number ("placering"), which the strategy does not give.
        ("Vilken placering har Sverige i EU:s innovationsmätning enligt strategin?", False, "missing_fact"),
        ("How many people work in life science in Stockholm?", False, "missing_fact"),
        # … and so is the city in any form, or next to a word for a place, whatever is asked.
        ("Hur många life science-bolag finns det i Stockholms län?", False, "missing_fact"),
        ("How many life science companies are there in the Stockholm region?", False, "missing_fact"),
        ("How many companies from Stockholm got funding?", False, "missing_fact"),
        ("Vad gör Region Stockholm inom life science?", False, "missing_fact"),
        ("What does the strategy say about life science companies in Stockholm?", False, "missing_fact"),
        # "In how many" is what is asked, wherever it stands.
        ("Kan du säga i hur många insatsområden kliniska prövningar nämns?", False, "missing_fact"),
        ("Hur många kliniska prövningar gjordes i Norge 2023?", False, "missing_fact"),
        ("Why should Sweden cooperate more with Norway, Denmark, Finland and Iceland in life science?", True, None),
        ("How does Sweden compare with Denmark in the number of clinical trials?", False, "missing_fact"),
        # "The title of" a report asks for its name, as "the name of" does; a section's title is the outline's.
        ("What is the title of the needs-mapping report BRG produced in 2025?", False, "missing_fact"),
        ("Vad är titeln på rapporten som BRG tog fram 2025?", False, "missing_fact"),
        # "klart", "achieved": the frame of a question about completion, not a topic the section must mention.
        ("När ska delmål 5.2 vara klart?", False, "missing_fact"),
        ("When should objective 5.2 be achieved?", False, "missing_fact"),
        # Initials of a name the documents repeat in full are that name; initials of nothing they name are not.
        ("Vilka lärosäten utöver GU och Chalmers utbildar inom life science?", True, None),
        ("Vilka lärosäten utöver KTH och Chalmers utbildar inom life science?", False, "missing_fact"),
        # A name given as an example is no name the documents must give.
        ("Does the regional agenda want the region ready for another pandemic like Covid?", True, None),
        ("When tackling drug-resistant bacteria, which approach should underpin the work?", True, None),
        # A claim with a wrong year is answered with the year the documents give; one stating a figure they do not
        # give is refused for the figure.
        ("Västsverige ska väl vara ett ledande life science-kluster i Europa redan 2030, eller hur?", True, None),
        (
            "Is it true that the national strategy says life science employs 55 000 people in Sweden?",
            False,
            "missing_fact",
        ),
    ],
)
def test_answers_and_specific_refusals(real_engine: Engine, question: str, answered: bool, reason: str) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] is not answered, result["answer"]
    assert result["abstain_reason"] == reason
    if reason == "missing_fact":
        assert result["missing"] and result["citations"], result
    if reason == "off_topic":
        assert not result["citations"]


@pytest.mark.parametrize(
    "question", ["Vilka är agendans sju insatsområden?", "What are the focus areas of the agenda?"]
)
def test_overview_lists_every_focus_area_cited_to_its_heading(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    areas = [s for d in real_engine.index.documents if d.info.kind == "regional" for s in d.all_sections()]
    numbered = [s for s in areas if s.number and "." not in s.number]
    assert result["answer_kind"] == "overview" and len(numbered) == 7
    for section in numbered:
        assert section.title in result["answer"]
    assert all(c["kind"] == "heading" for c in result["citations"])
    # First the text introducing the areas (the own passage of the heading they sit under), then each area's.
    introduction, *listed = [p["passage_id"] for p in result["passages"][:8]]
    assert listed == [c["passage_id"] for c in result["citations"]]
    parent = next(s for d in real_engine.index.documents for s in d.all_sections() if numbered[0] in s.children)
    assert real_engine.index.passages[real_engine.index.by_id[introduction]].section_id == parent.id


def test_objectives_under_an_area(real_engine: Engine) -> None:
    result = real_engine.ask("Which objectives fall under area 4 of the national strategy?")
    assert [c["section_number"] for c in result["citations"]] == ["4.1", "4.2", "4.3", "4.4"]
    # The area's own text, which introduces its objectives, is the first passage listed.
    assert result["passages"][0]["section_number"] == "4"
    assert [p["section_number"] for p in result["passages"][1:5]] == ["4.1", "4.2", "4.3", "4.4"]


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("Vad säger insatsområde 9 i agendan?", "har inget avsnitt med nummer 9."),
        ("What does objective 9.2 of the national strategy say?", "has no section numbered 9.2."),
    ],
)
def test_a_section_number_the_document_lacks_is_said_before_what_it_has(
    real_engine: Engine, question: str, says: str
) -> None:
    result = real_engine.ask(question)
    assert says in result["answer"].split(". ")[0] + ".", result["answer"]
    assert len(result["citations"]) > 5  # then the sections there are, each cited to its heading


def test_a_list_under_no_common_heading_has_no_introduction(real_engine: Engine) -> None:
    # The national strategy's areas are top-level sections: no heading introduces them, so none is put first.
    result = real_engine.ask("What are the national strategy areas?")
    assert result["answer_kind"] == "overview"
    listed = [c["passage_id"] for c in result["citations"]]
    assert [p["passage_id"] for p in result["passages"][: len(listed)]] == listed


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("Hur är agendan uppbyggd?", 7),
        ("How is the national strategy structured?", 8),
        ("What does the regional agenda prioritise?", 7),
        ("Vilka teman tar den västsvenska agendan upp?", 7),
        ("Vilka är strategins 31 målsättningar?", 31),
        ("Vad går målsättning 7.1 ut på?", 1),
        ("Kan du sammanfatta vilka områden den nationella strategin är indelad i?", 8),
        ("Vilka är samtliga målsättningar, 1.1 till 8.5, i den nationella strategin?", 31),
        # a longer topic, when objectives are asked for explicitly
        ("Which objectives does the strategy set for making better use of patient records and care data?", 3),
        # framing words in other inflections ("prioriterade", "prioritises")
        ("Vilka insatsområden prioriteras i agendan?", 7),
        ("Could you list the prioritised focus areas of the regional agenda?", 7),
        # what a document is made of; a count that asks for the list too; sub-goals
        ("Vilka delar består agendan av?", 7),  # five parts, two of them with a section of their own
        ("What does the agenda consist of?", 7),
        ("Hur många insatsområden finns i agendan och vilka är de?", 7),
        ("How many objectives does the national strategy have, and what are they?", 31),
        ("Which sub-goals fall under area 8 of the national strategy?", 5),
        ("list the 8 areas in the national LS strategy", 8),  # the corpus topic by its initials
        # an example after the question asks for nothing more
        ("Which objectives fall under area 8 of the national strategy, for example the one about EU programmes?", 5),
    ],
)
def test_structure_questions_in_other_words(real_engine: Engine, question: str, count: int) -> None:
    result = real_engine.ask(question)
    assert result["answer_kind"] == "overview"
    assert len([c for c in result["citations"] if c["kind"] == "heading"]) == count


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("Which goals are listed under the national strategy's area on health data?", ["2.1", "2.2", "2.3"]),
        ("Vilka målsättningar har strategin för kompetensförsörjning?", ["7.1", "7.2", "7.3"]),
        ("Vilka mål finns under området om internationell konkurrenskraft?", ["8.1", "8.2", "8.3", "8.4", "8.5"]),
        ("What does the agenda's focus area on sustainability and resilience contain?", ["5"]),
        # named through its objectives' titles: area 4's *Fler kliniska prövningar …*
        ("What are the objectives in the area about clinical research?", ["4.1", "4.2", "4.3", "4.4"]),
        ("Vad handlar agendans insatsområde om kompetens om?", ["4"]),
        # named by number and title at once; the title may be the profile's English translation
        ("Vilka målsättningar ligger under område 4, forskning och innovation i vården?", ["4.1", "4.2", "4.3", "4.4"]),
        ("What are the objectives under area 1, structures for collaboration?", ["1.1", "1.2", "1.3", "1.4"]),
        # a verb placing goals in an area, which the framing words do not know
        (
            "What objectives sit under the strategy's area on research and research infrastructure?",
            ["6.1", "6.2", "6.3", "6.4"],
        ),
        ("Vilka mål ryms i strategins sjunde område?", ["7.1", "7.2", "7.3"]),
        ("Which objectives are grouped under the strategy's fourth area?", ["4.1", "4.2", "4.3", "4.4"]),
        # the document described by the words of its title ("… – nya målsättningar hösten <its year>")
        (
            "Vilka målsättningar ligger under område 1 i regeringens strategi från hösten 2024?",
            ["1.1", "1.2", "1.3", "1.4"],
        ),
        # an English title translation names a Swedish heading
        (
            "Name the goals set out under the area on technology for health, participation and independence.",
            ["5.1", "5.2", "5.3"],
        ),
        # "Vilka delmål": a Swedish neuter plural is its singular, "vilka" says plural: the area's objectives
        ("Vilka delmål finns under strategins område om forskningsinfrastruktur?", ["6.1", "6.2", "6.3", "6.4"]),
        # who is asking, said before the question, is no topic
        (
            "PhD student here: which objectives sit under the strategy's area on research infrastructure?",
            ["6.1", "6.2", "6.3", "6.4"],
        ),
    ],
)
def test_an_area_named_by_its_topic(real_engine: Engine, question: str, numbers: list[str]) -> None:
    result = real_engine.ask(question)
    assert result["answer_kind"] == "overview"
    assert [c["section_number"] for c in result["citations"] if c["kind"] == "heading"] == numbers


@pytest.mark.parametrize(
    "question",
    [
        "Vilket mål för antalet kliniska prövningar sätter strategin?",  # asks a number the outline lacks
        "Which areas of care need more clinical trials according to the strategy and why?",  # about content
        "Hur mycket pengar avsätts för målsättning 4.1?",
        "Vilket område har flest företag i regionen?",  # no topic introduced: a question about content
        "Hur ser målbilden ut för agendans sjunde insatsområde?",  # a part's content, not the area's title
        # A year or a person asked for, whatever areas the question names: the outline gives neither.
        "Vilket år skrevs de åtta områdena in i strategin första gången?",
        "In which year were the agenda's seven focus areas first agreed?",
        "Who chairs the work on the eight areas of the national strategy?",
    ],
)
def test_content_questions_are_not_read_as_outline_questions(real_engine: Engine, question: str) -> None:
    assert real_engine.ask(question)["answer_kind"] == "extract"


def test_a_followup_naming_its_own_document_is_not_listed_from_the_previous_ones(real_engine: Engine) -> None:
    result = real_engine.ask(
        "Och vad säger den västsvenska agendan om samma sak?",
        previous_question="Vad är regeringens mål för antalet kliniska prövningar i Sverige?",
    )
    agenda = next(d.info.doc_id for d in real_engine.index.documents if d.info.kind == "regional")
    assert result["answer_kind"] == "extract"
    assert result["citations"] and all(c["doc_id"] == agenda for c in result["citations"])


def test_a_swedish_abbreviation_of_x_och_y_is_a_word_of_the_documents(real_engine: Engine) -> None:
    """ "FoU" abbreviates "forskning och utveckling", which the strategy uses: no name the documents lack."""
    assert "fou" in real_engine.words.vocabulary
    result = real_engine.ask("Finns det stöd i strategin för skattelättnader kopplade till företagens FoU?")
    assert (result["missing"] or {}).get("name") != "FoU"


@pytest.mark.parametrize(
    "question",
    [
        # the only words the passages share are "nya", "vill", "regionen": no topic of the documents'
        "Vad säger strategin om nya kärnkraftverk?",
        "Hur ska regionen enligt agendan stötta lantbrukare som drabbas av torka?",
    ],
)
def test_pointers_and_modal_verbs_do_not_make_a_topic_the_documents(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == "off_topic", result["answer"]


def test_an_outline_topic_must_be_the_sections_own_words(real_engine: Engine) -> None:
    """ "targets for new housing construction" comes closest to some area without being any area's topic."""
    result = real_engine.ask("What are the government's targets for new housing construction next year?")
    assert result["answer_kind"] != "overview"


def test_a_followup_on_a_named_section_asking_how_is_answered(real_engine: Engine) -> None:
    result = real_engine.ask("Och hur ska det gå till?", previous_question="Vad vill regeringen med målsättning 1.3?")
    assert not result["abstained"], result["answer"]


@pytest.mark.parametrize(
    ("previous", "question", "number"),
    [
        (
            "Vilka målsättningar finns under område 6 i den nationella strategin?",
            "Vad står det i den sista av dem?",
            "6.4",
        ),
        ("What are the focus areas of the agenda?", "What does the second one say?", "2"),
        ("Vilka är agendans insatsområden?", "Och den tredje?", "3"),
    ],
)
def test_a_followup_pointing_at_an_item_of_the_list_before(
    real_engine: Engine, previous: str, question: str, number: str
) -> None:
    result = real_engine.ask(question, previous_question=previous)
    assert not result["abstained"], result["answer"]
    assert result["interpreted_as"] and f"({number} " in result["interpreted_as"]
    assert len(result["sections"]) == 1 and result["sections"][0].split(" › ")[-1].startswith(number)
    assert result["answer_kind"] == "extract"


def test_an_ordinal_before_a_section_noun_is_no_list_item() -> None:
    from strategiqa.app.sections import listed_position, section_numbers

    assert listed_position("Vad står det i den sista av dem?") == -1
    assert listed_position("What does the second one say?") == 2
    assert listed_position("Vad handlar den första om?") == 1
    assert listed_position("Vad handlar det femte området om?") is None  # names area 5 itself
    assert listed_position("Vad var det första gången?") is None
    assert listed_position("What does the strategy say about the last decade?") is None
    assert listed_position("Vad säger strategin om det första året?") is None
    # letters whose lower case is no key of the ordinals (found in review: a KeyError, a 500)
    assert listed_position("the fİrst one") is None and section_numbers("the ſecond area") == []


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Vad säger förordet om kanelbullar?", "off_topic"),  # a part named by its heading is where to look only
        ("What does the foreword say about nuclear power?", "off_topic"),
        ("What does the agenda say about our cooperation with Pfizer", "missing_fact"),  # the last clause is asked
        ("Vad säger agendan om samarbete med t.ex. Pfizer?", "missing_fact"),  # "t.ex." ends no sentence
    ],
)
def test_review_findings_are_refused(real_engine: Engine, question: str, reason: str) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == reason, result["answer"]


def test_day_care_is_no_date_and_a_topic_stays_in_an_area_question() -> None:
    assert analyse("What day care services does the agenda describe?").expects != "day"
    assert not satisfies("Regionen betalar maj 12 000 kronor.", analyse("Vilket datum betalas det?"))


@pytest.mark.parametrize(
    "question",
    [
        "Vilket datum antog regionstyrelsen agendan för västsvensk life science?",
        "On what exact date did the government decide on the new objectives?",
    ],
)
def test_a_date_the_documents_do_not_give_to_the_day_is_refused_specifically(
    real_engine: Engine, question: str
) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == "missing_fact", result["answer"]
    assert result["missing"]["element"] == "day"


@pytest.mark.parametrize(
    "question",
    [
        "Vilka forskningsinfrastrukturer lyfts fram i förordet till den nationella strategin?",
        "Which large research facilities are named in the foreword of the national strategy?",
    ],
)
def test_a_main_part_named_by_its_heading_is_where_the_answer_comes_from(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    national = next(d.info.doc_id for d in real_engine.index.documents if d.info.kind == "national")
    assert result["sections"] == ["Förord"] and not result["abstained"]
    assert all(c["doc_id"] == national and c["section_path"][-1] == "Förord" for c in result["citations"])
    assert "SciLifeLab" in result["answer"]


@pytest.mark.parametrize(
    "question",
    ["När är förordet till den västsvenska agendan daterat?", "When is the foreword of the regional agenda dated?"],
)
def test_when_a_part_is_dated_is_answered_by_its_dateline(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert not result["abstained"] and "mars, 2026" in result["citations"][0]["quote"], result["answer"]


@pytest.mark.parametrize("question", ["When will the council be set up?", "När ska rådet inrättas?"])
def test_a_dateline_does_not_date_what_the_document_plans(real_engine: Engine, question: str) -> None:
    """The agenda gives no date for its council: its foreword's dateline ("<region> mars, 2026") is no answer."""
    result = real_engine.ask(question)
    assert result["abstained"], result["answer"]
    assert not any("mars, 2026" in c["quote"] for c in result["citations"])


def test_a_rare_word_of_the_topic_in_the_top_passages_makes_the_topic_the_documents(real_engine: Engine) -> None:
    """ "testbäddar" is used by few passages, one of them the national strategy's: a short question's vector stands
    out little from the background, the word says the documents address it. A common verb does not ("ansöker" is
    not "ansökningar")."""
    national = next(d.info.doc_id for d in real_engine.index.documents if d.info.kind == "national")
    assert real_engine.index.word_counts(6)[national]["testbä"] <= 2
    assert not real_engine.ask("Vad säger den nationella strategin om testbäddar?")["abstained"]
    refused = real_engine.ask("Hur ansöker jag om bygglov för ett attefallshus?")
    assert refused["abstained"] and refused["abstain_reason"] == "off_topic"


def test_a_year_naming_the_document_is_no_year_to_find(real_engine: Engine) -> None:
    result = real_engine.ask("What does the 2026 agenda say about testbeds?")
    assert not result["abstained"], result["answer"]
    assert real_engine.ask("How many clinical trials were started in 2024 according to the strategy?")["abstained"]


def test_a_count_the_text_does_not_state_comes_from_the_outline(real_engine: Engine) -> None:
    result = real_engine.ask("Hur många målsättningar har den nationella strategin?")
    assert result["answer_kind"] == "overview" and "31 målsättningar" in result["answer"]


def test_confidence_does_not_depend_on_other_documents(tmp_path: Path) -> None:
    """Adding a document leaves the confidence of a question whose top passages are unchanged as it was."""
    corpus = write_mini_corpus(tmp_path / "corpus")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", cache_dir=tmp_path / "cache")
    ingest(settings, progress=False)
    question = "Vad saknas för kliniska prövningar i vården?"
    before = Engine.open(settings).ask(question, top_k=2)
    (corpus / "extra.md").write_text("# Fiske\n\n## 1. Kvoter\n\nTorskkvoterna i havet sänks i år.\n", "utf-8")
    with open(corpus / "manifest.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[documents]]\nid = "fiske"\nfile = "extra.md"\ntitle = "Fiskeplan"\npublisher = "Testverket"\n')
        fh.write('year = 2025\nkind = "regional"\n')
    ingest(settings, progress=False)
    after = Engine.open(settings).ask(question, top_k=2)
    assert [p["passage_id"] for p in after["passages"]] == [p["passage_id"] for p in before["passages"]]
    assert after["confidence"] == before["confidence"]


def test_a_quote_that_points_back_comes_with_the_sentence_it_points_at(real_engine: Engine) -> None:
    from strategiqa.ingest.sentences import refers_back

    # Without the sentence lift, which opens this answer with the partnership sentence (it says how): the sentence that
    # points back ("Regeringen främjar dessa förutsättningar.") is then among those quoted.
    result = real_engine.ask(
        "Hur främjar regeringen förutsättningarna inom delmål 4.1?",
        params=replace(real_engine.answer_params, lift_weight=0.0),
    )
    assert result["citations"]
    for citation in result["citations"]:
        passage = real_engine.passage(citation["passage_id"])
        assert passage is not None and citation["quote"] in passage["text"]
        if refers_back(citation["quote"]):  # allowed only where nothing precedes it in the passage
            assert passage["text"].startswith(citation["quote"][:40])
    assert "främjar dessa förutsättningar" in result["answer"]
    assert "avgörande att regionerna" in result["answer"]  # what "dessa förutsättningar" points at


def test_the_confidence_weighs_the_question_without_the_frame_every_passage_shares(real_engine: Engine) -> None:
    """A question framed "What does <the document> say about … in <its country>?" stands close to every passage
    whatever it asks about; the focused question (without them) does not. A question with nothing to take out is read
    as it is."""
    framed = "What does the national strategy say about parental leave in Sweden?"
    share = {s: real_engine.ask(framed, params=replace(real_engine.answer_params, focus_share=s)) for s in (0, 1)}
    assert share[1]["confidence"] < share[0]["confidence"]
    plain = "How should antimicrobial resistance be tackled?"
    assert real_engine.router.focus(plain) is None
    # Every search mode reads the confidence the same way: the thresholds are fitted on the blend.
    dense = {
        s: real_engine.ask(framed, mode="dense", params=replace(real_engine.answer_params, focus_share=s))
        for s in (0, 1)
    }
    assert dense[1]["confidence"] < dense[0]["confidence"]
    plain_share = {s: real_engine.ask(plain, params=replace(real_engine.answer_params, focus_share=s)) for s in (0, 1)}
    assert plain_share[1]["confidence"] == plain_share[0]["confidence"]


def test_a_decade_is_no_year_the_answer_must_name() -> None:
    assert analyse("Vad ska regionen ha nått till mitten av 2030-talet?").years == ()
    assert analyse("What should be reached in the 2030s?").years == ()
    assert analyse("Vad ska vara klart 2030?").years == ("2030",)
    assert analyse("Vad ska nås under 2030–talet?").years == () and analyse("in the 2030's").years == ()


def test_a_year_in_a_claim_the_question_checks_is_no_year_the_answer_must_name(real_engine: Engine) -> None:
    """ "Is that the right year?": the year the documents give answers, whichever it is."""
    for question in (
        "Stämmer det att Västsverige ska vara ett ledande life science-kluster i Europa redan 2030?",
        "I read the West Sweden plan wants a leading European life science cluster by 2030. Is that the right year?",
    ):
        assert analyse(question).years == ()
        answer = real_engine.ask(question)
        assert not answer["abstained"] and "2035" in answer["citations"][0]["quote"]
    assert analyse("Hur många kliniska prövningar gjordes 2023?").years == ("2023",)  # asked for, not checked


def test_where_a_place_inside_the_question_stands_before_the_verb_still_asks_for_a_place() -> None:
    assert analyse("Var i Sverige ligger företaget?").expects == "place"
    assert analyse("Var ligger företaget?").expects == "place"
    assert analyse("Var i strategin finns målen för hälsodata?").expects != "place"  # where in the text


def test_a_compound_name_is_known_by_its_own_part_not_its_head(real_engine: Engine) -> None:
    """In "<Acronym>-strategin" the acronym is the name the documents must use; "strategin" is in every strategy."""
    result = real_engine.ask("Vad är det övergripande målet i den nationella ANDT-strategin om alkohol och narkotika?")
    assert result["abstain_reason"] == "missing_fact" and result["missing"]["name"] == "ANDT-strategin"
    assert not real_engine.ask("Vad säger strategin om EHDS-förordningen?")["abstained"]
    # A modifier of two letters says little alone: the compound counts whole.
    assert not real_engine.ask("Vill regeringen att unga ska bli mer intresserade av NO-ämnen?")["abstained"]


def test_a_followup_with_a_word_of_sequence_is_read_against_the_one_before() -> None:
    before = "Vilka deltog i rundabordssamtalet?"
    read = resolve_followup("Vem fick därefter uppdraget att samordna det?", before, ROUTER)
    assert read is not None and "rundabordssamtalet" in read
    # "sen" is also "late": a question about late diagnoses stands alone.
    assert resolve_followup("Vad gör regionen för dem som får sen diagnos?", before, ROUTER) is None


def test_a_name_typed_without_the_documents_accents_is_known() -> None:
    from strategiqa.app.question_names import known_in

    vocabulary = frozenset({"göteborg", "västsverige", "kluster"})
    assert known_in("Goteborgsomradet", vocabulary)  # "Göteborgsområdet" typed on a keyboard without å, ö
    assert known_in("Göteborgsområdet", vocabulary)
    assert not known_in("Kiruna", vocabulary)
    assert not known_in("Gotland", vocabulary)  # an accented letter the name does not have is no match
    # A longer name shares at least half its letters with a word of the documents: not a town by "troligen".
    assert known_in("Horizon", frozenset({"horisont"})) and known_in("European", frozenset({"europeiska"}))
    assert not known_in("Trollhättan", frozenset({"troligen", "troll"}))


@pytest.mark.parametrize(
    ("question", "given"),
    [
        # The vision's year stands in the passage below the vision's list: the closest sentence on its own, not the
        # best with its passage's score, gives it.
        ("In what year should West Sweden have become one of Europe's leading life science clusters?", "2035"),
        ("Senast vilket år ska Västsverige räknas till Europas ledande life science-kluster?", "2035"),
    ],
)
def test_the_sentence_closest_to_the_question_may_give_the_value_asked_for(
    real_engine: Engine, question: str, given: str
) -> None:
    answer = real_engine.ask(question, exclude_questions="all")
    assert not answer["abstained"], answer["answer"]
    assert given in answer["answer"]


def test_a_value_in_the_closest_sentence_counts_only_for_what_it_is_about(real_engine: Engine) -> None:
    # "… rankats som Sveriges främsta region" in the closest sentence counts evaluations, not trials.
    answer = real_engine.ask("Hur många kliniska prövningar genomförs per år i regionen idag?", exclude_questions="all")
    assert answer["abstained"], answer["answer"]
    assert answer["abstain_reason"] == "missing_fact"


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # Initials of a sentence's opening words ("Regeringen anser …") are no name the documents use.
        ("Hur bidrar AF till kompetensförsörjningen i Västsverige?", "missing_fact"),
        ("Vilket stöd ger RA till kliniska prövningar?", "missing_fact"),
        # The name of a section whose topic no section has is a name the documents do not give.
        ("Vad heter målsättningen om kärnkraft?", "missing_fact"),
        # "like" as a verb, and a question asking whether the documents name an example, keep the name.
        ("What would the region like Pfizer to do?", "missing_fact"),
        ("Nämner strategin läkemedelsbolag som t.ex. Pfizer?", "missing_fact"),
    ],
)
def test_round_fifteen_review_findings_are_refused(real_engine: Engine, question: str, reason: str) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == reason, result["answer"]


def test_an_example_inside_the_question_and_parts_of_something_else_are_no_outline(real_engine: Engine) -> None:
    # An example clause followed by more of the question is no trailing example: the question keeps its topic.
    inside = real_engine.ask("Vilka målsättningar, såsom 2.1, handlar om infrastruktur?")
    assert len([c for c in inside["citations"] if c.get("kind") == "heading"]) == 1
    # Parts of a place are no parts of a document.
    places = ("What parts of Sweden are covered by the agenda?", "Vilka delar av Västsverige omfattas av agendan?")
    for question in places:
        assert real_engine.ask(question)["answer_kind"] != "overview", question


def test_routing_does_not_split_at_abbreviations_or_questions() -> None:
    national = ROUTER.named("Vad säger den nationella strategin om hälsodata?")
    for question in (
        "Vad säger agendan om forskning, jfr. den nationella strategin?",
        "What does the agenda say about trials, cf. the national strategy?",
        "Vad säger agendan om hälsodata, bl.a. kopplat till strategin?",
    ):
        assert ROUTER.named(question) != national, question
    assert ROUTER.named("Vad säger strategin om Norden - och agendan?") is None  # asks about both
    one_line = ROUTER.named("Den nationella strategin har åtta områden – hur många har agendan?")
    assert ROUTER.named("Den nationella strategin har åtta områden –\nhur många har agendan?") == one_line


@pytest.mark.parametrize(
    "question",
    [
        "Vilka regler gäller för högkostnadsskyddet för receptbelagda läkemedel?",
        "Förklara hur det fria vårdvalet i primärvården fungerar.",
        "Hur söker man till tandläkarprogrammet?",
        "How do I renew my European health insurance card?",
        "What are the rules for sick pay for the self-employed?",
        "How does a dentist trained abroad apply for a Swedish licence?",
        "What's the procedure for a pharmacist to report a shortage of a medicine?",
        "Vad är rutinen för att anmäla en biverkning av ett vaccin?",
    ],
)
def test_a_matter_of_practice_the_documents_do_not_name_is_off_topic(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == "off_topic", result["answer"]


def test_a_matter_of_practice_needs_a_topic_the_documents_do_not_name() -> None:
    from strategiqa.app.question_wording import asks_practical_matter

    assert asks_practical_matter("Hur fungerar samverkan i regionen?")
    assert asks_practical_matter("Förklara hur det fria vårdvalet fungerar.")
    assert asks_practical_matter("How do I apply for the programme?")
    assert asks_practical_matter("What are the current rules for family reunification?")
    assert asks_practical_matter("As a founder: what are the rules for selling devices?")
    assert asks_practical_matter("How does a nurse trained outside the EU apply for a licence?")
    assert not asks_practical_matter("Which EU rules on health data does the government see as important?")
    assert not asks_practical_matter("How does the region apply the strategy?")
    # What a strategy sets out, generic "you" and "one", or an official's "we" ask what the documents say.
    assert not asks_practical_matter("How can we use the agenda in our application?")
    assert not asks_practical_matter("How does one increase the number of clinical trials?")
    assert not asks_practical_matter("How would you describe the main challenges?")
    assert not asks_practical_matter("What are the key requirements for implementing precision health?")
    assert not asks_practical_matter("Hur ska man tackla antibiotikaresistens?")
    assert not asks_practical_matter("Vilka regler behöver förenklas enligt strategin?")
    # Writing one's own application, or whether one may: a person's errand.
    assert asks_practical_matter("Hur skriver man en ansökan om bostadsbidrag?")
    # Whether someone may do something to what is mine, and what may be done (a passive after "får"): rules in force.
    assert asks_practical_matter("Får vårdcentralen dela mina journaler med försäkringsbolag?")
    assert asks_practical_matter("Vilka läkemedel får säljas på bensinstationer?")
    assert not asks_practical_matter("Får branschen in tillräckligt med pengar från riskvilliga ägare?")
    assert not asks_practical_matter("Får det spela roll var man bor för chansen att delta i studier?")
    assert not asks_practical_matter("Hur får vi fler kliniska prövningar?")
    # "Can I ask / May I ask" are ways of asking: no frame of an errand.
    assert not asks_practical_matter("May I ask why clinical trials are important for Sweden?")
    assert not asks_practical_matter("Can one say that Sweden wants to be a leading life science nation?")
    assert not asks_practical_matter("Hur skriver regeringen om patientorganisationer?")
    # The procedure for an errand is practice; the process by which a strategy was drawn up is not.
    assert asks_practical_matter("What is the procedure for a clinic to register a new device?")
    assert asks_practical_matter("Vilka är stegen för att ansöka om ett nytt tillstånd?")
    assert not asks_practical_matter("What was the process for drafting the agenda?")
    assert not asks_practical_matter("Hur såg processen för att ta fram agendan ut?")


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Every word of what it asks about is one of the documents', ordinary, or a slip of one of theirs.
        ("Hur fungerar samverkan i Västsverige?", "sv"),
        ("Hur fungerar samverkan i praktiken?", "sv"),
        ("Hur fungerar kliniska prövingar i Sverige?", "sv"),
        ("Hur ansöker man om EU-medel?", "sv"),
        ("Beskriv hur det västsvenska stödsystemet fungerar.", "sv"),
        # Or it names a document.
        ("How do I take part in the agenda's council?", "en"),
    ],
)
def test_a_matter_of_practice_on_the_documents_own_topic_is_no_off_topic_question(
    real_engine: Engine, question: str, language: str
) -> None:
    assert not real_engine.words.practical_matter_off_topic(question, language)


def test_a_matter_of_practice_of_a_specific_term_the_documents_lack_is(real_engine: Engine) -> None:
    assert real_engine.words.practical_matter_off_topic("Hur fungerar högkostnadsskyddet?", "sv")
    result = real_engine.ask("Hur fungerar samverkan i Västsverige?")
    assert not result["abstained"], result["answer"]


def test_a_followup_adding_to_the_answer_before_is_read_against_it() -> None:
    before = "Which strategic technology areas does the agenda's first focus area mention?"
    read = resolve_followup("Besides those, which broader themes does it also focus on?", before, ROUTER)
    assert read is not None and "strategic technology areas" in read
    # "det nya arbetssättet" is an article, not a pointer back: the question stands alone.
    assert resolve_followup("Vad innebär det nya arbetssättet?", before, ROUTER) is None
    assert resolve_followup("Vad innebär det?", before, ROUTER) is not None
    # After a verb taking a subject, and before an ordinal, "det" points back.
    office = "Vad är regionens life science-kontor?"
    assert resolve_followup("Hur ska det samordna arbetet?", office, ROUTER) is not None
    assert resolve_followup("Vad säger det andra målet?", before, ROUTER) is not None


@pytest.mark.parametrize(
    "question",
    ["Hur är agendan disponerad – vilka huvudavsnitt har den?", "Which main sections does the agenda have?"],
)
def test_the_main_sections_of_a_document_come_from_the_outline(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert result["answer_kind"] == "overview", result["answer"]
    assert "Förord" in result["answer"] and "Genomförande och gemensamt ledarskap" in result["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "Sammanfatta agendan",
        "Kort sammanfattning av agendan, tack",
        "Vad handlar agendan om?",
        "Summarise the regional agenda",
        "What is the agenda about?",
        "What is the regional agenda in a nutshell?",
    ],
)
def test_a_summary_of_a_document_is_its_outline_with_the_areas_it_holds(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert result["answer_kind"] == "overview", result["answer"]
    # Its main parts, and the numbered areas inside the part that holds them, each cited to its heading.
    assert "Förord" in result["answer"] and "Genomförande och gemensamt ledarskap" in result["answer"]
    assert "7 Synlighet, delaktighet och möjlighet till påverkan" in result["answer"]
    assert all(c["kind"] == "heading" for c in result["citations"])


@pytest.mark.parametrize(
    "question",
    [
        "Sammanfatta vad agendan säger om kliniska prövningar",
        "Summarise what the agenda says about skills supply",
        "What does the agenda say about clinical trials?",
        # "Vad handlar <a topic> om?" asks about the topic, not for a document's outline.
        "Vad handlar precisionshälsa om?",
        "Vad handlar partnerskapet för kliniska prövningar om?",
        "Vad handlar förordet om?",
    ],
)
def test_a_summary_of_what_a_document_says_on_a_topic_quotes_it(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert result["answer_kind"] != "overview" and not result["abstained"], result["answer"]


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("What is the högkostnadsskydd ceiling for prescription medicines this year?", "högkostnadsskydd"),
        ("How long is the waiting-time guarantee (vårdgarantin) in Sweden?", "vårdgarantin"),
    ],
)
def test_a_term_of_the_documents_language_they_never_use_is_not_mentioned(
    real_engine: Engine, question: str, term: str
) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["missing"] == {"element": "name", "name": term}, result["answer"]
    assert result["answer"].startswith(f"The documents do not mention {term}.")


@pytest.mark.parametrize(
    "question",
    [
        "What does the strategy say about hälsodata?",  # a word of theirs inside a compound
        "What is the strategy's view on precisionshälsa?",
        "What does the agenda say about kompetensförsörjningen?",  # inflected
        "What is the målbild of insatsområde 2?",
    ],
)
def test_a_term_of_the_documents_language_they_use_is_answered(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert not result["abstained"], result["answer"]


def test_whether_one_may_do_something_is_a_matter_of_practice() -> None:
    from strategiqa.app.question_wording import asks_practical_matter

    assert asks_practical_matter("Får man hämta ut någon annans medicin på apoteket?")
    assert not asks_practical_matter("Vilka får ta del av hälsodata enligt strategin?")


@pytest.mark.parametrize(
    "question",
    [
        "Jag ska ha en lektion om regional utveckling. Vilka sju insatsområden prioriteras i agendan?",
        "I'm preparing a debate and need the big picture: list the eight prioritised areas of the national strategy.",
    ],
)
def test_a_count_of_all_the_areas_asks_for_all_of_them_whatever_the_context(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert result["answer_kind"] == "overview", result["answer"]
    assert len([c for c in result["citations"] if c.get("kind") == "heading"]) in (7, 8), result["answer"]


def test_which_one_of_the_counted_areas_asks_for_one(real_engine: Engine) -> None:
    from strategiqa.app.overview import _counts_them_all

    documents = real_engine.index.documents
    assert _counts_them_all("Vilka sju insatsområden finns?", documents)
    assert not _counts_them_all("Vilket av de sju insatsområdena handlar om kompetens?", documents)
    assert not _counts_them_all("Vilka fem insatsområden är viktigast?", documents)  # no document has five


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Vad heter målsättning 6.3? Bara titeln tack.", "Vad heter målsättning 6.3?"),
        ("What is the goal? In one sentence, please.", "What is the goal?"),
        ("Vad säger agendan om data? Svara kort.", "Vad säger agendan om data?"),
        # Context after the question is no request about its form.
        (
            "Vad säger agendan om data? Jag är ny i klustret och vill förstå helheten.",
            "Vad säger agendan om data? Jag är ny i klustret och vill förstå helheten.",
        ),
        ("Vilka är målen? Lista dem.", "Vilka är målen? Lista dem."),
        # The form asked for in brackets at the end, not what a bracket explains.
        ("When was the agenda published (month and year)?", "When was the agenda published?"),
        ("Stämmer det att rådet ska inrättas (ja/nej)?", "Stämmer det att rådet ska inrättas?"),
        (
            "Vad säger strategin om EHDS (European Health Data Space)?",
            "Vad säger strategin om EHDS (European Health Data Space)?",
        ),
    ],
)
def test_a_closing_request_about_the_answers_form_is_no_part_of_the_question(question: str, asked: str) -> None:
    assert without_format_request(question) == asked


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Vad heter insatsområde 6 och vad går det ut på typ?", "Vad heter insatsområde 6 och vad går det ut på?"),
        ("vad säger agendan om data asså", "vad säger agendan om data"),
        ("What is objective 4.1 about, like?", "What is objective 4.1 about?"),
        # The word as a word: "typ" a noun, "like" a verb.
        ("Vilken typ?", "Vilken typ?"),
        ("Vad är det för typ?", "Vad är det för typ?"),
        ("Vad står det om BA?", "Vad står det om BA?"),
        ("vad handlar det om typ?", "vad handlar det om?"),
        ("Vilka insatser gillar regionen mest, vilken typ?", "Vilka insatser gillar regionen mest, vilken typ?"),
        ("Which kinds of firms does the region like?", "Which kinds of firms does the region like?"),
    ],
)
def test_a_filler_word_closing_a_question_is_no_part_of_it(question: str, asked: str) -> None:
    assert without_trailing_filler(question) == asked


def test_a_question_closed_by_a_filler_word_is_answered_as_without_it(real_engine: Engine) -> None:
    result = real_engine.ask("Vad heter insatsområde 3 i agendan och vad handlar det om, typ?")
    assert not result["abstained"], result["answer"]
    assert "Ett attraktivt etablerings-, investerings- och finansieringsklimat" in result["answer"]


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("Vem är Ebba Busch?", "Energi- och näringsminister"),
        ("Vilken roll har Jakob Forssmed?", "Socialminister"),
        ("What is Ann-Charlotte Järnström's role?", "Regiondirektör"),
        ("Which post does Helén Eliasson hold?", "Regionstyrelsens ordförande"),
    ],
)
def test_who_a_signatory_is_or_their_role_is_answered_by_their_name_line(
    real_engine: Engine, question: str, line: str
) -> None:
    result = real_engine.ask(question)
    assert not result["abstained"], result["answer"]
    assert line in result["answer"] and result["citations"]


def test_a_person_the_documents_do_not_sign_with_or_what_a_signatory_says_is_no_name_line_question(
    real_engine: Engine,
) -> None:
    assert real_engine.ask("Vem är Magdalena Andersson?")["abstained"]
    # What a signatory says about a topic is not their title.
    assert "Energi- och näringsminister" not in real_engine.ask("Vad säger Ebba Busch om forskning?")["answer"]


def _listed_numbers(engine: Engine, question: str) -> list[str]:
    """The section numbers an outline answer to ``question`` cites, in order (its headings)."""
    result = engine.ask(question)
    assert result["answer_kind"] == "overview", result["answer"]
    return [c["section_number"] for c in result["citations"] if c["kind"] == "heading"]


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        # The parts every area is written in: the headings recurring under the areas.
        ("Hur är varje insatsområde i agendan uppbyggt, vilka delar har de?", ["MÅLBILD", "BEHOV"]),
        ("I'm new to the cluster – how is each focus area in the regional agenda structured?", ["MÅLBILD", "BEHOV"]),
        # One area's parts, after its own title.
        (
            "What's the first focus area of the agenda, and what two parts is it divided into?",
            ["Samverkan inom forskning, utveckling, verifiering och validering", "MÅLBILD", "BEHOV"],
        ),
    ],
)
def test_the_parts_an_area_is_written_in(real_engine: Engine, question: str, titles: list[str]) -> None:
    result = real_engine.ask(question)
    assert result["answer_kind"] == "overview"
    assert [c["section_title"] for c in result["citations"] if c["kind"] == "heading"] == titles


@pytest.mark.parametrize(
    "question", ["Vilka insatsområden består agendan av?", "Which focus areas make up the regional agenda?"]
)
def test_which_areas_a_document_is_made_of_are_its_areas_not_their_parts(real_engine: Engine, question: str) -> None:
    # "består … av" asks what it is made of; "vilka insatsområden" says what: the areas (found on an added document:
    # "Vilka strategiska områden består <dess> strategi av?" was answered with the one part every area has).
    result = real_engine.ask(question)
    assert result["answer_kind"] == "overview"
    titles = [c["section_title"] for c in result["citations"]]
    assert len(titles) == 7 and "MÅLBILD" not in titles, titles


@pytest.mark.parametrize(
    "question",
    [
        "Vilka delar av insatsområde 2 handlar om hälsoekonomi?",  # content of the parts, not their names
        "What parts of the value chain does area 4 of the agenda cover?",  # parts of something else
    ],
)
def test_parts_of_something_else_are_not_the_areas_parts(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert [c.get("section_title") for c in result["citations"]] != ["MÅLBILD", "BEHOV"]
    assert "MÅLBILD [" not in result["answer"]


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        # Objectives of several areas whose titles write the word asked about.
        ("Which objectives in the national strategy concern the social services?", ["3.5", "5.3"]),
        (
            "Which objectives of the national strategy have 'infrastructure' in their headings?",
            ["2.1", "2.3", "6.2", "6.3", "6.4"],
        ),
        # ... each under its area, when that is asked too.
        (
            "Which objectives in the national strategy have clinical trials in their heading, and which areas do they "
            "belong to?",
            ["1", "1.3", "4", "4.1"],
        ),
        # A count of an area's objectives, the area quoted by its title, with the asker's context before it.
        (
            "For a lecture I'm preparing on innovation policy: how many objectives does the government list under "
            "'Internationell attraktivitet och konkurrenskraft', and what are they?",
            ["8.1", "8.2", "8.3", "8.4", "8.5"],
        ),
        # The areas counted are asked for, whatever goal words describe the document.
        (
            "Could you list the eight prioritised areas of the national life science strategy (the new objectives "
            "from autumn 2024)?",
            ["1", "2", "3", "4", "5", "6", "7", "8"],
        ),
    ],
)
def test_objectives_found_by_the_words_of_their_titles(real_engine: Engine, question: str, numbers: list[str]) -> None:
    assert _listed_numbers(real_engine, question) == numbers


def test_a_table_of_contents_in_a_compound_word(real_engine: Engine) -> None:
    result = real_engine.ask("Kan du ge mig innehållsförteckningen för agendan – vilka huvudkapitel har dokumentet?")
    assert result["answer_kind"] == "overview"
    assert "Förord [1]" in result["answer"]


def test_counts_of_sections() -> None:
    assert counts_sections("Hur många målsättningar finns under område 8?")
    assert counts_sections("how many objectives does the government list under 'X', and what are they?")
    assert not counts_sections("Vilket mål för antalet kliniska prövningar sätter strategin?")
    assert not counts_sections("How many companies are there in the region?")


@pytest.mark.parametrize(
    ("question", "leads"),
    [
        ("Vem leder regeringens rådgivande grupp?", True),
        ("Who's going to chair it?", True),
        ("Who heads the new office?", True),
        ("Vem ska leda arbetet med att genomföra agendan?", False),  # the work: which body does it
        ("Who is supposed to steer the implementation of the agenda?", False),
        ("Vem har skrivit förordet?", False),
    ],
)
def test_who_leads_a_body(question: str, leads: bool) -> None:
    assert analyse(question).leads is leads


def test_english_contractions_are_read_written_out() -> None:
    assert analyse("and what's their combined turnover?").expects == "amount"
    assert analyse("who's going to chair it?").expects == "person"


@pytest.mark.parametrize(
    "question",
    [
        "Vem leder regeringens rådgivande grupp för life science?",
        "Who leads the government's life science office?",
    ],
)
def test_who_leads_a_body_the_documents_only_name_is_refused(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == "missing_fact"
    assert result["citations"]  # what they say nearby, cited


def test_who_leads_the_work_is_answered_by_the_body_doing_it(real_engine: Engine) -> None:
    result = real_engine.ask("Vem ska leda arbetet med att genomföra agendan?")
    assert not result["abstained"]
    assert "råd" in result["answer"].lower()


def test_a_length_of_time_is_a_count_of_time_units_or_a_year() -> None:
    asked = analyse("Hur länge ska agendan gälla?")
    assert satisfies("Agendan pekar ut riktningen fram till 2035.", asked)
    assert satisfies("Mandatperioden är tre år.", asked)
    assert satisfies("The term is 24 months.", asked)
    assert not satisfies("Rådet möts fyra gånger per år.", asked)  # how often, not how long
    assert not satisfies("Rådet ska inrättas med ledande företrädare.", asked)


@pytest.mark.parametrize(
    "question",
    ["How long is the term of office for members of the planned council?", "Hur lång är väntetiden på Sahlgrenska?"],
)
def test_a_length_of_time_the_documents_do_not_give_is_refused(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert result["abstained"]


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        # Topics asked about apart each name their own area.
        ("Vilka insatsområden i agendan handlar om samverkan eller samordning?", ["1", "6"]),
        (
            "Which focus area in the agenda is about sustainability and resilience, and which one covers the "
            "investment climate?",
            ["5", "3"],
        ),
    ],
)
def test_two_topics_asked_apart_name_two_areas(real_engine: Engine, question: str, numbers: list[str]) -> None:
    assert _listed_numbers(real_engine, question) == numbers


def test_what_the_asker_says_of_themselves_is_no_topic_of_an_outline_question(real_engine: Engine) -> None:
    result = real_engine.ask(
        "I'm a new member of the cluster and trying to get my bearings. The regional agenda apparently has a number "
        "of focus areas – how many are there, and what are they called?"
    )
    assert result["answer_kind"] == "overview"
    assert len([c for c in result["citations"] if c["kind"] == "heading"]) == 7


def test_context_a_question_points_back_at_is_its_topic(real_engine: Engine) -> None:
    """ "Which focus area does it belong to?" asks for the one area of the project described before, not all seven."""
    result = real_engine.ask(
        "I'm preparing a project on HTA and health economics to speed up the uptake of new medical devices. Which "
        "focus area of the regional agenda does it belong to?"
    )
    assert len([c for c in result["citations"] if c["kind"] == "heading"]) < 7


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("Which objective is about regulatory science?", ["3.4"]),  # "science" is a topic, though a title word
        ("Vilket område tillhör målsättning 4.4?", ["4", "4.4"]),  # the area, the objective inside it
        # A compound is its whole: research infrastructure, not every objective on research.
        ("Vilka målsättningar gäller forskningsinfrastruktur?", ["6.1", "6.2", "6.3", "6.4"]),
    ],
)
def test_sections_named_by_their_words_review_cases(real_engine: Engine, question: str, numbers: list[str]) -> None:
    assert _listed_numbers(real_engine, question) == numbers


def test_a_rank_given_in_words_answers_where_something_ranks(real_engine: Engine) -> None:
    result = real_engine.ask("Var rankas läkemedelsbranschen när det gäller produktivitet?")
    assert not result["abstained"]
    assert "högst produktivitet" in result["answer"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What's the goal for 2035?", "extract"),  # one goal, by what it says; not the 31 objectives
        ("What is the overall objective of the national strategy?", "extract"),
        ("What are the goals of the strategy?", "overview"),
        ("How many objectives in total?", "overview"),
        # The asker's self-description, the documents' own area noun in what is asked.
        ("Jag är forskare på Chalmers. Vilka insatsområden har agendan?", "overview"),
    ],
)
def test_one_goal_is_asked_by_what_it_says_all_goals_by_the_outline(
    real_engine: Engine, question: str, kind: str
) -> None:
    assert real_engine.ask(question)["answer_kind"] == kind


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("Which objectives mention EU in their titles?", ["8.5"]),
        ("Does any objective have 'Norden' in its title?", ["1.4"]),
        ("Vilka målsättningar har ordet implementering i rubriken?", ["3.1", "4.3", "5.1", "5.2"]),
    ],
)
def test_a_word_asked_for_in_the_titles(real_engine: Engine, question: str, numbers: list[str]) -> None:
    assert _listed_numbers(real_engine, question) == numbers


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        # A hyphenated topic between the placing verb and the area.
        ("Which objectives sit under the health-data area of the national strategy?", ["2.1", "2.2", "2.3"]),
        # What the area itself is about, and its objectives: the area first, they inside it.
        (
            "Vad handlar område 8 om i strategin och vilka målsättningar ingår där?",
            ["8", "8.1", "8.2", "8.3", "8.4", "8.5"],
        ),
    ],
)
def test_an_area_and_its_objectives_asked_together(real_engine: Engine, question: str, numbers: list[str]) -> None:
    assert _listed_numbers(real_engine, question) == numbers


def test_a_numbered_sections_name_asked_with_more_is_its_title(real_engine: Engine) -> None:
    """ "What is focus area no. 6 … called, and what is its target picture about?": the title is the name asked for,
    given by the answer's lead with the section's own text, not refused as a name the documents lack."""
    result = real_engine.ask("What is focus area no. 6 of the agenda called, and what is its target picture about?")
    assert not result["abstained"]
    assert "6. Ett samordnat kluster med ett stödsystem i världsklass" in result["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "Writing from Copenhagen: do foreign graduates of Swedish universities count as an asset in the strategy?",
        "Hälsningar från Åbo – räknas utländska studenter som tagit examen i Sverige som en resurs i strategin?",
    ],
)
def test_where_the_asker_writes_from_is_no_name_the_answer_must_contain(real_engine: Engine, question: str) -> None:
    assert not {"Copenhagen", "Åbo"} & set(analyse(question).names)
    result = real_engine.ask(question)
    assert not result["abstained"], result["answer"]
    assert analyse("How many clinical trials are run in Copenhagen?").names == ("Copenhagen",)  # asked about: kept


def test_a_value_must_be_given_of_the_body_the_question_names(real_engine: Engine) -> None:
    # A date of something else ("under våren 2025", a round table) is no deadline of a body named elsewhere.
    refused = real_engine.ask("När är deadline för Vetenskapsrådets projektbidrag inom medicin i år?")
    assert refused["abstained"] and refused["abstain_reason"] == "missing_fact", refused["answer"]
    # The passage giving the year names the body asked about: answered.
    for question in (
        "Vilket år tog BRG fram sin behovskartläggning?",
        "When did BRG carry out its needs mapping?",
    ):
        answered = real_engine.ask(question)
        assert not answered["abstained"] and "2025" in answered["answer"], answered["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "När ska det nya rådet för västsvensk life science vara inrättat?",
        "När ska rådet börja sitt arbete?",
    ],
)
def test_a_date_of_something_else_is_no_answer_when_the_documents_speak_of_the_subject_without_one(
    real_engine: Engine, question: str
) -> None:
    """The agenda says a council is to be set up, without a date; the date nearest the question is a round table's."""
    result = real_engine.ask(question)
    assert result["abstained"] and result["abstain_reason"] == "missing_fact", result["answer"]
    assert result["missing"]["element"] in ("date", "day") and result["citations"]


@pytest.mark.parametrize(
    "question",
    [
        "När hölls rundabordssamtalet som agendan kom ur?",
        "Vilket år ska Västsverige vara ett ledande life science-kluster i Europa?",
    ],
)
def test_a_date_given_of_the_subject_asked_about_is_still_the_answer(real_engine: Engine, question: str) -> None:
    result = real_engine.ask(question)
    assert not result["abstained"] and re.search(r"20\d\d", result["answer"]), result["answer"]


@pytest.mark.parametrize(
    "question",
    ["Which objectives fall under area 7 of the national strategy?", "Vilka målsättningar ligger under område 7?"],
)
def test_an_areas_objectives_are_listed_under_the_areas_title(real_engine: Engine, question: str) -> None:
    """All of one area's objectives: the answer names the area (uncited, as it names the document) and cites each
    objective's heading, nothing else."""
    national = next(d for d in real_engine.index.documents if d.info.kind == "national")
    area = next(s for s in national.sections if s.number == "7")
    objectives = [c for c in area.children if c.number]
    result = real_engine.ask(question)
    assert result["answer_kind"] == "overview"
    assert result["answer"].startswith(f"{national.info.short_title}, 7 {area.title}: {len(objectives)} ")
    assert [c["section_number"] for c in result["citations"]] == [c.number for c in objectives]


def test_a_verb_of_covering_introduces_the_topic_of_an_outline_question(real_engine: Engine) -> None:
    """ "Which area … covers <a topic>, and what objectives sit under it?" asks the outline, as "… about it" does."""
    national = next(d for d in real_engine.index.documents if d.info.kind == "national")
    question = "Which area of the national strategy covers health data, and what objectives sit under it?"
    result = real_engine.ask(question)
    assert result["answer_kind"] == "overview"
    numbers = [c["section_number"] for c in result["citations"]]
    area = next(s for s in national.sections if s.number == numbers[0])
    assert numbers == [area.number, *(c.number for c in area.children if c.number)] and "data" in area.title
