#!/usr/bin/env python3
"""Checks Sources/GentaCore/Resources/DemoBank/PPU.json and the PPU passages in passages.json (the
files Genta loads) against the format the PPU questions were written to.

Run from anywhere: python3 check_ppu.py [folder]; the folder defaults to the bank above. Exits 0
and prints "N passed, 0 failed" when every check holds; otherwise lists every problem as
"PPU.json row R (ID), field: problem".

Format rules (README.md): the fields of a question and, per format, of its options or statements;
ranges of the IRT parameters; unique external ids and texts; passage keys that exist.
Rules of this bank (its brief): 50 questions, 10 per sub type; 8 complex multiple choice, only
in pemahaman_wacana and makna_kontekstual; every key letter 8-10 times among multiple choice;
b spread over -2.5..2.5 within each sub type, a in 0.6..2.0.

Language items cannot be recomputed from numbers, so the answer key was written down a second
time, independently of the options' order, while reviewing each question (EXPECTED below): the
script asserts that the keyed letter points at exactly that option text, or that the statements
carry exactly those answers.
"""
import collections
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BANK = os.path.join(HERE, "..", "..", "Sources", "GentaCore", "Resources", "DemoBank")  # the files Genta loads
FOLDER = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else BANK)

SUB_TYPES = ["sinonim", "antonim", "makna_kontekstual", "hubungan_kata", "pemahaman_wacana"]
CMC_SUB_TYPES = {"pemahaman_wacana", "makna_kontekstual"}
FORMATS = {"multiple_choice", "complex_multiple_choice", "short_answer"}
COMMON = ["external_id", "section", "sub_type", "format", "text", "explanation",
          "explanation_en", "strategy_tip", "related_concept", "difficulty_irt",
          "discrimination", "guessing_param"]
BY_FORMAT = {
    "multiple_choice": ["options", "correct_answer"],
    "complex_multiple_choice": ["labels", "statements"],
    "short_answer": ["accepted_answers"],
}
OPTIONAL = ["passage_key"]
LETTERS = ["A", "B", "C", "D", "E"]

# The key, written again on review: option text for multiple choice, answers for the tables.
EXPECTED = {
    "PPU-001": "biasa", "PPU-002": "berarti", "PPU-003": "sarana", "PPU-004": "pasti",
    "PPU-005": "pertentangan", "PPU-006": "rumit", "PPU-007": "layak", "PPU-008": "taksa",
    "PPU-009": "efektif", "PPU-010": "ajek",
    "PPU-011": "dinamis", "PPU-012": "defisit", "PPU-013": "homogen", "PPU-014": "tersirat",
    "PPU-015": "nyata", "PPU-016": "permanen", "PPU-017": "induktif", "PPU-018": "kronis",
    "PPU-019": "rural", "PPU-020": "konvergen",
    "PPU-021": "naik tinggi",
    "PPU-022": ["Benar", "Benar", "Salah", "Salah"],
    "PPU-023": "membahas dan mematangkan",
    "PPU-024": "memperhatikan dan menilai dengan saksama",
    "PPU-025": ["Salah", "Benar", "Benar", "Salah"],
    "PPU-026": "kurang bersemangat",
    "PPU-027": ["Benar", "Salah", "Benar", "Salah"],
    "PPU-028": "menjadikan sebagai pokok cerita",
    "PPU-029": ["Benar", "Salah", "Salah", "Benar"],
    "PPU-030": "keadaan paling rendah atau paling buruk",
    "PPU-031": "bencana", "PPU-032": "pala", "PPU-033": "bab : buku",
    "PPU-034": "penggundulan hutan : erosi", "PPU-035": "kaidah : aturan", "PPU-036": "timbangan",
    "PPU-037": "barometer : tekanan udara",
    "PPU-038": "homonim: bentuk dan bunyinya sama, tetapi maknanya tidak berhubungan",
    "PPU-039": "pengirim : penerima", "PPU-040": "penyair : puisi",
    "PPU-041": "mereka kehilangan darah setiap bulan, sementara kebutuhan zat besinya meningkat",
    "PPU-042": "zat besi",
    "PPU-043": ["Benar", "Salah", "Benar", "Salah"],
    "PPU-044": "Nilai sampah yang disetorkan warga dicatat di buku tabungan.",
    "PPU-045": "Minat warga untuk menabung sampah meningkat.",
    "PPU-046": "sampah anorganik terpilah yang disetorkan warga dan sudah ditimbang",
    "PPU-047": ["Ya", "Tidak", "Ya", "Tidak", "Ya"],
    "PPU-048": "harga sebagian besar barang dan jasa naik terus-menerus selama berbulan-bulan",
    "PPU-049": ["Salah", "Salah", "Benar", "Benar"],
    "PPU-050": ["Salah", "Benar", "Salah", "Benar"],
}

errors = []
passed = 0


def check(cond, where, msg):
    global passed
    if cond:
        passed += 1
    else:
        errors.append(f"{where}: {msg}")
    return cond


def nonempty_str(v):
    return isinstance(v, str) and v.strip() != ""


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def norm(s):
    return " ".join(s.split()).casefold()


# ------------------------------------------------------------------ load
ppu_path = os.path.join(FOLDER, "PPU.json")
pas_path = os.path.join(FOLDER, "passages.json")
try:
    with open(ppu_path, encoding="utf-8") as f:
        rows = json.load(f)
except (OSError, ValueError) as e:
    print(f"PPU.json: cannot read: {e}")
    sys.exit(1)
try:
    with open(pas_path, encoding="utf-8") as f:
        passages = json.load(f)
except (OSError, ValueError) as e:
    print(f"passages.json: cannot read: {e}")
    sys.exit(1)

check(isinstance(rows, list), "PPU.json", "must be a JSON array")
check(isinstance(passages, list), "passages.json", "must be a JSON array")
if not isinstance(rows, list) or not isinstance(passages, list):
    print("\n".join(errors))
    sys.exit(1)

# ------------------------------------------------------------------ passages
pas_keys = collections.Counter()
ppu_passages = {}
for i, p in enumerate(passages, 1):
    where = f"passages.json row {i}"
    if not check(isinstance(p, dict), where, "must be an object"):
        continue
    pas_keys[p.get("key")] += 1
    if not str(p.get("key", "")).startswith("PPU-"):
        continue  # other writers' passages: only the shared rules below
    where += f" ({p.get('key')})"
    ppu_passages[p["key"]] = p
    extra = set(p) - {"key", "section", "title", "text", "table"}
    check(not extra, where, f"unknown fields {sorted(extra)}")
    check(re.fullmatch(r"PPU-P\d{2}", p["key"]) is not None, where + ", key", "must look like PPU-P01")
    check(p.get("section") == "PPU", where + ", section", "must be PPU")
    check(nonempty_str(p.get("title")), where + ", title", "missing or empty")
    check(nonempty_str(p.get("text")), where + ", text", "missing or empty")
    if "table" in p:
        t = p["table"]
        ok = isinstance(t, dict) and isinstance(t.get("columns"), list) and isinstance(t.get("rows"), list) \
            and all(isinstance(r, list) and len(r) == len(t["columns"]) for r in t["rows"])
        check(ok, where + ", table", "needs columns and rows of that width")
for k, n in pas_keys.items():
    check(n == 1, "passages.json", f"key {k!r} appears {n} times")
check(2 <= len(ppu_passages) <= 3, "passages.json", f"{len(ppu_passages)} PPU passages, expected 2-3")

# ------------------------------------------------------------------ questions
ids = collections.Counter()
texts = collections.Counter()
per_sub = collections.Counter()
per_sub_fmt = collections.Counter()
letters = collections.Counter()
b_by_sub = collections.defaultdict(list)
used_passages = collections.Counter()

check(len(rows) == 50, "PPU.json", f"{len(rows)} questions, expected 50")
for i, q in enumerate(rows, 1):
    eid = q.get("external_id") if isinstance(q, dict) else None
    where = f"PPU.json row {i} ({eid})"
    if not check(isinstance(q, dict), where, "must be an object"):
        continue
    fmt = q.get("format")
    check(fmt in FORMATS, where + ", format", f"unknown format {fmt!r}")
    allowed = set(COMMON) | set(OPTIONAL) | set(BY_FORMAT.get(fmt, []))
    for fld in COMMON + BY_FORMAT.get(fmt, []):
        check(fld in q, where + f", {fld}", "missing")
    extra = set(q) - allowed
    check(not extra, where, f"fields not allowed for {fmt}: {sorted(extra)}")

    check(isinstance(eid, str) and re.fullmatch(r"PPU-\d{3}", eid) is not None, where + ", external_id", "must be PPU-NNN")
    check(eid == f"PPU-{i:03d}", where + ", external_id", f"expected PPU-{i:03d} in file order")
    ids[eid] += 1
    check(q.get("section") == "PPU", where + ", section", "must be PPU")
    sub = q.get("sub_type")
    check(sub in SUB_TYPES, where + ", sub_type", f"unknown sub type {sub!r}")
    check(isinstance(sub, str) and len(sub) <= 50, where + ", sub_type", "at most 50 characters")
    for fld in ["text", "explanation", "explanation_en", "strategy_tip", "related_concept"]:
        check(nonempty_str(q.get(fld)), where + f", {fld}", "missing or empty")
    if nonempty_str(q.get("text")):
        texts[norm(q["text"])] += 1
    tip = q.get("strategy_tip", "")
    check(isinstance(tip, str) and tip.count(". ") == 0 and tip.strip().endswith("."), where + ", strategy_tip",
          "should be one sentence ending with a full stop")

    b, a, c = q.get("difficulty_irt"), q.get("discrimination"), q.get("guessing_param")
    check(is_num(b) and -3 <= b <= 3, where + ", difficulty_irt", f"{b!r} outside -3..3 (README)")
    check(is_num(b) and -2.5 <= b <= 2.5, where + ", difficulty_irt", f"{b!r} outside -2.5..2.5 (brief)")
    check(is_num(a) and 0.5 <= a <= 2.2, where + ", discrimination", f"{a!r} outside 0.5..2.2 (README)")
    check(is_num(a) and 0.6 <= a <= 2.0, where + ", discrimination", f"{a!r} outside 0.6..2.0 (brief)")
    if is_num(b):
        b_by_sub[sub].append(b)
    per_sub[sub] += 1
    per_sub_fmt[(sub, fmt)] += 1

    if "passage_key" in q:
        pk = q["passage_key"]
        check(pk in ppu_passages, where + ", passage_key", f"{pk!r} is not a PPU passage in passages.json")
        check(sub == "pemahaman_wacana", where + ", passage_key", "only pemahaman_wacana questions use passages")
        used_passages[pk] += 1

    exp = EXPECTED.get(eid)
    check(exp is not None, where, "no independent key recorded in EXPECTED")

    if fmt == "multiple_choice":
        check(is_num(c) and 0.10 <= c <= 0.25, where + ", guessing_param", f"{c!r} outside 0.10..0.25")
        opts = q.get("options")
        if check(isinstance(opts, dict) and sorted(opts) == LETTERS, where + ", options", "must be exactly A-E"):
            vals = [opts[L] for L in LETTERS]
            for L in LETTERS:
                v = opts[L]
                check(nonempty_str(v), where + f", options.{L}", "empty")
                check(isinstance(v, str) and len(v) <= 500, where + f", options.{L}", "longer than 500 characters")
                check(isinstance(v, str) and v == v.strip(), where + f", options.{L}", "leading or trailing space")
            check(len(set(vals)) == 5, where + ", options", "five distinct options required (case-sensitive)")
            check(len({norm(v) for v in vals if isinstance(v, str)}) == 5, where + ", options",
                  "two options differ only in case or spacing")
            ca = q.get("correct_answer")
            if check(ca in LETTERS, where + ", correct_answer", f"{ca!r} is not one of A-E"):
                letters[ca] += 1
                if isinstance(exp, str):
                    check(opts[ca] == exp, where + ", correct_answer",
                          f"{ca} is {opts[ca]!r}, independent key says {exp!r}")
                    check(vals.count(exp) == 1, where + ", options", "independent key text must appear exactly once")
                else:
                    check(False, where, "EXPECTED holds table answers for a multiple-choice question")
    elif fmt == "complex_multiple_choice":
        check(is_num(c) and 0 <= c <= 0.08, where + ", guessing_param", f"{c!r} outside 0..0.08")
        labels = q.get("labels")
        lab_ok = check(isinstance(labels, list) and len(labels) == 2 and all(nonempty_str(x) for x in labels)
                       and labels[0] != labels[1], where + ", labels", "two distinct non-empty labels required")
        st = q.get("statements")
        if check(isinstance(st, list) and 3 <= len(st) <= 5, where + ", statements", "3-5 statements required"):
            answers = []
            for j, s in enumerate(st, 1):
                w = where + f", statements[{j}]"
                if not check(isinstance(s, dict) and set(s) == {"text", "answer"}, w, "must be {text, answer}"):
                    continue
                check(nonempty_str(s["text"]), w + ".text", "missing or empty")
                if lab_ok:
                    check(s["answer"] in labels, w + ".answer", f"{s['answer']!r} is not one of {labels}")
                answers.append(s["answer"])
            check(len({norm(s.get('text', '')) for s in st if isinstance(s, dict)}) == len(st),
                  where + ", statements", "statement texts repeat")
            if lab_ok:
                check(all(x in answers for x in labels), where + ", statements",
                      "both labels should be used (a one-label table is guessable)")
            if isinstance(exp, list):
                check(answers == exp, where + ", statements", f"answers {answers}, independent key says {exp}")
            else:
                check(False, where, "EXPECTED holds an option text for a table question")
    elif fmt == "short_answer":
        check(c == 0, where + ", guessing_param", "must be 0 for short answer")
        acc = q.get("accepted_answers")
        check(isinstance(acc, list) and 1 <= len(acc) <= 5 and all(nonempty_str(x) for x in acc),
              where + ", accepted_answers", "1-5 non-empty strings")

# ------------------------------------------------------------------ bank-level rules
for k, n in ids.items():
    check(n == 1, "PPU.json", f"external_id {k!r} appears {n} times")
for t, n in texts.items():
    check(n == 1, "PPU.json", f"question text repeated {n} times: {t[:60]!r}…")
for sub in SUB_TYPES:
    check(per_sub[sub] == 10, "PPU.json", f"{sub}: {per_sub[sub]} questions, expected 10")
    bs = b_by_sub[sub]
    if bs:
        check(min(bs) <= -2.0 and max(bs) >= 2.0, "PPU.json",
              f"{sub}: difficulty spans {min(bs)}..{max(bs)}, expected about -2.5..2.5")
        check(any(-1 <= x <= 1 for x in bs), "PPU.json", f"{sub}: no medium-difficulty item")
n_cmc = sum(n for (s, f), n in per_sub_fmt.items() if f == "complex_multiple_choice")
n_mc = sum(n for (s, f), n in per_sub_fmt.items() if f == "multiple_choice")
check(n_cmc == 8, "PPU.json", f"{n_cmc} complex multiple choice, expected 8")
check(n_mc == 42, "PPU.json", f"{n_mc} multiple choice, expected 42")
for (s, f), n in per_sub_fmt.items():
    if f == "complex_multiple_choice":
        check(s in CMC_SUB_TYPES, "PPU.json", f"complex multiple choice in {s}")
    check(f != "short_answer", "PPU.json", "PPU has no short answer questions")
for L in LETTERS:
    check(8 <= letters[L] <= 10, "PPU.json", f"key {L} used {letters[L]} times among MC, expected 8-10")
for k in ppu_passages:
    check(used_passages[k] >= 2, "passages.json", f"{k} used by {used_passages[k]} questions, expected 2 or more")

# the same text anywhere else in the bank (the other subtests' files)
others = {}
other_files = [p for p in sorted(glob.glob(os.path.join(FOLDER, "*.json")))
               if os.path.basename(p) not in ("PPU.json", "passages.json")]
check(len(other_files) == 6, FOLDER, f"{len(other_files)} other subtest files to compare texts with, expected 6")
for path in other_files:
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        check(False, name, f"cannot read it to compare question texts: {e}")
        continue
    for r in data if isinstance(data, list) else []:
        if isinstance(r, dict) and nonempty_str(r.get("text")):
            others.setdefault(norm(r["text"]), name)
for t in texts:
    check(t not in others, "PPU.json", f"text also in {others.get(t)}: {t[:60]!r}…")

# ------------------------------------------------------------------ report
fmt_counts = collections.Counter(q.get("format") for q in rows if isinstance(q, dict))
print(f"PPU.json: {len(rows)} questions; " + ", ".join(f"{s} {per_sub[s]}" for s in SUB_TYPES))
print("formats: " + ", ".join(f"{k} {v}" for k, v in sorted(fmt_counts.items())))
print("CMC by sub type: " + ", ".join(f"{s} {per_sub_fmt[(s, 'complex_multiple_choice')]}" for s in SUB_TYPES))
print("MC keys: " + ", ".join(f"{L} {letters[L]}" for L in LETTERS))
print("b range by sub type: " + "; ".join(f"{s} {min(b_by_sub[s]):+.1f}..{max(b_by_sub[s]):+.1f}" for s in SUB_TYPES if b_by_sub[s]))
print("PPU passages: " + ", ".join(f"{k} ({used_passages[k]} questions)" for k in sorted(ppu_passages)))
if errors:
    print(f"\n{len(errors)} problem(s):")
    for e in errors:
        print("  " + e)
print(f"{passed} passed, {len(errors)} failed")
sys.exit(1 if errors else 0)
