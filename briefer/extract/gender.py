"""The gender of the persons a briefing names, from the text itself where it says so.

A list of given names knows "Andrea" as a woman's name in the US and a man's in Italy, and knows
nothing of many names in world news. The text is better evidence: an honorific ("Ms Okafor"), a
role word ("the spokeswoman"), and a pronoun later in the name's sentence, before another
person is named ("Dahl said he"). Each is a vote for the surname the mention ends with; a clear
majority decides the gender of every mention of that surname, else the list's guess stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

MALE_HONORIFICS = frozenset({"mr", "sir", "lord"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady", "madam"})
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Sir|Lord|Mrs|Ms|Miss|Dame|Lady|Madam)\.? ?$")
_PRONOUN = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.IGNORECASE)
# A pronoun is read as the name's only within the name's sentence, and before a quotation or a
# colon (what follows "NAME:" or "said:" is the speaker's own words, about others); and only
# this far after the name.
_GAP_END = re.compile(r"\n\s*\n|[\"“”«»:]|[.!?](?=\s)")
_REACH = 300

# How much each piece of evidence weighs: an honorific is all but certain, a role word nearly
# (a "chairman" is sometimes a woman), a pronoun can refer to someone unnamed.
HONORIFIC_VOTE = 3.0
FEMALE_ROLE_VOTE = 2.0  # "spokeswoman", "chairwoman"
MALE_ROLE_VOTE = 1.0  # "spokesman", "chairman"
PRONOUN_VOTE = 1.0
GIVEN_NAME_VOTE = 1.0  # the list's guess, once per surname
_NOT_MALE_ROLES = frozenset({"human", "ombudsman", "german", "roman", "oman"})


class PersonMention(Protocol):
    start: int
    end: int
    words: tuple[str, ...]
    role: str | None
    gender: str | None


def role_gender(role: str) -> tuple[str, float] | None:
    """('f', weight) for a role with a "-woman" word, ('m', weight) for one with a "-man" word."""
    for word in role.lower().split():
        word = word.strip(".,;:()")
        if word.endswith(("woman", "women")):
            return "f", FEMALE_ROLE_VOTE
        if word.endswith(("man", "men")) and len(word) > 4 and word not in _NOT_MALE_ROLES:
            return "m", MALE_ROLE_VOTE
    return None


def decide(
    mentions: Iterable[PersonMention],
    is_person: Callable[[Any], bool],
    body: str,
    given_names: Mapping[str, str],
) -> None:
    """Sets `gender` on the mentions of persons (`is_person`, and a surname alone after a person
    with that surname) where the votes for the surname are clear: at least twice the other side's."""
    persons, surnames = [], set()
    for m in mentions:
        if is_person(m):
            surnames.add(m.words[-1])
            persons.append(m)
        elif len(m.words) == 1 and m.words[0] in surnames:
            persons.append(m)  # "Dahl" after "Erik Dahl"
    votes: dict[str, list[float]] = {}  # surname -> [male, female]
    guessed: set[str] = set()
    for i, m in enumerate(persons):
        surname = m.words[-1]
        vote = votes.setdefault(surname, [0.0, 0.0])
        honorific = _HONORIFIC_BEFORE.search(body, max(0, m.start - 7), m.start)
        if honorific:
            vote[honorific.group(1).lower() in FEMALE_HONORIFICS] += HONORIFIC_VOTE
        by_role = role_gender(m.role) if m.role else None
        if by_role:
            vote[by_role[0] == "f"] += by_role[1]
        guess = given_names.get(m.words[0]) if len(m.words) > 1 else None
        if guess in ("m", "f") and surname not in guessed:
            guessed.add(surname)
            vote[guess == "f"] += GIVEN_NAME_VOTE
        end = min(persons[i + 1].start if i + 1 < len(persons) else len(body), m.end + _REACH)
        stop = _GAP_END.search(body, m.end, end)
        pronoun = _PRONOUN.search(body, m.end, stop.start() if stop else end)
        if pronoun:
            vote[pronoun.group(2) is not None] += PRONOUN_VOTE
    for m in persons:
        male, female = votes[m.words[-1]]
        if male > 0 and male >= 2 * female:
            m.gender = "m"
        elif female > 0 and female >= 2 * male:
            m.gender = "f"
