#!/usr/bin/env python3
"""Checks the passage-based PBM questions PBM-061…PBM-072 of
Sources/GentaCore/Resources/DemoBank/PBM.json and the PBM passages in passages.json (the files
Genta loads) against the rules they were written to.

PBM.json also holds the 60 stand-alone PBM questions PBM-001…PBM-060 of the first demo bank; they
are only read here, to make sure no text is repeated and that none of them uses a passage (so every
question on a PBM passage is one this script checks).

Questions: only the allowed fields (common ones plus those of the format), ids PBM-061… unique and
in order, section PBM, the five PBM sub types with 2–3 questions each, at most three questions that
are not multiple choice, non-empty strings, unique question texts (also across the first bank and
the other files of this folder), IRT parameters in the README's and the brief's ranges, c per
format, difficulties spread over the scale, five distinct options and balanced keys (each letter
used ⌊n/5⌋ or ⌈n/5⌉ times among n multiple-choice questions), complex items with an allowed label
pair, 3–5 distinct statements and both labels used, short answers that occur verbatim in their
passage (in the sentence the question names), sentence numbers "(n)" in questions, options and
statements that exist in the passage, a gap "…" in the sentence a gap question names,
explanations that cite a sentence or paragraph, quotations in explanations that really occur in
the passage, the question, its options or statements, and the key written a second time
(EXPECTED, below) that the keyed option or the statements' answers must match.

Passages: PBM-P01… consecutive, section PBM, 150–250 words, sentences numbered (1), (2), … in
order, each passage used by 3–5 questions. The passages contain deliberate errors for the
spelling, standard-word and effective-sentence questions; PLANTED lists each one with the sentence
it sits in, and a short list of common non-standard forms must not occur anywhere else in a PBM
passage (so a question about one error is not spoiled by a second, unintended one).

Run from anywhere: python3 check_pbm.py. Prints every problem and a summary; exits 1 if there is
any problem."""

import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BANK = HERE.parent.parent / "Sources" / "GentaCore" / "Resources" / "DemoBank"  # the files Genta loads
QUESTIONS = BANK / "PBM.json"
PASSAGES = BANK / "passages.json"
OTHER_BANKS = ["PU.json", "PPU.json", "PK.json", "LBI.json", "LBE.json", "PM.json"]

SECTION = "PBM"
SUB_TYPES = ["ide_pokok", "ejaan", "kalimat_efektif", "makna_kata", "kata_baku"]
FIRST_ID, TOTAL = 61, 12
PER_SUB_TYPE = (2, 3)
MAX_NOT_MC = 3
LABEL_PAIRS = [["Benar", "Salah"], ["Ya", "Tidak"]]
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
B_SPREAD = (-2.0, 2.0)  # the whole set must reach at least this low and this high
PASSAGE_COUNT, PASSAGE_WORDS, QUESTIONS_PER_PASSAGE = (3, 3), (150, 250), (3, 5)
PASSAGE_FIELDS = {"key", "section", "title", "text"}
SHORT_ANSWER_MAX_WORDS = 4
MAX_OPTION, MAX_SUB_TYPE, MAX_CONCEPT = 500, 50, 255

# The key, written again on review: option text for multiple choice, answers for the tables,
# first accepted answer for short answers.
EXPECTED = {
    "PBM-061": "risiko yang dihadapi dalam usaha budi daya rumput laut",
    "PBM-062": "(12)",
    "PBM-063": "(6)",
    "PBM-064": "turun dengan tajam",
    "PBM-065": "Warga yang ingin membuang sampah elektronik dapat menyerahkannya ke tempat "
               "penampungan resmi yang disediakan pemerintah daerah.",
    "PBM-066": "“himbauan” menjadi “imbauan”",
    "PBM-067": ["Ya", "Ya", "Tidak", "Ya", "Tidak"],
    "PBM-068": "informal",
    "PBM-069": "pentingnya donor darah sukarela untuk memenuhi kebutuhan darah yang tidak pernah berhenti",
    "PBM-070": "Oleh karena itu",
    "PBM-071": "(11)",
    "PBM-072": "(4)",
}

# Deliberate errors in the passages: passage -> {form as written: sentence number}.
PLANTED = {
    "PBM-P01": {"perkilogram": 6, "Gudang yang dibangun": 12},
    "PBM-P02": {"Bagi warga": 4, "didalam": 6, "disekitarnya": 8, "himbauan": 9},
    "PBM-P03": {"kadaluarsa": 4, "Palang merah Indonesia": 11},
}
# Common non-standard or misspelt forms; none may occur in a PBM passage unless planted.
SUSPECT = ["ijin", "antri", "himbau", "himbauan", "kadaluarsa", "kadaluwarsa", "resiko", "praktek",
           "nasehat", "sekedar", "silahkan", "aktifitas", "efektifitas", "kwalitas", "sistim",
           "hutang", "handal", "hembus", "berhembus", "merubah", "lembab", "jaman", "analisa",
           "perkilogram", "didalam", "disekitarnya", "disekitar", "dimana", "kemana", "kesana",
           "keluar negeri", "dari pada", "seringkali", "budidaya", "pembudidaya", "pendaurulang",
           "bergotong-royong", "saling bahu-membahu", "sangat … sekali", "agar supaya", "demi untuk",
           "adalah merupakan", "yang mana"]

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


def occurs_exact(phrase, text):
    """Whole-word, case-sensitive occurrence (for planted capitalisation errors)."""
    return re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text) is not None


def load(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        print(f"{path.name}: cannot read: {error}")
        sys.exit(1)


def sentences(passage_text):
    """{n: sentence text} from a text numbered (1) … (2) …; None if the numbering is broken."""
    marks = list(re.finditer(r"(?:^|(?<=\s))\((\d+)\)\s", passage_text))
    if not marks or marks[0].start() != 0:
        return None
    out = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(passage_text)
        out[int(m.group(1))] = passage_text[m.end():end].strip()
    if list(out) != list(range(1, len(marks) + 1)):
        return None
    return out


def sentence_refs(text):
    """Sentence numbers a text refers to: "(7)", "kalimat (3) dan (4)", "(3)–(5)"."""
    return [int(n) for n in re.findall(r"\((\d+)\)", text)]


def named_sentence(text):
    """The single sentence a question names ("kalimat (7)"), or None."""
    found = re.findall(r"kalimat \((\d+)\)", text)
    return int(found[0]) if len(set(found)) == 1 else None


# ----------------------------------------------------------------------------- passages
passages = load(PASSAGES)
if not isinstance(passages, list):
    print("passages.json: must be a JSON array")
    sys.exit(1)
for key, n in Counter(p.get("key") for p in passages if isinstance(p, dict)).items():
    if n > 1:
        bad("passages.json", f"key {key} appears {n} times")

pbm_passages, numbered = {}, {}
for p in passages:
    if not isinstance(p, dict):
        continue
    key = str(p.get("key", ""))
    if not key.startswith("PBM-") and p.get("section") != SECTION:
        continue
    where = f"passages.json {key or '(no key)'}"
    if p.get("section") != SECTION:
        bad(where, f"section must be {SECTION} (found {p.get('section')!r})")
    if not re.fullmatch(r"PBM-P\d{2}", key):
        bad(where, "key must look like PBM-P01")
    for missing in sorted(PASSAGE_FIELDS - set(p)):
        bad(where, f"missing field {missing}")
    for extra in sorted(set(p) - PASSAGE_FIELDS):
        bad(where, f"unknown field {extra}")
    for f in ("title", "text"):
        if f in p and not nonempty_str(p[f]):
            bad(where, f"{f} must be a non-empty string")
    if not nonempty_str(p.get("text")):
        continue
    n = len(p["text"].split())
    if not PASSAGE_WORDS[0] <= n <= PASSAGE_WORDS[1]:
        bad(where, f"text has {n} words (allowed {PASSAGE_WORDS[0]}–{PASSAGE_WORDS[1]})")
    sents = sentences(p["text"])
    if sents is None:
        bad(where, "text must start with (1) and number its sentences (1), (2), … in order")
        sents = {}
    numbered[key] = sents
    pbm_passages[key] = p

    # planted errors sit where the questions say, and nothing else looks like one
    planted = PLANTED.get(key, {})
    for form, s in planted.items():
        if s not in sents or not occurs_exact(form, sents[s]):
            bad(where, f"planted error “{form}” is not in sentence ({s})")
        elif sum(occurs_exact(form, t) for t in sents.values()) != 1:
            bad(where, f"planted error “{form}” occurs in more than one sentence")
    for form in SUSPECT:
        if any(norm(form) == norm(f) for f in planted):
            continue
        parts = [x.strip() for x in form.split("…")]
        text = norm(p["text"])
        if all(occurs(x, text) for x in parts):
            bad(where, f"contains “{form}”, a non-standard form that no question is about")

expected_keys = [f"PBM-P{i:02d}" for i in range(1, len(pbm_passages) + 1)]
if sorted(pbm_passages) != expected_keys:
    bad("passages.json", f"PBM keys must be consecutive from PBM-P01 (found {sorted(pbm_passages)})")
if not PASSAGE_COUNT[0] <= len(pbm_passages) <= PASSAGE_COUNT[1]:
    bad("passages.json", f"{len(pbm_passages)} PBM passages (allowed {PASSAGE_COUNT[0]}–{PASSAGE_COUNT[1]})")
for key in PLANTED:
    if key not in pbm_passages:
        bad("check_pbm.py", f"PLANTED names {key}, which is not a PBM passage")

# ----------------------------------------------------------------------------- questions
all_pbm = load(QUESTIONS)
if not isinstance(all_pbm, list):
    print("PBM.json: must be a JSON array")
    sys.exit(1)


def passage_item(q):
    """PBM-061 or later: the passage-based questions this script checks."""
    m = re.fullmatch(r"PBM-(\d{3})", str(q.get("external_id", "")))
    return m is not None and int(m.group(1)) >= FIRST_ID


rows, first_bank = [], []  # (row number in PBM.json, question)
for i, q in enumerate(all_pbm, 1):
    if not isinstance(q, dict):
        bad(f"PBM.json row {i}", "must be an object")
    elif passage_item(q):
        rows.append((i, q))
    else:
        first_bank.append((i, q))
        if q.get("passage_key") is not None:
            bad(f"PBM.json row {i} ({q.get('external_id')})",
                f"uses passage {q['passage_key']!r} but is not among PBM-{FIRST_ID:03d}…, so it is not checked here")
questions = [q for _, q in rows]
if len(questions) != TOTAL:
    bad("PBM.json", f"{len(questions)} questions (expected {TOTAL})")
ids = [q.get("external_id") for q in questions if isinstance(q, dict)]
if ids != [f"PBM-{i:03d}" for i in range(FIRST_ID, FIRST_ID + len(questions))]:
    bad("PBM.json", f"external_id must run PBM-{FIRST_ID:03d}, PBM-{FIRST_ID + 1:03d}, … in order without gaps")
for qid, n in Counter(ids).items():
    if n > 1:
        bad("PBM.json", f"external_id {qid} repeated {n} times")
if set(EXPECTED) != set(ids):
    bad("check_pbm.py", f"EXPECTED covers {sorted(EXPECTED)}, the file has {ids}")

other_texts = {}
for _, q in first_bank:
    if isinstance(q.get("text"), str):
        other_texts.setdefault(norm(q["text"]), f"PBM.json {q.get('external_id')}")
for name in OTHER_BANKS:
    try:
        for q in json.loads((BANK / name).read_text(encoding="utf-8")):
            if isinstance(q, dict) and isinstance(q.get("text"), str):
                other_texts.setdefault(norm(q["text"]), name)
    except (OSError, json.JSONDecodeError, TypeError) as error:
        bad(name, f"cannot read it to compare question texts: {error}")

sub_counts, format_counts, keys, texts, per_passage = Counter(), Counter(), Counter(), Counter(), Counter()
bs = []

for i, q in rows:
    qid = q.get("external_id")
    where = f"PBM.json row {i} ({qid})"
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
    texts[norm(text)] += 1
    if norm(text) in other_texts:
        bad(where, f"text repeats a question text of {other_texts[norm(text)]}")

    b, a, c = q.get("difficulty_irt"), q.get("discrimination"), q.get("guessing_param")
    if not (is_number(b) and README_B[0] <= b <= README_B[1] and BRIEF_B[0] <= b <= BRIEF_B[1]):
        bad(where, f"difficulty_irt {b!r} outside {BRIEF_B}")
    else:
        bs.append(b)
    if not (is_number(a) and README_A[0] <= a <= README_A[1] and BRIEF_A[0] <= a <= BRIEF_A[1]):
        bad(where, f"discrimination {a!r} outside {BRIEF_A}")
    lo, hi = GUESSING[fmt]
    if not (is_number(c) and lo <= c <= hi):
        bad(where, f"guessing_param {c!r} outside {lo}–{hi} for {fmt}")

    pk = q.get("passage_key")
    passage = pbm_passages.get(pk)
    sents = numbered.get(pk, {})
    if passage is None:
        bad(where, f"passage_key {pk!r} is not a PBM passage in passages.json")
    else:
        per_passage[pk] += 1
        if passage["title"] not in text:
            bad(where, f"text should name the passage “{passage['title']}”")

    # every sentence number the student reads must exist
    shown = [text]
    if isinstance(q.get("options"), dict):
        shown += [str(v) for v in q["options"].values()]
    if isinstance(q.get("statements"), list):
        shown += [str(s.get("text", "")) for s in q["statements"] if isinstance(s, dict)]
    expl = q.get("explanation") if isinstance(q.get("explanation"), str) else ""
    for t in shown + [expl]:
        for n in sentence_refs(t):
            if sents and n not in sents:
                bad(where, f"refers to sentence ({n}), but {pk} has {len(sents)} sentences")
    named = named_sentence(text)
    if "rumpang" in text and (named is None or "…" not in sents.get(named, "")):
        bad(where, "a gap question must name the sentence that holds the gap “…”")

    if not re.search(r"kalimat|paragraf", expl, re.I):
        bad(where, "explanation cites no sentence or paragraph")
    if passage is not None:
        hay = norm(" ".join([passage["text"], passage["title"]] + shown))
        for quote in re.findall(r"“([^”]+)”", expl):
            for fragment in quote.split("…"):
                fragment = fragment.strip(" ,.;:")
                if len(fragment.split()) >= 2 and norm(fragment) not in hay:
                    bad(where, f"explanation quotes “{fragment}”, which is not in the passage or question")

    sub_counts[st] += 1
    format_counts[fmt] += 1
    want = EXPECTED.get(qid)

    if fmt == "multiple_choice":
        opts = q.get("options")
        if not (isinstance(opts, dict) and sorted(opts) == list("ABCDE")):
            bad(where, "options must have exactly the keys A–E")
            opts = {}
        for letter, value in opts.items():
            if not nonempty_str(value):
                bad(where, f"option {letter} empty")
            elif len(value.strip()) > MAX_OPTION:
                bad(where, f"option {letter} longer than {MAX_OPTION} characters")
        if opts and len({norm(str(v)) for v in opts.values()}) != 5:
            bad(where, "options are not all distinct")
        numbers = [re.fullmatch(r"\((\d+)\)", str(v).strip()) for v in opts.values()]
        if opts and all(numbers):
            values = [int(m.group(1)) for m in numbers]
            if values != sorted(values):
                bad(where, "sentence-number options should be in ascending order")
        ans = q.get("correct_answer")
        if ans not in list("ABCDE"):
            bad(where, f"correct_answer {ans!r} not one of A–E")
        else:
            keys[ans] += 1
            if want is not None and opts and norm(str(opts.get(ans, ""))) != norm(str(want)):
                bad(where, f"key {ans} points at “{opts.get(ans)}”, but the review key is “{want}”")
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
                # a statement about a quoted form "in sentence (n)" must quote what sentence n says
                m = re.fullmatch(r"“([^”]+)” pada kalimat \((\d+)\)", str(s["text"]).strip())
                if m and not occurs_exact(m.group(1), sents.get(int(m.group(2)), "")):
                    bad(where, f"statement {j}: “{m.group(1)}” is not written so in sentence ({m.group(2)})")
            answers = [s.get("answer") for s in stmts if isinstance(s, dict)]
            if labels and set(answers) != set(labels):
                bad(where, "statements should use both labels")
            if want is not None and answers != want:
                bad(where, f"answers {answers} differ from the review key {want}")
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
            if want is not None and norm(acc[0]) != norm(str(want)):
                bad(where, f"first accepted answer {acc[0]!r} differs from the review key {want!r}")
            if passage is not None:
                if not occurs(acc[0], passage["text"]):
                    bad(where, f"first accepted answer {acc[0]!r} does not occur in {pk}")
                if named is not None and not occurs(acc[0], sents.get(named, "")):
                    bad(where, f"{acc[0]!r} does not occur in sentence ({named}), which the question names")

for t, n in texts.items():
    if n > 1:
        bad("PBM.json", f"question text repeated {n} times: {t[:60]}…")

# ----------------------------------------------------------------------------- counts
for st in SUB_TYPES:
    if not PER_SUB_TYPE[0] <= sub_counts[st] <= PER_SUB_TYPE[1]:
        bad("PBM.json", f"sub_type {st}: {sub_counts[st]} questions (allowed {PER_SUB_TYPE[0]}–{PER_SUB_TYPE[1]})")
not_mc = len(questions) - format_counts["multiple_choice"]
if not_mc > MAX_NOT_MC:
    bad("PBM.json", f"{not_mc} questions are not multiple choice (at most {MAX_NOT_MC})")
n_mc = format_counts["multiple_choice"]
lo, hi = math.floor(n_mc / 5), math.ceil(n_mc / 5)
for letter in "ABCDE":
    if not lo <= keys[letter] <= hi:
        bad("PBM.json", f"key {letter} used {keys[letter]} times (allowed {lo}–{hi} for {n_mc} multiple choice)")
if bs and (min(bs) > B_SPREAD[0] or max(bs) < B_SPREAD[1]):
    bad("PBM.json", f"difficulty spans {min(bs)}…{max(bs)}, should reach ≤ {B_SPREAD[0]} and ≥ {B_SPREAD[1]}")
for key in pbm_passages:
    if not QUESTIONS_PER_PASSAGE[0] <= per_passage[key] <= QUESTIONS_PER_PASSAGE[1]:
        bad(key, f"used by {per_passage[key]} questions (allowed "
                 f"{QUESTIONS_PER_PASSAGE[0]}–{QUESTIONS_PER_PASSAGE[1]})")

# ----------------------------------------------------------------------------- report
print(f"PBM: {len(questions)} passage questions (PBM-{FIRST_ID:03d}…) of {len(all_pbm)} in PBM.json, "
      f"{len(pbm_passages)} passages "
      f"({len(passages)} passages in passages.json)")
print("passages (words, sentences, questions): " + ", ".join(
    f"{k} {len(p['text'].split())}w/{len(numbered.get(k, {}))}s/{per_passage[k]}q"
    for k, p in sorted(pbm_passages.items())))
print("sub types: " + ", ".join(f"{st} {sub_counts[st]}" for st in SUB_TYPES))
print("formats: " + ", ".join(f"{f} {format_counts[f]}" for f in BY_FORMAT))
print("MC keys: " + ", ".join(f"{k} {keys[k]}" for k in "ABCDE"))
if bs:
    print(f"difficulty: {min(bs):+.2f}…{max(bs):+.2f}")
if problems:
    print(f"\n{len(problems)} problem(s):")
    for p in problems:
        print(" -", p)
    sys.exit(1)
print("\nOK: every rule holds.")
