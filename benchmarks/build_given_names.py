"""Build `briefer/extract/data/given_names.tsv`, the given names the extractor knows and their
usual gender, from public-domain name counts.

Source: the US Social Security Administration's national baby names (public domain, a work of
the US federal government), "names.zip" unpacked: one `yobYYYY.txt` a year from 1880, lines
`Name,F|M,count` (the names given to at least five babies of one sex that year),
https://www.ssa.gov/oact/babynames/limits.html . (The 1990 census given-name lists add
nothing to it: 20 of their 5,494 names are missing from it, mostly misspellings.)

Two files come out, in `--out` (default briefer/extract/data):
- `given_names.tsv`: the names given to at least `--min-count` babies in all (100), the names
  that make a capitalised word a given name;
- `rare_given_names.tsv`: the rarer ones (down to five babies, all SSA publishes) whose babies
  were nearly all of one sex. Rare in the US is not rare in the world (Volodymyr, Tedros,
  Javiera): they tell the gender of a person found by other evidence, but are too close to
  noise ("Flash", "Care", "Biden") to make a word a name.
A name below `--common` births (10,000) that is also one of the extractor's own words (titles,
stop words, months, weekdays, demonyms, reporting verbs, organisation nouns, name particles,
compass points, country, capital and region names) is dropped: "Captain", "Sudan", "West" or
"She" given to a few babies is noise there, not a name; "Jordan", "June" and "Will" stay.
A name's gender is 'm' or 'f' when at least `--share` of its babies were of that sex, else '?'.

Usage:
    python benchmarks/build_given_names.py SSA_FOLDER [--out FOLDER]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from briefer.extract.lexicon import fold, gazetteer, lexicon
from briefer.extract.names import CONNECTORS, PARTICLES

OUT = Path(__file__).resolve().parent.parent / "briefer" / "extract" / "data"
HEADER = """\
# {what} and their usual gender: m, f, or ? when neither sex has {share:.0%} of its bearers.
# Built by benchmarks/build_given_names.py from the US Social Security Administration's national
# baby-name counts, {first}-{last} (public domain, US federal government works).
# Names are folded (lower case, no accents); {count} names.
"""
COMMON = "Given names, each given to at least {min_count} US babies,"
RARE = "Given names given to {rare_count} to {below} US babies, nearly all of one sex,"


def read_ssa(folder: Path) -> tuple[dict[str, list[int]], list[int]]:
    """Folded name -> [male births, female births] over every year file in `folder`."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    years = []
    for path in sorted(folder.glob("yob*.txt")):
        years.append(int(path.stem[3:]))
        for line in path.read_text(encoding="utf-8").splitlines():
            name, sex, count = line.strip().split(",")
            counts[fold(name)][sex == "F"] += int(count)
    return counts, years


def own_words() -> set[str]:
    """Words the extractor reads as something other than a name."""
    lex, gaz = lexicon(), gazetteer()
    words = set(lex.titles | lex.honorifics | lex.stopwords | lex.reporting_verbs | lex.org_nouns)
    words |= lex.title_modifiers | lex.org_heads | lex.geo_features | lex.compass | lex.demonyms
    words |= set(lex.weekdays) | {fold(m) for m in lex.temporal["months"]} | PARTICLES | CONNECTORS
    words |= {k for k in (*gaz.countries, *gaz.capitals, *gaz.regions) if " " not in k}
    return {fold(w) for w in words}


def gender(male: int, female: int, share: float) -> str:
    if male >= share * (male + female):
        return "m"
    if female >= share * (male + female):
        return "f"
    return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ssa", type=Path, help="folder of the SSA yobYYYY.txt files")
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the two files to")
    parser.add_argument("--min-count", type=int, default=100)
    parser.add_argument("--rare-count", type=int, default=5)
    parser.add_argument("--common", type=int, default=10_000)
    parser.add_argument("--share", type=float, default=0.9)
    args = parser.parse_args(argv)
    counts, years = read_ssa(args.ssa)
    if not years:
        print(f"no yobYYYY.txt file in {args.ssa}", file=sys.stderr)
        return 1
    noise = own_words()
    common, rare = [], []
    for name, (male, female) in sorted(counts.items()):
        total = male + female
        if total < args.rare_count or (total < args.common and name in noise):
            continue
        sex = gender(male, female, args.share)
        if total >= args.min_count:
            common.append(f"{name}\t{sex}\n")
        elif sex != "?":
            rare.append(f"{name}\t{sex}\n")
    what = {
        "given_names.tsv": (COMMON.format(min_count=args.min_count), common),
        "rare_given_names.tsv": (RARE.format(rare_count=args.rare_count, below=args.min_count - 1), rare),
    }
    for file, (title, rows) in what.items():
        header = HEADER.format(what=title, share=args.share, first=years[0], last=years[-1], count=len(rows))
        (args.out / file).write_text(header + "".join(rows), encoding="utf-8")
        print(f"{len(rows)} names -> {args.out / file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
