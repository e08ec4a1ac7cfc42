"""WHAT: direct quotations and who said them.

Quote marks are paired within a paragraph; a quotation left open at the end
of a paragraph continues when the next one opens with a quote mark. The
speaker comes from the reporting clause after the quote (`," X said`,
`," said X`), before it (`X said: "`, `X told ... that "`), later in the same
sentence (`..., she said`), the quote before it, or the subject of the
sentence before it ("Okafor paused."). Pronouns go to the nearest earlier
entity that fits; "the minister" to the last person with that title; an
unnamed speaker ("the delegate said") stays null.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from briefer.briefing.model import span_starts
from briefer.extract.lexicon import lexicon
from briefer.extract.names import Entity
from briefer.extract.tokens import Token, TokenWindows

OPEN_DOUBLE = "\u201c"
CLOSE_DOUBLE = "\u201d"
_MARKS = re.compile("[\"\u201c\u201d\u2018\u2019']")
_TITLE_CUES = ("titled", "entitled", "headlined", "dubbed", "named")
PRONOUNS = {"he": "m", "she": "f", "it": "org", "they": "plural"}
_SKIP = frozenset(
    [
        "also",
        "later",
        "then",
        "previously",
        "privately",
        "repeatedly",
        "publicly",
        "earlier",
        "again",
        "still",
        "further",
        "has",
        "had",
        "have",
        "would",
        "will",
        "was",
        "were",
        "is",
        "are",
        "did",
        "does",
        "do",
        "on",
        "last",
        "this",
        "week",
        "month",
        "year",
        "yesterday",
        "today",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "in",
        "a",
        "an",
        "statement",
        "interview",
        "recently",
        "once",
        "first",
        "finally",
    ]
)
_TURN_LABEL = re.compile(r"[ \t]*([A-Z][A-Z.'\u2019 -]{1,40}):[ \t]")  # "MR. PRICE: ", "ANNA KOVAC: "
_TURN_REACH = 3000
_AFTER_TOKENS = 32  # a reporting clause right after a quote is read in its first 16 tokens
UNKNOWN = object()  # "this reporting clause names nobody we know": speaker stays null


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None: runs on into the next paragraph
    block: int
    outer: Quote | None = None
    continues: bool = False  # opened at a paragraph start after an unclosed quote
    speaker: object = None


def find_quotes(body: str, blocks) -> list[Quote]:
    quotes: list[Quote] = []
    carry = False
    for bi, b in enumerate(blocks):
        if b.kind == "code":
            continue
        quotes_in_block, carry = _BlockScanner(body, b.start, b.end, bi, carry).scan()
        quotes.extend(quotes_in_block)
    return quotes


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


class _BlockScanner:
    """The quotes of one paragraph, read mark by mark: which marks open and close a quotation,
    which enclose a quote inside it, and which are apostrophes or inches."""

    __slots__ = (
        "bi",
        "body",
        "carry",
        "continues",
        "end",
        "first_mark",
        "nested",
        "open_char",
        "open_pos",
        "out",
        "pending_inner",
        "start",
    )

    def __init__(self, body: str, start: int, end: int, bi: int, carry: bool) -> None:
        self.body, self.start, self.end, self.bi = body, start, end, bi
        self.carry = carry  # the paragraph before ended inside a quote
        self.out: list[Quote] = []
        self.open_pos: int | None = None  # of the quote open now
        self.open_char: str | None = None
        self.continues = False  # the open quote goes on from the paragraph before
        self.nested: int | None = None  # of a single mark opening a quote inside the open one
        self.first_mark = True
        self.pending_inner: list[Quote] = []  # quotes inside the open one

    def scan(self) -> tuple[list[Quote], bool]:
        """The paragraph's quotes by start, and whether the last one runs on into the next."""
        body, start, end = self.body, self.start, self.end
        # With no double marks in the paragraph, straight single marks may enclose the speech itself.
        singles_primary = body.find('"', start, end) < 0 and body.find(OPEN_DOUBLE, start, end) < 0
        for m in _MARKS.finditer(body, start, end):
            p = m.start()
            ch = m.group()
            if singles_primary and ch == "'":
                ch = "\u2018" if self.open_pos is None else "\u2019"
            before = body[p - 1] if p > start else " "
            after = body[p + 1] if p + 1 < end else " "
            if ch in ("\u2018", "'", "\u2019"):
                self._single_mark(p, ch, before, after)
            else:
                self._double_mark(p, ch, before)
        runs_on = self._left_open()
        self.out.sort(key=lambda q: q.start)
        return self.out, runs_on

    def _open(self, p: int, ch: str) -> None:
        self.open_pos, self.open_char = p, ch
        self.continues = self.carry and self.first_mark and not self.body[self.start : p].strip(" *_>#-")
        self.first_mark = False

    def _single_mark(self, p: int, ch: str, before: str, after: str) -> None:
        if self.open_pos is None:
            if ch == "\u2018" and not _is_letter(before) and _is_letter(after):
                self._open(p, ch)  # British style: single marks around the direct speech itself
        elif self.open_char == "\u2018":
            if ch == "\u2019" and not _is_letter(after) and self.body[p - 1] != " ":
                self.out.append(
                    Quote(self.open_pos + 1, p, self.open_pos, p, self.bi, continues=self.continues)
                )
                self.open_pos = None
        elif self.nested is None and (
            ch == "\u2018" or (ch == "'" and not _is_letter(before) and _is_letter(after))
        ):
            self.nested = p
        elif self.nested is not None and ch in ("\u2019", "'") and not _is_letter(after):
            q = Quote(self.nested + 1, p, self.nested, p, self.bi)
            self.pending_inner.append(q)  # its outer quote is set when that closes
            self.out.append(q)
            self.nested = None

    def _double_mark(self, p: int, ch: str, before: str) -> None:
        if self.open_pos is None:
            # a closing mark opens nothing, nor a straight one after a letter (inches: 6'2")
            if ch != CLOSE_DOUBLE and not (ch == '"' and _is_letter(before)):
                self._open(p, ch)
        elif ch == OPEN_DOUBLE and self.open_char == OPEN_DOUBLE:
            self.open_pos = p  # an unbalanced opener: restart from here
        else:
            self._close(self.open_pos, p)

    def _close(self, open_pos: int, p: int) -> None:
        q = Quote(open_pos + 1, p, open_pos, p, self.bi, continues=self.continues)
        for inner in self.pending_inner:
            inner.outer = q
        self.pending_inner = []
        self.out.append(q)
        self.open_pos = None
        self.nested = None
        self.first_mark = False

    def _left_open(self) -> bool:
        """A quote left open at the paragraph's end runs to its last word and on into the next."""
        if self.open_pos is None or self.open_char == "\u2018":
            return False  # an unclosed single mark is more likely an apostrophe ("the \u201890s")
        text_end = self.end
        while text_end > self.open_pos + 1 and self.body[text_end - 1].isspace():
            text_end -= 1
        self.out.append(
            Quote(self.open_pos + 1, text_end, self.open_pos, None, self.bi, continues=self.continues)
        )
        return True


def clean_span(body: str, q: Quote) -> tuple[int, int]:
    s, e = q.start, q.end
    while s < e and body[s].isspace():
        s += 1
    while e > s and body[e - 1].isspace():
        e -= 1
    if e > s and body[e - 1] == ",":
        e -= 1
    return s, e


def is_reportable(body: str, q: Quote) -> bool:
    s, e = clean_span(body, q)
    words = 0  # words with a letter or digit in them; four are enough, however long the quote
    for w in body[s:e].split():
        if w.isalnum() or any(c.isalnum() for c in w):
            words += 1
            if words == 4:
                break
    if words < 4 or _is_title_of_a_work(body[s:e]):
        return False
    lead = body[max(0, q.open_mark - 14) : q.open_mark].lower().split()
    return not (lead and lead[-1].strip(",:") in _TITLE_CUES)


def _is_title_of_a_work(text: str) -> bool:
    """Is a short quoted span in title case ("Keeping Up with the Neighbours"): the name of a
    show, a report or a book, not words someone said?"""
    words = text.split()
    if len(words) > 12:
        return False
    content = [w for w in words if w.strip(".,;:!?") not in _MINOR_WORDS]
    return len(content) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in content)


_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "nor",
        "but",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "over",
        "up",
        "as",
        "so",
        "via",
        "per",
    ]
)


_QUOTE_OPENERS = ('"', OPEN_DOUBLE, "\u2018", "'")

# Verbs of a speaker going on: their pronoun is the last speaker's, whoever was named in between.
_GOING_ON = frozenset(["added", "adds", "continued", "continues"])


class Attributor:
    def __init__(self, body: str, sentences, entities: list[Entity], descriptor_np) -> None:
        self.body = body
        self.windows = TokenWindows(body)  # every window around the quotes tokenized once
        self.lex = lexicon()
        self.sent_starts = span_starts(sentences)
        self.sentences = sentences
        spans = sorted(
            ((s, -t, e) for e in entities if e.kind in ("person", "organization") for s, t in e.spans),
            key=lambda x: (x[0], x[1]),
        )
        self.m_starts = [s[0] for s in spans]
        self.m_ends = [-s[1] for s in spans]
        self.m_entities = [s[2] for s in spans]
        del spans
        # mentions by end offset, for "the name right before the verb"
        order = sorted(range(len(self.m_ends)), key=self.m_ends.__getitem__)
        self.e_ends = [self.m_ends[i] for i in order]
        self.e_entities = [self.m_entities[i] for i in order]
        self.persons = [e for e in entities if e.kind == "person"]
        self.descriptors: dict[str, Entity] = {}
        for e in entities:
            for d in e.descriptors:
                self.descriptors.setdefault(d, e)
        self.descriptor_np = sorted(descriptor_np)
        self.inside = (0, 0)  # the quote being attributed
        self.last_speaker: Entity | None = None  # of the quotes attributed so far

    # ---- helpers -------------------------------------------------------
    def _starting_at(self, pos: int):
        """(end, entity) of the longest mention starting at pos, or None."""
        i = bisect_left(self.m_starts, pos)
        if i < len(self.m_starts) and self.m_starts[i] == pos:
            return self.m_ends[i], self.m_entities[i]
        return None

    def _ending_at(self, pos: int) -> Entity | None:
        i = bisect_left(self.e_ends, pos)
        if i < len(self.e_ends) and self.e_ends[i] == pos:
            return self.e_entities[i]
        return None

    def _sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, pos) - 1
        if i < 0:
            return 0, len(self.body)
        return self.sentences[i]

    def _turn_speaker(self, pos: int) -> Entity | None:
        """The named speaker of a transcript turn ("MS. HALE: ...") that `pos` lies in."""
        line_start = self.body.rfind("\n", max(0, pos - _TURN_REACH), pos) + 1
        if line_start == 0 and pos > _TURN_REACH:
            return None  # a turn is a paragraph, not a whole book: look back only so far
        label = _TURN_LABEL.match(self.body, line_start, pos)
        if label is None:
            return None
        who = self._entity_in(line_start, label.end(1))
        return who if who is not None and who.kind == "person" else None

    def _entity_in(self, start: int, end: int) -> Entity | None:
        i = bisect_left(self.m_starts, start)
        while i < len(self.m_starts) and self.m_starts[i] < end:
            if self.m_ends[i] <= end:
                return self.m_entities[i]
            i += 1
        return None

    def _resolve_pronoun(self, word: str, before: int, any_gender: bool = False) -> object:
        want = PRONOUNS[word]
        i = bisect_left(self.m_starts, before) - 1
        limit = before - 3000
        best_desc = None
        if want == "plural":
            j = bisect_left(self.descriptor_np, (before, "")) - 1
            if j >= 0:
                pos, noun = self.descriptor_np[j]
                if noun in self.descriptors and pos > limit:
                    best_desc = (pos, self.descriptors[noun])
        titled = self._titled_subject(before, limit) if want in ("m", "f") else None
        while i >= 0 and self.m_starts[i] > limit:
            e = self.m_entities[i]
            if self.inside[0] <= self.m_starts[i] < self.inside[1]:
                i -= 1
                continue  # a name inside the quote itself is not its speaker
            if titled is not None and self.m_starts[i] < titled[0]:
                # "The Director stressed ... he said": the office spoke since the last name; its holder
                # if the text names them, else no one
                return self._resolve_np(titled[1], titled[0])
            if want in ("m", "f"):
                if e.kind == "person" and (any_gender or e.gender in (None, want)):
                    return e
            elif e.kind == "organization":
                if best_desc and best_desc[0] > self.m_starts[i]:
                    return best_desc[1]
                return e
            i -= 1
        if best_desc:
            return best_desc[1]
        return UNKNOWN

    def _titled_subject(self, before: int, limit: int) -> tuple[int, str] | None:
        """(position, title) of the last sentence before `before` whose subject is an office
        ("The Minister said ..."), or None."""
        titles = self.lex.titles
        j = bisect_left(self.descriptor_np, (before, "")) - 1
        while j >= 0 and self.descriptor_np[j][0] > limit:
            pos, noun = self.descriptor_np[j]
            if noun in titles and self.body.startswith("The ", pos):
                return pos, noun
            j -= 1
        return None

    def _resolve_np(self, head: str, before: int) -> object:
        """'the minister' -> the last person whose role has that word; 'the owner' -> a described org."""
        if head in self.descriptors:
            return self.descriptors[head]
        i = bisect_left(self.m_starts, before) - 1
        limit = before - 5000
        body_noun = head in self.lex.org_nouns and head not in self.lex.titles
        while i >= 0 and self.m_starts[i] > limit:
            e = self.m_entities[i]
            if body_noun and e.kind == "organization":
                return e  # "the company said": the organisation last named
            if e.kind == "person" and e.role and head in _role_head_words(e.role):
                return e
            i -= 1
        return UNKNOWN

    def _subject_before(self, toks: list[Token], v: int, clause_start: int) -> object:
        """Who does the reporting verb toks[v] belong to? Walk left from it."""
        x = v - 1
        while x >= clause_start and toks[x].lower in _SKIP:
            x -= 1
        if x >= clause_start and toks[x].text == ")":
            y = x
            while y >= clause_start and toks[y].text != "(":
                y -= 1
            x = y - 1
        if x < clause_start:
            return None
        t = toks[x]
        if t.text == "," or t.lower in ("and", "but"):
            return self._first_in_clause(toks, clause_start, x)
        ent = self._ending_at(t.end)
        if ent is not None:
            return ent
        if t.lower in PRONOUNS:
            if toks[v].lower in _GOING_ON and self._fits(self.last_speaker, t.lower):
                return self.last_speaker  # '"...," he added': the speaker going on, not the last name
            return self._resolve_pronoun(t.lower, t.start)
        if t.lower in ("i", "we", "you"):
            return None
        if t.text[0].isalpha():
            # a noun phrase: "A ministry spokesman", "the minister", "the owner"
            y = x
            while (
                y > clause_start
                and toks[y - 1].text[0].isalpha()
                and toks[y - 1].lower not in ("the", "a", "an")
                and toks[y - 1].lower not in _SKIP
                and toks[y - 1].lower not in PRONOUNS
            ):
                y -= 1
            ent = self._entity_in(toks[y].start, t.end)
            if ent is not None:
                return ent
            if t.text[0].islower():
                return self._resolve_np(t.lower, t.start)
            if y > 0 and toks[y - 1].lower == "the" and t.lower in self.lex.titles:
                return self._resolve_np(t.lower, t.start)  # "the Director-General said": named before?
            if y == x and t.lower in self.lex.demonyms and y > 0 and toks[y - 1].lower == "the":
                return self._resolve_pronoun("he", t.start, any_gender=True)  # "the Spaniard told ..."
            return UNKNOWN
        return None

    def _first_in_clause(self, toks, clause_start: int, stop: int) -> object:
        x = clause_start
        # an opening phrase ("In a letter ..., ", "Speaking to reporters ..., ") is not the subject
        first = toks[x] if x < stop else None
        if first is not None and (
            first.lower
            in (
                "in",
                "on",
                "at",
                "after",
                "before",
                "according",
                "asked",
                "speaking",
                "opening",
                "with",
                "during",
                "following",
                "when",
                "while",
                "as",
                "for",
                "from",
            )
            or first.lower.endswith("ing")
        ):
            for y in range(x, stop):
                if toks[y].text == ",":
                    x = y + 1
                    break
        for y in range(x, stop):
            t = toks[y]
            start_hit = self._starting_at(t.start)
            if start_hit is not None:
                return start_hit[1]
            if t.lower in PRONOUNS:
                return self._resolve_pronoun(t.lower, t.start)
        return None

    def _person_in_title(self, toks: list[Token], y: int, limit: int) -> Entity | None:
        """After 'said', an organisation opening a title is the speaker's employer, not the speaker:
        the person the title leads to ('said UN Special Envoy Lena Fisk'), if one is named."""
        hit = self._starting_at(toks[y].start)
        if hit is None or hit[1].kind == "person":
            return None
        for z in range(y + 1, limit):
            t = toks[z]
            if not t.text[0].isalnum() and t.text not in ("-", "."):
                return None  # the run ends: a comma, a quote mark
            later = self._starting_at(t.start)
            if later is not None and later[1].kind == "person":
                return later[1]
        return None

    def _reporting_after(self, toks: list[Token], anywhere: bool) -> object:
        """'," Okafor wrote', '," said Major Lena Fisk', '..., she said.'"""
        verbs = self.lex.reporting_verbs
        n = len(toks)
        begin = 0
        limit = n if anywhere else min(n, 9)
        for v in range(begin, limit):
            t = toks[v]
            if t.text in ('"', OPEN_DOUBLE, CLOSE_DOUBLE) and v > 0:
                break
            if t.lower not in verbs or t.text[0].isupper():
                continue
            if v == 0 or (v <= 1 and toks[0].text in (",", "\u2013", "-")):
                # verb first: the subject follows
                for y in range(v + 1, min(n, v + 7)):
                    hit = self._starting_at(toks[y].start)
                    if hit is not None:
                        return self._person_in_title(toks, y, min(n, v + 9)) or hit[1]
                    if toks[y].lower in PRONOUNS:
                        return self._resolve_pronoun(toks[y].lower, toks[y].start)
                    if toks[y].text in (",", ";") or (
                        toks[y].text == "."
                        and toks[y - 1].lower not in self.lex.honorifics
                        and toks[y - 1].lower not in self.lex.titles  # "said Gen. Ana Ruiz"
                    ):
                        break
                for y in range(v + 1, min(n, v + 5)):
                    w = toks[y]
                    if (
                        w.text[0].islower() and w.lower not in ("the", "a", "an")
                    ) or w.lower in self.lex.titles:
                        return self._resolve_np(w.lower, w.start)  # "said the minister", "said the Director"
                return UNKNOWN
            # subject first: everything between the start (or a comma) and the verb
            if not anywhere and any(toks[y].lower in ("and", "but", "or") for y in range(v)):
                return None  # "," but warned": the sentence's own subject, found before the quote
            s = v - 1
            while s >= 0 and toks[s].text not in (",", "\u2013", ";", ".") and v - s < 8:
                s -= 1
            if anywhere and (s < 0 or toks[s].text != ","):
                continue
            subj = self._subject_before(toks, v, s + 1)
            if subj is not None:
                return subj
            if not anywhere:
                return UNKNOWN
        return None

    # ---- main ----------------------------------------------------------
    def speaker_names(self, quotes: list[Quote]) -> list[str | None]:
        """Who said each of the quotes, by name."""
        self.attribute(quotes)
        return [speaker_name(q.speaker) for q in quotes]

    def attribute(self, quotes: list[Quote]) -> None:
        prev: Quote | None = None
        for q in quotes:
            self.inside = (q.start, q.end)
            q.speaker = self._attribute_one(q, prev)
            if isinstance(q.speaker, Entity):
                self.last_speaker = q.speaker
            prev = q
        self.inside = (0, 0)

    def _introduced_by_colon(self, open_mark: int) -> object:
        """A quote opening its paragraph under "Ana Ruiz said:" (a paragraph or two before, the
        ones between quoted too): the subject of that reporting verb, else None."""
        body = self.body
        start = body.rfind("\n", max(0, open_mark - 200), open_mark) + 1
        if body[start:open_mark].strip() or (start == 0 and open_mark > 200):
            return None
        for _ in range(3):
            end = start - 1
            while end > 0 and body[end - 1].isspace():
                end -= 1
            if end <= 0:
                return None
            start = body.rfind("\n", max(0, end - 600), end) + 1
            line = body[start:end]
            if line.endswith(":"):
                toks = self.windows.window(start, end)
                verbs = [
                    i for i, t in enumerate(toks) if t.lower in self.lex.reporting_verbs and t.text.islower()
                ]
                return self._subject_before(toks, verbs[-1], 0) if verbs else None
            if line[:1] not in _QUOTE_OPENERS:
                return None  # a paragraph of narrative between: the colon is not this quote's
        return None

    def _speech_goes_on(self, prev: Quote, q: Quote) -> bool:
        """Does the quoted paragraph `q` go on with the speech of the quote in the paragraph right
        before it: `q` opens its paragraph, and no other person is named since that quote?"""
        if prev.block + 1 != q.block or prev.close_mark is None or not isinstance(prev.speaker, Entity):
            return False
        line_start = self.body.rfind("\n", 0, q.open_mark) + 1
        if self.body[line_start : q.open_mark].strip():
            return False
        i = bisect_left(self.m_starts, prev.close_mark)
        while i < len(self.m_starts) and self.m_starts[i] < q.open_mark:
            e = self.m_entities[i]
            if e.kind == "person" and e is not prev.speaker:
                return False
            i += 1
        return True

    @staticmethod
    def _fits(speaker: Entity | None, pronoun: str) -> bool:
        want = PRONOUNS[pronoun]
        if speaker is None:
            return False
        if want in ("m", "f"):
            return speaker.kind == "person" and speaker.gender in (None, want)
        return speaker.kind == "organization"

    def _attribute_one(self, q: Quote, prev: Quote | None) -> object:
        """The speaker of `q`, from the first of these places that names one, the surest first;
        UNKNOWN or None where that place names nobody we know."""
        if (who := self._reporting_right_after(q)) is not None:
            return who
        if (who := self._reporting_before(q, prev)) is not None:
            return who
        if (who := self._reporting_later_in_sentence(q)) is not None:
            return who
        if prev is not None and self._same_speech(prev, q):
            return prev.speaker
        if q.outer is None and (who := self._introduced_by_colon(q.open_mark)) is not None:
            return who
        return self._subject_of_sentence_before(q.open_mark)

    def _reporting_right_after(self, q: Quote) -> object:
        """A reporting clause right after the closing mark: `," Ruiz said`, `," said Ruiz`."""
        if q.close_mark is None:
            return None
        body = self.body
        s_end = self._sentence(q.close_mark)[1]
        if q.outer is not None:
            s_end = q.outer.end
        # the clause ends where the next quote opens
        nxt_open = body.find(OPEN_DOUBLE, q.close_mark + 1, s_end)
        stop = nxt_open if nxt_open > 0 else s_end
        straight = body.find('"', q.close_mark + 1, stop)
        if straight > 0:
            stop = straight
        after = self.windows.window(q.close_mark + 1, stop, most=_AFTER_TOKENS)
        return self._reporting_after(after, anywhere=False) if after else None

    def _region_before(self, q: Quote, prev: Quote | None) -> int:
        """Where the reporting clause before `q` may start: its sentence, the quote it lies in,
        or just after the quote before it in the same sentence."""
        if q.outer is not None:
            return q.outer.start
        region_start = self._sentence(q.open_mark)[0]
        if (
            prev is not None
            and prev.close_mark is not None
            and prev.outer is None
            and region_start <= prev.close_mark < q.open_mark
            and prev.block == q.block
        ):
            region_start = prev.close_mark + 1
        return region_start

    def _reporting_before(self, q: Quote, prev: Quote | None) -> object:
        """The reporting clause before the opening mark: `Ruiz said: "`, `according to Ruiz, "`,
        or the turn of a transcript speaking in the first person."""
        before = self.windows.window(max(self._region_before(q, prev), q.open_mark - 400), q.open_mark)
        v = None
        for i in range(len(before) - 1, -1, -1):
            t = before[i]
            if t.lower in self.lex.reporting_verbs and t.text[0].islower():
                v = i
                break
            if t.lower == "according" and i + 2 < len(before) and before[i + 1].lower == "to":
                hit = self._entity_in(before[i + 2].start, q.open_mark)
                if hit:
                    return hit
        first_person = [t for t in before if t.text in ("I", "we", "We")]
        if first_person and (v is None or (v > 0 and before[v - 1] is first_person[-1])):
            # a transcript: "MR. LEE: ... we believe "..."": the speaker of the turn speaks
            who = self._turn_speaker(q.open_mark)
            if who is not None:
                return who
        return self._subject_before(before, v, 0) if v is not None else None

    def _reporting_later_in_sentence(self, q: Quote) -> object:
        """A reporting clause further on in the quote's sentence, not right after its mark."""
        if q.close_mark is None or q.outer is not None:
            return None
        s_end = self._sentence(q.close_mark)[1]
        rest = self.windows.window(q.close_mark + 1, min(s_end, q.close_mark + 400))
        return self._reporting_after(rest, anywhere=True) if rest else None

    def _same_speech(self, prev: Quote, q: Quote) -> bool:
        """Does `q` go on with the speech of the quote before: in the same paragraph, carried over
        from the last one, or opening the next paragraph with no one else named between?"""
        return (
            q.outer is None
            and prev.outer is None
            and (prev.block == q.block or q.continues or self._speech_goes_on(prev, q))
        )

    def _subject_of_sentence_before(self, open_mark: int) -> Entity | None:
        """The person who acts in the sentence before the quote's ("Okafor paused."): the last
        one followed by a lower-case word that is no stop word."""
        s0, _ = self._sentence(open_mark)
        i = bisect_right(self.sent_starts, s0 - 1) - 1
        if i < 0 or self.sentences[i][1] > s0:
            return None
        ps, pe = self.sentences[i]
        toks = self.windows.window(max(ps, pe - 600), pe)
        found = None
        for k, t in enumerate(toks[:-1]):
            ent = self._ending_at(t.end)
            if ent is not None and ent.kind == "person":
                nxt = toks[k + 1]
                if nxt.text[0].islower() and nxt.lower not in self.lex.stopwords:
                    found = ent
        return found


def _role_head_words(role: str) -> list[str]:
    """The words of a role before its complement: "Deputy Spokesman for the Minister" is a
    spokesman, not a minister."""
    words = role.lower().split()
    for i, w in enumerate(words):
        if w in ("of", "for", "to", "at", "in"):
            return words[:i]
    return words


def speaker_name(speaker: object) -> str | None:
    if isinstance(speaker, Entity):
        return speaker.name
    return None
