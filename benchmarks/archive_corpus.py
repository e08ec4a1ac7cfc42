"""A generated archive of briefings for the archive and desk benchmarks: varied titles, dates,
sources, people, places and text built from sentence templates and word lists, so that searching it
behaves like searching real briefings (common words hit thousands of files, names hundreds,
rare words a few), and so that the desk meets what real briefings hold: people introduced by
their role, then named by surname, spelt as each outlet spells them (Zelensky, Zelenskiy,
Zelenskyy), quoted, and dates still to come."""

from __future__ import annotations

import calendar
import random
from pathlib import Path

PEOPLE = [
    "Volodymyr Zelensky",
    "Daniel Driscoll",
    "Donald Trump",
    "Vladimir Putin",
    "Marco Rubio",
    "Steve Witkoff",
    "Kirill Dmitriev",
    "Karoline Leavitt",
    "Julie Davis",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Keir Starmer",
    "Recep Tayyip Erdogan",
    "Xi Jinping",
    "Narendra Modi",
    "Ursula von der Leyen",
    "Antonio Guterres",
    "Mark Rutte",
    "Giorgia Meloni",
    "Pedro Sánchez",
    "Donald Tusk",
    "Friedrich Merz",
    "Benjamin Netanyahu",
    "Mohammed bin Salman",
    "Cyril Ramaphosa",
    "Luiz Inácio Lula da Silva",
    "Javier Milei",
    "Claudia Sheinbaum",
    "Fumio Kishida",
    "Yoon Suk Yeol",
    "Rafael Grossi",
    "Kaja Kallas",
    "Andrii Yermak",
    "Sergei Lavrov",
    "Hakan Fidan",
    "Abiy Ahmed",
    "William Ruto",
    "Bola Tinubu",
    "Shehbaz Sharif",
    "Prabowo Subianto",
]
# What a briefing calls them: the role before the name at the first mention, and the other
# spellings outlets use (one outlet, one spelling: a briefing keeps to its own).
ROLES = {
    "Volodymyr Zelensky": ("Ukrainian President", "President"),
    "Daniel Driscoll": ("US Army Secretary", "Army Secretary"),
    "Donald Trump": ("US President", "President"),
    "Vladimir Putin": ("Russian President", "President"),
    "Marco Rubio": ("Secretary of State", "US Secretary of State"),
    "Steve Witkoff": ("US special envoy", "envoy"),
    "Kirill Dmitriev": ("Russian envoy",),
    "Karoline Leavitt": ("White House Press Secretary",),
    "Emmanuel Macron": ("French President",),
    "Keir Starmer": ("British Prime Minister", "Prime Minister"),
    "Recep Tayyip Erdogan": ("Turkish President",),
    "Ursula von der Leyen": ("European Commission President",),
    "Antonio Guterres": ("UN Secretary-General",),
    "Mark Rutte": ("NATO Secretary General",),
    "Friedrich Merz": ("German Chancellor", "Chancellor"),
    "Rafael Grossi": ("IAEA Director General",),
    "Kaja Kallas": ("EU foreign policy chief",),
    "Andrii Yermak": ("chief of staff",),
    "Sergei Lavrov": ("Russian Foreign Minister", "Foreign Minister"),
    "Hakan Fidan": ("Turkish Foreign Minister",),
}
SPELLINGS = {
    "Volodymyr Zelensky": ("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"),
    "Daniel Driscoll": ("Dan Driscoll",),
    "Recep Tayyip Erdogan": ("Recep Tayyip Erdoğan",),
    "Andrii Yermak": ("Andriy Yermak",),
    "Sergei Lavrov": ("Sergey Lavrov",),
    "Antonio Guterres": ("António Guterres",),
}
ORGS = [
    "NATO",
    "the European Union",
    "the United Nations",
    "the IAEA",
    "the World Bank",
    "the IMF",
    "OPEC",
    "the African Union",
    "ASEAN",
    "the Red Cross",
    "Gazprom",
    "Naftogaz",
    "the Pentagon",
    "the Kremlin",
    "the State Department",
    "the European Commission",
    "the G7",
    "the World Health Organization",
    "Amnesty International",
    "the WTO",
    "Reuters",
    "the Security Council",
    "Rosatom",
    "Airbus",
    "Boeing",
]
PLACES = [
    "Kyiv",
    "Moscow",
    "Washington",
    "Brussels",
    "Berlin",
    "Paris",
    "London",
    "Ankara",
    "Istanbul",
    "Beijing",
    "Delhi",
    "Geneva",
    "Vienna",
    "Warsaw",
    "Kharkiv",
    "Odesa",
    "Zaporizhzhia",
    "Donetsk",
    "Crimea",
    "Gaza",
    "Jerusalem",
    "Cairo",
    "Riyadh",
    "Doha",
    "Tehran",
    "Baghdad",
    "Nairobi",
    "Addis Ababa",
    "Lagos",
    "Johannesburg",
    "Brasília",
    "Buenos Aires",
    "Mexico City",
    "Tokyo",
    "Seoul",
    "Jakarta",
    "Manila",
    "Hanoi",
    "Canberra",
    "Ottawa",
    "Helsinki",
    "Tallinn",
    "Riga",
    "Vilnius",
    "Bucharest",
    "Chișinău",
    "Tbilisi",
    "Yerevan",
    "Baku",
    "Almaty",
    "Zambezia",
    "Maputo",
    "Kinshasa",
    "Khartoum",
    "Tripoli",
    "Tunis",
    "Québec",
]
SOURCES = [
    "Reuters",
    "AP",
    "AFP",
    "Bloomberg",
    "BBC",
    "Al Jazeera",
    "Kyiv Independent",
    "Politico",
    "FT",
    "DPA",
    "Kyodo",
    "ANSA",
]
TOPICS = [
    "peace plan",
    "ceasefire",
    "grain deal",
    "energy security",
    "sanctions package",
    "nuclear safety",
    "trade talks",
    "prisoner exchange",
    "air defence",
    "reconstruction fund",
    "gas transit",
    "election monitoring",
    "humanitarian corridor",
    "debt relief",
    "border crossing",
    "drone strikes",
    "port blockade",
    "fishing rights",
    "water sharing",
    "mining licences",
    "refugee returns",
    "arms deliveries",
    "cyber attack",
    "climate finance",
]
VERBS = [
    "said",
    "told reporters",
    "warned",
    "insisted",
    "announced",
    "confirmed",
    "denied",
    "suggested",
    "argued",
    "added",
]
ADJECTIVES = [
    "cautious",
    "urgent",
    "fragile",
    "decisive",
    "unprecedented",
    "contested",
    "sweeping",
    "limited",
    "bilateral",
    "regional",
    "secret",
    "public",
    "preliminary",
    "final",
    "renewed",
    "stalled",
    "tentative",
    "broad",
    "narrow",
    "costly",
]
NOUNS = [
    "talks",
    "proposal",
    "agreement",
    "delegation",
    "offensive",
    "summit",
    "negotiations",
    "framework",
    "statement",
    "concessions",
    "guarantees",
    "vote",
    "deadline",
    "inspection",
    "convoy",
    "shipment",
    "investigation",
    "budget",
    "strategy",
]
MONTHS = list(calendar.month_name)[1:]
TEMPLATES = (
    "{person} {verb} that the {adj} {noun} on the {topic} would continue in {place} next week.",
    "Officials in {place} {verb} the {topic} depended on {org} and on {person}.",
    "The {adj} {noun} between {place} and {place2} collapsed on {weekday}, sources {verb}.",
    '"We are ready for {adj} work on the {topic}," {person} {verb} in {place}.',
    '"There will be no {adj} {noun} without {org}," {person} said on {weekday}.',
    "A vote on the {topic} is scheduled for {month} {day}, {person} {verb}.",
    "The {noun} on the {topic} is due to open in {place} next month, according to {org}.",
    "{org} {verb} it had received a draft of the {noun} late on {weekday}.",
    "According to {org}, the {topic} could cost {number} million dollars by {month}.",
    "{person}, who met {person2} in {place}, {verb} the {noun} was {adj}.",
    "Analysts said the {adj} {noun} was a test for {org} and its {rare} {rare2} policy.",
    "On {month} {day}, {person} travelled to {place} to discuss the {topic} with {org}.",
    "The {noun} follows {number} days of {adj} {topic} talks, {person} {verb}.",
    "Critics in {place} called the {noun} {adj}, pointing to the {rare} clause on {topic}.",
    "A spokesperson for {org} declined to comment on the {rare} {noun}.",
)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ten",
    "vas",
    "lu",
    "dor",
    "pel",
    "shi",
    "an",
    "vo",
    "rek",
    "ist",
    "ul",
    "mar",
    "tos",
    "ber",
    "gin",
    "fa",
    "ol",
    "zu",
    "ne",
    "dri",
    "sko",
]


def rare_words(rng: random.Random, count: int) -> list[str]:
    """Made-up words, drawn later with a skewed distribution: real text has a long tail of rare words."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def briefing_text(rng: random.Random, rare: list[str], index: int) -> str:
    """One briefing about a topic, with its own small cast of people, organisations and
    places (as a real story has), in 300 to 1,500 words."""
    year = rng.choice((2024, 2025, 2026))
    month = rng.randint(1, 12)
    date = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    cast = {
        "people": rng.sample(PEOPLE, rng.randint(2, 5)),
        "orgs": rng.sample(ORGS, rng.randint(1, 3)),
        "places": rng.sample(PLACES, rng.randint(2, 4)),
        "topics": rng.sample(TOPICS, rng.randint(1, 3)),
    }
    cast["spelling"] = [rng.choice((person, *SPELLINGS.get(person, ()))) for person in cast["people"]]
    title = (
        f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} on {cast['topics'][0]}"
        f" in {cast['places'][0]} ({index})"
    )
    words_wanted = rng.randint(300, 1500)
    paragraphs, words = [], 0
    while words < words_wanted:
        paragraph = " ".join(_sentence(rng, rare, cast) for _ in range(rng.randint(2, 6)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    front = f"---\ntitle: {title}\ndate: {date}\nsource: {rng.choice(SOURCES)}\n---\n"
    return front + "\n\n".join(paragraphs) + "\n"


def _sentence(rng: random.Random, rare: list[str], cast: dict[str, list[str]]) -> str:
    def rare_word() -> str:
        return rare[int(len(rare) * rng.random() ** 2)]  # the first ones common, the tail rare

    named = cast.setdefault("named", [])

    def person() -> str:
        """The first mention with the role and the briefing's spelling, later ones by surname."""
        who = rng.choice(cast["people"])
        spelling = cast["spelling"][cast["people"].index(who)]
        if who in named:
            return spelling.split()[-1] if rng.random() < 0.8 else spelling
        named.append(who)
        roles = ROLES.get(who)
        return f"{rng.choice(roles)} {spelling}" if roles and rng.random() < 0.7 else spelling

    return rng.choice(TEMPLATES).format(
        person=person(),
        person2=person(),
        verb=rng.choice(VERBS),
        adj=rng.choice(ADJECTIVES),
        noun=rng.choice(NOUNS),
        topic=rng.choice(cast["topics"]),
        place=rng.choice(cast["places"]),
        place2=rng.choice(cast["places"]),
        org=rng.choice(cast["orgs"]),
        weekday=rng.choice(WEEKDAYS),
        month=rng.choice(MONTHS),
        day=rng.randint(1, 28),
        number=rng.randint(2, 900),
        rare=rare_word(),
        rare2=rare_word(),
    )


SEED = 15


def generate(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """`count` briefings under `folder`, 500 to a subfolder, half markdown and half plain text."""
    rng = random.Random(seed)
    rare = rare_words(rng, 30_000)
    paths = []
    for index in range(count):
        sub = folder / f"batch-{index // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"briefing-{index:05d}.{'md' if index % 2 else 'txt'}"
        path.write_text(briefing_text(rng, rare, index), encoding="utf-8")
        paths.append(path)
    return paths
