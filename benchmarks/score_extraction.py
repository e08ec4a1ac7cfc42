#!/usr/bin/env python3
"""Score `briefer extract --json` against gold annotations (see tests/corpus/README.md).

A copy of the shared evaluation scorer (eval/score.py, the gold format is
eval/GOLD-FORMAT.md), adjusted only to run from this repository: FOLDER defaults
to `tests/corpus`, and CMD to the `briefer` installed beside the running
interpreter (the repository's .venv), else the one on PATH.

Usage:
    python benchmarks/score_extraction.py [FOLDER ...] [--briefer CMD] [--json] [--verbose]

For each `NAME.gold.json` the briefing `NAME.md` or `NAME.txt` is run through
`CMD extract FILE --json`, with
`--date REFERENCE_DATE` added when the briefing has no front-matter date.

Matching (see GOLD-FORMAT.md, "Scoring") is one-to-one and optimal (Hungarian
algorithm) for entities, times and quotes; `--verbose` prints, per file, the
misses, false hits, wrong roles, wrong time values and wrong attributions from
exactly the matching that the totals count.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "tests" / "corpus"


def default_briefer() -> str:
    """The briefer installed beside this interpreter (the repository's .venv), else `briefer`."""
    beside = Path(sys.executable).with_name("briefer")
    return shlex.quote(str(beside)) if beside.exists() else "briefer"


# Leading prepositions dropped from a time expression (gold texts never start with one).
LEADING = {
    "on",
    "in",
    "at",
    "for",
    "after",
    "before",
    "since",
    "until",
    "by",
    "during",
    "from",
    "over",
    "within",
    "as",
    "of",
    "to",
    "between",
}
ARTICLES = {"the", "a", "an"}
# Function words that never count towards the overlap of two time expressions.
# Direction / deictic words (DEICTIC) are content words and are never ignored.
TIME_STOP = ARTICLES | LEADING | {"and", "or", "s"}
DEICTIC = {"next", "last", "this", "past", "coming", "ago", "previous", "following"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gen", "col", "lord", "lady", "sir", "prof"}
ROLE_STOP = {"the", "a", "an", "of", "for", "and", "to", "in", "on", "at", "by", "with", "s"}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").casefold()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    words = s.split()
    while words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def words(s: str) -> list[str]:
    return fold(s).split()


def name_key(s: str) -> str:
    """Folded name with leading honorifics (Mr., Dr., Sen., Lord, ...) removed."""
    w = fold(s).split()
    i = 0
    while i < len(w) - 1 and w[i] in HONORIFICS:
        i += 1
    return " ".join(w[i:])


def time_words(s: str) -> list[str]:
    """Tokens of a time expression without leading articles/prepositions (kept: deictic words)."""
    w = list(re.sub(r"'s\b", "", fold(s)).split())
    while w and (w[0] in LEADING or w[0] in ARTICLES):
        w = w[1:]
    return w


def time_content(s: str) -> list[str]:
    return [x for x in time_words(s) if x not in TIME_STOP]


def names_of(entity: dict) -> set[str]:
    out = {name_key(entity.get("name") or "")}
    out.update(name_key(a) for a in entity.get("aliases") or [])
    out.discard("")
    return out


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    p = tp_pred / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": p,
        "r": r,
        "f1": f,
        "tp_pred": tp_pred,
        "n_pred": n_pred,
        "tp_gold": tp_gold,
        "n_gold": n_gold,
    }


def hungarian_max(w: list[list[int]]) -> list[tuple[int, int]]:
    """Maximum-weight assignment for a rows x cols matrix of non-negative ints.
    Returns the (row, col) pairs with positive weight."""
    n_r = len(w)
    n_c = len(w[0]) if n_r else 0
    if not n_r or not n_c:
        return []
    n = max(n_r, n_c)
    big = max(max(r) for r in w) if n_r else 0
    cost = [[big - (w[i][j] if i < n_r and j < n_c else 0) for j in range(n)] for i in range(n)]
    INF = float("inf")
    u, v, p, way = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [INF] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], INF, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = []
    for j in range(1, n + 1):
        i = p[j] - 1
        if i < n_r and j - 1 < n_c and w[i][j - 1] > 0:
            pairs.append((i, j - 1))
    return sorted(pairs)


def optimal_pairs(n_pred: int, n_gold: int, score, pos_pred=None, pos_gold=None):
    """Optimal one-to-one matching. score(pi, gi) -> float in (0, 1] or 0 (no match).
    Ties are broken by closeness of text position (then by order)."""
    if not n_pred or not n_gold:
        return []
    w = []
    for pi in range(n_pred):
        row = []
        for gi in range(n_gold):
            s = score(pi, gi)
            if s <= 0:
                row.append(0)
                continue
            if pos_pred is not None and pos_gold is not None:
                d = abs(pos_pred[pi] - pos_gold[gi])
            else:
                d = abs(pi - gi) * 100
            row.append(round(s * 1000) * 100000 + (99999 - min(99999, d)))
        w.append(row)
    return [(pi, gi) for pi, gi in hungarian_max(w)]


def match_entities(pred: list[dict], gold: list[dict]):
    """Optimal one-to-one matching through names and aliases (honorifics stripped).
    Weight 1, plus a small bonus when the canonical names agree."""
    pn = [names_of(p) for p in pred]
    gn = [names_of(g) for g in gold]
    pc = [name_key(p.get("name") or "") for p in pred]
    gc = [name_key(g.get("name") or "") for g in gold]

    def sc(pi, gi):
        if not (pn[pi] & gn[gi]):
            return 0.0
        return 0.9 + (0.1 if pc[pi] == gc[gi] else 0.05 if pc[pi] in gn[gi] or gc[gi] in pn[pi] else 0.0)

    return optimal_pairs(len(pred), len(gold), sc)


def overlap(gold_words: list[str], pred_words: list[str]) -> float:
    if not gold_words:
        return 0.0
    pool = list(pred_words)
    hit = 0
    for w in gold_words:
        if w in pool:
            pool.remove(w)
            hit += 1
    return hit / len(gold_words)


def time_score(gold_text: str, pred_text: str) -> float:
    """Dice overlap of the content words of two time expressions, or 0 when they
    do not match. A match needs at least half of the gold content words, more than
    a bare half-and-half overlap (recall + precision > 1: "the end of the month" is
    not "the end of the year", "two days" is not "three days"), and no conflict of
    direction words ("next week" is not "last week")."""
    g, p = time_content(gold_text), time_content(pred_text)
    if not g or not p:
        # expressions made only of function words: compare all tokens
        g, p = time_words(gold_text), time_words(pred_text)
        if not g or not p:
            return 0.0
    r = overlap(g, p)
    pr = overlap(p, g)
    if r < 0.5 or r + pr <= 1.0:
        return 0.0
    dg, dp = set(g) & DEICTIC, set(p) & DEICTIC
    if dg and dp and not (dg & dp):
        return 0.0
    return 2 * r * pr / (r + pr)


def role_tokens(s: str) -> list[str]:
    s = re.sub(r"\bU\.\s?S\.(?:\s?A\.)?", "US", s or "")
    s = re.sub(r"\bU\.\s?K\.", "UK", s)
    s = re.sub(r"\bU\.\s?N\.", "UN", s)
    return [w for w in fold(s).split() if w not in ROLE_STOP]


def role_f1(gold_role: str, pred_role: str) -> float:
    g, p = role_tokens(gold_role), role_tokens(pred_role)
    if not g or not p:
        return 0.0
    pool = list(p)
    tp = 0
    for w in g:
        if w in pool:
            pool.remove(w)
            tp += 1
    if not tp:
        return 0.0
    prec, rec = tp / len(p), tp / len(g)
    return 2 * prec * rec / (prec + rec)


def gold_roles(role) -> list[str]:
    """A gold role is a string, a list of alternative strings, or null."""
    if not role:
        return []
    if isinstance(role, list):
        return [r for r in role if isinstance(r, str) and r.strip()]
    return [str(role)]


def role_ok(gold_role, pred_role) -> bool:
    return any(role_f1(g, pred_role or "") >= 0.5 for g in gold_roles(gold_role))


def speaker_ok(pred_speaker: str | None, gold_speaker: str | None, gold_entities: list[dict]) -> bool:
    if gold_speaker is None:
        return pred_speaker in (None, "")
    if not pred_speaker:
        return False
    ps = name_key(pred_speaker)
    for e in gold_entities:
        if fold(e["name"]) == fold(gold_speaker):
            names = names_of(e)
            return ps in names or name_key(e["name"]) in ps
    return ps == name_key(gold_speaker)


def optional_places(gold_places: list[dict]) -> set[int]:
    """Gold places whose name is also an alias of another gold place (a capital used both
    as a location and metonymically for its country): a prediction may list it either as its
    own place or only as an alias of the country, so it is not counted as missed."""
    out = set()
    for i, e in enumerate(gold_places):
        k = name_key(e.get("name") or "")
        for j, o in enumerate(gold_places):
            if j != i and k in {name_key(a) for a in o.get("aliases") or []}:
                out.add(i)
    return out


def _pos(text_lc: str, s: str) -> int:
    i = text_lc.find((s or "").casefold())
    return i if i >= 0 else 10**6


def score_one(out: dict, gold: dict, text: str = "") -> dict:
    """Score one briefing. res[...] has the metrics; res["detail"] the item lists that
    `-v` prints (built from exactly the same matching as the totals)."""
    text_lc = text.casefold()
    who = out.get("who") or []
    persons = [e for e in who if e.get("kind") == "person"]
    orgs = [e for e in who if e.get("kind") == "organization"]
    res, det = {}, {"fn": [], "fp": [], "roles": [], "values": [], "attribution": []}
    gp, go, gl = gold.get("people", []), gold.get("organizations", []), gold.get("places", [])

    pairs = match_entities(persons, gp)
    res["persons"] = prf(len(pairs), len(persons), len(pairs), len(gp))
    role_total = role_good = 0
    role_gold = sum(1 for g in gp if gold_roles(g.get("role")))
    for pi, gi in pairs:
        grole = gp[gi].get("role")
        if gold_roles(grole):
            role_total += 1
            if role_ok(grole, persons[pi].get("role")):
                role_good += 1
            else:
                det["roles"].append(f"{gp[gi]['name']!r}: {persons[pi].get('role')!r} (gold {grole!r})")
    res["roles"] = {
        "acc": role_good / role_total if role_total else 1.0,
        "ok": role_good,
        "n": role_total,
        "n_gold": role_gold,
    }

    def entity_detail(kind, pred, gl_, pairs_, optional=frozenset()):
        mp, mg = {p for p, _ in pairs_}, {g for _, g in pairs_}
        for i, g in enumerate(gl_):
            if i not in mg and i not in optional:
                det["fn"].append(f"{kind}: {g['name']!r}")
        for i, e in enumerate(pred):
            if i not in mp:
                det["fp"].append(f"{kind}: {e.get('name')!r} {e.get('aliases') or []}")

    entity_detail("person", persons, gp, pairs)
    pairs = match_entities(orgs, go)
    res["organizations"] = prf(len(pairs), len(orgs), len(pairs), len(go))
    entity_detail("organization", orgs, go, pairs)
    where = out.get("where") or []
    pairs = match_entities(where, gl)
    opt = optional_places(gl)
    matched_g = {g for _, g in pairs}
    n_gold_places = len(gl) - len([i for i in opt if i not in matched_g])
    res["places"] = prf(len(pairs), len(where), len(pairs), n_gold_places)
    entity_detail("place", where, gl, pairs, opt)

    # WHEN: dedupe by token text (leading articles/prepositions removed)
    seen, when = set(), []
    for t in out.get("when") or []:
        k = " ".join(time_words(t.get("text", "")))
        if k and k not in seen:
            seen.add(k)
            when.append(t)
    gt, gseen = [], set()
    for g in gold.get("times", []):
        k = " ".join(time_words(g["text"]))
        if k not in gseen:
            gseen.add(k)
            gt.append(g)
    pairs = optimal_pairs(
        len(when),
        len(gt),
        lambda pi, gi: time_score(gt[gi]["text"], when[pi].get("text", "")),
        [_pos(text_lc, t.get("text", "")) for t in when],
        [_pos(text_lc, g["text"]) for g in gt],
    )
    val_n = val_ok = 0
    for pi, gi in pairs:
        gv = gt[gi].get("value")
        if isinstance(gv, str) and re.match(r"^\d{4}", gv):
            val_n += 1
            if (when[pi].get("value") or "") == gv:
                val_ok += 1
            else:
                det["values"].append(
                    f"{gt[gi]['text']!r}: {when[pi].get('value')!r} (gold {gv!r}; pred text {when[pi].get('text')!r})"
                )
    mp, mg = {p for p, _ in pairs}, {g for _, g in pairs}
    det["fn"] += [f"time: {g['text']!r} ({g.get('value')})" for i, g in enumerate(gt) if i not in mg]
    det["fp"] += [f"time: {t.get('text')!r} ({t.get('value')})" for i, t in enumerate(when) if i not in mp]
    res["times"] = prf(len(pairs), len(when), len(pairs), len(gt))
    res["time_values"] = {"acc": val_ok / val_n if val_n else 1.0, "ok": val_ok, "n": val_n}

    quotes = [w for w in out.get("what") or [] if w.get("kind") == "quote"]
    gq = gold.get("quotes", [])
    gqw = [words(g["text"]) for g in gq]
    pqw = [words(q.get("text", "")) for q in quotes]

    def qscore(pi, gi):
        o = overlap(gqw[gi], pqw[pi])
        return o if o >= 0.5 else 0.0

    pairs = optimal_pairs(
        len(quotes),
        len(gq),
        qscore,
        [_pos(text_lc, q.get("text", "")[:40]) for q in quotes],
        [_pos(text_lc, g["text"][:40]) for g in gq],
    )
    attr_ok = 0
    for pi, gi in pairs:
        if speaker_ok(quotes[pi].get("speaker"), gq[gi].get("speaker"), gp + go):
            attr_ok += 1
        else:
            det["attribution"].append(
                f"{gq[gi]['text'][:50]!r}: {quotes[pi].get('speaker')!r} (gold {gq[gi].get('speaker')!r})"
            )
    mp, mg = {p for p, _ in pairs}, {g for _, g in pairs}
    det["fn"] += [f"quote: {g['text'][:60]!r}" for i, g in enumerate(gq) if i not in mg]
    det["fp"] += [f"quote: {q.get('text', '')[:60]!r}" for i, q in enumerate(quotes) if i not in mp]
    found = len(pairs)
    res["quotes"] = prf(len(pairs), len(quotes), found, len(gq))
    res["attribution"] = {
        "acc": attr_ok / found if found else 1.0,
        "ok": attr_ok,
        "n": found,
        "of_gold": attr_ok / len(gq) if gq else 1.0,
    }
    res["detail"] = det
    return res


def has_front_matter_date(path: Path) -> bool:
    text = path.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    return end > 0 and re.search(r"^date:\s*\S", text[:end], re.M) is not None


def run_extract(cmd: list[str], path: Path, ref: str | None) -> tuple[dict | None, float, str]:
    args = [*cmd, "extract", str(path), "--json"]
    if ref and not has_front_matter_date(path):
        args += ["--date", ref]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(args, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, time.perf_counter() - t0, str(e)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        return None, dt, (p.stderr or p.stdout).strip()[-500:]
    try:
        return json.loads(p.stdout), dt, ""
    except json.JSONDecodeError as e:
        return None, dt, f"not JSON: {e}"


KEYS = ["persons", "organizations", "places", "times", "quotes"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path, default=[CORPUS])
    ap.add_argument(
        "--briefer",
        default=default_briefer(),
        help="command that runs briefer (default: the one beside this Python, else briefer)",
    )
    ap.add_argument("--json", action="store_true", help="print the totals as JSON")
    ap.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="per file: misses (FN), false hits (FP), wrong roles, wrong time values and "
        "wrong attributions, from the same matching as the totals",
    )
    a = ap.parse_args()
    cmd = shlex.split(a.briefer)

    totals = {k: [0, 0, 0, 0] for k in KEYS}
    extra = {"roles": [0, 0, 0], "time_values": [0, 0], "attribution": [0, 0]}
    failures, rows = [], []
    for folder in a.folders:
        for gpath in sorted(folder.glob("*.gold.json")):
            gold = json.loads(gpath.read_text(encoding="utf-8"))
            stem = gpath.name[: -len(".gold.json")]
            cands = [folder / (stem + s) for s in (".md", ".txt")]
            brief = next((c for c in cands if c.exists()), None)
            if brief is None:
                failures.append((gpath.name, "no briefing file"))
                continue
            out, dt, err = run_extract(cmd, brief, gold.get("reference_date"))
            if out is None:
                failures.append((brief.name, err))
                gl = gold.get("places", [])
                for k in KEYS:
                    n = len(gold.get({"persons": "people"}.get(k, k), []))
                    if k == "places":
                        n -= len(optional_places(gl))
                    totals[k][3] += n
                continue
            r = score_one(out, gold, brief.read_text(encoding="utf-8", errors="replace"))
            rows.append((brief.name, r, dt))
            for k in KEYS:
                for i, f in enumerate(("tp_pred", "n_pred", "tp_gold", "n_gold")):
                    totals[k][i] += r[k][f]
            extra["roles"][0] += r["roles"]["ok"]
            extra["roles"][1] += r["roles"]["n"]
            extra["roles"][2] += r["roles"]["n_gold"]
            extra["time_values"][0] += r["time_values"]["ok"]
            extra["time_values"][1] += r["time_values"]["n"]
            extra["attribution"][0] += r["attribution"]["ok"]
            extra["attribution"][1] += r["quotes"]["n_gold"]
            if a.verbose:
                verbose_report(brief.name, r["detail"], file=sys.stderr if a.json else sys.stdout)

    summary = {k: prf(*totals[k]) for k in KEYS}
    summary["roles"] = {
        "acc": extra["roles"][0] / extra["roles"][1] if extra["roles"][1] else None,
        "ok": extra["roles"][0],
        "n": extra["roles"][1],
        "of_gold": extra["roles"][0] / extra["roles"][2] if extra["roles"][2] else None,
        "n_gold": extra["roles"][2],
    }
    summary["time_values"] = {
        "acc": extra["time_values"][0] / extra["time_values"][1] if extra["time_values"][1] else None,
        "ok": extra["time_values"][0],
        "n": extra["time_values"][1],
    }
    summary["attribution_of_gold"] = {
        "acc": extra["attribution"][0] / extra["attribution"][1] if extra["attribution"][1] else None,
        "ok": extra["attribution"][0],
        "n": extra["attribution"][1],
    }
    summary["files"] = len(rows)
    summary["failures"] = failures
    if a.json:
        print(json.dumps(summary, indent=1))
    else:
        print(f"{'file':34} " + " ".join(f"{k[:6]:>7}" for k in KEYS) + "   roles  tvals  attrib  secs")
        for name, r, dt in rows:
            print(
                f"{name[:34]:34} "
                + " ".join(f"{r[k]['f1']:7.2f}" for k in KEYS)
                + f"  {r['roles']['acc']:6.2f} {r['time_values']['acc']:6.2f} {r['attribution']['of_gold']:6.2f}  {dt:5.2f}"
            )
        print("-" * 100)
        print(
            f"{'TOTAL (F1)':34} "
            + " ".join(f"{summary[k]['f1']:7.2f}" for k in KEYS)
            + "  "
            + "  ".join(
                f"{summary[k]['acc']:.2f}" if summary[k]["acc"] is not None else " n/a"
                for k in ("roles", "time_values", "attribution_of_gold")
            )
        )
        for k in KEYS:
            s = summary[k]
            print(
                f"  {k:14} P {s['p']:.2f}  R {s['r']:.2f}  F1 {s['f1']:.2f}  "
                f"(pred {s['tp_pred']}/{s['n_pred']}, gold {s['tp_gold']}/{s['n_gold']})"
            )
        s = summary["roles"]
        print(
            f"  {'roles':14} {s['ok']}/{s['n']} matched persons with a gold role "
            f"({s['ok']}/{s['n_gold']} of all gold persons with a role)"
        )
        s = summary["time_values"]
        print(f"  {'time values':14} {s['ok']}/{s['n']} matched times with a calendar gold value")
        s = summary["attribution_of_gold"]
        print(f"  {'attribution':14} {s['ok']}/{s['n']} gold quotes found and correctly attributed")
        for name, err in failures:
            print(f"FAILED {name}: {err}")
    return 1 if failures else 0


def verbose_report(name: str, det: dict, file=sys.stdout) -> None:
    """Print the item lists of one briefing (same matching as the totals)."""
    print(f"== {name}", file=file)
    for key, label in (
        ("fn", "FN (missed)"),
        ("fp", "FP (false)"),
        ("roles", "wrong role"),
        ("values", "wrong value"),
        ("attribution", "wrong attribution"),
    ):
        for item in det[key]:
            print(f"  {label:18} {item}", file=file)


if __name__ == "__main__":
    sys.exit(main())
