"""The library's query language, parsed and turned into SQL over the index.

    words             every word (in the title, source or text), any order
    "exact phrase"    the words in this order
    prefix*           a word starting so
    a OR b, NOT a, -a, AND, ( )   (AND binds tighter than OR; AND is implied)
    title:  source:   in that field only (a word, "phrase" or prefix*)
    who:    where:    a person or organisation / a place the analysis found (any alias,
                      any word of the name); a briefing not analysed yet does not match
    tag:    note:     a tag on one of its notes (iran matches iran/nuclear too) / note text
    date:2025-11  date:2025-11-20  after:2025-11-01  before:2025-12   (after: includes the day)

Words are matched as FTS5's unicode61 tokenizer sees them: case and diacritics do not
matter. A malformed query raises QueryError with a one-line hint, never an SQLite error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TEXT_FIELDS = ("title", "source")  # FTS columns; no field: all of them
FIELDS = (*TEXT_FIELDS, "who", "where", "tag", "note", "date", "after", "before")
# The terms lit in a briefing's body: its words, and the names who: and where: ask for.
BODY_FIELDS = (None, "who", "where")
OPERATORS = ("AND", "OR", "NOT")
WHO_KINDS = ("person", "organization", "group")

_TOKEN = re.compile(
    r"\s*(?:(?P<paren>[()])|(?P<minus>-)(?=[^\s)])|(?P<field>[A-Za-z]+):(?=[^\s)])"
    r'|(?P<phrase>"[^"]*(?:"|$)\*?)|(?P<word>[^\s()"]+))'
)
_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_WORD_CHARS = re.compile(r"\w+")


class QueryError(ValueError):
    """A query that cannot be understood; the message is a one-line hint."""


@dataclass(frozen=True, slots=True)
class Term:
    field: str | None  # None: any text field
    text: str  # as typed, without quotes or the trailing *
    phrase: bool = False
    prefix: bool = False

    @property
    def words(self) -> list[str]:
        return words_of(self.text)


@dataclass(frozen=True, slots=True)
class Not:
    node: Node


@dataclass(frozen=True, slots=True)
class All:
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Any:
    nodes: tuple[Node, ...]


Node = Term | Not | All | Any


@dataclass(frozen=True, slots=True)
class Compiled:
    """`match` (an FTS5 expression, or None) ranks the results; `where` filters `files AS f`."""

    match: str | None
    where: str
    params: tuple[object, ...]
    terms: tuple[Term, ...]  # the text terms a result was found by, to light in its snippet


def fold(text: str) -> str:
    """Lower case without diacritics, as unicode61 with remove_diacritics compares words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words_of(text: str) -> list[str]:
    """The folded words FTS5 sees in `text`."""
    return _WORD_CHARS.findall(fold(text))


def parse(query: str) -> Node:
    tokens = _tokens(query)
    if not tokens:
        raise QueryError('nothing to search for: type a word, a "phrase" or a field such as title:')
    parser = _Parser(tokens)
    node = parser.any()
    if parser.position < len(tokens):
        raise QueryError("a ) has no ( before it")
    return node


def compile_query(query: str) -> Compiled:
    node = parse(query)
    terms = tuple(_positive_terms(node))
    parts: list[Node] = list(node.nodes) if isinstance(node, All) else [node]
    ranked: list[Node] = []  # in the words table: they rank the results
    negatives: list[Node] = []  # -word: taken out of the ranked ones
    rest: list[Node] = []  # anything else: SQL conditions
    for part in parts:
        if _fts(part) is not None:
            ranked.append(part)
        elif isinstance(part, Not) and _fts(part.node) is not None:
            negatives.append(part.node)
        else:
            rest.append(part)
    match = None
    if ranked:
        match = " AND ".join(f"({_fts(part)})" for part in ranked)
        if negatives:
            match = f"({match}) NOT ({' OR '.join(f'({_fts(part)})' for part in negatives)})"
    else:
        rest = parts
    params: list[object] = []
    where = " AND ".join(_sql(part, params) for part in rest) or "1"
    return Compiled(match, where, tuple(params), terms)


def _tokens(query: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: kind is paren, minus, field, phrase or word."""
    tokens = []
    for found in _TOKEN.finditer(query):
        kind = found.lastgroup or "word"
        tokens.append((kind, found[kind]))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def any(self) -> Node:
        options = [self.all()]
        while self.peek() == ("word", "OR"):
            self.position += 1
            options.append(self.all())
        return options[0] if len(options) == 1 else Any(tuple(options))

    def all(self) -> Node:
        items: list[Node] = []
        while (token := self.peek()) is not None and token not in (("paren", ")"), ("word", "OR")):
            if token == ("word", "AND"):
                self.position += 1
                continue
            items.append(self.item())
        if not items:
            raise QueryError("OR, AND or ( needs a word on each side")
        return items[0] if len(items) == 1 else All(tuple(items))

    def item(self) -> Node:
        kind, text = self.tokens[self.position]
        self.position += 1
        if kind == "minus" or (kind, text) == ("word", "NOT"):
            if self.peek() is None:
                raise QueryError(f"{text} needs a word after it: -word or NOT word")
            return Not(self.item())
        if kind == "paren":
            node = self.any()
            if self.peek() != ("paren", ")"):
                raise QueryError("a ( is not closed: add a )")
            self.position += 1
            return node
        if kind == "field":
            return self.field(text.lower())
        return _term(None, kind, text)

    def field(self, name: str) -> Term:
        if name not in FIELDS:
            raise QueryError(f"no field {name}: (fields: {', '.join(f + ':' for f in FIELDS)})")
        kind, text = self.tokens[self.position]
        self.position += 1
        if kind not in ("word", "phrase"):
            raise QueryError(f"{name}: needs a value right after it, such as {name}:word")
        term = _term(name, kind, text)
        if name in ("date", "after", "before") and not _DATE.fullmatch(term.text):
            raise QueryError(f"{name}: takes a date as 2025, 2025-11 or 2025-11-20, not {term.text!r}")
        return term


def _term(field: str | None, kind: str, text: str) -> Term:
    prefix = text.endswith("*")
    text = text.rstrip("*")
    if kind == "phrase":
        if not text.endswith('"') or len(text) < 2:
            raise QueryError('a " is not closed: end the phrase with another "')
        text = text[1:-1]
    term = Term(field, text, phrase=kind == "phrase", prefix=prefix)
    if field not in ("date", "after", "before") and not term.words:
        raise QueryError(f"nothing to search for in {text or kind!r}: use letters or digits")
    return term


def _fts(node: Node) -> str | None:
    """The node as an FTS5 expression, or None if it needs more than the words table."""
    if isinstance(node, Term):
        if node.field not in (None, *TEXT_FIELDS):
            return None
        quoted = '"' + " ".join(node.words) + '"' + (" *" if node.prefix else "")
        return f"{node.field} : {quoted}" if node.field else quoted
    if isinstance(node, Any):
        options = [_fts(option) for option in node.nodes]
        return None if None in options else " OR ".join(f"({option})" for option in options)
    if isinstance(node, All):
        wanted = [_fts(part) for part in node.nodes if not isinstance(part, Not)]
        unwanted = [_fts(part.node) for part in node.nodes if isinstance(part, Not)]
        if not wanted or None in wanted or None in unwanted:
            return None
        expression = " AND ".join(f"({part})" for part in wanted)
        return (
            f"({expression}) NOT ({' OR '.join(f'({part})' for part in unwanted)})"
            if unwanted
            else expression
        )
    return None  # a NOT alone: FTS5's NOT needs something on its left


def _sql(node: Node, params: list[object]) -> str:
    """The node as a condition on `files AS f`."""
    if isinstance(node, Not):
        return f"NOT ({_sql(node.node, params)})"
    if isinstance(node, All | Any):
        joiner = " AND " if isinstance(node, All) else " OR "
        return "(" + joiner.join(_sql(part, params) for part in node.nodes) + ")"
    expression = _fts(node)
    if expression is not None:
        params.append(expression)
        return "f.docid IN (SELECT rowid FROM fulltext WHERE fulltext MATCH ?)"
    return _field_sql(node, params)


def _field_sql(term: Term, params: list[object]) -> str:
    key = " ".join(term.words)
    if term.field in ("who", "where"):
        kinds = WHO_KINDS if term.field == "who" else ("place",)
        params.extend(kinds)
        marks = ", ".join("?" * len(kinds))
        if term.prefix:
            params.extend((key, key + "\uffff"))
            return f"f.docid IN (SELECT docid FROM mentions WHERE kind IN ({marks}) AND key >= ? AND key < ?)"
        params.append(key)
        return f"f.docid IN (SELECT docid FROM mentions WHERE kind IN ({marks}) AND key = ?)"
    if term.field == "tag":
        tag = fold(term.text).strip("#")
        params.extend((tag, tag + "/", tag + "/\uffff"))
        return "f.briefing_id IN (SELECT briefing_id FROM note_tags WHERE tag = ? OR (tag >= ? AND tag < ?))"
    if term.field == "note":
        params.append('"' + key + '"' + (" *" if term.prefix else ""))
        return (
            "f.briefing_id IN (SELECT briefing_id FROM notes WHERE rowid IN "
            "(SELECT rowid FROM note_words WHERE note_words MATCH ?))"
        )
    if term.field == "date":
        params.extend((term.text, term.text + "\uffff"))
        return "(f.date >= ? AND f.date < ?)"
    params.append(term.text)
    return "f.date >= ?" if term.field == "after" else "f.date < ?"


def fields_of(query: str) -> set[str]:
    """The fields `query` names (tag:, note:: the notes' copy must be current). Raises QueryError."""
    found: set[str] = set()
    waiting: list[Node] = [parse(query)]
    while waiting:
        node = waiting.pop()
        if isinstance(node, Term):
            found.update((node.field,) if node.field else ())
        elif isinstance(node, Not):
            waiting.append(node.node)
        else:
            waiting.extend(node.nodes)
    return found


def _positive_terms(node: Node) -> list[Term]:
    if isinstance(node, Term):
        return [node] if node.field in (*BODY_FIELDS, *TEXT_FIELDS) else []
    if isinstance(node, Not):
        return []
    return [term for part in node.nodes for term in _positive_terms(part)]
