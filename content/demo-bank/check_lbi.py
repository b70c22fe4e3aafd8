#!/usr/bin/env python3
"""Checks Sources/GentaCore/Resources/DemoBank/LBI.json and the LBI passages in passages.json
(the files Genta loads) against the rules the LBI questions were written to.

Questions: only the allowed fields (common ones plus those of the format), ids LBI-001…LBI-062
unique and in order, section LBI, 12–13 questions per sub type (ten per sub type in LBI-001…050,
then 3/3/2/2/2 in LBI-051…062), 37/15/10 per format, non-empty strings, unique question texts
(also across the other subtests' files of the bank), IRT parameters in the README's and the brief's
ranges, c per format, each sub type's difficulties reaching both ends of the scale, five distinct
options and balanced keys (each letter 7–8 times), complex
items with an allowed label pair, 3–5 distinct statements and both labels used, short answers
that are short and occur verbatim in their passage (in the paragraph the question names),
paragraph references that exist, explanations that cite a paragraph, sentence or table, and
quotations in explanations that really occur in the passage or the question.

Passages: a valid JSON array with unique keys; LBI passages LBI-P01… consecutive, 10–12 of
them, 250–450 words, well-formed tables, each used by 4–6 questions.

Prints every problem and a summary; exits 1 if there is any problem."""

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
BANK = HERE.parent.parent / "Sources" / "GentaCore" / "Resources" / "DemoBank"  # the files Genta loads
QUESTIONS = BANK / "LBI.json"
PASSAGES = BANK / "passages.json"
OTHER_BANKS = ["PU.json", "PPU.json", "PBM.json", "PK.json", "LBE.json", "PM.json"]

SECTION = "LBI"
SUB_TYPES = ["informasi_tersurat", "simpulan", "ide_pokok", "tujuan_dan_sikap_penulis",
             "evaluasi_argumen"]
SUB_TYPE_COUNTS = {"informasi_tersurat": 13, "simpulan": 13, "ide_pokok": 12,
                   "tujuan_dan_sikap_penulis": 12, "evaluasi_argumen": 12}
TOTAL = 62
FORMAT_COUNTS = {"multiple_choice": 37, "complex_multiple_choice": 15, "short_answer": 10}
LABEL_PAIRS = [["Benar", "Salah"], ["Sesuai", "Tidak sesuai"]]
COMMON = {"external_id", "section", "sub_type", "format", "text", "explanation",
          "explanation_en", "strategy_tip", "related_concept", "difficulty_irt",
          "discrimination", "guessing_param", "passage_key"}
BY_FORMAT = {"multiple_choice": {"options", "correct_answer"},
             "complex_multiple_choice": {"labels", "statements"},
             "short_answer": {"accepted_answers"}}
GUESSING = {"multiple_choice": (0.10, 0.25), "complex_multiple_choice": (0.0, 0.08),
            "short_answer": (0.0, 0.0)}
README_B, README_A = (-3.0, 3.0), (0.5, 2.2)
BRIEF_B, BRIEF_A = (-2.5, 2.5), (0.6, 2.0)
B_SPREAD = (-2.0, 2.0)  # every sub type must reach at least this low and this high
KEY_BALANCE = (7, 8)
PASSAGE_COUNT, PASSAGE_WORDS, QUESTIONS_PER_PASSAGE = (10, 12), (250, 450), (4, 6)
PASSAGE_FIELDS = {"key", "section", "title", "text"}
PASSAGE_OPTIONAL = {"table"}
SHORT_ANSWER_MAX_WORDS = 4
MAX_OPTION, MAX_SUB_TYPE, MAX_CONCEPT = 500, 50, 255
ORDINALS = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6,
            "ketujuh": 7, "kedelapan": 8}

problems = []


def bad(where, message):
    problems.append(f"{where}: {message}")


def nonempty_str(value):
    return isinstance(value, str) and value.strip() != ""


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def norm(text):
    text = text.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


def occurs(phrase, text):
    """Whole-word, case-insensitive occurrence of phrase in text."""
    pattern = r"(?<![\w-])" + re.escape(norm(phrase)) + r"(?![\w-])"
    return re.search(pattern, norm(text)) is not None


def word_count(text):
    return len(text.split())


def load(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        print(f"{path.name}: cannot read: {error}")
        sys.exit(1)


def paragraphs(passage):
    return [p for p in passage["text"].split("\n\n") if p.strip()]


def named_paragraph(text):
    """The paragraph number a question names ("paragraf keempat", "paragraf terakhir"), or None."""
    m = re.search(r"paragraf (pertama|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|terakhir)",
                  text)
    if not m:
        return None
    return -1 if m.group(1) == "terakhir" else ORDINALS[m.group(1)]


# ----------------------------------------------------------------------------- passages
passages = load(PASSAGES)
if not isinstance(passages, list):
    print("passages.json: must be a JSON array")
    sys.exit(1)
all_keys = Counter(p.get("key") for p in passages if isinstance(p, dict))
for key, n in all_keys.items():
    if n > 1:
        bad("passages.json", f"key {key} appears {n} times")
for i, p in enumerate(passages, 1):
    if not isinstance(p, dict):
        bad(f"passages.json row {i}", "must be an object")

lbi_passages = {}
for p in passages:
    if not isinstance(p, dict):
        continue
    key = str(p.get("key", ""))
    if not key.startswith("LBI-") and p.get("section") != SECTION:
        continue
    where = f"passages.json {key or '(no key)'}"
    if p.get("section") != SECTION:
        bad(where, f"section must be {SECTION} (found {p.get('section')!r})")
    if not re.fullmatch(r"LBI-P\d{2}", key):
        bad(where, "key must look like LBI-P01")
    fields = set(p)
    for missing in sorted(PASSAGE_FIELDS - fields):
        bad(where, f"missing field {missing}")
    for extra in sorted(fields - PASSAGE_FIELDS - PASSAGE_OPTIONAL):
        bad(where, f"unknown field {extra}")
    for f in ("title", "text"):
        if f in p and not nonempty_str(p[f]):
            bad(where, f"{f} must be a non-empty string")
    if nonempty_str(p.get("text")):
        n = word_count(p["text"])
        if not PASSAGE_WORDS[0] <= n <= PASSAGE_WORDS[1]:
            bad(where, f"text has {n} words (allowed {PASSAGE_WORDS[0]}–{PASSAGE_WORDS[1]})")
    if "table" in p:
        t = p["table"]
        if not (isinstance(t, dict) and set(t) == {"columns", "rows"}):
            bad(where, "table must be {columns, rows}")
        else:
            cols, rows = t["columns"], t["rows"]
            if not (isinstance(cols, list) and len(cols) >= 2 and all(nonempty_str(c) for c in cols)):
                bad(where, "table.columns must be at least two non-empty strings")
            elif not (isinstance(rows, list) and rows):
                bad(where, "table.rows must be a non-empty list")
            else:
                for r, row in enumerate(rows, 1):
                    if not (isinstance(row, list) and len(row) == len(cols)
                            and all(nonempty_str(c) for c in row)):
                        bad(where, f"table row {r} must have {len(cols)} non-empty strings")
    lbi_passages[key] = p

expected_keys = [f"LBI-P{i:02d}" for i in range(1, len(lbi_passages) + 1)]
if sorted(lbi_passages) != expected_keys:
    bad("passages.json", f"LBI keys must be consecutive from LBI-P01 (found {sorted(lbi_passages)})")
if not PASSAGE_COUNT[0] <= len(lbi_passages) <= PASSAGE_COUNT[1]:
    bad("passages.json", f"{len(lbi_passages)} LBI passages (allowed {PASSAGE_COUNT[0]}–{PASSAGE_COUNT[1]})")

# ----------------------------------------------------------------------------- questions
questions = load(QUESTIONS)
if not isinstance(questions, list):
    print("LBI.json: must be a JSON array")
    sys.exit(1)
if len(questions) != TOTAL:
    bad("LBI.json", f"{len(questions)} questions (expected {TOTAL})")

ids = [q.get("external_id") for q in questions if isinstance(q, dict)]
if ids != [f"LBI-{i:03d}" for i in range(1, len(questions) + 1)]:
    bad("LBI.json", "external_id must run LBI-001, LBI-002, … in order without gaps")
for qid, n in Counter(ids).items():
    if n > 1:
        bad("LBI.json", f"external_id {qid} repeated {n} times")

other_texts = set()
for name in OTHER_BANKS:
    path = BANK / name
    try:
        for q in json.loads(path.read_text(encoding="utf-8")):
            if isinstance(q, dict) and isinstance(q.get("text"), str):
                other_texts.add(q["text"].strip())
    except (OSError, json.JSONDecodeError, TypeError) as error:
        bad(name, f"cannot read it to compare question texts: {error}")

sub_counts, format_counts, keys = Counter(), Counter(), Counter()
grid = Counter()
b_by_sub = defaultdict(list)
per_passage = Counter()
texts = Counter()

for i, q in enumerate(questions, 1):
    where = f"LBI.json row {i}"
    if not isinstance(q, dict):
        bad(where, "must be an object")
        continue
    where = f"LBI.json row {i} ({q.get('external_id')})"
    fmt = q.get("format")
    if fmt not in BY_FORMAT:
        bad(where, f"format must be one of {sorted(BY_FORMAT)} (found {fmt!r})")
        continue
    allowed = COMMON | BY_FORMAT[fmt]
    for missing in sorted(allowed - set(q)):
        bad(where, f"missing field {missing}")
    for extra in sorted(set(q) - allowed):
        bad(where, f"unknown field {extra} for {fmt}")

    if q.get("section") != SECTION:
        bad(where, f"section must be {SECTION}")
    st = q.get("sub_type")
    if st not in SUB_TYPES:
        bad(where, f"sub_type {st!r} is not one of {SUB_TYPES}")
    elif len(st) > MAX_SUB_TYPE:
        bad(where, "sub_type too long")
    for f in ("text", "explanation", "explanation_en", "strategy_tip", "related_concept"):
        if not nonempty_str(q.get(f)):
            bad(where, f"{f} must be a non-empty string")
    if nonempty_str(q.get("related_concept")) and len(q["related_concept"]) > MAX_CONCEPT:
        bad(where, "related_concept longer than 255 characters")
    text = q.get("text") if isinstance(q.get("text"), str) else ""
    texts[text.strip()] += 1
    if text.strip() in other_texts:
        bad(where, "text repeats a question text of another file")

    # IRT parameters
    b, a, c = q.get("difficulty_irt"), q.get("discrimination"), q.get("guessing_param")
    if not (is_number(b) and README_B[0] <= b <= README_B[1] and BRIEF_B[0] <= b <= BRIEF_B[1]):
        bad(where, f"difficulty_irt {b!r} outside {BRIEF_B}")
    else:
        b_by_sub[st].append(b)
    if not (is_number(a) and README_A[0] <= a <= README_A[1] and BRIEF_A[0] <= a <= BRIEF_A[1]):
        bad(where, f"discrimination {a!r} outside {BRIEF_A}")
    lo, hi = GUESSING[fmt]
    if not (is_number(c) and lo <= c <= hi):
        bad(where, f"guessing_param {c!r} outside {lo}–{hi} for {fmt}")

    # passage
    pk = q.get("passage_key")
    passage = lbi_passages.get(pk)
    if passage is None:
        bad(where, f"passage_key {pk!r} is not an LBI passage in passages.json")
    else:
        per_passage[pk] += 1
        n = named_paragraph(text)
        if n is not None and n > len(paragraphs(passage)):
            bad(where, f"names paragraph {n} but {pk} has {len(paragraphs(passage))}")

    # explanation cites the text
    expl = q.get("explanation") if isinstance(q.get("explanation"), str) else ""
    if not re.search(r"paragraf|kalimat|tabel", expl, re.I):
        bad(where, "explanation cites no paragraph, sentence or table")
    if passage is not None:
        haystack = [passage["text"], passage.get("title", ""), text]
        if isinstance(q.get("options"), dict):
            haystack += [str(v) for v in q["options"].values()]
        if isinstance(q.get("statements"), list):
            haystack += [str(s.get("text", "")) for s in q["statements"] if isinstance(s, dict)]
        hay = norm(" ".join(haystack))
        for quote in re.findall(r"“([^”]+)”", expl):
            for fragment in quote.split("…"):
                fragment = fragment.strip(" ,.;:")
                if len(fragment.split()) >= 2 and norm(fragment) not in hay:
                    bad(where, f"explanation quotes “{fragment}”, which is not in the passage or question")

    sub_counts[st] += 1
    format_counts[fmt] += 1
    grid[(st, fmt)] += 1

    if fmt == "multiple_choice":
        opts = q.get("options")
        if not (isinstance(opts, dict) and sorted(opts) == list("ABCDE")):
            bad(where, "options must have exactly the keys A–E")
        else:
            for letter, value in opts.items():
                if not nonempty_str(value):
                    bad(where, f"option {letter} empty")
                elif len(value.strip()) > MAX_OPTION:
                    bad(where, f"option {letter} longer than {MAX_OPTION} characters")
            values = [norm(str(v)) for v in opts.values()]
            if len(set(values)) != 5:
                bad(where, "options are not all distinct")
        ans = q.get("correct_answer")
        if ans not in list("ABCDE"):
            bad(where, f"correct_answer {ans!r} not one of A–E")
        else:
            keys[ans] += 1
    elif fmt == "complex_multiple_choice":
        labels = q.get("labels")
        if labels not in LABEL_PAIRS:
            bad(where, f"labels must be one of {LABEL_PAIRS} (found {labels!r})")
            labels = None
        stmts = q.get("statements")
        if not (isinstance(stmts, list) and 3 <= len(stmts) <= 5):
            bad(where, "statements must be a list of 3–5 objects")
        else:
            seen = set()
            for j, s in enumerate(stmts, 1):
                if not (isinstance(s, dict) and set(s) == {"text", "answer"}):
                    bad(where, f"statement {j} must be exactly {{text, answer}}")
                    continue
                if not nonempty_str(s["text"]):
                    bad(where, f"statement {j} text empty")
                if norm(str(s["text"])) in seen:
                    bad(where, f"statement {j} repeats another statement")
                seen.add(norm(str(s["text"])))
                if labels and s["answer"] not in labels:
                    bad(where, f"statement {j} answer {s['answer']!r} not in labels")
            if labels and {s.get("answer") for s in stmts if isinstance(s, dict)} != set(labels):
                bad(where, "statements should use both labels")
    else:  # short_answer
        acc = q.get("accepted_answers")
        if not (isinstance(acc, list) and 1 <= len(acc) <= 5 and all(nonempty_str(x) for x in acc)):
            bad(where, "accepted_answers must be 1–5 non-empty strings")
        else:
            if len({norm(x) for x in acc}) != len(acc):
                bad(where, "accepted_answers repeat each other (case-insensitive)")
            for x in acc:
                if len(x.split()) > SHORT_ANSWER_MAX_WORDS:
                    bad(where, f"accepted answer {x!r} is longer than {SHORT_ANSWER_MAX_WORDS} words")
            if passage is not None:
                canonical = acc[0]
                if not occurs(canonical, passage["text"]):
                    bad(where, f"first accepted answer {canonical!r} does not occur in {pk}")
                n = named_paragraph(text)
                if n is not None:
                    paras = paragraphs(passage)
                    para = paras[-1] if n == -1 else (paras[n - 1] if n <= len(paras) else "")
                    if not occurs(canonical, para):
                        bad(where, f"{canonical!r} does not occur in the paragraph the question names")

for t, n in texts.items():
    if n > 1:
        bad("LBI.json", f"question text repeated {n} times: {t[:60]}…")

# ----------------------------------------------------------------------------- counts
for st in SUB_TYPES:
    if sub_counts[st] != SUB_TYPE_COUNTS[st]:
        bad("LBI.json", f"sub_type {st}: {sub_counts[st]} questions (expected {SUB_TYPE_COUNTS[st]})")
    bs = b_by_sub.get(st, [])
    if bs and (min(bs) > B_SPREAD[0] or max(bs) < B_SPREAD[1]):
        bad("LBI.json", f"sub_type {st}: difficulty spans {min(bs)}…{max(bs)}, "
                        f"should reach ≤ {B_SPREAD[0]} and ≥ {B_SPREAD[1]}")
for fmt, n in FORMAT_COUNTS.items():
    if format_counts[fmt] != n:
        bad("LBI.json", f"format {fmt}: {format_counts[fmt]} questions (expected {n})")
for letter in "ABCDE":
    if not KEY_BALANCE[0] <= keys[letter] <= KEY_BALANCE[1]:
        bad("LBI.json", f"key {letter} used {keys[letter]} times (allowed {KEY_BALANCE[0]}–{KEY_BALANCE[1]})")
for key in lbi_passages:
    if not QUESTIONS_PER_PASSAGE[0] <= per_passage[key] <= QUESTIONS_PER_PASSAGE[1]:
        bad(key, f"used by {per_passage[key]} questions (allowed "
                 f"{QUESTIONS_PER_PASSAGE[0]}–{QUESTIONS_PER_PASSAGE[1]})")

# ----------------------------------------------------------------------------- report
print(f"LBI: {len(questions)} questions, {len(lbi_passages)} passages "
      f"({len(passages)} passages in passages.json)")
print("passages (words, paragraphs, questions): " + ", ".join(
    f"{k} {word_count(p['text'])}w/{len(paragraphs(p))}p/{per_passage[k]}q"
    for k, p in sorted(lbi_passages.items()) if nonempty_str(p.get("text"))))
short = {"multiple_choice": "MC", "complex_multiple_choice": "CMC", "short_answer": "SA"}
print(f"{'sub_type':<26}" + "".join(f"{short[f]:>5}" for f in FORMAT_COUNTS) + "  total   b min…max")
for st in SUB_TYPES:
    bs = b_by_sub.get(st, [0])
    print(f"{st:<26}" + "".join(f"{grid[(st, f)]:>5}" for f in FORMAT_COUNTS)
          + f"{sub_counts[st]:>7}   {min(bs):+.2f}…{max(bs):+.2f}")
print(f"{'total':<26}" + "".join(f"{format_counts[f]:>5}" for f in FORMAT_COUNTS) + f"{sum(sub_counts.values()):>7}")
print("MC keys: " + ", ".join(f"{k} {keys[k]}" for k in "ABCDE"))
if problems:
    print(f"\n{len(problems)} problem(s):")
    for p in problems:
        print(" -", p)
    sys.exit(1)
print("\nOK: every rule holds.")
