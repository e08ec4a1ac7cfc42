"""Document-level decisions: which mentions name one entity, and of what kind."""

from __future__ import annotations

from array import array

from briefer.extract.lexicon import fold, gazetteer, given_names
from briefer.extract.names import Entity, Mention, MentionStore, NameFinder, Weight

_MINOR_WORDS = frozenset({"of", "the", "for", "and", "&", "on", "in"})
_GOVERNMENT_ALONE = frozenset({("government",), ("administration",)})


def _edit_distance_at_most(a: str, b: str, limit: int) -> bool:
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            best = min(best, cur[j])
        if best > limit:
            return False
        prev = cur
    return prev[-1] <= limit


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> int:
    """Index where `short` occurs as a contiguous run of `long`, or -1."""
    n, k = len(long), len(short)
    for i in range(n - k + 1):
        if long[i : i + k] == short:
            return i
    return -1


class Cluster:
    __slots__ = (
        "first",
        "indices",
        "key",
        "kind",
        "lone_sayings",
        "org",
        "person",
        "place",
        "store",
        "target",
        "words",
    )

    def __init__(self, key: str, words: tuple[str, ...], store: MentionStore) -> None:
        self.key = key
        self.words = words
        self.store = store
        self.indices = array("q")  # of its mentions in `store`: most need never become objects
        self.person = self.org = self.place = 0.0
        self.lone_sayings = 0  # mentions whose org score is only a reporting verb after one word
        self.kind: str | None = None
        self.target: Cluster | None = None  # the cluster this one is an alias of
        self.first = 1 << 60

    def add(self, index: int, m: Mention) -> None:
        if m.void:
            return
        self.indices.append(index)
        self.person += m.person
        self.org += m.org
        self.place += m.place
        self.lone_sayings += m.lone_sayer
        self.first = min(self.first, m.start)

    def body_evidence(self) -> float:
        """The org score without what speaking alone gave it: "Lindqvist said" is a body's
        cue only until the text names a Henrik Lindqvist."""
        return self.org - Weight.LONE_SAYER * self.lone_sayings

    @property
    def mentions(self) -> list[Mention]:
        return [self.store[i] for i in self.indices]

    @property
    def head(self) -> Mention:
        """The first mention."""
        return self.store[self.indices[0]]

    def root(self) -> Cluster:
        c = self
        while c.target is not None:
            c = c.target
        return c


_CLEARLY_A_PLACE = 4  # a cluster's place score from which it is a place (`_decide`)
_STRONG_EVIDENCE = 3  # a score for one kind that no short form of another kind outweighs


def _decide(c: Cluster) -> str | None:
    if min(c.person, c.org, c.place) <= -5 and max(c.person, c.org, c.place) < _STRONG_EVIDENCE:
        return None
    if c.place >= _CLEARLY_A_PLACE and c.place >= c.org and c.place >= c.person:
        return "place"
    if c.org >= 2 and c.org >= c.person:
        return "organization"
    if c.person >= 2:
        return "person"
    if c.place >= 1.5 and c.place > c.person and c.place > c.org:
        return "place"
    return None


def resolve(finder: NameFinder):
    """Entities (persons, organizations, groups) and places, each with its mentions."""
    r = _Resolution(finder)
    r.merge_country_aliases()
    r.decide_kinds()
    r.bodies_listed_with_bodies()
    r.acronyms_join_what_they_abbreviate()
    r.acronyms_join_bodies_by_initials()
    r.short_forms_join_fuller_names()
    r.government_alone_names_no_body()
    r.capitals_stand_for_their_countries()
    return _entities(finder, r.clusters)


class _Resolution:
    """The clusters of one document's mentions (one per folded name), and the passes that decide,
    in order, what kind each is and which names one entity with another (`Cluster.target`)."""

    def __init__(self, finder: NameFinder) -> None:
        self.finder = finder
        self.gaz = gazetteer()
        self.names = given_names()
        self.mentions = finder.mentions
        self.acronym_links: list[tuple[Mention, Mention]] = []
        clusters: dict[str, Cluster] = {}
        for index, m in enumerate(self.mentions):
            if not m.key or m.key in finder.not_entities:
                continue
            if m.acronym_of is not None:
                self.acronym_links.append((m, self.mentions[m.acronym_of]))
            c = clusters.get(m.key)
            if c is None:
                c = clusters[m.key] = Cluster(m.key, m.words, self.mentions)
            c.add(index, m)
        self.clusters = {k: c for k, c in clusters.items() if c.indices}

    def _place_cluster(self, key: str, first: int) -> Cluster:
        """A place the text names only by another name (a code, its capital): made up."""
        t = self.clusters[key] = Cluster(key, (key,), self.mentions)
        t.kind = "place"
        t.first = first
        return t

    def merge_country_aliases(self) -> None:
        """Country aliases (US, U.S., USA, United States) are one place."""
        for c in list(self.clusters.values()):
            country = self.gaz.country_of_alias(c.head.text)
            if country and c.place > 0:
                key = fold(country)
                if key != c.key:
                    t = self.clusters.get(key)
                    if t is None:
                        t = self._place_cluster(key, c.first)
                        t.place = Weight.COUNTRY
                    c.target = t

    def decide_kinds(self) -> None:
        for c in self.clusters.values():
            if c.target is None:
                c.kind = _decide(c)

    def bodies_listed_with_bodies(self) -> None:
        """A bare name listed with an organisation is one too: "Siemens and ASML", "Arsenal or
        Bayern Munich", "Halvard, Booz Allen and Vexel" (read both ways, so a list's kind reaches
        its first item)."""
        mentions = self.mentions
        for i, j in [*self.finder.coordinated, *reversed(self.finder.coordinated)]:
            ci, cj = self.clusters.get(mentions[i].key), self.clusters.get(mentions[j].key)
            if ci is None or cj is None:
                continue
            for known, bare in ((ci, cj), (cj, ci)):
                if known.root().kind == "organization" and self._may_be_a_body(bare):
                    bare.kind = "organization"

    def _may_be_a_body(self, bare: Cluster) -> bool:
        return (
            bare.target is None
            and bare.kind is None
            and bare.words[0] not in self.names
            and not self.gaz.kind(bare.head.text)
            # "Gaza Cease-Fire" is no body; "Booz Allen Hamilton" is
            and not self.gaz.kind_of_key(bare.words[0])
        )

    def acronyms_join_what_they_abbreviate(self) -> None:
        """Acronyms defined in parentheses take the kind of what they abbreviate."""
        for am, target in self.acronym_links:
            ac, tc = self.clusters.get(am.key), self.clusters.get(target.key)
            if tc is None or ac is None or ac is tc or ac.target is not None:
                continue
            tc = tc.root()
            # an acronym defined in parentheses is the organisation even where it reads like a
            # place ("the DoDMA district office"), unless it is a country's own code
            acronym_kind_ok = ac.kind in (None, "organization") or (
                ac.kind == "place" and not self.gaz.kind(am.text) and not self.gaz.country_of_alias(am.text)
            )
            if tc.kind in (None, "organization") and acronym_kind_ok:
                tc.kind = "organization"
                ac.target = tc

    def acronyms_join_bodies_by_initials(self) -> None:
        """An acronym never spelled out in parentheses still abbreviates the organisation whose
        initials it is: "the Federal Trade Commission ... FTC Chair"."""
        by_initials: dict[str, Cluster] = {}
        for c in self.clusters.values():
            if c.target is None and c.kind == "organization" and len(c.words) > 1:
                initials = "".join(w[0] for w in c.words if w not in _MINOR_WORDS)
                by_initials.setdefault(initials, c)
        for c in self.clusters.values():
            text = c.head.text if c.indices else ""
            if (
                c.target is None
                and len(c.words) == 1
                and text.isupper()
                and 2 <= len(text) <= 6
                and c.kind in (None, "organization")
            ):
                full = by_initials.get(fold(text))
                if full is not None and full is not c:
                    c.target = full

    def short_forms_join_fuller_names(self) -> None:
        """Short forms and spelling variants join the fuller name, in order of first mention."""
        ordered = sorted((c for c in self.clusters.values() if c.target is None), key=lambda c: c.first)
        longer = [c for c in ordered if len(c.words) > 1 and c.kind is not None]
        by_word: dict[str, list[Cluster]] = {}
        for other in longer:
            for w in set(other.words):
                by_word.setdefault(w, []).append(other)
        for c in ordered:
            if c.target is not None:
                continue
            fuller = self._fuller_name(c, by_word)
            if fuller is not None:
                if not self._first_name_shared(c, fuller, longer):
                    c.target = fuller
            elif c.kind in (None, "person"):
                c.target = _person_spelled_otherwise(c, by_word, longer)

    def _fuller_name(self, c: Cluster, by_word: dict[str, list[Cluster]]) -> Cluster | None:
        """The first-named longer cluster of which `c` may be a short form."""
        best = None
        for other in by_word.get(c.words[0], ()):
            if other is c or other.target is not None or len(other.words) <= len(c.words):
                continue
            pos = _contains(other.words, c.words)
            if pos >= 0 and self._may_shorten(c, other, pos) and (best is None or other.first < best.first):
                best = other
        return best

    def _may_shorten(self, c: Cluster, other: Cluster, pos: int) -> bool:
        """Whether `c`, found at word `pos` of the longer `other`, may be a short form of it."""
        if other.kind == "person":
            return self._may_shorten_person(c, pos)
        if other.kind == "organization":
            return self._may_shorten_body(c, other, pos)
        if other.kind == "place":
            return pos == 0 and c.person < _STRONG_EVIDENCE and c.org < _STRONG_EVIDENCE
        return True

    def _may_shorten_person(self, c: Cluster, pos: int) -> bool:
        if pos == 0 and not (len(c.words) == 1 and c.words[0] in self.names):
            return False  # a person's opening words stand for them only as a lone given name
        return (
            self.gaz.kind(c.head.text) not in ("country", "region", "capital")
            and c.body_evidence() < _STRONG_EVIDENCE
        )

    def _may_shorten_body(self, c: Cluster, other: Cluster, pos: int) -> bool:
        if pos != 0 and pos + len(c.words) != len(other.words):
            return False  # a body is shortened to its first or its last words
        if pos == 0 and c.head.text.isupper() and len(c.words) == 1:
            return False  # "NASA" and "NASA Headquarters", "UN" and "UN Women": two bodies
        if pos != 0 and c.first < other.first:
            return False  # "the House" named before "the White House" is another body
        # "mayor of Passau" is not "Radio Passau"
        return not (
            c.place >= _CLEARLY_A_PLACE
            or c.person >= _STRONG_EVIDENCE
            or (pos != 0 and self.gaz.kind(c.head.text))
        )

    def _first_name_shared(self, c: Cluster, fuller: Cluster, longer: list[Cluster]) -> bool:
        """A first name shared by two people names neither."""
        return (
            fuller.kind == "person"
            and c.words[0] in self.names
            and len(c.words) == 1
            and sum(1 for other in longer if other.kind == "person" and other.words[0] == c.words[0]) > 1
        )

    def government_alone_names_no_body(self) -> None:
        """A bare "the Government" names whoever governs the country at hand, no body by its
        name: it counts only as a short form of a fuller name ("the Government of Malawi")."""
        for c in self.clusters.values():
            if c.target is None and c.words in _GOVERNMENT_ALONE:
                c.kind = None

    def capitals_stand_for_their_countries(self) -> None:
        """Capitals named only as actors ("Washington said") stand for their country."""
        for c in list(self.clusters.values()):
            if c.target is not None or c.kind != "place":
                continue
            country = self.gaz.capitals.get(c.key)
            if not country or any(m.locative for m in c.mentions):
                continue
            key = fold(country)
            t = self.clusters.get(key)
            if t is None:
                t = self._place_cluster(key, c.first)
            t = t.root()
            if t is not c:
                c.target = t


def _person_spelled_otherwise(
    c: Cluster, by_word: dict[str, list[Cluster]], longer: list[Cluster]
) -> Cluster | None:
    """The person `c` names with a misspelt surname ("Lindqvst") or another spelling of the given
    name ("Jon Smith" after "John Smith"), if any."""
    for other in by_word.get(c.words[-1], ()) if len(c.words) > 1 else longer:
        if other.kind != "person" or other is c or other.target is not None:
            continue
        if _misspelt_surname(c, other) or _given_name_spelled_otherwise(c, other):
            return other
    return None


def _misspelt_surname(c: Cluster, person: Cluster) -> bool:
    return (
        len(c.words) == 1
        and len(c.words[0]) >= 5
        and c.words[0] != person.words[-1]
        and c.place < _CLEARLY_A_PLACE
        and c.body_evidence() < _STRONG_EVIDENCE
        and _edit_distance_at_most(c.words[0], person.words[-1], 1)
    )


def _given_name_spelled_otherwise(c: Cluster, person: Cluster) -> bool:
    return (
        len(c.words) == len(person.words) > 1
        and person.first < c.first
        and c.words[1:] == person.words[1:]
        and _edit_distance_at_most(c.words[0], person.words[0], 2)
    )


def _entities(finder: NameFinder, clusters: dict[str, Cluster]):
    body = finder.body
    by_root: dict[int, Entity] = {}
    for c in clusters.values():
        r = c.root()
        if r.kind is None:
            continue
        e = by_root.get(id(r))
        if e is None:
            e = by_root[id(r)] = Entity(kind=r.kind, name="")
        for m in c.mentions:
            e.add(m)
    # single capitalised words with no kind of their own, and no fuller name: dropped above
    entities = [e for e in by_root.values() if e.mentions]
    for e in entities:
        e.mentions.sort(key=lambda m: (m.start, m.end))
        # an acronym in parentheses is seen both as a definition and as a word
        e.mentions = [
            m
            for i, m in enumerate(e.mentions)
            if i == 0 or (m.start, m.end) != (e.mentions[i - 1].start, e.mentions[i - 1].end)
        ]
        e.first = e.mentions[0].start
        forms = list(e.forms.values())
        if e.kind == "place" and not forms:
            continue
        e.name = _canonical(forms, e)
        e.words = tuple(fold(e.name).split())
        for m in e.mentions:
            if m.role and e.role is None and e.kind == "person":
                e.role = _clean_role(m.role)
            if m.gender and e.gender is None:
                e.gender = m.gender
            if m.descriptor:
                e.descriptors.add(m.descriptor)
        if e.kind == "person" and e.gender is None:
            g = given_names().get(e.words[0]) if e.words else None
            if g in ("m", "f"):
                e.gender = g
    # places whose only mentions were merged from elsewhere get the country name
    for e in entities:
        if not e.name:
            e.name = e.mentions[0].text
    # "the Premier's office": an organisation that speaks for a person
    mention_entity = {id(m): e for e in entities for m in e.mentions}
    offices: dict[int, Entity] = {}
    for idx, start, end in finder.office_mentions:
        owner = mention_entity.get(id(finder.mentions[idx]))
        if owner is None or owner.kind != "person":
            continue
        o = offices.get(id(owner))
        m = Mention(start, end, body[start:end], fold(body[start:end]), ())
        if o is None:
            o = offices[id(owner)] = Entity(kind="organization", name="")
        o.add(m)
    for owner_id, o in offices.items():
        owner = next(e for e in entities if id(e) == owner_id)
        surname = owner.name.split()[-1]
        preferred = next((f for f in o.forms.values() if f.startswith(surname)), None)
        o.name = preferred or next(iter(o.forms.values()))
        o.first = o.mentions[0].start
        o.descriptors.add("office")
        entities.append(o)
    group_list = []
    seen: dict[str, Entity] = {}
    for group in finder.groups:
        key = group.text.casefold()
        e = seen.get(key)
        if e is None:
            e = seen[key] = Entity(kind="group", name=group.text)
            group_list.append(e)
        e.add(group)
    for e in group_list:
        e.first = e.mentions[0].start
    # From here on only offsets matter: drop the evidence-laden mention objects.
    for e in entities + group_list:
        e.spans = [(m.start, m.end) for m in e.mentions]
        e.mentions = []
    finder.mentions.clear()
    finder.groups.clear()
    people = sorted((e for e in entities if e.kind != "place"), key=lambda e: e.first) + group_list
    people.sort(key=lambda e: e.first)
    places = sorted((e for e in entities if e.kind == "place"), key=lambda e: e.first)
    return people, places


def _canonical(forms: list[str], e: Entity) -> str:
    gaz = gazetteer()

    def score(f: str):
        words = f.split()
        upper = f.isupper() and len(words) > 1
        if e.kind == "place":
            country = gaz.countries.get(fold(f))
            # the country's own name beats its codes and its capital
            return (country == f, country is not None, not upper, len(words), len(f))
        return (True, True, not upper, len(words), len(f))

    best = forms[0]
    for f in forms[1:]:
        if score(f) > score(best):
            best = f
    acronyms = e.kind == "organization" and all(
        len(w) <= 4 for w in best.replace("-", " ").split()
    )  # "CMA CGM", "CNDD-FDD" stay as written
    if (
        best.isupper()
        and not acronyms
        and (len(best) > 6 or (e.kind in ("place", "person") and len(best) > 3))
    ):
        best = best.title()  # a dateline "BERLIN", a heading, a transcript label "MR. PRICE"
    return best


def _clean_role(role: str) -> str:
    words = role.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)
