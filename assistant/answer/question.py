"""What a question asks for, and whether a sentence holds an answer of that kind.

A question is profiled once (:func:`profile`): the kind of answer it wants (a number, an amount of money, a share,
a date, a duration, a frequency, a name, a place, yes/no, or an explanation), the years and numbers it names
(presuppositions the sources must support), whether it asks for a forecast, and whether it is too vague to
answer (it points at something never named: "daar", "dat land", "that law").

:func:`has_answer` then tells whether a source sentence contains an answer of the wanted kind that is not already
in the question: "Hoeveel journalisten ...?" is not answered by a sentence without a number, "Who ...?" not by a
sentence without a name, "When ...?" not by a sentence without a date. The answerer uses it twice: to put the
sentence that states the asked-for fact first, and to refuse when no sentence of the sources states it.

Dutch and English; rules only (inspectable, no model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.regions import find_regions
from assistant.text import fold

# ---- kinds of answers ----------------------------------------------------------------------------------------------

QUANTITY, MONEY, SHARE, DATE, DURATION, FREQUENCY = "quantity", "money", "share", "date", "duration", "frequency"
NAME, PERSON, PLACE, YESNO, OPEN = "name", "person", "place", "yesno", "open"
#: Kinds whose answer can be recognised in a sentence; the others (yes/no, open) need no particular token.
TYPED_KINDS = frozenset({QUANTITY, MONEY, SHARE, DATE, DURATION, FREQUENCY, NAME, PERSON, PLACE})
#: A place question is answered by a region of the gazetteer, or by at least this many other place names
#: ("Narathiwat, Pattani and Yala"): one capitalised word is not a place, nor are institutions ("the Commission").
PLACE_MIN_NAMES = 2
_INSTITUTIONS = frozenset(
    "article articles artikel commission commissie council raad union unie parliament parlement network netwerk "
    "member members state states lidstaat lidstaten court hof government regering ministry ministerie minister "
    "act law wet section chapter report department office agency committee board authority authorities "
    "programme program fund plan strategy declaration".split()
)

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|thirty|forty|fifty|"
    "sixty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|twice|double|doubled|"
    "tripled|halve|halved|quarter|third|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|"
    "dertig|veertig|vijftig|honderd|honderden|duizend|duizenden|miljoen|miljard|helft|halveren|halvering|"
    "verdubbeld|verdubbeling|kwart|derde|tientallen|dozijn|several|dozens|enkele|meerdere"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|januari|februari|"
    "maart|mei|juni|juli|augustus|oktober"
)
_MONTH = re.compile(rf"\b(?:{_MONTHS})\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")
#: A number as a token: 12, 13,823, 1.7, 0,1, 55% - but not a footnote digit glued to a word ("jl.1").
_DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w]*[a-zA-Z])")
_NUMBER_WORD = re.compile(rf"\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
#: Numbers that only point somewhere: "Article 26", "Section 3", "artikel 5", "nr. 209", "Kamerstuk 32852".
_REFERENCE_NUMBER = re.compile(
    r"\b(?:article|articles|artikel|artikelen|section|sectie|paragraph|lid|chapter|hoofdstuk|recital|overweging|"
    r"nr|no|number|kamerstuk|kamerstukken|dossier|point|punt|annex|bijlage|page|pagina|p)\.?\s*\(?\d+",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    r"\d\s*%|\b(?:percent|per cent|procent|percentage points?|procentpunt(?:en)?)\b|\b(?:half|helft|halveren|"
    r"halved|halve|third|derde|quarter|kwart|majority|meerderheid|minority|minderheid)\b|\b\d+\s+(?:of|van)\s+\d+\b|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|een|twee|drie|vier|vijf)\s+(?:in|op)\s+\w+",
    re.IGNORECASE,
)
_CURRENCY = re.compile(
    r"[€$£¥₩₹]|\b(?:euro|euros|eur|dollar|dollars|usd|yen|yuan|renminbi|rmb|ringgit|rm|pound|pounds|won|rupee|"
    r"rupees|rupiah|peso|pesos|lira|dirham|dirhams|zloty|zlotys|nt\$|ntd|sgd|aed)\b",
    re.IGNORECASE,
)
_TIME_UNIT = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|seconden|minuten|uur|uren|dag|dagen|"
    r"week|weken|maand|maanden|jaar|jaren|decennia|decennium)\b|\b(?:immediately|onmiddellijk|direct|"
    r"without delay|zonder uitstel)\b",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"\b(?:yearly|annually|annual|every|each|per year|a year|once|twice|times|daily|weekly|monthly|quarterly|"
    r"jaarlijks|per jaar|elk jaar|ieder jaar|keer|maal|dagelijks|wekelijks|maandelijks|driemaandelijks|"
    r"regularly|regelmatig)\b",
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(
    r"\b(?:begin|eind|midden|early|late|mid|spring|summer|autumn|fall|winter|voorjaar|zomer|najaar|"
    r"yesterday|today|this year|last year|dit jaar|vorig jaar|since|sinds|until|tot)\b",
    re.IGNORECASE,
)
#: A capitalised word (a name, an organisation, a law); "The", "De" etc. are not names.
_CAPITALISED = re.compile(r"\b[A-ZÀ-Ý][\w'’-]*[\w]|\b[A-Z]{2,}\b")
_NOT_NAMES = frozenset(fold(w) for w in (
    "the a an this that these those there it its in on at of for to by with from and or but as if when while "
    "de het een deze dit die dat daar er in op aan van voor met door bij uit en of maar als toen terwijl "
    "he she they we you i hij zij ze wij jij u ik according volgens however also ook".split()
))

#: Units a quantity question may name, each with the spellings that show it in an answer.
UNITS: dict[str, tuple[str, ...]] = {
    "megaton": ("megaton", "mton", "mt", "million tons", "million tonnes", "miljoen ton"),
    "ton": ("ton", "tons", "tonnes", "tonne", "mton", "megaton"),
    "day": ("day", "days", "dag", "dagen"),
    "hour": ("hour", "hours", "uur", "uren"),
    "week": ("week", "weeks", "weken"),
    "month": ("month", "months", "maand", "maanden"),
    "year": ("year", "years", "jaar", "jaren"),
    "percent": ("percent", "per cent", "procent", "%"),
    "kilometre": ("km", "kilometre", "kilometres", "kilometer", "kilometers"),
}
_UNIT_WORDS: dict[str, str] = {
    "megaton": "megaton", "mton": "megaton", "ton": "ton", "tons": "ton", "tonnes": "ton", "days": "day",
    "dagen": "day", "hours": "hour", "uur": "hour", "uren": "hour", "weeks": "week", "weken": "week",
    "months": "month", "maanden": "month", "years": "year", "jaren": "year", "jaar": "year", "procent": "percent",
    "percent": "percent", "kilometer": "kilometre", "km": "kilometre",
}
_UNIT_QUESTION = re.compile(r"\b(?:hoeveel|how\s+many|how\s+much)\s+(?:\w+\s+)?(\w+)", re.IGNORECASE)
#: Number words in idioms, not quantities: "één op één", "one by one", "one-on-one", "een of twee keer".
_IDIOMS = re.compile(r"\b(?:één\s+op\s+één|one[\s-]+(?:by|on)[\s-]+one|one\s+another|one\s+of\s+the)\b",
                     re.IGNORECASE)
#: An enumerator at the start of a sentence ("6. Het afwegingskompas ..."): not an answer.
_ENUMERATOR = re.compile(r"^\s*\(?\d{1,2}[.)]\s")
#: A person: a title or initials before a capitalised name ("mr. I.R. Adema", "Minister Adriaansens").
_PERSON = re.compile(
    r"\b(?:mr|mrs|ms|dr|drs|prof|ir|minister|president|premier|prime\s+minister|staatssecretaris|gedeputeerde|"
    r"commissaris|king|queen|koning|koningin|judge|rechter|imam|chairman|chair|voorzitter)\.?\s+(?:[A-Z]\.)*\s?"
    r"[A-ZÀ-Ý][a-zà-ÿ]+|\b(?:[A-Z]\.){1,4}\s?[A-ZÀ-Ý][a-zà-ÿ]{2,}"
)


_COUNTS = {"twee": "2", "two": "2", "drie": "3", "three": "3", "vier": "4", "four": "4", "vijf": "5", "five": "5",
           "zes": "6", "six": "6", "zeven": "7", "seven": "7", "2": "2", "3": "3", "4": "4", "5": "5", "6": "6",
           "7": "7"}
_COUNT = re.compile(r"\b(?:welke|which|what|what\s+are\s+the|wat\s+zijn\s+de|de|the)\s+(twee|two|drie|three|vier|"
                    r"four|vijf|five|zes|six|zeven|seven|[2-7])\b", re.IGNORECASE)
#: How an enumeration of n items is announced ("een viertal componenten", "the following four").
ANNOUNCED_COUNT = {"2": r"twee|two|tweetal|both|beide", "3": r"drie|three|drietal", "4": r"vier|four|viertal",
                   "5": r"vijf|five|vijftal", "6": r"zes|six|zestal", "7": r"zeven|seven|zevental"}


def announces(sentence: str, count: str) -> bool:
    """True when the sentence announces ``count`` items ("Er zijn een viertal componenten ...")."""
    pattern = ANNOUNCED_COUNT.get(count, re.escape(count))
    return bool(re.search(rf"\b(?:{pattern}|{count})\b", sentence, re.IGNORECASE))


def unit_of(question: str) -> str | None:
    """The unit a quantity question names ("Hoeveel megaton CO2 ...?" -> "megaton"), or None."""
    m = _UNIT_QUESTION.search(question)
    if not m:
        return None
    for word in (m.group(1), *m.group(0).split()[1:]):
        unit = _UNIT_WORDS.get(fold(word))
        if unit:
            return unit
    return None


# ---- questions -------------------------------------------------------------------------------------------------------

#: (kind, pattern): the rule matching earliest in the question decides its kind (ties: the first rule), so
#: "Which organisations ... when it selects countries?" asks for names, not a date.
_KIND_PATTERNS: tuple[tuple[str, str], ...] = (
    (MONEY, r"\b(?:hoeveel\s+(?:geld|euro|dollar|subsidie|budget)|welk\s+(?:bedrag|budget)|how\s+much\s+(?:money|"
            r"funding|compensation|does\s+\w+\s+cost)|what\s+(?:amount|budget|sum)|how\s+many\s+(?:euros?|dollars?|"
            r"yen)|(?:how|hoe)\s+(?:large|big|high|much|hoog|groot)\s+(?:is|was|are|were|zijn|waren)\s+(?:\w+\s+){0,3}"
            r"(?:budget|bedrag|amount|fine|boete|wage|minimumloon|loon|cost|costs|kosten|subsidy|subsidie|salary|"
            r"salaris)|(?:wat|what)\s+(?:is|was|bedraagt|bedroeg)\s+(?:\w+\s+){0,4}(?:minimumloon|minimum\s+wage|"
            r"loon|wage|salaris|salary|budget|bedrag|amount|price|prijs|kosten|cost)|(?:hoeveel|how\s+much)\b.*"
            r"\b(?:kost|kosten|costs?|budget|subsidie|subsidy|loon|wage|geld|money|euro|ringgit|dollar|bedraagt))\b"),
    (SHARE, r"\b(?:welk(?:e)?\s+(?:percentage|deel|aandeel|fractie)|what\s+(?:percentage|share|proportion|"
            r"fraction|part)|how\s+(?:large|big)\s+a\s+share|by\s+what\s+percentage|hoeveel\s+procent|"
            r"(?:what|wat)\s+(?:is|was|were|waren)\s+(?:the|de|het)\s+(?:\S+\s+){0,4}(?:rate|percentage|share|"
            r"cijfer)|hoe\s+hoog\s+(?:is|was|zijn|waren)\s+(?:de|het)\s+(?:\w+\s+)?(?:werkloosheid|inflatie|groei|"
            r"percentage|cijfer|werkloosheidscijfer))\b"),
    (FREQUENCY, r"\b(?:hoe\s+vaak|how\s+often|how\s+frequently|met\s+welke\s+regelmaat)\b"),
    (DURATION, r"\b(?:hoe\s+lang|how\s+long|binnen\s+welke\s+termijn|within\s+what\s+(?:time|period)|hoe\s+snel|"
               r"how\s+(?:quickly|soon)|voor\s+hoeveel\s+(?:dagen|maanden|jaar)|for\s+how\s+many\s+(?:days|"
               r"months|years))\b"),
    (DATE, r"^\s*(?:wanneer|when)\b|\b(?:en|and)\s+(?:wanneer|when)\b|\b(?:op\s+welke\s+datum|in\s+welk\s+jaar|"
           r"welk\s+jaar|per\s+wanneer|sinds\s+wanneer|vanaf\s+wanneer|tot\s+wanneer|on\s+what\s+date|"
           r"what\s+date|in\s+what\s+year|which\s+year|what\s+year|since\s+when|by\s+when|until\s+when)\b"),
    (QUANTITY, r"\b(?:hoeveel|how\s+many|how\s+much|in\s+how\s+many|by\s+how\s+much|what\s+number\s+of|"
               r"welk\s+aantal|hoe\s+groot\s+is\s+het\s+aantal|vanaf\s+hoeveel|for\s+roughly\s+how\s+many|"
               r"over\s+how\s+many|hoe\s+hoog|how\s+high)\b"),
    (PERSON, r"\b(?:welke|which|what)\s+(?:\w+\s+)?(?:minister|ministers|persoon|personen|person|people|member|"
             r"members|lid|leden|gedeputeerde|president|premier|leider|leader|official|functionaris|spokesperson|"
             r"woordvoerder)\b|^\s*(?:who\s+is|wie\s+is)\b"),
    (PLACE, r"\b(?:welke|which|what|in\s+welke|in\s+which)\s+(?:\w+\s+)?(?:landen|land|country|"
            r"countries|regio'?s|regio|regions?|provincies|provincie|provinces?|steden|stad|city|cities|plaatsen|"
            r"places?|staten|states?|delen\s+van\s+de\s+wereld|parts\s+of\s+the\s+world)\b|^\s*(?:waar|where)\b"),
    (NAME, r"\b(?:wie|who|whom|whose|welke|which|what)\s+(?:\w+\s+)?(?:organisaties?|organi[sz]ations?|"
           r"instellingen|institutions?|bedrijven|bedrijf|company|companies|universiteiten|universities|partij|"
           r"partijen|party|parties|ngo'?s|ministerie|ministry|wet|law|act|rechtbank|court|agency|instantie|"
           r"partners?|rapporten|reports)\b|^\s*(?:wie|who)\b"),
    (YESNO, r"^\s*(?:is|zijn|are|was|were|does|do|did|can|could|kan|kunnen|mag|mogen|moet|moeten|heeft|hebben|"
            r"has|have|had|wordt|worden|will|zal|zullen|should|would|may|must|klopt|gaat|gaan)\b"),
)
_KIND_RULES = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _KIND_PATTERNS)

#: A question about the future: the documents report and plan, they do not predict.
_FORECAST = re.compile(
    r"\b(?:(?:zal|zullen|will|won't)\b.*\b(?:verbeteren|verslechteren|dalen|stijgen|groeien|vergroten|verkleinen|"
    r"veranderen|ontwikkelen|afschaffen|aannemen|aangenomen|toekennen|improve|worsen|deteriorate|rise|fall|grow|"
    r"increase|decrease|decline|abolish|adopt|award|join|develop|change|happen|gebeuren)|^\s*(?:gaat|gaan)\b|"
    r"(?:is|are|am)\s+going\s+to|komende\s+(?:jaren|jaar|\w+\s+jaar)|volgend\s+jaar|next\s+year|"
    r"in\s+the\s+coming|coming\s+years|naar\s+verwachting|expected\s+to|forecast|prognose|voorspel\w*|"
    r"predict\w*|nog\s+dit\s+jaar|later\s+this\s+year|(?:na|after|beyond)\s+20\d\d)\b",
    re.IGNORECASE,
)
#: Sentences that state a plan, a schedule or an expectation (they can answer a question about the future).
_FUTURE_STATEMENT = re.compile(
    r"\b(?:will|shall|scheduled|expected|plans?|planned|aims?|target|intends?|zal|zullen|wil|willen|streven|"
    r"streeft|doel|gepland|verwacht|voornemens|moet\s+\w+\s+zijn|in\s+20[3-9]\d)\b",
    re.IGNORECASE,
)
#: Pointing words that need an antecedent: "daar", "dat land", "that law", "it".
_DEICTIC = re.compile(
    r"\b(?:daar|daarvan|ervan|die\s+wet|dat\s+land|die\s+regio|dat\s+rapport|het\s+rapport|there|that\s+country|"
    r"that\s+law|this\s+law|the\s+report|that\s+report|it|that|this|dat|dit|ze|zij|they|them|which\s+one|"
    r"welke\s+van\s+de\s+"
    r"twee|the\s+best|het\s+best|beter|better)\b",
    re.IGNORECASE,
)
#: Fewer content words than this, no name, no region, and a pointing word: too vague to answer.
VAGUE_MAX_CONTENT_WORDS = 3


@dataclass(frozen=True)
class QuestionProfile:
    """What one question asks for (see :func:`profile`)."""

    kind: str
    years: frozenset[str] = field(default_factory=frozenset)
    numbers: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)  # folded capitalised words (not the first word)
    regions: tuple[str, ...] = ()
    forecast: bool = False
    vague: bool = False
    unit: str | None = None  # "hoeveel megaton", "how many days": the unit the number must carry
    count: str | None = None  # "welke vier onderdelen", "which three": how many items the answer lists

    @property
    def typed(self) -> bool:
        return self.kind in TYPED_KINDS


def _normal_number(token: str) -> str:
    return re.sub(r"[.,\s]", "", token)


def _names(text: str, skip_first: bool = True) -> set[str]:
    """Folded capitalised words and acronyms of a text; the first word of the text is skipped (sentence case)."""
    first = len(text) - len(text.lstrip())
    out = set()
    for m in _CAPITALISED.finditer(text):
        if skip_first and m.start() == first:
            continue
        word = re.sub(r"['’]s$", "", fold(m.group(0))).strip("'’-")
        if word and word not in _NOT_NAMES and not _MONTH.fullmatch(word):
            out.add(word)
    return out


@lru_cache(maxsize=2048)
def profile(question: str) -> QuestionProfile:
    """The kind of answer a question wants, its years, numbers and names, and forecast / vagueness flags."""
    from assistant.answer.sentences import content_words

    text = " ".join(question.split())
    matches = [(m.start(), order, k) for order, (k, pattern) in enumerate(_KIND_RULES)
               for m in [pattern.search(text)] if m]
    kind = min(matches)[2] if matches else OPEN
    years = frozenset(_YEAR.findall(text))
    numbers = frozenset(_normal_number(m.group(0)) for m in _DIGITS.finditer(text))
    names = frozenset(_names(text))
    regions = tuple(find_regions(text))
    forecast = bool(_FORECAST.search(text))
    content = content_words(text)
    vague = not names and not regions and not years and (
        not content or (bool(_DEICTIC.search(text)) and len(content) <= VAGUE_MAX_CONTENT_WORDS))
    count = _COUNT.search(text)
    return QuestionProfile(kind, years, numbers, names, regions, forecast, vague, unit_of(text),
                           _COUNTS[fold(count.group(1))] if count else None)


# ---- sentences -------------------------------------------------------------------------------------------------------

def _numbers(sentence: str, question: QuestionProfile, *, years: bool) -> list[str]:
    """Number tokens of a sentence that could be an answer: not the question's own, not references ("Article 26"),
    not the day of a date ("January 25"); 4-digit years only when ``years``."""
    blocked = set()
    enumerator = _ENUMERATOR.match(sentence)
    if enumerator:
        blocked.update(range(enumerator.start(), enumerator.end()))
    for m in _REFERENCE_NUMBER.finditer(sentence):
        blocked.update(range(m.start(), m.end()))
    for m in _MONTH.finditer(sentence):
        blocked.update(range(max(0, m.start() - 4), min(len(sentence), m.end() + 4)))
    out = []
    for m in _DIGITS.finditer(sentence):
        if m.start() in blocked:
            continue
        value = _normal_number(m.group(0))
        if value in question.numbers:
            continue
        if not years and _YEAR.fullmatch(m.group(0)):
            continue
        out.append(value)
    out += [w.lower() for w in _NUMBER_WORD.findall(_IDIOMS.sub(" ", sentence)) if fold(w) not in question.numbers]
    return out


def _new_names(sentence: str, question: QuestionProfile) -> set[str]:
    return {n for n in _names(sentence) if n not in question.names}


def has_answer(sentence: str, question: QuestionProfile) -> bool:
    """True when the sentence holds an answer of the kind the question wants (always True for untyped kinds)."""
    kind = question.kind
    if kind == QUANTITY:
        if not _numbers(sentence, question, years=False):
            return False
        return question.unit is None or _has_unit(sentence, question.unit)
    if kind == MONEY:
        return bool(_CURRENCY.search(sentence)) and bool(_numbers(sentence, question, years=False))
    if kind == SHARE:
        return bool(_PERCENT.search(sentence))
    if kind == DURATION:
        return bool(_TIME_UNIT.search(sentence)) and (bool(_numbers(sentence, question, years=False))
                                                       or bool(re.search(r"immediately|onmiddellijk|direct",
                                                                         sentence, re.IGNORECASE)))
    if kind == FREQUENCY:
        return bool(_FREQUENCY.search(sentence)) or bool(_numbers(sentence, question, years=False))
    if kind == DATE:
        new_years = set(_YEAR.findall(sentence)) - set(question.years)
        return bool(new_years or _MONTH.search(sentence) or _DATE_WORDS.search(sentence))
    if kind == PLACE:
        return (bool(set(find_regions(sentence)) - set(question.regions))
                or len(_new_names(sentence, question) - _INSTITUTIONS) >= PLACE_MIN_NAMES)
    if kind == PERSON:
        return bool(_PERSON.search(sentence))
    if kind == NAME:
        return bool(_new_names(sentence, question))
    return True


def _has_unit(sentence: str, unit: str) -> bool:
    folded = fold(sentence)
    return any(re.search(rf"(?<![a-z]){re.escape(spelling)}(?![a-z])", folded) for spelling in UNITS[unit])


def states_future(sentence: str) -> bool:
    """True for a sentence that states a plan, schedule, target or expectation."""
    return bool(_FUTURE_STATEMENT.search(sentence))
