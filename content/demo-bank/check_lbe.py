#!/usr/bin/env python3
"""Checks Sources/GentaCore/Resources/DemoBank/LBE.json and the LBE passages in passages.json
(the files Genta loads) against the rules the LBE questions were written to: fields per format,
counts per sub type and format, ranges of the IRT parameters, distinct options, balanced keys,
unique ids and texts, passages that exist and belong to LBE, and short answers that occur in their
passage (in the paragraph the question names). Prints every problem; exits 1 if there is any."""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BANK = HERE.parent.parent / "Sources" / "GentaCore" / "Resources" / "DemoBank"  # the files Genta loads
QUESTIONS = BANK / "LBE.json"
PASSAGES = BANK / "passages.json"

SUB_TYPES = ["main_idea", "detail", "inference", "vocabulary_in_context", "author_purpose"]
PER_SUB_TYPE = 10
FORMAT_COUNTS = {"multiple_choice": 30, "complex_multiple_choice": 12, "short_answer": 8}
LABEL_PAIRS = [["True", "False"], ["Yes", "No"]]
COMMON = {"external_id", "section", "sub_type", "format", "text", "explanation",
          "explanation_en", "strategy_tip", "related_concept", "difficulty_irt",
          "discrimination", "guessing_param", "passage_key"}
BY_FORMAT = {"multiple_choice": {"options", "correct_answer"},
             "complex_multiple_choice": {"labels", "statements"},
             "short_answer": {"accepted_answers"}}
GUESSING = {"multiple_choice": (0.10, 0.25), "complex_multiple_choice": (0.0, 0.08),
            "short_answer": (0.0, 0.0)}
B_RANGE, A_RANGE = (-2.5, 2.5), (0.6, 2.0)  # the brief's ranges, inside the README's −3…3, 0.5…2.2
B_SPREAD = (-2.0, 2.0)  # each sub type must reach at least this low and this high
KEY_BALANCE = (5, 7)
PASSAGE_COUNT, PASSAGE_WORDS, QUESTIONS_PER_PASSAGE = (8, 10), (250, 400), (4, 6)
PASSAGE_FIELDS = {"key", "section", "title", "text", "table"}

problems = []


def bad(where, message):
    problems.append(f"{where}: {message}")


def nonempty_str(value):
    return isinstance(value, str) and value.strip() != ""


def words(text):
    return re.findall(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*", text)


def occurs(word, text):
    return re.search(r"(?<![A-Za-z-])" + re.escape(word) + r"(?![A-Za-z-])", text, re.I) is not None


def load(path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        print(f"{path.name}: cannot read: {error}")
        sys.exit(1)
    if not isinstance(data, list):
        print(f"{path.name}: not a JSON array")
        sys.exit(1)
    return data


def check_passages(all_passages):
    keys = Counter(p.get("key") for p in all_passages if isinstance(p, dict))
    for key, n in keys.items():
        if n > 1:
            bad("passages.json", f"key {key} appears {n} times")
    lbe = {}
    for i, p in enumerate(all_passages, 1):
        if not isinstance(p, dict):
            bad(f"passages.json row {i}", "not an object")
            continue
        if p.get("section") != "LBE" and not str(p.get("key", "")).startswith("LBE-"):
            continue  # another writer's passage
        where = f"passages.json {p.get('key', f'row {i}')}"
        if not re.fullmatch(r"LBE-P\d{2}", str(p.get("key"))):
            bad(where, "key is not LBE-Pnn")
        if p.get("section") != "LBE":
            bad(where, "section is not LBE")
        for field in set(p) - PASSAGE_FIELDS:
            bad(where, f"unknown field {field}")
        for field in ("title", "text"):
            if not nonempty_str(p.get(field)):
                bad(where, f"{field} missing or empty")
        n = len(words(p.get("text", "")))
        if not PASSAGE_WORDS[0] <= n <= PASSAGE_WORDS[1]:
            bad(where, f"{n} words, outside {PASSAGE_WORDS}")
        if "table" in p:
            table = p["table"]
            cols = table.get("columns") if isinstance(table, dict) else None
            rows = table.get("rows") if isinstance(table, dict) else None
            if not (isinstance(cols, list) and cols and all(nonempty_str(c) for c in cols)):
                bad(where, "table.columns must be a non-empty list of strings")
            elif not (isinstance(rows, list) and rows):
                bad(where, "table.rows must be a non-empty list")
            else:
                for r, row in enumerate(rows, 1):
                    if not (isinstance(row, list) and len(row) == len(cols)
                            and all(nonempty_str(c) for c in row)):
                        bad(where, f"table row {r} does not have {len(cols)} non-empty cells")
        lbe[p.get("key")] = p
    if not PASSAGE_COUNT[0] <= len(lbe) <= PASSAGE_COUNT[1]:
        bad("passages.json", f"{len(lbe)} LBE passages, outside {PASSAGE_COUNT}")
    return lbe


def check_multiple_choice(where, q):
    options = q.get("options")
    if not isinstance(options, dict) or sorted(options) != list("ABCDE"):
        bad(where, "options must be exactly A–E")
        return
    seen = {}
    for letter in "ABCDE":
        option = options[letter]
        if not nonempty_str(option):
            bad(where, f"options.{letter} empty")
            continue
        if len(option) > 500:
            bad(where, f"options.{letter} longer than 500 characters")
        folded = option.strip().casefold()
        if folded in seen:
            bad(where, f"options.{letter} repeats option {seen[folded]}")
        seen[folded] = letter
    if q.get("correct_answer") not in list("ABCDE"):
        bad(where, "correct_answer not one of A–E")


def check_complex(where, q):
    labels, statements = q.get("labels"), q.get("statements")
    if labels not in LABEL_PAIRS:
        bad(where, f"labels {labels} not one of {LABEL_PAIRS}")
        return
    if not isinstance(statements, list) or not 3 <= len(statements) <= 5:
        bad(where, "statements must be a list of 3–5")
        return
    texts = set()
    for s, statement in enumerate(statements, 1):
        if not isinstance(statement, dict) or set(statement) != {"text", "answer"}:
            bad(where, f"statement {s} must have exactly text and answer")
            continue
        if not nonempty_str(statement["text"]):
            bad(where, f"statement {s} text empty")
        if statement["text"] in texts:
            bad(where, f"statement {s} repeats another statement")
        texts.add(statement["text"])
        if statement["answer"] not in labels:
            bad(where, f"statement {s} answer {statement['answer']!r} not a label")
    used = {s.get("answer") for s in statements if isinstance(s, dict)}
    if not set(labels) <= used:
        bad(where, "every statement has the same answer; use both labels")


def paragraphs(text):
    return [p for p in text.split("\n\n") if p.strip()]


def check_short_answer(where, q, passage):
    accepted = q.get("accepted_answers")
    if not isinstance(accepted, list) or not 1 <= len(accepted) <= 5 \
            or not all(nonempty_str(a) for a in accepted):
        bad(where, "accepted_answers must be 1–5 non-empty strings")
        return
    folded = [a.strip().casefold() for a in accepted]
    if len(set(folded)) != len(folded):
        bad(where, "accepted_answers repeat each other")
    if any(re.search(r"\s", a.strip()) for a in accepted):
        bad(where, "an accepted answer is more than one word")
    if passage is None:
        return
    text = passage["text"]
    match = re.search(r"paragraph (\d+)", q.get("text", ""))
    if match:
        n = int(match.group(1))
        paras = paragraphs(text)
        if n > len(paras):
            bad(where, f"names paragraph {n}, passage has {len(paras)}")
            return
        text = paras[n - 1]
    first = accepted[0]
    if not occurs(first, text):
        bad(where, f"answer {first!r} does not occur in "
                   + (f"paragraph {match.group(1)}" if match else "the passage"))
    # further entries are spelling variants of the first (hyphen, -ise/-ize)
    base = re.sub(r"[-\s]", "", first.casefold())
    for variant in accepted[1:]:
        v = re.sub(r"[-\s]", "", variant.casefold())
        if v != base and v.replace("iz", "is") != base.replace("iz", "is") and not occurs(variant, text):
            bad(where, f"accepted answer {variant!r} is neither in the passage nor a spelling variant")


def main():
    questions = load(QUESTIONS)
    passages = check_passages(load(PASSAGES))

    ids, texts = Counter(), Counter()
    subs, formats, keys = Counter(), Counter(), Counter()
    per_passage = Counter()
    b_by_sub = {s: [] for s in SUB_TYPES}

    if len(questions) != PER_SUB_TYPE * len(SUB_TYPES):
        bad("LBE.json", f"{len(questions)} questions, expected {PER_SUB_TYPE * len(SUB_TYPES)}")

    for i, q in enumerate(questions, 1):
        if not isinstance(q, dict):
            bad(f"LBE.json row {i}", "not an object")
            continue
        where = f"LBE.json row {i} ({q.get('external_id')})"
        fmt = q.get("format")
        if fmt not in BY_FORMAT:
            bad(where, f"format {fmt!r} unknown")
            continue
        allowed = COMMON | BY_FORMAT[fmt]
        for field in set(q) - allowed:
            bad(where, f"unknown field {field}")
        for field in allowed - set(q):
            bad(where, f"missing field {field}")

        if q.get("external_id") != f"LBE-{i:03d}":
            bad(where, f"external_id should be LBE-{i:03d}")
        ids[q.get("external_id")] += 1
        if q.get("section") != "LBE":
            bad(where, "section is not LBE")
        sub = q.get("sub_type")
        if sub not in SUB_TYPES:
            bad(where, f"sub_type {sub!r} not one of {SUB_TYPES}")
        for field in ("text", "explanation", "explanation_en", "strategy_tip", "related_concept"):
            if not nonempty_str(q.get(field)):
                bad(where, f"{field} missing or empty")
        texts[q.get("text")] += 1
        subs[sub] += 1
        formats[fmt] += 1

        b, a, c = q.get("difficulty_irt"), q.get("discrimination"), q.get("guessing_param")
        for name, value, (low, high) in (("difficulty_irt", b, B_RANGE),
                                         ("discrimination", a, A_RANGE),
                                         ("guessing_param", c, GUESSING[fmt])):
            if not isinstance(value, (int, float)) or isinstance(value, bool) \
                    or not low <= value <= high:
                bad(where, f"{name} {value!r} outside [{low}, {high}]")
        if sub in b_by_sub and isinstance(b, (int, float)):
            b_by_sub[sub].append(b)

        key = q.get("passage_key")
        passage = passages.get(key)
        if passage is None:
            bad(where, f"passage_key {key!r} is not an LBE passage in passages.json")
        else:
            per_passage[key] += 1
            n_paras = len(paragraphs(passage["text"]))
            for n in re.findall(r"paragraph (\d+)", q.get("text", "")):
                if int(n) > n_paras:
                    bad(where, f"names paragraph {n}, passage has {n_paras}")

        if fmt == "multiple_choice":
            check_multiple_choice(where, q)
            keys[q.get("correct_answer")] += 1
        elif fmt == "complex_multiple_choice":
            check_complex(where, q)
        else:
            check_short_answer(where, q, passage)

    for value, n in ids.items():
        if n > 1:
            bad("LBE.json", f"external_id {value} used {n} times")
    for value, n in texts.items():
        if n > 1:
            bad("LBE.json", f"question text repeated {n} times: {str(value)[:60]}…")
    for sub in SUB_TYPES:
        if subs[sub] != PER_SUB_TYPE:
            bad("LBE.json", f"{subs[sub]} {sub} questions, expected {PER_SUB_TYPE}")
        bs = b_by_sub[sub]
        if bs and (min(bs) > B_SPREAD[0] or max(bs) < B_SPREAD[1]):
            bad("LBE.json", f"{sub}: difficulty {min(bs)}…{max(bs)} does not span {B_SPREAD}")
    for fmt, expected in FORMAT_COUNTS.items():
        if formats[fmt] != expected:
            bad("LBE.json", f"{formats[fmt]} {fmt} questions, expected {expected}")
    for letter in "ABCDE":
        if not KEY_BALANCE[0] <= keys[letter] <= KEY_BALANCE[1]:
            bad("LBE.json", f"key {letter} used {keys[letter]} times, outside {KEY_BALANCE}")
    for key in passages:
        n = per_passage[key]
        if not QUESTIONS_PER_PASSAGE[0] <= n <= QUESTIONS_PER_PASSAGE[1]:
            bad(f"passages.json {key}", f"{n} questions use it, outside {QUESTIONS_PER_PASSAGE}")

    print(f"passages: {len(passages)} LBE ("
          + ", ".join(f"{k} {len(words(p['text']))}w/{per_passage[k]}q"
                      for k, p in sorted(passages.items())) + ")")
    print(f"questions: {len(questions)}; sub types: "
          + ", ".join(f"{s} {subs[s]}" for s in SUB_TYPES))
    print("formats: " + ", ".join(f"{f} {formats[f]}" for f in FORMAT_COUNTS))
    print("multiple-choice keys: " + ", ".join(f"{l} {keys[l]}" for l in "ABCDE"))
    print("difficulty per sub type: " + "; ".join(
        f"{s} {min(b_by_sub[s]):+.1f}…{max(b_by_sub[s]):+.1f}" for s in SUB_TYPES if b_by_sub[s]))
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
