"""Converting the formats read in place, and what their libraries cost at start-up.

Prints, for a 3,000-word web page, a 20-page PDF, a newsletter e-mail (text and HTML
parts, about 1,500 words) and a 10-page Word memo: the conversion alone (median of
five, library already imported), a first load with an empty cache, and a load from
the conversion cache; then each library's import time in a fresh interpreter, and
the import of the library list and the loader, checking that no converter library
comes with them.

    python benchmarks/bench_convert.py [--runs 5]
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' file builders

from tests.briefing.conftest import html_page, mail_message, pdf_document, word_document

VOCABULARY = (
    "officials said the convoy reached Kherson on Friday after floods cut the road from Mykolaiv "
    "while the United Nations and the Red Cross opened shelters for displaced families near the river "
    "and Mayor Roman Mrochko told reporters that water and power would return within days"
)
CONVERTER_LIBRARIES = ("justext", "pypdf", "docx", "lxml")


def sentences(count: int, rng: random.Random) -> list[str]:
    """`count` sentences of 12-20 words from the briefing vocabulary."""
    out = []
    for _ in range(count):
        words = rng.choices(VOCABULARY.split(), k=rng.randint(12, 20))
        out.append(" ".join(words).capitalize() + ".")
    return out


def paragraphs(words: int, rng: random.Random) -> list[str]:
    found: list[str] = []
    while sum(len(p.split()) for p in found) < words:
        found.append(" ".join(sentences(5, rng)))
    return found


def documents(folder: Path) -> dict[str, Path]:
    rng = random.Random(17)
    paths = {
        "web page, 3,000 words": folder / "page.html",
        "PDF, 20 pages": folder / "report.pdf",
        "newsletter e-mail": folder / "newsletter.eml",
        "Word memo, 10 pages": folder / "memo.docx",
    }
    paths["web page, 3,000 words"].write_text(html_page(paragraphs=paragraphs(3000, rng)), encoding="utf-8")
    pages = [["Situation Report No. 12", *sentences(30, rng), f"Page {n} of 20"] for n in range(1, 21)]
    paths["PDF, 20 pages"].write_bytes(pdf_document(pages, {"Title": "Situation Report 12"}))
    letter = paragraphs(1500, rng)
    html = html_page(title="Morning Brief", paragraphs=letter)
    plain = "\n\n".join([*letter, "You are receiving this e-mail because you subscribed. Unsubscribe."])
    paths["newsletter e-mail"].write_bytes(mail_message(text=plain, html=html).as_bytes())
    word_document(paths["Word memo, 10 pages"], pages=10, paragraphs=paragraphs(350, rng))
    return paths


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def fresh_import_ms(statement: str, runs: int = 3) -> float:
    """The best wall time of `statement` in a fresh interpreter, less an empty one's."""

    def best(code: str) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return min(times)

    return (best(statement) - best("pass")) * 1000


def measure(name: str, path: Path, runs: int) -> str:
    """One row: the conversion alone, a first load (empty cache), a load from the cache."""
    from briefer.briefing import load
    from briefer.briefing.convert import CONVERTERS, kind_of

    raw = path.read_bytes()
    converter = importlib.import_module(f"briefer.briefing.convert.{CONVERTERS[kind_of(path, raw) or '']}")
    converter.convert(raw)  # the library imported, not timed
    convert_ms = median_ms(lambda: converter.convert(raw), runs)
    start = time.perf_counter()
    briefing = load(path)
    first_ms = (time.perf_counter() - start) * 1000
    cached_ms = median_ms(lambda: load(path), runs)
    return (
        f"{name:<24} {briefing.word_count:>6,} {convert_ms:>7.0f} ms {first_ms:>8.0f} ms {cached_ms:>9.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")  # an empty conversion cache
        paths = documents(Path(folder))
        print(f"{'document':<24} {'words':>6} {'convert':>9} {'first load':>11} {'cached load':>12}")
        for name, path in paths.items():
            print(measure(name, path, args.runs))

    print()
    for library in ("justext", "pypdf", "docx"):
        print(
            f"import {library:<12} {fresh_import_ms(f'import {library}'):>6.0f} ms (paid on the first file of its kind)"
        )
    first_page = (
        "from briefer.briefing.convert import page\n"
        "page.article('<html><body>' + '<p>The convoy reached the city of Kherson on Friday, officials said.</p>' * 3"
        " + '</body></html>')"
    )
    print(
        f"first web page in a fresh interpreter (import, stop-word lists, a short page): "
        f"{fresh_import_ms(first_page):.0f} ms"
    )
    check = (
        "import sys, briefer.library, briefer.briefing.loader, briefer.cli\n"
        f"loaded = [m for m in sys.modules if m.split('.')[0] in {CONVERTER_LIBRARIES!r}]\n"
        "assert not loaded, loaded"
    )
    print(
        f"import briefer.library + loader + cli: {fresh_import_ms(check):.0f} ms; converter libraries loaded: none"
    )


if __name__ == "__main__":
    main()
