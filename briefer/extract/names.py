"""WHO and WHERE: capitalised name spans, their roles, and the entities they name.

One pass over the sentences collects name mentions with evidence (titles,
appositions, cue words, gazetteer hits, locative prepositions); a second pass
at document level merges aliases and decides each entity's kind.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections import ChainMap
from collections.abc import Iterator
from dataclasses import dataclass, field

from briefer.extract import gender
from briefer.extract.lexicon import fold, gazetteer, given_names, lexicon, rare_given_names
from briefer.extract.tokens import PARTICLES, Token, tokenize

CONNECTORS = frozenset({"of", "for", "and", "&", "the", "'s", "\u2019", "'"})
LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "beneath",
        "off",
        "from",
        "across",
        "around",
        "towards",
        "toward",
        "into",
        "via",
        "through",
        "throughout",
        "within",
        "along",
    ]
)
_ADJECTIVE_ENDINGS = (
    "ent",
    "ant",
    "al",
    "ive",
    "ous",
    "ic",
    "ary",
    "ing",
    "ed",
    "er",
    "ior",
    "ful",
    "ible",
    "able",
    "ist",
)
_VERBISH_AFTER_NOUN = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "remains",
        "and",
        "or",
        "but",
        "as",
    ]
)
MOTION_VERBS = frozenset(
    [
        "visit",
        "visits",
        "visited",
        "visiting",
        "reach",
        "reached",
        "reaching",
        "leave",
        "leaves",
        "left",
        "toured",
        "tour",
        "tours",
        "entered",
        "enter",
        "enters",
    ]
)
# What only a traded company does: "shares in Nvidia", "Kroger said it", "Airbus gained".
SHARE_NOUNS = frozenset(["shares", "stock", "stake", "stakes"])
MARKET_VERBS = frozenset(
    [
        "rose",
        "fell",
        "gained",
        "slipped",
        "dropped",
        "climbed",
        "jumped",
        "surged",
        "tumbled",
        "slid",
        "sank",
        "rallied",
        "plunged",
        "soared",
        "dipped",
    ]
)
REPORT_VERBS = frozenset(["report", "reports", "reported", "posted", "posts", "posting", "reporting"])
EARNINGS_NOUNS = frozenset(
    ["results", "earnings", "revenue", "revenues", "profit", "profits", "sales", "loss", "losses"]
)
OFFICE_NOUNS = frozenset(
    ["office", "administration", "government", "cabinet", "campaign", "team", "ministry"]
)
GROUP_NOUNS = frozenset(
    [
        "countries",
        "allies",
        "officials",
        "delegations",
        "governments",
        "leaders",
        "troops",
        "forces",
        "producers",
        "lawmakers",
        "ministers",
        "diplomats",
        "negotiators",
        "delegates",
        "states",
        "nations",
        "partners",
        "companies",
        "banks",
        "investors",
        "authorities",
        "fishermen",
        "farmers",
        "workers",
        "voters",
        "protesters",
    ]
)
DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "your", "whose"]
)
CLAUSE_STOPS = frozenset(
    [
        "who",
        "whom",
        "which",
        "that",
        "at",
        "in",
        "from",
        "since",
        "with",
        "on",
        "and",
        "or",
        "but",
        "said",
        "says",
        "told",
        "added",
        "whose",
        "while",
        "after",
        "before",
        "when",
        "where",
        "as",
        "by",
        "during",
    ]
)
DASHES = frozenset({"-", "\u2013", "\u2014"})
MARKUP = frozenset({"*", "_", "`", "|", "#", ">"})
_ACRONYM = re.compile(
    r"^[A-Z](?:[a-z]?[A-Z&]){1,6}$"
)  # letters only: "H20" and "A320" are products; "DoD", "AfD" are acronyms
_PARTY_STATE = re.compile(r"^[A-Z]-[A-Z][A-Za-z.]{0,5}$")  # "D-N.Y.", "R-Texas", "D-Ore": party and state
_DOTTED = re.compile(r"^(?:[A-Z][a-z]{0,3}\.){1,3}$")  # "D.C.", "Ore.", "N.Y."
_GROUP_OF_NATIONS = re.compile(r"^G-?\d{1,2}$")  # "G7", "G-20"
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Z]\.){3,}$|^[A-Z]{2,6}(?:-[A-Z]{2,6})+$")  # "W.H.O.", "CNDD-FDD"
_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")  # "SpaceX", "ReliefWeb"
_SURNAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz", "St")
_CONTACT_LINE = re.compile(r"^\W*((?:press|media|news)\s+contacts?)\W*$", re.IGNORECASE)
_STATE_ABBREVIATION = re.compile(r"^[A-Z][a-z]{1,4}$")  # "Fla", "Md", "Calif" before their full stop
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    key: str
    words: tuple[str, ...]  # folded name words
    person: float = 0.0
    org: float = 0.0
    place: float = 0.0
    role: str | None = None
    role_rank: float = 0  # 3 pre-name title, 2.5 "ROLE, Name", 2 apposition, 1 bare rank
    locative: bool = False
    heading: bool = False
    acronym_of: int | None = None  # index of the mention this acronym abbreviates
    descriptor: str | None = None  # "administrators", "owner": how the text refers to it
    gender: str | None = None
    void: bool = False  # looks like a name but is not one here (demonym, currency marker)
    lone_sayer: bool = False  # one word before a reporting verb: what gave it `Weight.LONE_SAYER`

    def has_evidence(self) -> bool:
        """Does any field after `words` differ from its default?"""
        return bool(
            self.person
            or self.org
            or self.place
            or self.role is not None
            or self.role_rank
            or self.locative
            or self.heading
            or self.acronym_of is not None
            or self.descriptor is not None
            or self.gender is not None
            or self.void
            or self.lone_sayer
        )


class MentionStore:
    """The mentions of a briefing, by index, as `NameFinder.mentions`: a list of Mention in effect.

    Most mentions carry no evidence (a capitalised word at a sentence's start): those are kept as
    offsets and a shared name, 24 bytes where a Mention takes some 220, and become a Mention when
    asked for; a million one-line paragraphs otherwise held a million of them. A mention asked for
    by index is kept, so that changes to it last and it stays the same object.
    """

    __slots__ = ("_ends", "_kept", "_name_ids", "_names", "_shared", "_starts")

    def __init__(self) -> None:
        self._starts, self._ends = array("q"), array("q")
        self._names = array("i")  # per mention: its name's index in _shared, or -1 when kept
        self._shared: list[tuple[str, str, tuple[str, ...]]] = []  # (text, key, words)
        self._name_ids: dict[tuple[str, str, tuple[str, ...]], int] = {}
        self._kept: dict[int, Mention] = {}

    def __len__(self) -> int:
        return len(self._starts)

    def append(self, m: Mention) -> None:
        if not m.has_evidence():  # offsets and a shared name suffice
            name = (m.text, m.key, m.words)
            name_id = self._name_ids.get(name)
            if name_id is None:
                name_id = self._name_ids[name] = len(self._shared)
                self._shared.append(name)
            self._names.append(name_id)
        else:
            self._kept[len(self._starts)] = m
            self._names.append(-1)
        self._starts.append(m.start)
        self._ends.append(m.end)

    def __getitem__(self, index: int) -> Mention:
        i = index + len(self._starts) if index < 0 else index
        m = self._kept.get(i)
        if m is None:
            m = self._kept[i] = self._plain(i)
        return m

    def __iter__(self) -> Iterator[Mention]:
        """Every mention in order; one without evidence is made anew and not kept."""
        kept = self._kept
        for i in range(len(self._starts)):
            m = kept.get(i)
            yield m if m is not None else self._plain(i)

    def _plain(self, i: int) -> Mention:
        text, key, words = self._shared[self._names[i]]
        return Mention(self._starts[i], self._ends[i], text, key, words)

    def clear(self) -> None:
        del self._starts[:], self._ends[:], self._names[:], self._shared[:]
        self._name_ids.clear()
        self._kept.clear()


@dataclass
class Entity:
    kind: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    forms: dict[str, str] = field(default_factory=dict)  # casefolded form -> form as written
    role: str | None = None
    gender: str | None = None
    descriptors: set[str] = field(default_factory=set)
    first: int = 0
    words: tuple[str, ...] = ()
    spans: list[tuple[int, int]] = field(default_factory=list)  # mention offsets, once resolved

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.forms.setdefault(m.text.casefold(), m.text)


def _says_he(toks, i: int) -> bool:
    """Does 'he' or 'she' open the reported clause within a few words ('said he', 'told reporters she')?"""
    for t in toks[i : i + 4]:
        if t.text in ("he", "she"):
            return True
        if not t.text[0].isalnum():
            return False
    return False


def _verb_like(word: str, lex) -> bool:
    """A finite verb after a subject: reporting verbs, past tenses, the common auxiliaries."""
    return (
        word in lex.reporting_verbs
        or word in lex.irregular_past
        or (word.endswith("ed") and len(word) > 3)
        or word in ("is", "has", "will", "would")
    )


def _reads_as_person(m: Mention) -> bool:
    return m.person > 0 and m.person >= max(m.org, m.place) and not m.void


def _is_acronym(text: str) -> bool:
    # The first- and last-letter tests only spare the regex: most texts asked about are words or punctuation.
    return (
        "A" <= text[0] <= "Z"
        and ("A" <= text[-1] <= "Z" or text[-1] == "&")
        and _ACRONYM.match(text) is not None
    )


_COMPASS_POINTS = frozenset(
    ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
)
_SETTLEMENT_NOUNS = frozenset(
    [
        "village",
        "town",
        "city",
        "island",
        "region",
        "province",
        "state",
        "district",
        "county",
        "municipality",
        "commune",
        "port",
        "capital",
        "suburb",
        "neighbourhood",
        "neighborhood",
    ]
)
_PLURAL_AREAS = frozenset(["states", "regions", "counties", "towns", "cities", "villages"])
_BODY_AGENT_VERBS = frozenset(
    ["sponsored", "funded", "owned", "operated", "acquired", "manufactured", "published", "underwritten"]
)
_AFTER_A_PLACE = frozenset(
    [
        "to",
        "on",
        "for",
        "with",
        "by",
        "as",
        "since",
        "over",
        "after",
        "before",
        "under",
        "against",
        "during",
        "until",
        "last",
        "this",
        "next",
        "now",
        "also",
        "still",
        "says",
        "wants",
        "needs",
    ]
)
# Not places, and no entities at all (GOLD-FORMAT): "landed on the Moon", "orbits Mars".
_CELESTIAL_BODIES = frozenset(
    ["Earth", "Moon", "Sun", "Mars", "Venus", "Jupiter", "Saturn", "Neptune", "Pluto"]
)
_NAME_SUFFIXES = frozenset(["Jr", "Sr", "II", "III", "IV"])
_COMPANY_SUFFIXES = frozenset(
    ["Inc", "Ltd", "LLC", "PLC", "Corp", "GmbH", "LLP"]
)  # not "NV", "SA": names too
_HANDING_OVER = frozenset(["you", "thanks", "that", "yes", "okay", "ok", "please", "ahead", "sorry"])
# Plurals of people by what they do or hold: "scientists", "voters", "investors", "residents", "critics",
# "experts", "sources".
_AGENT_PLURALS = ("ists", "ers", "ors", "ants", "ents", "ics", "cians", "erts", "rces")
# What ends a numbered unit's name beside the heads of bodies: "the 45th Space Wing", "the 33rd Front".
_UNIT_HEADS = frozenset(["wing", "front", "fleet", "squadron", "flotilla", "infantry", "cavalry"])
# Titles held in a firm or a body, never over a place: "the CEO of ...", "a director of ...".
_EMPLOYER_TITLES = frozenset(
    [
        "ceo",
        "cfo",
        "coo",
        "cto",
        "cco",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "executive",
        "founder",
        "co-founder",
        "manager",
        "employee",
        "employees",
        "shareholder",
        "shareholders",
        "owner",
        "owners",
    ]
)
_COMPANY_POSSESSIONS = frozenset(["shares", "stock", "board", "profit", "revenue", "chief", "ceo"])


class Weight:
    """How much each cue of `NameFinder._evidence` adds to a kind (a negative weight takes away).
    An entity's kind is decided on the sums over its mentions (`entities._decide`: a place from 4,
    an organisation and a person from 2)."""

    INSTITUTION = 6  # a known agency, news service, seat of government
    ORG_HEAD_LAST = 3  # "... Council", "... Bank"
    ORG_HEAD_OF = 3  # "Bank of ...", "Institute for ..."
    ORG_HEAD_INSIDE = 1.5  # "Ferrovial Services Group" (a head word inside the run)
    ORG_PREFIX = 2  # "National ...", "Royal ..."
    NUMBERED_UNIT = 3  # "the 45th Space Wing", "the 2nd Division"
    SHORT_FORM_GIVEN = 2  # "... (ABC)"
    BODY_WITH_PLACE = 3  # "OCHA South Sudan", "Diabetes UK"
    WRITTEN_LIKE_A_BODY = 2  # "SpaceX", "W.H.O.", "G-20"
    COUNTRY_CODE = 5  # "UK", "USA"
    ACRONYM = 2  # three capitals or more alone
    ORG_NOUN_BEFORE = 3  # "the insurer Halvard"
    EMPLOYER_BEFORE_TITLE = 2  # "Ajax coach"
    BODY_AGENT = 2  # "sponsored by Name", "owned by Name"
    WHO_CLAUSE = 1.5  # "Name, who ..."
    WHICH_CLAUSE_ORG = 1  # "Name, which ..."
    WHICH_CLAUSE_PLACE = 0.5
    APPOSITION_ORG = 3  # "Name, a rescue group" / "the liquidators, Name"
    APPOSITION_ROLE = 2  # "Name, the bank's counsel"
    ROLE_BEFORE = 3  # "goalkeeper Name", "Envoy to Norway Name", "the envoy, Name"
    TITLE_IN_RUN = 3  # "Dr Name", "Home Secretary Name"
    GIVEN_NAME = 2  # a common given name opening the run
    THE_BEFORE_GIVEN_NAME = -3  # "the Silver Heron": a vessel or a thing
    RARE_GIVEN_NAME_BEFORE_VERB = 2  # "Volodymyr Zelensky met"
    FLOOR_HANDED = 2  # "Thank you, Tom.", "Anna?": a given name addressed in a transcript
    UNKNOWN_PAIR_SPEAKS = 2  # "Oyelaran Adebayo said": two unknown words before a reporting verb
    THE_BEFORE_WORD = -2  # "the Name" of one word, with no other evidence
    COUNTRY = 6
    REGION = 5  # a continent, a US state
    CAPITAL = 4.5
    CITY = 2.5
    CITY_OPENING = 1  # a town's name opening a sentence or a cell ("Reading", "Date")
    GEO_FEATURE = 4  # "... River", "the ... river"
    GEO_PREFIX = 3  # "Lake ...", "Mount ..."
    COMPASS_PLACE = 4  # "Southern Tanzania"
    BASED = 3  # "Oslo-based"
    TRADED = 3  # "shares in Name", "Name said it", "Name reports earnings"
    CAPITAL_THE_BEFORE = 3  # "in The Lancet"
    MARKET_VERB = 2  # "... as Airbus gained"
    EMPLOYER_AFTER_AT = 2  # "analysts at Name"
    LOCATIVE = 1.5  # "in Name", "near the Name"
    COMPASS_OF = 2  # "north of Name", "Name, north of ..."
    SETTLEMENT_OF = 3  # "the village of Name", "Ana Ruiz, 54, of Name"
    DATELINE = 3  # "OSLO, June 3"
    SEA = 3  # "in the Baltic"
    SAYS_HE = 3  # "Name told reporters he ..."
    LONE_SAYER = 1  # "Name said": one word that speaks is more often a body
    COMPANY_POSSESSION = 2  # "Name's shares"
    THE_BODY = 2  # "the Senate"
    AGENCY_IN_BRACKETS = 3  # "(Reuters)"
    BYLINE = 2  # "Ines Moreau, Le Quotidien."
    STATE_AFTER = 1.5  # "Columbus, OH": the place before the state
    CAPITALS_COMPANY = 2  # "CMA CGM said"
    ACRONYM_IN_HEADING = -2


_GAZETTEER_WEIGHT = {
    "country": Weight.COUNTRY,
    "region": Weight.REGION,
    "capital": Weight.CAPITAL,
    "city": Weight.CITY,
}


class _Context:
    """The tokens around one candidate name toks[a:b], as the cues of `_evidence` read them
    (markup such as "**" skipped on either side)."""

    __slots__ = (
        "a",
        "all_caps",
        "b",
        "compass_place",
        "first",
        "in_title",
        "kind",
        "low",
        "m",
        "n",
        "nb",
        "nxt",
        "nxt2",
        "pa",
        "prev",
        "prev2",
        "single",
        "titled",
        "toks",
        "traded",
    )

    def __init__(
        self, finder: NameFinder, m: Mention, toks: list[Token], a: int, b: int, in_title: bool
    ) -> None:
        gaz, lex = finder.gaz, finder.lex
        n = len(toks)
        pa = a - 1
        while pa >= 0 and toks[pa].text in MARKUP:
            pa -= 1  # "in **Bavaria**": markup is not context
        nb = b
        while nb < n and toks[nb].text in MARKUP:
            nb += 1
        self.m, self.toks, self.a, self.b, self.n, self.nb, self.pa = m, toks, a, b, n, nb, pa
        self.in_title = in_title
        self.first = first = toks[a]
        self.prev = toks[pa] if pa >= 0 else None
        self.prev2 = toks[pa - 1] if pa > 0 else None
        self.nxt = toks[nb] if nb < n else None
        self.nxt2 = toks[nb + 1] if nb + 1 < n else None
        self.single = single = b - a == 1
        self.low = low = [first.lower] if single else [t.lower for t in toks[a:b]]
        self.all_caps = all_caps = all(not t.text[0].isalpha() or t.text.isupper() for t in toks[a:b])
        kind = gaz.kind(m.text.title()) if all_caps else gaz.kind_of_key(m.key)  # m.key is fold(m.text)
        if not kind and not single and " of " in m.text:
            kind = finder._country_kind(m.text)  # "the Republic of Suriname"
        if not kind and not single and (_DOTTED.match(toks[b - 1].text) or toks[b - 1].text == "DC"):
            kind = gaz.kind(m.text[: toks[b - 2].end - m.start])  # "Washington D.C.": a place and its state
        self.kind = kind
        self.compass_place = (
            not single and low[0] in lex.compass and gaz.kind(" ".join(t.text for t in toks[a + 1 : b]))
        )
        self.traded = False
        self.titled = False  # a title or honorific before the name inside its run


class NameFinder:
    """The first pass over a briefing's sentences (`read`): the mentions of names, in text order,
    for `entities.resolve`."""

    def __init__(self, body: str, blocks) -> None:
        self.body = body
        self.lex = lexicon()
        self.gaz = gazetteer()
        self.names = given_names()
        self.rare_names = rare_given_names()
        self.heading_spans = [(b.start, b.end) for b in blocks if b.kind == "heading"]
        self.vocab: set[str] = set()
        for i in range(0, len(body), 1 << 18):  # in slices: a 5 MB body must not make 5 MB of word lists
            self.vocab.update(_LOWER_WORD.findall(body, i, i + (1 << 18)))
        self.descriptor_nouns = self.lex.org_nouns | self.lex.titles
        lex = self.lex  # words a name may hold even where the text writes them in lower case
        self.name_words = (
            lex.titles
            | lex.honorifics
            | lex.title_modifiers
            | lex.org_heads
            | lex.geo_features
            | lex.event_heads
        )
        self.shared: dict[str, tuple] = {}
        self.mentions = MentionStore()
        self.groups: list[Mention] = []
        self.coordinated: list[tuple[int, int]] = []  # mentions joined by "and" / "or"
        self.office_mentions: list[tuple[int, int, int]] = []  # (person mention, start, end)
        self.descriptor_np: list[tuple[int, str]] = []  # (position, noun): "the owner"
        self.not_entities: set[str] = set()  # keys of the short forms of events and laws
        self._suffix_end = 0  # the token after a suffix the last name took in ("Vexel, Inc.")

    def _mention(self, toks, a: int, b: int, text: str) -> Mention:
        # Names repeat: share one text, key and word tuple per distinct name.
        shared = self.shared.get(text)
        if shared is None:
            shared = self.shared[text] = (text, fold(text), tuple(fold(t.text) for t in toks[a:b]))
        return Mention(toks[a].start, toks[b - 1].end, *shared)

    # ---- pass 1 -------------------------------------------------------
    def read(self, sentences) -> None:
        """The first pass over the sentences, in text order."""
        for s, e in sentences:
            toks = tokenize(self.body, s, e)
            if toks:
                self._sentence(toks)
        # the text's own evidence of gender (honorifics, role words, pronouns) over the list's guess
        guesses = ChainMap(self.names, rare_given_names())
        gender.decide(self.mentions, _reads_as_person, self.body, guesses)

    def _in_heading(self, pos: int) -> bool:
        spans = self.heading_spans
        i = bisect_right(spans, (pos, 1 << 60)) - 1
        return i >= 0 and spans[i][0] <= pos < spans[i][1]

    def _sentence(self, toks: list[Token]) -> None:
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if t.lower == "the" and i + 1 < n and toks[i + 1].lower in self.descriptor_nouns:
                # "the owner", "The Minister": a noun phrase a pronoun or a reporting verb may refer to
                self.descriptor_np.append((t.start, sys.intern(toks[i + 1].lower)))
            if not (t.cap and t.text[0].isalpha()):
                i += 1
                continue
            j = self._span_end(toks, i)
            self._suffix_end = 0
            if j == i + 1:
                # one word (most runs): a connector alone ("The", "For") is never a name, nor is it cut
                span = self._trim(toks, i, j) if t.lower not in CONNECTORS else None
                if span is not None:
                    self._name(toks, *span)
            else:
                for x, y in self._headline_parts(toks, i, j):
                    for a, b in self._segments(toks, x, y):
                        self._name(toks, a, b)
            i = max(j, self._suffix_end)  # past a suffix the name took in: "Vexel, Inc."

    def _headline_parts(self, toks: list[Token], i: int, j: int) -> list[tuple[int, int]]:
        """A run of a Title-Case line ("Minister Ana Ruiz Visits Flooded Towns") cut at the words
        the text also writes in lower case, which there are common words, not names."""
        common = [
            k
            for k in range(i, j)
            if len(toks[k].text) > 1
            and toks[k].lower in self.vocab
            and toks[k].lower not in CONNECTORS
            and toks[k].lower not in self.name_words
            and fold(toks[k].text) not in self.names
        ]
        verb = self._headline_verb(toks, i, j)
        if verb is not None:
            common = sorted({*common, verb})
        if not common or not self._title_case_line(toks[i].start):
            return [(i, j)]
        parts, start = [], i
        for k in [*common, j]:
            if k > start:
                parts.append((start, k))
            start = k + 1
        return parts

    def _headline_verb(self, toks: list[Token], i: int, j: int) -> int | None:
        """In a run with a given name, the first word in -s after two words or more of the name:
        a headline's verb ("Minister Ana M. Ruiz Delivers Remarks", "Tom Long Wins Gold")."""
        g = next(
            (
                k
                for k in range(i, j)
                if toks[k].lower not in self.name_words and self._given_name(fold(toks[k].text))
            ),
            j,
        )
        for k in range(g + 2, j):
            w = toks[k].lower
            if w.endswith("s") and not w.endswith("ss") and len(w) > 3 and toks[k].text[1:].islower():
                if w not in self.name_words and fold(toks[k].text) not in self.names:
                    return k
        return None

    def _title_case_line(self, pos: int) -> bool:
        """Is pos on a short line whose every longer word is capitalised (a headline, a label)?"""
        body = self.body
        ls = body.rfind("\n", max(0, pos - 200), pos) + 1
        le = body.find("\n", pos, pos + 200)
        if (ls == 0 and pos > 200) or (le < 0 and len(body) > pos + 200):
            return False  # a long line is prose
        words = _WORD.findall(body, ls, le if le >= 0 else len(body))
        longer = [w for w in words if len(w) >= 4]
        return len(words) >= 2 and len(longer) >= 1 and all(w[0].isupper() for w in longer)

    def _adjacent(self, a: Token, b: Token) -> bool:
        gap = b.start - a.end  # tokens are in order: never negative
        return gap <= 2 and (not gap or "\n" not in self.body[a.end : b.start])

    def _span_end(self, toks: list[Token], i: int) -> int:
        n = len(toks)
        j = i + 1
        lex = self.lex
        body = self.body
        while j < n:
            u = toks[j]
            prev = toks[j - 1]
            gap = u.start - prev.end  # self._adjacent(prev, u), inline: this loop runs for every capital
            if gap > 2 or (gap and "\n" in body[prev.end : u.start]):
                break
            if u.cap and u.text[0].isalpha():
                j += 1
                continue
            if (
                u.text == "."
                and (prev.lower in lex.honorifics or prev.lower in lex.titles or len(prev.text) == 1)
                and j + 1 < n
                and toks[j + 1].cap
            ):
                j += 1
                continue
            if u.lower in PARTICLES or u.lower in CONNECTORS:
                # up to two connectors, then a capitalised word
                k = j
                while (
                    k < n
                    and k < j + 2
                    and (toks[k].lower in PARTICLES or toks[k].lower in CONNECTORS)
                    and self._adjacent(toks[k - 1], toks[k])
                ):
                    k += 1
                if (
                    k < n
                    and toks[k].cap
                    and toks[k].text[0].isalpha()
                    and self._adjacent(toks[k - 1], toks[k])
                ):
                    if u.text in ("\u2019", "'") and self.body[prev.end : u.start]:
                        break  # a quote mark after a space, not a possessive
                    j = k
                    continue
            break
        return j

    def _initials_match(self, toks, a, b, acr: str) -> bool:
        initials = "".join(
            next((c for c in t.text if c.isupper()), t.text[0])
            for t in toks[a:b]
            if t.cap and t.text[0].isalpha()
        )
        initials_all = "".join(
            t.text[0].upper() for t in toks[a:b] if t.text[0].isalpha() and t.lower not in ("'s",)
        )
        return acr.upper() in (initials.upper(), initials_all)

    def _segments(self, toks: list[Token], a: int, b: int) -> list[tuple[int, int]]:
        """Split a capitalised run into name candidates at connectors that do not belong."""
        lex = self.lex
        person_at = self._person_after_titled_place(toks, a, b)
        if person_at is not None:  # "Envoy to Norway Erik Dahl": the place closes the title
            return [*self._segments(toks, a, person_at), *self._segments(toks, person_at, b)]
        country = self._place_across_connectors(toks, a, b)
        if country is not None:  # "Trinidad and Tobago", "the Republic of Korea": one place
            x, y = country
            return [*self._segments(toks, a, x), (x, y), *self._segments(toks, y, b)]
        acr = self._following_acronym(toks, a, b)
        if (acr is not None and b - a > 1 and self._initials_match(toks, a, b, toks[acr].text)) or all(
            toks[k].lower not in CONNECTORS for k in range(a, b)
        ):  # nothing to cut at ("Emmanuel Macron")
            span = self._trim(toks, a, b)
            return [span] if span is not None else []
        heads = [k for k in range(a, b) if toks[k].lower in lex.org_heads]
        last_is_head = toks[b - 1].lower in lex.org_heads
        cuts = []
        for k in range(a, b):
            w = toks[k].lower
            if w in PARTICLES and w not in CONNECTORS:
                continue
            if w not in CONNECTORS:
                continue
            if w in ("&", "and") and toks[b - 1].lower in lex.titles and toks[k - 1].lower not in lex.titles:
                cuts.append(k)  # "Director at Vexel UK & Group Sales Director": a name, then a role
                continue
            if w == "&":
                continue
            if w in ("'s", "\u2019", "'"):
                owner = toks[k - 1] if k > a else None
                if (
                    owner
                    and not owner.text.isupper()
                    and (owner.lower.endswith(("s", "men", "ren")))
                    and self.gaz.kind(owner.text) is None
                    and any(h > k for h in heads)
                ):
                    continue
                cuts.append(k)
                continue
            if w == "and":
                if self._joins_two_bodies(toks, cuts[-1] + 1 if cuts else a, k, b):
                    cuts.append(k)
                    continue
                before = [h for h in heads if h < k]
                linked = before and any(toks[x].lower in ("of", "for") for x in range(before[-1], k))
                if linked or last_is_head:
                    continue
                cuts.append(k)
                continue
            # of / for / the: only right after a head word ("Secretary of State", "Bank of England",
            # "Gulf of Mexico", "Institute for ..."), never after a person's name ("McConnell of Kentucky")
            j = k - 1
            while j > a and toks[j].lower in ("of", "for", "the"):
                j -= 1
            w = toks[j].lower
            opened = [h for h in heads if h < j] if toks[j].lower != "and" else None
            if opened and any(toks[x].lower in ("of", "for") for x in range(opened[-1], j)):
                continue  # "Office of the Envoy for Youth": a body's name goes on after its "of"
            if (
                w in lex.org_heads
                or w in lex.org_prefixes
                or w in lex.titles
                or w in lex.geo_features
                or w in lex.geo_prefixes
                or self._members_of(toks, a, j)
            ):
                continue
            cuts.append(k)
        start = a
        out = []
        for c in [*cuts, b]:
            if c > start:
                span = self._trim(toks, start, c)
                if span is not None:
                    out.append(span)
            start = c + 1
        return out

    def _members_of(self, toks, a: int, j: int) -> bool:
        """Does toks[a:j+1] end on a plural of people, after a word that is no given name or title,
        so that an "of" after it names their body ("Dairy Farmers of Norway", "Young Doctors of
        ...") and not where a person comes from ("Ana Sanders of Ohio")?"""
        while a < j and not all(t.cap and t.lower not in CONNECTORS for t in toks[a : j + 1]):
            a += 1  # the phrase of the plural alone: not "Director of" before it
        first = toks[a].lower
        return (
            j > a
            and self._plural_noun(toks[j])
            and not self._given_name(fold(toks[a].text))
            and first not in self.lex.titles
            and first not in self.lex.honorifics
        )

    def _joins_two_bodies(self, toks, start: int, k: int, b: int) -> bool:
        """Does the "and" at toks[k] join two names of bodies, each of two words or more and
        ending on a head word ("the Water Board and the Harbour Authority")?"""
        heads = self.lex.org_heads
        after = k + 1 + (toks[k + 1].lower == "the")
        return (
            k - start >= 2
            and toks[k - 1].lower in heads
            and toks[b - 1].lower in heads
            and b - after >= 2
            and all(toks[x].lower != "and" for x in range(after, b))
        )

    def _place_across_connectors(self, toks, a: int, b: int) -> tuple[int, int] | None:
        """The longest name of a country or a region in toks[a:b] with a connector inside it
        ("Trinidad and Tobago", "the Horn of Africa"), or None."""
        if b - a < 3 or all(toks[k].lower not in CONNECTORS for k in range(a + 1, b - 1)):
            return None
        for size in range(min(b - a, 7), 2, -1):
            for x in range(a, b - size + 1):
                y = x + size
                if toks[x].lower in CONNECTORS or toks[y - 1].lower in CONNECTORS:
                    continue
                if (
                    x > a + 1
                    and toks[x - 1].lower in ("of", "for")
                    and toks[x - 2].lower in self.lex.org_heads
                ):
                    continue  # "the Bank of Trinidad and Tobago": the name of a body
                if self._country_kind(self.body[toks[x].start : toks[y - 1].end]) in ("country", "region"):
                    return x, y
        return None

    def _country_kind(self, text: str) -> str | None:
        """The gazetteer's kind of a name, "country" for a state's formal name too."""
        kind = self.gaz.kind(text)
        if kind is None and " of " in text and self.gaz.country_of_alias(text):
            return "country"  # "the Republic of Suriname"
        return kind

    def _titled_place(self, toks, a: int) -> bool:
        """Do the words before toks[a] end a title with a place: "Ambassador to Norway", "Minister
        of Health of Chile" (a title, "to"/"of"/"in"/"for", a known place of one word)?"""
        return (
            a >= 3
            and self.gaz.kind(toks[a - 1].text) is not None
            and toks[a - 2].lower in ("to", "of", "in", "for")
            and toks[a - 3].lower in self.lex.titles
        )

    def _person_after_titled_place(self, toks, a: int, b: int) -> int | None:
        """In a run opening on a place, after a title ("Envoy to | Norway Erik Dahl"): where the
        person starts, at a given name followed by another word."""
        if b - a < 3 or not self._titled_place(toks, a + 1):
            return None
        return a + 1 if fold(toks[a + 1].text) in self.names else None

    def _trim(self, toks, a, b) -> tuple[int, int] | None:
        """The name inside toks[a:b] once connectors, sentence-initial common words, weekdays and months
        are trimmed off, or None."""
        lex = self.lex
        weekdays, months = lex.weekdays, lex.temporal["months"]
        while a < b and (toks[a].lower in CONNECTORS or (toks[a].lower in PARTICLES and not toks[a].cap)):
            a += 1
        while b > a and (toks[b - 1].lower in CONNECTORS or toks[b - 1].lower in PARTICLES):
            b -= 1
        if a >= b:
            return None
        t = toks[a]
        if t.initial and b - a >= 1:
            w = t.lower
            keep = (
                w in PARTICLES
                or w in lex.titles
                or w in lex.honorifics
                or (  # "Department of ...", "Securities and Exchange Commission"
                    w in lex.org_heads
                    and b - a > 1
                    and (toks[a + 1].lower in ("of", "for", "and") or toks[b - 1].lower in lex.org_heads)
                )
            ) and b - a > 1
            if not keep and (
                w in lex.stopwords
                or (w in lex.org_nouns and b - a > 1)
                or (w in self.vocab and not (b - a > 1 and w in self.names))
            ):
                a += 1
            elif (
                b - a == 3
                and toks[a + 1].lower not in PARTICLES
                and fold(toks[a + 1].text) in self.names
                and fold(t.text) not in self.names
                and t.lower not in lex.geo_prefixes
                and t.lower not in lex.titles
                and t.lower not in lex.honorifics
            ):
                a += 1  # "Farmer Lena Voss said": a capitalised word before a first name
            while a < b and toks[a].lower in CONNECTORS:
                a += 1  # "Of the ..." left by the word trimmed off
        # weekdays and months are WHEN, not names
        while a < b and (
            toks[a].lower in weekdays
            or (toks[a].lower in months and toks[a].text[0].isupper() and len(toks[a].text) > 2)
        ):
            a += 1
        while b > a and (
            toks[b - 1].lower in weekdays
            or (
                toks[b - 1].lower in months
                and len(toks[b - 1].text) > 2
                and not self._month_as_surname(toks, a, b)
            )
        ):
            b -= 1
        if (
            b - a == 1
            and "-" in toks[a].lower
            and all(p in months or p in weekdays for p in toks[a].lower.split("-"))
        ):
            return None  # "April-June", "Monday-Friday": a span of time
        if b - a > 2 and b < len(toks) and toks[b].text == ":" and self._label_word(toks, b - 1):
            b -= 1  # "Source: Harbour Trust Country: Norway": a field's label ends the name before it
        return (a, b) if a < b else None

    def _label_word(self, toks, k: int) -> bool:
        """Is toks[k], before a colon, a common word naming a field ("Country:", "Date:"), which the
        text writes in lower case and which no honorific, title or given name comes before?"""
        t, before = toks[k], toks[k - 1]
        lex = self.lex
        return (
            t.text[1:].islower()
            and t.lower in self.vocab
            and before.text != "."
            and before.lower not in lex.honorifics
            and before.lower not in lex.titles
            and not self._given_name(fold(before.text))
        )

    def _month_as_surname(self, toks, a: int, b: int) -> bool:
        """Is the month closing toks[a:b] a surname ("Theresa May", "Ana April said", "Ms. May"): right
        after a given name or an honorific, with no day or year after it?"""
        after = toks[b] if b < len(toks) else None
        before = toks[b - 2] if b - a >= 2 else None
        if before is not None and before.text == "." and b - a >= 3:
            before = toks[b - 3]  # "Ms. May"
        return (
            before is not None
            and (fold(before.text) in self.names or before.lower in self.lex.honorifics)
            and before.lower not in self.lex.temporal["months"]
            and (after is None or not after.text[0].isdigit())
        )

    def _following_acronym(self, toks, a, b) -> int | None:
        """Where the short form given after toks[a:b] is: "(WHO)", or ", WHO," / ", or WHO" when
        it is their initials ("Columbus, OH," gives a state, not a short form)."""
        n = len(toks)
        if b + 2 < n and toks[b].text == "(" and toks[b + 2].text == ")" and _is_acronym(toks[b + 1].text):
            return b + 1
        if b + 2 >= n or toks[b].text != ",":
            return None
        x = b + 1 + (toks[b + 1].lower == "or")  # "the Water Services Act, or WSA"
        if (
            x < n
            and _is_acronym(toks[x].text)
            and (x + 1 == n or toks[x + 1].text in ",.;)" or toks[x + 1].text in DASHES)
            and self._initials_match(toks, a, b, toks[x].text)
        ):
            return x
        return None

    # ---- one candidate name ------------------------------------------
    def _place_pair(self, t: Token) -> bool:
        """Are the parts of a hyphenated word known places ("the Kenya-Uganda border")? Then each
        is a mention of its place."""
        parts = t.text.split("-")
        weights = [_GAZETTEER_WEIGHT.get(self.gaz.kind(p) or "", 0.0) for p in parts]
        if len(parts) < 2 or not all(weights):
            return False
        start = t.start
        for part, weight in zip(parts, weights, strict=True):
            m = Mention(start, start + len(part), part, fold(part), (fold(part),))
            m.place = weight
            self.mentions.append(m)
            start += len(part) + 1
        return True

    def _is_event(self, toks, a: int, b: int) -> bool:
        """Does toks[a:b] name an event, an award or a storm ("the Winter Games", "Cyclone Ida")?"""
        lex = self.lex
        if b - a == 1:  # alone, the head names an event too: "the Summit", "Olympic"
            return toks[a].lower in lex.event_heads
        return (  # "Cyclone Ida", "Operation Desert Shield", "Severe Tropical Storm Ida"
            toks[b - 1].lower in lex.event_heads
            or toks[a].lower in lex.event_prefixes
            or toks[b - 2].lower in lex.event_prefixes
        )

    def _name(self, toks: list[Token], a: int, b: int) -> None:
        lex = self.lex
        if (
            a >= 2
            and toks[a - 1].lower in ("st", "nd", "rd", "th")
            and toks[a - 2].text.isdigit()
            and toks[a - 2].end == toks[a - 1].start
            and (toks[b - 1].lower in lex.org_heads or toks[b - 1].lower in _UNIT_HEADS)
        ):
            a -= 2  # "the 45th Space Wing", "the 3rd Brigade": a unit's number is part of its name
        if b - a == 1 and "-" in toks[a].text and self._place_pair(toks[a]):
            return
        if self._is_event(toks, a, b):
            m = self._mention(toks, a, b, self.body[toks[a].start : toks[b - 1].end])
            m.void = True  # an event is no entity, nor any name inside it (GOLD-FORMAT)
            self.mentions.append(m)
            acr = self._following_acronym(toks, a, b)
            if acr is not None:  # "the Clean Air Act (CAA)": its short form is no entity either
                self.not_entities.add(fold(toks[acr].text))
            return
        if (
            b + 1 < len(toks)
            and toks[b].lower == "to"
            and toks[b - 1].lower in lex.titles
            and self._titled_place(toks, b + 2)
        ):
            return  # "UK Ambassador (to France)": a role going on, not a name ("Stephen King to sign" is)
        # a pre-name title inside the capitalised run: "UK Home Secretary Ruth Ellery"
        role_tokens = None
        title_idx = None
        for k in range(b - 2, a - 1, -1):
            w = toks[k].lower
            if (
                w in lex.titles
                or w in lex.honorifics
                or (w == "." and (toks[k - 1].lower in lex.honorifics or toks[k - 1].lower in lex.titles))
            ):
                title_idx = k
                break
        if b - a == 1 and toks[a].lower in lex.titles and toks[a].lower not in lex.org_heads:
            return  # "the Secretary announced": an office named alone, no one's name
        if title_idx is None and b - a == 2 and toks[b - 1].lower in lex.titles and _is_acronym(toks[a].text):
            self._role_part(toks, a, b)  # "an NHS Doctor", "the NASA Administrator": an employer and a role
            return
        if title_idx is not None and (
            self._title_of_body(toks, a, title_idx) or self._following_acronym(toks, a, b) is not None
        ):  # "the Office of the President", "the High Commissioner for Refugees (UNHCR)": a body
            title_idx = None  # "the Office of the President": a body named after an office
        if title_idx == b - 2 and toks[b - 1].lower.endswith("ics") and toks[b - 1].text[1:].islower():
            title_idx = None  # "General Dynamics": a field's plural is a firm's name, never a surname
        if title_idx is not None:
            k = title_idx
            name_start = k + 1
            if toks[name_start].lower in ("of", "for"):
                # "Minister of Health Tomas Varga": the name starts at a given name
                for x in range(name_start + 1, b):
                    if (
                        fold(toks[x].text) in self.names
                        and toks[x].lower not in lex.title_modifiers
                        and not any(toks[y].lower in lex.org_heads for y in range(x, b))
                    ):  # "Director of Everton Football Club": a body, though "Everton" is a given name
                        name_start = x
                        break
                else:
                    name_start = b  # "Minister of Rural Affairs": a role, no name
            while name_start < b and toks[name_start].lower in CONNECTORS:
                name_start += 1
            if any(toks[x].lower in lex.org_heads for x in range(name_start, b)):
                pass  # "General Dental Council": an organisation, not a titled person
            elif (
                name_start >= b
                or all(toks[x].lower in lex.titles for x in range(name_start, b))
                or (b - name_start == 1 and self._common_plural(toks[name_start]))  # "Member States"
                or (  # "Chief Medical Officer": a title, a longer one ("Amy Pope" is a name)
                    toks[b - 1].lower in lex.titles and not self._given_name(fold(toks[name_start].text))
                )
                or (  # "Executive Order", "the General Debate": a title word before a common noun, known
                    b - name_start == 1  # as one by its lower-case use or by an article before the title
                    and (
                        toks[name_start].lower in self.vocab
                        or (a >= 1 and toks[a - 1].lower in ("a", "an", "the"))
                    )
                    and all(toks[x].lower in lex.titles for x in range(a, name_start))
                    and not any(toks[x].lower in lex.honorifics for x in range(a, name_start))
                )
            ):
                self._role_part(toks, a, b)  # "the Israeli Prime Minister said": a role, no name
                return
            else:
                role_tokens = (a, name_start)
                self._role_part(toks, a, name_start)
                a = name_start
        if a >= b:
            return
        if (
            b - a == 1
            and toks[a].initial
            and b < len(toks)
            and toks[b].lower in lex.titles
            and toks[b].text[0].islower()
            and toks[a].lower.endswith(_ADJECTIVE_ENDINGS)
        ):
            return  # "Independent senator ...", "Former governor ...": a modifier, not a name
        if b - a == 1 and toks[a].initial and toks[a].lower.endswith("ly") and toks[a].text[1:].islower():
            return  # "Separately, ...": an adverb
        b = self._name_suffix_end(toks, a, b)
        text = self.body[toks[a].start : toks[b - 1].end]
        if (
            len(text) < 2
            or text in lex.platforms
            or text in lex.common_acronyms
            or text in _CELESTIAL_BODIES
            or (text[1] == "-" and _PARTY_STATE.match(text))
        ):
            return  # "D-N.Y.": a party and state, not a name
        m = self._mention(toks, a, b, text)
        m.heading = self._in_heading(m.start)
        self._evidence(m, toks, a, b, role_tokens)
        idx = len(self.mentions)
        x = a - 1 - (a >= 1 and toks[a - 1].lower == "the")  # "..., and the Bank of Oslo"
        if x >= 2 and toks[x].lower in ("and", "or") and toks[x - 1].text == ",":
            x -= 1  # "Siemens, ASML, and Philips": a serial comma
        if (
            x >= 1
            and toks[x].lower in ("and", "or", ",")
            and self.mentions
            and self.mentions[-1].end == toks[x - 1].end
        ):
            self.coordinated.append((idx - 1, idx))  # "Siemens, ASML and Philips": one list
        self.mentions.append(m)
        acr = self._following_acronym(toks, a, b)
        if acr is not None:
            short = toks[acr].text
            am = Mention(toks[acr].start, toks[acr].end, short, fold(short), (fold(short),))
            am.acronym_of = idx
            am.heading = m.heading
            self.mentions.append(am)

    def _title_of_body(self, toks, a: int, k: int) -> bool:
        """Is the title at toks[k] the office a body is named after, right after the body's
        "of the" / "for the" ("Office of the Spokesperson", "Bureau for the Ombudsman")?"""
        return (
            k - a >= 2
            and toks[k - 1].lower in ("of", "for", "the")
            and any(toks[h].lower in self.lex.org_heads for h in range(a, k - 1))
        )

    def _name_suffix_end(self, toks, a: int, b: int) -> int:
        """A name goes on over its suffix after a comma: a person's generation ("Louis Hart, Sr.",
        "Tom Long Jr."), a company's form ("Vexel, Inc.")."""
        x = b + (b < len(toks) and toks[b].text == ",")
        if x >= len(toks):
            return b
        suffix = toks[x].text
        person = suffix in _NAME_SUFFIXES and b - a >= 2 and self._given_name(fold(toks[a].text))
        if person or (x > b and suffix in _COMPANY_SUFFIXES):
            self._suffix_end = x + 1 + (x + 1 < len(toks) and toks[x + 1].text == ".")
            return self._suffix_end
        return b

    def _role_part(self, toks, a, k) -> None:
        """Organisations and places named inside a title ("UK Home Secretary")."""
        lex = self.lex
        country = self._place_across_connectors(toks, a, k)
        if country is not None:  # "President of the Republic of Suriname": the country whole
            x, y = country
            self._role_part(toks, a, x)
            self._sub_name(toks, x, y)
            self._role_part(toks, y, k)
            return
        run: list[int] = []
        for x in range(a, k):
            w = toks[x].lower
            if (
                toks[x].cap
                and w not in lex.titles
                and w not in lex.honorifics
                and w not in CONNECTORS
                and (w not in lex.title_modifiers or run)
            ):
                run.append(x)
                continue
            if w in lex.org_heads and run:
                run.append(x)
                continue
            if (
                w == "of"
                and run
                and (
                    toks[run[-1]].lower in lex.geo_features
                    or toks[run[-1]].lower in lex.org_heads
                    or self._members_of(toks, run[0], run[-1])
                )
                and x + 1 < k
                and toks[x + 1].cap
            ):
                run.append(
                    x
                )  # "Attorney for the Middle District of Ohio", "Director of Dairy Farmers of Norway"
                continue
            if run:
                self._sub_run(toks, run)
                run = []
        if run:
            self._sub_run(toks, run)

    def _sub_run(self, toks, run) -> None:
        while run and toks[run[-1]].lower in self.lex.title_modifiers:
            run.pop()  # "White House Press (Secretary)"
        if run and all(toks[x].lower in self.lex.demonyms for x in run):
            return
        if run:
            self._sub_name(toks, run[0], run[-1] + 1)

    def _sub_name(self, toks, a, b) -> None:
        text = self.body[toks[a].start : toks[b - 1].end]
        m = self._mention(toks, a, b, text)
        m.heading = self._in_heading(m.start)
        self._evidence(m, toks, a, b, None, in_title=True)
        self.mentions.append(m)

    def _evidence(self, m: Mention, toks, a, b, role_tokens, in_title=False) -> None:
        """Weigh what the text says around toks[a:b] for each kind: one named cue after another,
        in this order (a later cue reads what an earlier one found)."""
        at = _Context(self, m, toks, a, b, in_title)
        at.titled = role_tokens is not None
        self._cue_organisation_words(at)
        self._cue_body_with_place(at)
        self._cue_acronym(at)
        self._cue_written_like_a_body(at)
        self._cue_noun_or_title_around(at)
        self._cue_apposition(at)
        self._cue_role_before(at)
        if role_tokens:
            self._cue_title_in_run(at, *role_tokens)
        self._cue_given_name(at)
        self._cue_gazetteer(at)
        self._cue_country_code_modifier(at)
        self._cue_place_words(at)
        self._cue_company(at)
        self._cue_preposition(at)
        self._cue_dateline(at)
        self._cue_demonym(at)
        self._cue_lone_actor(at)
        self._cue_possessive(at)
        self._cue_byline(at)
        self._cue_state_after_place(at)
        self._cue_capitals(at)
        self._cue_contact_line(at)

    def _cue_organisation_words(self, at: _Context) -> None:
        """Known institutions, head words ("Council", "Bank of ..."), prefixes, a short form given."""
        lex, m, low = self.lex, at.m, at.low
        if m.text in lex.institution_names or (len(m.text) > 4 and m.key in lex.institutions):
            m.org += Weight.INSTITUTION  # short ones only as written: "WHO" the agency, never "Who"
        if low[-1] in lex.org_heads and not at.single:
            m.org += Weight.ORG_HEAD_LAST
        elif ("of" in low or "for" in low) and any(
            w in lex.org_heads and low[k + 1] in ("of", "for") for k, w in enumerate(low[:-1])
        ):
            m.org += Weight.ORG_HEAD_OF  # "Institute for Soil Studies", "Bank of England"
        elif not at.single and not lex.org_heads.isdisjoint(low[1:]):
            m.org += Weight.ORG_HEAD_INSIDE
        if low[0] in lex.org_prefixes and not at.kind and self._prefix_before_common_word(low):
            m.void = True  # "Federal Sites", "Royal Family": a prefix before a common noun names nothing
        elif low[0] in lex.org_prefixes and not at.single:
            m.org += Weight.ORG_PREFIX
        elif low[0].isdigit():
            m.org += Weight.NUMBERED_UNIT  # "the 33rd Front": only a unit's name opens on its number
        if not at.single and self._following_acronym(at.toks, at.a, at.b) is not None:
            m.org += Weight.SHORT_FORM_GIVEN

    def _prefix_before_common_word(self, low: list[str]) -> bool:
        """Is it a body's prefix before one word the text writes in lower case ("Federal Sites",
        "Royal Family"), a common noun, where a body's name has a head word or a name of its own?"""
        if len(low) != 2 or low[1] in self.lex.org_heads:
            return False
        w = low[1]
        return w in self.vocab or (w.endswith("s") and w[:-1] in self.vocab)

    def _cue_body_with_place(self, at: _Context) -> None:
        """A body's office in a place: an acronym or a body's head word before a place ("OCHA
        South Sudan", "Police Scotland"), or a name before a country's code ("Diabetes UK")."""
        toks, a, b, m = at.toks, at.a, at.b, at.m
        if at.single or at.kind:
            return
        head, last = toks[a].text, toks[b - 1].text
        rest = self.body[toks[a + 1].start : toks[b - 1].end]
        acronym_then_place = (
            (_is_acronym(head) or at.low[0] in self.lex.org_heads)  # "OCHA Kenya", "Police Scotland"
            and fold(head) not in self.gaz.country_codes
            and (self.gaz.kind(rest) is not None or (b - a == 2 and rest.casefold() in self.lex.demonyms))
        )  # or a body's service in a language: "VOA Somali"
        name_then_code = (
            b - a <= 3
            and last.isupper()
            and fold(last) in self.gaz.country_codes
            and not any(t.text.isupper() for t in toks[a : b - 1])
        )
        if acronym_then_place or name_then_code:
            m.org += Weight.BODY_WITH_PLACE

    def _cue_written_like_a_body(self, at: _Context) -> None:
        """Spellings only bodies and brands use: a capital inside a word ("SpaceX", "ReliefWeb",
        but not a surname's "McNeil", "DeLuca"), a dotted acronym ("W.H.O."), a group of nations
        ("G7", "G-20")."""
        if not at.single:
            return
        text, m = at.first.text, at.m
        group = _GROUP_OF_NATIONS.match(text)
        dotted = _DOTTED_ACRONYM.match(text) and fold(text) not in self.gaz.country_codes
        inner = _INNER_CAPITAL.match(text) and not text.startswith(_SURNAME_PREFIXES)
        if group or dotted or inner:
            m.org += Weight.WRITTEN_LIKE_A_BODY

    def _cue_acronym(self, at: _Context) -> None:
        """A word in capitals alone: a country's code, a body, or a zone, unit or currency mark."""
        first, m, nxt, prev = at.first, at.m, at.nxt, at.prev
        if not (at.single and len(first.text) <= 6 and _is_acronym(first.text)):
            return
        if fold(first.text) in self.gaz.country_codes or first.text in self.lex.country_aliases:
            m.place += Weight.COUNTRY_CODE
        elif len(first.text) >= 3 and not at.titled and not self._upper_line(m.start):
            m.org += Weight.ACRONYM  # not "MR KIRBY:", a transcript's label
        if nxt is not None and nxt.text == "$":
            m.void = True  # currency marker: US$, C$
        if prev is not None and prev.text[0].isdigit() and not self.gaz.kind(first.text):
            m.void = True  # "09:00 UTC", "40 GW": a zone or a unit after a number

    def _cue_country_code_modifier(self, at: _Context) -> None:
        """A country's code before a noun or a name is a modifier ("U.S. troops", "UK Parliament"),
        no mention of the country (GOLD-FORMAT)."""
        text = at.m.text
        if at.single and text.replace(".", "").isupper() and at.m.key in self.gaz.country_codes:
            if self._modifies_next(at):
                at.m.void = True

    def _modifies_next(self, at: _Context) -> bool:
        """Does the word after the name make it a modifier ("U.S. troops", "US-backed"), not a
        verb, a preposition or a conjunction after a country ("the US said", "in the UK on")?"""
        nxt, lex = at.nxt, self.lex
        if nxt is None or not nxt.text[0].isalpha():
            return nxt is not None and nxt.text.startswith("-") and nxt.text[1:2].isalpha()
        w = nxt.lower
        return not (
            _verb_like(w, lex)
            or w in _VERBISH_AFTER_NOUN
            or w in LOCATIVE
            or w in lex.stopwords
            or w in _AFTER_A_PLACE
        )

    def _cue_noun_or_title_around(self, at: _Context) -> None:
        """An organisation noun before ("the insurer Halvard"), a lower-case title after ("Ajax coach")."""
        lex, m, prev, nxt = self.lex, at.m, at.prev, at.nxt
        if prev is not None and prev.lower in lex.org_nouns and prev.lower not in ("owner", "owners"):
            m.org += Weight.ORG_NOUN_BEFORE
        elif (
            prev is not None
            and prev.lower == "by"
            and at.prev2 is not None
            and at.prev2.lower in _BODY_AGENT_VERBS
        ):
            m.org += Weight.BODY_AGENT  # "sponsored by Halvard", "owned by ..."
        if (
            nxt is not None
            and nxt.lower in lex.titles
            and not at.in_title
            and at.b + 1 < at.n
            and nxt.text[0].islower()
            and not (at.kind and prev is not None and prev.lower in ("a", "an"))  # "a Lagos lawyer": where
        ):
            m.org += Weight.EMPLOYER_BEFORE_TITLE  # "Ajax coach", "Citigroup analyst"

    def _cue_apposition(self, at: _Context) -> None:
        """What follows a comma, a dash or "is"/"was": ", who", ", which", a role, a body's noun."""
        m, nxt = at.m, at.nxt
        # _after finds nothing unless a comma, a dash or "is"/"was" follows: most names are spared the call
        if nxt is None or not (nxt.text in (",", "(") or nxt.text in DASHES or nxt.lower in ("is", "was")):
            return
        after = self._after(at.toks, at.b)
        if after is None:
            return
        kind, role, noun = after
        if kind == "who":
            m.person += Weight.WHO_CLAUSE
        elif kind == "which":
            m.org += Weight.WHICH_CLAUSE_ORG
            m.place += Weight.WHICH_CLAUSE_PLACE
        elif kind == "org":
            m.org += Weight.APPOSITION_ORG
            m.descriptor = noun
        elif kind == "role" and role:
            m.person += Weight.APPOSITION_ROLE
            m.role, m.role_rank = role, 2

    def _cue_role_before(self, at: _Context) -> None:
        """Before the name: lower-case titles, "Envoy to Norway", "ROLE, Name" (each asked only
        when the word before could open one: a title, a comma)."""
        lex, m, toks, a = self.lex, at.m, at.toks, at.a
        pre_role = self._pre_role(toks, a) if a >= 1 and toks[a - 1].lower in lex.titles else None
        if pre_role:
            m.person += Weight.ROLE_BEFORE
            if m.role_rank < 3:
                m.role, m.role_rank = pre_role, 3
        if self._titled_place(toks, a) and m.role_rank < 3:
            role_start = a - 3
            while role_start > 0 and (
                toks[role_start - 1].lower in lex.titles
                or toks[role_start - 1].lower in lex.title_modifiers
                or toks[role_start - 1].lower in lex.demonyms
                or (toks[role_start - 1].cap and toks[role_start - 1].text.isupper())  # "UK", "US"
            ):
                role_start -= 1
            m.person += Weight.ROLE_BEFORE
            m.role, m.role_rank = self.body[toks[role_start].start : toks[a - 1].end], 3
        comma_role = (
            self._comma_role(toks, a)
            if a >= 2 and toks[a - 1].text == "," and not (at.single and at.low[0] in lex.org_heads)
            else None
        )  # not "Secretary of State for Culture, Media and Sport": a body's word names no one
        if comma_role:
            kind, text = comma_role
            if kind == "org":
                m.org += Weight.APPOSITION_ORG
                m.descriptor = text
            elif m.role_rank < 3:
                m.person += Weight.ROLE_BEFORE
                m.role, m.role_rank = text, 2.5

    def _cue_title_in_run(self, at: _Context, ra: int, rb: int) -> None:
        """A title or honorific inside the capitalised run, before the name ("Dr", "Home Secretary")."""
        lex, m, toks = self.lex, at.m, at.toks
        rwords = [t.lower for t in toks[ra:rb] if t.text != "."]
        m.person += Weight.TITLE_IN_RUN
        if all(w in lex.honorifics for w in rwords):
            if rwords and rwords[-1] in gender.MALE_HONORIFICS:
                m.gender = "m"
            elif rwords and rwords[-1] in gender.FEMALE_HONORIFICS:
                m.gender = "f"
            return
        rtoks = [t for t in toks[ra:rb] if t.lower not in lex.honorifics and t.text != "."]
        # extend to the left over lower-case modifiers ("former", "deputy")
        x = ra - 1
        while (
            x >= 0
            and toks[x].lower in lex.title_modifiers
            and (toks[x].text[0].islower() or toks[x].initial)
            and toks[x].lower not in CONNECTORS
        ):
            rtoks.insert(0, toks[x])
            x -= 1
        role = self.body[rtoks[0].start : rtoks[-1].end] if rtoks else None
        if role and self.body.startswith(".", rtoks[-1].end) and len(rtoks[-1].text) <= 4:
            role += "."  # "Sen.", "Lt. Gen.": the abbreviation keeps its full stop
        rank = (
            1
            if len(rtoks) == 1
            and rtoks[0].text[0].isupper()
            and rtoks[0].lower not in ("president", "chancellor", "premier", "judge", "prosecutor")
            else 3
        )
        if role and (m.role_rank < rank or m.role is None):
            m.role, m.role_rank = role, rank

    def _cue_given_name(self, at: _Context) -> None:
        """A given name opening the run; "the" before it makes a thing ("the Silver Heron")."""
        m, prev, nxt, words = at.m, at.prev, at.nxt, at.m.words
        given = (
            self._given_name(words[0])
            and not self._common_plural(at.toks[at.b - 1])
            and not self._common_words_with_body_word(at)
        )
        if not at.single and given and at.low[0] not in self.lex.org_prefixes:
            m.person += Weight.GIVEN_NAME
            g = self.names.get(words[0], "?")
            if g in ("m", "f"):
                m.gender = m.gender or g
            if prev is not None and prev.lower == "the":
                m.person += Weight.THE_BEFORE_GIVEN_NAME  # "the Silver Heron": a vessel or a thing
        elif (
            at.b - at.a == 2
            and words[0] in self.rare_names
            and nxt is not None
            and nxt.text.islower()
            and _verb_like(nxt.lower, self.lex)
            and (prev is None or prev.lower != "the")
        ):
            # "Volodymyr Zelensky met": a rarer given name before a verb ("Dairy Farmers of" is not)
            m.person += Weight.RARE_GIVEN_NAME_BEFORE_VERB
        elif self._unknown_pair_speaks(at):
            m.person += Weight.UNKNOWN_PAIR_SPEAKS
        if at.single and prev is not None and prev.lower == "the" and not (m.org or m.place):
            m.person += Weight.THE_BEFORE_WORD
        if at.single and words[0] in self.names and self._floor_handed(at):
            m.person += Weight.FLOOR_HANDED

    @staticmethod
    def _floor_handed(at: _Context) -> bool:
        """Is a lone given name addressed, as a transcript hands over the floor: "Thank you, Tom.",
        "With that, Anna.", "Anna?" alone?"""
        prev, prev2, nxt = at.prev, at.prev2, at.nxt
        if prev is not None and prev.text == "," and prev2 is not None and prev2.lower in _HANDING_OVER:
            return nxt is None or nxt.text in ".?!,"
        return nxt is not None and nxt.text == "?" and (prev is None or prev.text in ".?!:")

    def _unknown_pair_speaks(self, at: _Context) -> bool:
        """Two capitalised words the lists do not know, neither written in lower case in the text,
        next to a reporting verb: a person whose given name is not on the list ("Oyelaran Adebayo
        said", "said Oyelaran Adebayo"). A body so named has a head word or a cue of its own,
        which outweighs this."""
        nxt, prev, verbs = at.nxt, at.prev, self.lex.reporting_verbs
        if at.b - at.a != 2 or at.kind:
            return False
        speaks = (nxt is not None and nxt.lower in verbs) or (prev is not None and prev.lower in verbs)
        if not speaks or (prev is not None and (prev.lower == "the" or prev.text == "The")):
            return False
        return all(
            t.text[1:].islower()
            and t.lower not in self.vocab
            and t.lower not in self.name_words
            and t.lower not in self.lex.stopwords
            and self.gaz.kind(t.text) is None
            for t in at.toks[at.a : at.b]
        )

    def _common_plural(self, t: Token) -> bool:
        """Is the word a plural the text also writes in lower case ("Key Issues", "Member
        States"): a common noun, where a surname ("Jones", "Williams") has no lower-case form?"""
        w = t.lower
        return (
            len(w) > 3
            and w.endswith("s")
            and not w.endswith("ss")
            and (w in self.vocab or w[:-1] in self.vocab)
        )

    def _plural_noun(self, t: Token) -> bool:
        """Is the word a plural common noun ("Analysts", "Critics", "Officials")? The text writes
        it, or its singular, in lower case; it is a plural of a title or a group; or it ends as
        the plural of an agent or a trade does. A surname so ending ("Sanders") loses nothing
        by it: it still joins the person named in full."""
        w = t.lower
        if not (len(w) > 4 and w.endswith("s") and not w.endswith("ss") and t.text[1:].islower()):
            return False
        return (
            self._common_plural(t)
            or w in GROUP_NOUNS
            or w[:-1] in self.lex.titles
            or w.endswith(_AGENT_PLURALS)
        )

    def _common_words_with_body_word(self, at: _Context) -> bool:
        """Do three words or more hold a body's word and end on a common one ("Rose Garden
        Party Committees", "Hope Valley School Meals"), or stand in a Title-Case headline
        ("Statement on Hope Valley Court Ruling"), where a given name opens them only by chance
        ("Mary Church Terrell" in prose ends on a surname)?"""
        low = at.low
        last = low[-1]
        return (
            len(low) >= 3
            and any(self._body_word(w) for w in low[1:])
            and (
                self._body_word(last)
                or last in self.vocab
                or (last.endswith("s") and not last.endswith("ss"))
                or self._title_case_line(at.m.start)
            )
        )

    def _body_word(self, w: str) -> bool:
        """Is the lower-case word a body's head word or its plural ("school", "committees")?"""
        heads = self.lex.org_heads
        return w in heads or (w.endswith("s") and w[:-1] in heads)

    def _given_name(self, word: str) -> bool:
        """Is the folded word a given name, or two joined by a hyphen ("maria-luisa")?"""
        if word in self.names:
            return True
        first, hyphen, rest = word.partition("-")
        return bool(hyphen) and first in self.names and rest in self.names

    def _cue_gazetteer(self, at: _Context) -> None:
        """The gazetteer's kind of the name: a country, a region, a capital, a city."""
        m, kind = at.m, at.kind
        if kind == "city" and at.single and at.first.initial and not at.all_caps:
            m.place += Weight.CITY_OPENING  # "Date", "Reading" opening a sentence or a cell: weak
        elif kind:
            m.place += _GAZETTEER_WEIGHT[kind]

    def _cue_place_words(self, at: _Context) -> None:
        """Geographic heads and prefixes ("Lake Ona", "Mount Ruel"), a compass word before a known
        place, a feature word after ("the Ona river"), "-based"."""
        lex, m, low, nxt, prev = self.lex, at.m, at.low, at.nxt, at.prev
        if not at.single and low[-1] in lex.geo_features:
            m.place += Weight.GEO_FEATURE
        elif "of" in low and any(
            w in lex.geo_features and low[k + 1] == "of" for k, w in enumerate(low[:-1])
        ):
            m.place += Weight.GEO_FEATURE  # "the Gulf of Aden", "the Middle District of Ohio"
        if not at.single and low[0] in lex.geo_prefixes:
            m.place += Weight.GEO_PREFIX
        if at.compass_place:
            m.place += Weight.COMPASS_PLACE
        if (
            nxt is not None
            and nxt.text[0].islower()
            and (nxt.lower in lex.geo_features or nxt.lower in _PLURAL_AREAS)
        ):
            m.place += Weight.GEO_FEATURE
            if nxt.lower.endswith("s") and prev is not None and prev.lower == "and":
                self._mark_coordinated_place(at.toks, at.a)
        if nxt is not None and nxt.lower.startswith("-") and nxt.lower[1:] in ("based", "born"):
            m.place += Weight.BASED
            m.locative = True

    def _cue_company(self, at: _Context) -> None:
        """A company named with no cue word: the market and "it" speak for it, never for a person."""
        lex, m, prev, prev2, nxt, nxt2 = self.lex, at.m, at.prev, at.prev2, at.nxt, at.nxt2
        unknown = not at.kind and m.words[0] not in self.names
        traded = unknown and (
            (
                prev is not None
                and prev.lower in ("in", "of")
                and prev2 is not None
                and prev2.lower in SHARE_NOUNS
            )
            or (nxt is not None and nxt.lower in SHARE_NOUNS)
            or (
                nxt is not None
                and nxt.lower in lex.reporting_verbs
                and nxt2 is not None
                and nxt2.lower in ("it", "its")
            )
        )
        # "Alphabet and Amazon report results": only a company reports earnings
        if (
            not traded
            and unknown
            and nxt is not None
            and nxt.lower in REPORT_VERBS
            and any(t.lower in EARNINGS_NOUNS for t in at.toks[at.nb + 1 : at.nb + 4])
        ):
            traded = True
        at.traded = traded
        if traded:
            m.org += Weight.TRADED
        # "in The Lancet": a capital "The" inside a sentence belongs to a title or a body's name
        if prev is not None and prev.text == "The" and not prev.initial and not at.kind:
            m.org += Weight.CAPITAL_THE_BEFORE
        elif unknown and not at.first.initial and nxt is not None and nxt.lower in MARKET_VERBS:
            m.org += Weight.MARKET_VERB  # "Exports fell" opens a sentence; "... as Airbus gained" does not

    def _cue_preposition(self, at: _Context) -> None:
        """The word before: "analysts at" an employer; "in", "near", "the ... of" a location."""
        lex, m, prev, prev2 = self.lex, at.m, at.prev, at.prev2
        if at.traded or prev is None:
            return  # "shares in Nvidia": not a place
        if (
            prev.lower == "at"
            and prev2 is not None
            and (prev2.lower in lex.titles or prev2.lower.rstrip("s") in lex.titles)
        ):
            m.org += Weight.EMPLOYER_AFTER_AT  # "analysts at Goldman Sachs", "a professor at ..."
        elif (
            prev.lower == "of"
            and prev2 is not None
            and prev2.lower in _EMPLOYER_TITLES
            and not at.kind
            and not self._given_name(m.words[0])
        ):
            m.org += Weight.EMPLOYER_AFTER_AT  # "chief executive of Norvik", "a director of Hale & Co"
        elif (
            prev.lower in LOCATIVE
            or (prev.lower == "the" and prev2 is not None and prev2.lower in LOCATIVE)
            or (
                prev.lower in ("and", "or")
                and self.mentions
                and prev2 is not None
                and self.mentions[-1].end == prev2.end
                and self.mentions[-1].locative
            )
        ):
            m.place += Weight.LOCATIVE
            m.locative = True
        elif prev.lower in MOTION_VERBS and at.kind:
            m.locative = True  # "will visit Nairobi"
        elif prev.lower == "to" and at.kind:
            m.locative = True
        elif prev.lower == "of" and prev2 is not None and prev2.lower in _COMPASS_POINTS:
            m.place += Weight.COMPASS_OF
            m.locative = True
        elif prev.lower == "of" and prev2 is not None and prev2.lower in _SETTLEMENT_NOUNS:
            m.place += Weight.SETTLEMENT_OF  # "the village of Ostrava", "the island of Kos"
            m.locative = True
        elif prev.lower == "of" and prev2 is not None and prev2.text == "," and at.pa >= 2:
            if at.toks[at.pa - 2].text.isdigit():  # "Ana Ruiz, 54, of Ostrava": where she lives
                m.place += Weight.SETTLEMENT_OF
                m.locative = True
        elif prev.text == "," and self._after_listed_place(at):
            m.place += Weight.LOCATIVE  # "from Ostrava, Velka and Mala": one list of places
            m.locative = True
        if at.nxt is not None and at.nxt.text == "," and at.nb + 2 < at.n:
            toks, nb = at.toks, at.nb
            if toks[nb + 1].lower in _COMPASS_POINTS and toks[nb + 2].lower == "of":
                m.place += Weight.COMPASS_OF  # "Ostrava, north of the capital"
                m.locative = True

    def _after_listed_place(self, at: _Context) -> bool:
        """After a comma, is the name the next item of a list of places ("from Ostrava, Velka and
        ...") or the region that holds the place before ("Bengkulu Province, Sumatra.")?"""
        if not self.mentions or at.prev2 is None or self.mentions[-1].end != at.prev2.end:
            return False
        before, nxt = self.mentions[-1], at.nxt
        if before.place <= max(before.person, before.org):
            return False
        if before.locative and nxt is not None and (nxt.text == "," or nxt.lower in ("and", "or")):
            return True
        return before.place >= 4 and not self._given_name(at.m.words[0]) and (nxt is None or nxt.text in ".;")

    def _cue_dateline(self, at: _Context) -> None:
        """A dateline: "OSLO, June 3" or "LIMA –" opening the text or a line."""
        prev, nxt = at.prev, at.nxt
        if (at.first.initial and prev is None) or (prev is not None and prev.text in DASHES and at.a <= 2):
            if at.all_caps and nxt is not None and nxt.text in (",", "\u2013", "-", "\u2014"):
                at.m.locative = True
                nxt2 = at.nxt2
                if at.kind:
                    at.m.place += Weight.DATELINE
                elif (
                    nxt.text == "," and nxt2 is not None and self.gaz.kind(nxt2.text) in ("region", "country")
                ):
                    at.m.place += (
                        Weight.DATELINE + Weight.STATE_AFTER
                    )  # "CAMP ORLO, Texas -": its state says where

    def _cue_demonym(self, at: _Context) -> None:
        """Names after a nationality ("French Open") are no places; a nationality alone is none,
        unless a sea ("in the Baltic"); before a group noun it names a group ("Chadian troops")."""
        lex, m, low, prev, nxt = self.lex, at.m, at.low, at.prev, at.nxt
        if (
            not at.single
            and low[0] in lex.demonyms
            and low[-1] not in lex.geo_features
            and not any(w in lex.org_heads for w in low)
            and not at.kind
            and not at.compass_place
        ):
            m.place = min(m.place, 0)  # "French Open", "Italian Grand Prix": named after, not a place
        if m.text in lex.demonyms or lex.demonyms_or_compass.issuperset(low):
            if (
                m.locative
                and prev is not None
                and prev.lower == "the"
                and (
                    nxt is None
                    or not nxt.text[0].isalnum()
                    or (nxt.lower in _VERBISH_AFTER_NOUN and nxt.lower not in ("and", "or"))
                )
            ):  # "in the Baltic", but not "from the Chadian army", "the Israeli and the ...", "the Malian 3rd ..."
                m.place += Weight.SEA
            else:
                m.void = True
                if nxt is not None and nxt.lower in GROUP_NOUNS:
                    self.groups.append(Mention(m.start, nxt.end, self.body[m.start : nxt.end], "", ()))

    def _cue_lone_actor(self, at: _Context) -> None:
        """One word that acts: a person when "he"/"she" follows the verb, else more often a body;
        "the Senate"."""
        lex, m, nxt, nxt2, prev = self.lex, at.m, at.nxt, at.nxt2, at.prev
        if not at.single:
            return
        if (
            not at.kind
            and nxt is not None
            and nxt.lower in lex.reporting_verbs
            and _says_he(at.toks, at.nb + 1)
        ):
            m.person += Weight.SAYS_HE  # "Erdogan told reporters he would attend": a person known by one name
        elif not at.kind and nxt is not None and m.words[0] not in self.names:
            if nxt.lower in lex.reporting_verbs and not (at.first.initial and self._plural_noun(at.first)):
                m.org += Weight.LONE_SAYER  # "Tesla said": an actor with no first name is more often a body
                m.lone_sayer = True  # ("Analysts said" opening a sentence is no actor's name)
            elif nxt.lower == "'s" and nxt2 is not None and nxt2.lower in _COMPANY_POSSESSIONS:
                m.org += Weight.COMPANY_POSSESSION  # "Tesla's shares", "Tesla's chief executive"
        if at.low[0] in lex.org_heads and prev is not None and prev.lower == "the" and not at.first.initial:
            m.org += Weight.THE_BODY  # "the Senate", "the Commission"
        elif (
            at.single
            and at.low[0] in lex.org_heads
            and not at.in_title
            and not at.first.initial
            and prev is not None
            and prev.lower in ("to", "by", "in", "from", "with", "before")
            and not self._modifies_next(at)
        ):
            m.org += Weight.THE_BODY  # "sent to Parliament", "set up by Congress": a body by its name

    def _cue_possessive(self, at: _Context) -> None:
        """ "the Premier's office" speaks for the person; "Chile's neighbours" is a group."""
        m, nxt, nxt2 = at.m, at.nxt, at.nxt2
        if nxt is None or nxt.lower != "'s" or nxt2 is None:
            return
        if nxt2.lower in OFFICE_NOUNS:
            self.office_mentions.append((len(self.mentions), m.start, nxt2.end))
        elif nxt2.lower in GROUP_NOUNS:
            self.groups.append(Mention(m.start, nxt2.end, self.body[m.start : nxt2.end], "", ()))

    def _cue_byline(self, at: _Context) -> None:
        """A dateline's "(Reuters)" and a byline's "Ines Moreau, Le Quotidien."."""
        m, prev, prev2, nxt, toks, b = at.m, at.prev, at.prev2, at.nxt, at.toks, at.b
        if prev is None:
            return
        if prev.text == "(" and nxt is not None and nxt.text == ")" and not _is_acronym(m.text):
            if (
                prev2 is None
                or prev2.text[0].isdigit()
                or b + 1 >= at.n
                or toks[b + 1].text in ".\u2013-\u2014"
            ):
                m.org += Weight.AGENCY_IN_BRACKETS
        if (
            prev.text == ","
            and (nxt is None or nxt.text == ".")
            and m.words[0] not in self.names  # "..., Ana Ruiz.": a person closing a sentence
            and not self._after_listed_place(at)  # "Karvat Province, Moravia."
            and at.a >= 2
            and prev2 is not None
            and prev2.cap
            and b - at.a <= 3
            and not at.kind
        ):
            m.org += Weight.BYLINE  # byline: "Ines Moreau, Le Quotidien."
        if prev.text == "," and at.kind and (nxt is None or nxt.text in ".;)"):
            m.locative = True  # a known place closing a sentence after a comma: "Press Office, Dakar."

    def _cue_state_after_place(self, at: _Context) -> None:
        """ "Washington, D.C.", "Portland, Ore.", "Austin, TX": the state of the place before, which
        is then where something is."""
        m, prev, prev2 = at.m, at.prev, at.prev2
        if (
            prev is not None
            and prev.text == ","
            and prev2 is not None
            and self.mentions
            and self.mentions[-1].end == prev2.end
            and self.mentions[-1].place > 0
            and (
                _DOTTED.match(m.text + "." if self.body.startswith(".", m.end) else m.text)
                or (len(m.text) == 2 and m.text.isupper() and m.key not in self.gaz.country_codes)
            )
        ):
            before = self.mentions[-1]
            before.locative = True
            before.place += Weight.STATE_AFTER
            if _STATE_ABBREVIATION.match(m.text) and self.body.startswith(".", m.end):
                m.place += Weight.REGION  # "Tampa, Fla.": the state, named in its own right
                m.locative = True
            else:
                m.void = True  # "D.C.", "OH": a code that only completes the place before

    def _cue_contact_line(self, at: _Context) -> None:
        """A person under "Press contact:" (on the line, or the line before): that is the role."""
        m = at.m
        if m.role is not None or not m.person:
            return
        body = self.body
        line_start = body.rfind("\n", max(0, m.start - 200), m.start) + 1
        if line_start == 0 and m.start > 200:
            return  # a long line is prose, not a contact block
        before = body[line_start : m.start]
        if not before.strip() and line_start > 1:  # the name opens its line: read the line before
            prev_end = line_start - 1
            while prev_end > 0 and body[prev_end - 1] == "\n":
                prev_end -= 1
            before = body[body.rfind("\n", max(0, prev_end - 200), prev_end) + 1 : prev_end]
        found = _CONTACT_LINE.search(before)
        if found:
            m.role, m.role_rank = found.group(1), 1

    def _cue_capitals(self, at: _Context) -> None:
        """A run in capitals: a company inside a sentence ("CMA CGM said"), else a heading line;
        an acronym in a heading is weak evidence of a body."""
        m = at.m
        if (
            at.all_caps
            and not at.single
            and not (m.words[0] in self.names and m.person >= Weight.GIVEN_NAME)  # "BY ANA RUIZ"
            and (
                max(m.person, m.org, m.place) < 2
                or (at.low[-1] not in self.lex.org_heads and self._upper_line(m.start))
            )
        ):
            if (
                max(m.person, m.org, m.place) < 2
                and at.b - at.a == 2
                and all(_is_acronym(t.text) for t in at.toks[at.a : at.b])
                and not self._upper_line(m.start)
                and not m.heading
            ):
                m.org += (
                    Weight.CAPITALS_COMPANY
                )  # "CMA CGM said" inside a sentence: a company written in capitals
            else:
                m.void = True  # an upper-case heading line: "DEPARTMENT PRESS BRIEFING"
        if m.heading and at.single and _is_acronym(m.text) and m.place <= 0:
            m.org += Weight.ACRONYM_IN_HEADING

    def _upper_line(self, pos: int) -> bool:
        """Is pos on a line written in capitals (a heading such as 'GAPS AND NEXT STEPS')?"""
        body = self.body
        ls = body.rfind("\n", max(0, pos - 200), pos) + 1 or max(0, pos - 200)
        le = body.find("\n", pos, pos + 200)
        line = body[ls : le if le >= 0 else pos + 200]
        return line.isupper() and len(line.split()) >= 2

    def _mark_coordinated_place(self, toks, a) -> None:
        # "the Tigris and Euphrates rivers": the first conjunct is a feature too
        if a >= 2 and self.mentions:
            last = self.mentions[-1]
            if last.end == toks[a - 2].end:
                last.place += 4

    def _after(self, toks, b):
        """What follows a name: an apposition role, ', who', ', which' or an org descriptor."""
        n = len(toks)
        x = b
        while x < n and toks[x].text in MARKUP:
            x += 1
        if x >= n:
            return None
        sep = toks[x].text
        copular = (
            toks[x].lower in ("is", "was")
            and x + 1 < n
            and (
                toks[x + 1].lower in ("a", "an", "the") or toks[x + 1].lower in self.lex.titles
            )  # "is CEO of"
        )
        if sep not in (",", "(") and sep not in DASHES and not copular:  # "Tom Long (chief executive)"
            return None
        x += 1
        if x < n and toks[x].lower in ("who", "whom"):
            # "Lena Fisk, who was the bank's legal counsel"
            y = x + 1
            if (
                y < n
                and toks[y].lower in ("is", "was")
                and y + 1 < n
                and (toks[y + 1].lower in DETERMINERS or toks[y + 2 if y + 2 < n else y].lower == "'s")
            ):
                role = self._after_copula(toks, y + 1)
                if role:
                    return role
            return ("who", None, None)
        if x < n and toks[x].lower == "which":
            return ("which", None, None)
        # skip a determiner or a possessive ("the council's", "SARA's", "its")
        start = x
        y = x
        while y < n and y < x + 5:
            if toks[y].lower == "'s":
                start = y + 1
                break
            if toks[y].text in (",", ".", ";", ":", "(", ")") or toks[y].text in DASHES:
                break
            if toks[y].lower in self.lex.titles:
                break  # "Chief of the bank's board": the title comes first, the possessive is its complement
            y += 1
        if start < n and toks[start].lower in DETERMINERS:
            start += 1
        if start < n and toks[start].lower in ("the",):
            start += 1
        return self._role_from(toks, start)

    def _after_copula(self, toks, start):
        n = len(toks)
        y = start
        while y < n and y < start + 4:
            if toks[y].lower == "'s":
                start = y + 1
                break
            y += 1
        if start < n and toks[start].lower in DETERMINERS:
            start += 1
        found = self._role_from(toks, start)
        return found if found and found[0] == "role" else None

    def _role_from(self, toks, start):
        lex = self.lex
        n = len(toks)
        y = start
        head = None
        org_noun = None
        while y < n and y < start + 7:
            t = toks[y]
            w = t.lower
            if not t.text[0].isalnum() and t.text not in ("-",):
                break
            if w == "and" and head is not None and y + 1 < n and toks[y + 1].lower in lex.titles:
                y += 1  # "chief executive and chair of Halvard": two offices, one role
                continue
            if w in CLAUSE_STOPS or w in ("of", "to", "for") or w in lex.reporting_verbs:
                break
            if (
                t.text[0].islower()
                and w.endswith("ed")
                and w not in lex.titles
                and w not in lex.title_modifiers
            ):
                break  # "helped draft": a verb phrase, not a role
            if w in lex.titles:
                head = y
            elif w in lex.org_nouns and head is None and org_noun is None:
                org_noun = w
            y += 1
        if head is None:
            # "X, a rescue group operating in ...", "X, the national police": an organisation
            return ("org", None, org_noun) if org_noun else None
        end = head + 1
        if end < n and toks[end].cap and toks[end].text[0].isalpha():
            return None  # "..., Germany's Chancellor Olaf Scholz": a title for the next name
        if end < n and toks[end].lower in ("of", "to", "for"):
            z = end + 1
            comp_ok = True
            office = False  # an office's words so far: "adviser to the Chief Inspector of Prisons"
            while z < n and z < end + 8:
                t = toks[z]
                if not t.text[0].isalnum() or t.lower in CLAUSE_STOPS:
                    break
                if t.cap and (t.lower in lex.titles or t.lower in lex.title_modifiers):
                    office = True
                elif t.cap and not self.gaz.kind(t.text) and not (office and self._domain_word(t)):
                    comp_ok = False  # a person or a body: "adviser to Ana Ruiz", "head of the Port Authority"
                z += 1
            if z < n and toks[z].lower == "'s":
                comp_ok = False  # "Chief of the bank's Office of Audit": the title alone
            if comp_ok and z > end + 1:
                end = z
        if start >= end:
            return None
        return ("role", self.body[toks[start].start : toks[end - 1].end], None)

    def _domain_word(self, t: Token) -> bool:
        """May the capitalised word name an office's domain ("Inspector of Prisons"): neither a
        given name nor a body's head word?"""
        return t.lower not in self.lex.org_heads and fold(t.text) not in self.names

    def _pre_role(self, toks, a):
        """Lower-case title words right before the name: 'reserve goalkeeper Tomas Rinne'."""
        lex = self.lex
        x = a - 1
        if x < 0 or toks[x].lower not in lex.titles or not toks[x].text[0].islower():
            return None
        end = x
        while x >= 0:
            t = toks[x]
            w = t.lower
            if w in CONNECTORS or w in DETERMINERS or not t.text[0].isalpha():
                break
            if (
                w in lex.titles
                or w in lex.title_modifiers
                or w in lex.demonyms
                or (t.cap and (t.text.isupper() or w not in lex.stopwords))
            ):
                x -= 1
                continue
            break
        x = self._noun_adjuncts(toks, x)  # "the ferry captain Ole Hansen", "the women's relay gold medalist"
        start = x + 1
        if start > end:
            return None
        return self.body[toks[start].start : toks[end].end]

    def _noun_adjuncts(self, toks, x: int) -> int:
        """Up to three lower-case words from toks[x] leftwards that stand between a determiner (or a
        possessive) and a role, so modify it ("a ferry captain", "the bank's loan officer", "the
        women's relay gold medalist"): the index before them, or x when there are none."""
        y = x
        while x - y < 3 and y >= 1 and self._adjunct_word(toks[y]):
            y -= 1
        if y < x and (toks[y].lower in DETERMINERS or toks[y].lower == "'s"):
            return y
        return x

    def _adjunct_word(self, t: Token) -> bool:
        w = t.lower
        lex = self.lex
        return (
            t.text.isalpha()
            and t.text.islower()
            and w not in lex.stopwords
            and w not in lex.reporting_verbs
            and w not in CONNECTORS
            and w not in DETERMINERS
            and not w.endswith("ly")
        )

    @staticmethod
    def _inside_name(toks, k: int) -> bool:
        """Is the "and" at toks[k] inside a name, between capitalised words ("Trade and Industry")?"""
        return toks[k].lower == "and" and 0 < k < len(toks) - 1 and toks[k - 1].cap and toks[k + 1].cap

    def _comma_role(self, toks, a):
        """'The French envoy to Peru, Marc Lenoir' and 'the liquidators, Hale Brothers'."""
        lex = self.lex
        x = a - 1
        if x < 1 or toks[x].text != ",":
            return None
        end = x - 1
        y = end
        while y >= 0 and y > end - 8:
            t = toks[y]
            w = t.lower
            if w in DETERMINERS or w == "'s" or (t.initial and y != end and not t.cap):
                break
            if not t.text[0].isalnum():
                return None
            y -= 1
        if y < 0:
            start = 0
        else:
            start = y + 1
            if not (toks[y].lower in DETERMINERS or toks[y].lower == "'s" or toks[y].text[0] in ",:;("):
                if not toks[start].initial:
                    return None
        if start > end:
            return None
        words = [t.lower for t in toks[start : end + 1]]
        if any(
            w in lex.reporting_verbs
            or (w in CLAUSE_STOPS - {"of", "to", "at", "in"} and not self._inside_name(toks, start + i))
            for i, w in enumerate(words)
        ):
            return None
        if words[-1] in lex.org_nouns and words[-1] not in lex.titles:
            return ("org", words[-1])
        heads = [i for i, w in enumerate(words) if w in lex.titles]
        if not heads:
            return None
        tail = words[heads[-1] + 1 :]
        if tail and tail[0] not in ("of", "to", "for", "at", "in"):
            return None  # "Senate Majority Leader Chuck Schumer, D-N.Y.": a name ends the phrase
        # the role is the title head and what precedes it, plus an 'of/to' complement
        return ("role", self.body[toks[start].start : toks[end].end])
