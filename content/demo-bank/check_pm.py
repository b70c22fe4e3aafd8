#!/usr/bin/env python3
"""Checks Sources/GentaCore/Resources/DemoBank/PM.json and the PM passages in passages.json (the
files Genta loads).

1. Format (README.md and the PM brief): fields per format, ids PM-001…PM-050, 10 questions
   per sub type, 22/12/16 per format, IRT ranges (b spread over every sub type, a 0.6–2.0,
   c per format), distinct options, balanced keys, unique texts, two labels and 3–5
   statements, one short answer written as a number in its simplest form, passages that
   exist, belong to PM and are each used by several questions.
2. Keys: every answer is recomputed here from the numbers of the situation (read from the
   passage tables where there is one; the numbers in the texts are asserted to be there), by
   exact arithmetic (fractions, sympy) or brute-force enumeration. A multiple-choice key must
   be the only option equal to the computed value, every Benar/Salah row must match, and the
   accepted short answer must equal the computed value.

Prints every problem; exits 1 if there is any.
"""

import itertools
import json
import math
import re
import statistics
import sys
from collections import Counter
from fractions import Fraction as F
from pathlib import Path

import sympy

HERE = Path(__file__).resolve().parent
BANK = HERE.parent.parent / "Sources" / "GentaCore" / "Resources" / "DemoBank"  # the files Genta loads
QUESTIONS = BANK / "PM.json"
PASSAGES = BANK / "passages.json"

SUB_TYPES = ["aljabar_kontekstual", "geometri_pengukuran", "statistika_data",
             "peluang_kombinatorika", "bilangan_rasio"]
PER_SUB_TYPE = 10
FORMAT_COUNTS = {"multiple_choice": 22, "complex_multiple_choice": 12, "short_answer": 16}
COMMON = {"external_id", "section", "sub_type", "format", "text", "explanation",
          "explanation_en", "strategy_tip", "related_concept", "difficulty_irt",
          "discrimination", "guessing_param"}
OPTIONAL = {"passage_key"}
BY_FORMAT = {"multiple_choice": {"options", "correct_answer"},
             "complex_multiple_choice": {"labels", "statements"},
             "short_answer": {"accepted_answers"}}
GUESSING = {"multiple_choice": (0.10, 0.25), "complex_multiple_choice": (0.0, 0.08),
            "short_answer": (0.0, 0.0)}
B_RANGE, A_RANGE = (-2.5, 2.5), (0.6, 2.0)   # the brief's, inside the README's −3…3 and 0.5…2.2
B_SPREAD = (-2.0, 2.0)                        # every sub type reaches at least this low and high
KEY_BALANCE = (4, 5)
PASSAGE_COUNT = (4, 6)
PASSAGE_QUESTIONS = (14, 20)                  # "around a third" of 50
PASSAGE_FIELDS = {"key", "section", "title", "text"}

problems = []


def bad(where, message):
    problems.append(f"{where}: {message}")


# ---------------------------------------------------------------- numbers in Indonesian


def num(s):
    """'Rp469.000' → 469000, '3.937,2 m²' → 3937.2, '7/15' → 7/15, '28%' → 28, '0,8 m' → 0.8."""
    t = re.sub(r"[^0-9.,/]", "", s)
    if "/" in t:
        p, q = t.split("/")
        return F(int(p), int(q))
    t = t.replace(".", "").replace(",", ".")
    return F(t)


def canonical(v):
    """The simplest written form of a number: an integer, or a finite decimal with a comma."""
    v = F(v)
    if v.denominator == 1:
        return str(v.numerator)
    d = v.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return None  # not a finite decimal
    s = f"{float(v):.10f}".rstrip("0").rstrip(".")
    assert F(s) == v
    return s.replace(".", ",")


def minutes(hhmm):
    h, m = hhmm.split(".")
    return int(h) * 60 + int(m)


# ---------------------------------------------------------------- the situations


def load():
    out = []
    for path in (QUESTIONS, PASSAGES):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            print(f"{path.name}: cannot read: {error}")
            sys.exit(1)
        if not isinstance(data, list):
            print(f"{path.name}: not a JSON array")
            sys.exit(1)
        out.append(data)
    return tuple(out)


QS, PS = load()
BYID = {q.get("external_id"): q for q in QS if isinstance(q, dict)}
PBYKEY = {p.get("key"): p for p in PS if isinstance(p, dict)}


def text_of(qid):
    q = BYID[qid]
    t = q["text"] + "\n" + "\n".join(st["text"] for st in q.get("statements", []))
    if q.get("passage_key"):
        t = PBYKEY[q["passage_key"]]["text"] + "\n" + t
    return t


def need(qid, *fragments):
    """The numbers the solver uses must be the ones the student reads."""
    t = text_of(qid)
    for frag in fragments:
        assert frag in t, f"{qid}: text lacks {frag!r}"


def table(key):
    return PBYKEY[key]["table"]


# PM-P01: bus timetable
def bus():
    tb = table("PM-P01")
    stops = {r[0]: (num(r[1]), int(r[2])) for r in tb["rows"]}
    t = PBYKEY["PM-P01"]["text"]
    for frag in ("pukul 05.30", "setiap 12 menit", "pukul 21.30", "Rp3.500", "sebelum pukul 07.00",
                 "Rp2.000", "Rp120.000"):
        assert frag in t, f"PM-P01 lacks {frag!r}"
    first, last, gap = minutes("05.30"), minutes("21.30"), 12
    departures = list(range(first, last + 1, gap))
    assert departures[-1] == last
    return stops, departures


def fare(board_min):
    return 2000 if board_min < minutes("07.00") else 3500


# PM-P02: shop promo
def shop():
    tb = table("PM-P02")
    items = {}
    for name, price, disc in tb["rows"]:
        d = F(0) if "%" not in disc else num(disc) / 100
        items[name.split(" (")[0]] = num(price) * (1 - d)
    t = PBYKEY["PM-P02"]["text"]
    for frag in ("10%", "Rp50.000", "Rp300.000", "Rp20.000", "Rp400.000"):
        assert frag in t, f"PM-P02 lacks {frag!r}"
    return items


def checkout(cart):
    """cart: {item: count} in one transaction → (after item discounts, voucher, shipping, paid)."""
    items = shop()
    total = sum(items[k] * n for k, n in cart.items())
    voucher = min(total / 10, 50000) if total >= 300000 else F(0)
    after = total - voucher
    shipping = 0 if after >= 400000 else 20000
    return total, voucher, shipping, after + shipping


# PM-P03: library visitors
def library():
    rows = table("PM-P03")["rows"]
    return {r[0]: (int(r[1]), int(r[2])) for r in rows}


# PM-P04: two dice
def prize(a, b):
    if a + b == 12:
        return 50000
    if a + b == 7:
        return 10000
    if a == b:
        return 5000
    return 0


def dice():
    t = PBYKEY["PM-P04"]["text"]
    for frag in ("Rp5.000 untuk satu kali", "12: hadiah Rp50.000", "7: hadiah Rp10.000",
                 "kecuali 6 dan 6: hadiah Rp5.000"):
        assert frag in t, f"PM-P04 lacks {frag!r}"
    return list(itertools.product(range(1, 7), repeat=2))


def p_of(pred):
    outs = dice()
    return F(sum(1 for o in outs if pred(*o)), len(outs))


# PM-P05: park plan
def park():
    t = PBYKEY["PM-P05"]["text"]
    for frag in ("1 : 500", "16 cm × 10 cm", "diameternya 4 cm", "selebar 5 m", "π = 3,14"):
        assert frag in t, f"PM-P05 lacks {frag!r}"
    scale = 500
    L, W, D = F(16 * scale, 100), F(10 * scale, 100), F(4 * scale, 100)  # metres
    pi = F(314, 100)
    return L, W, D, pi


# ---------------------------------------------------------------- solvers, one per question
# MC and SA solvers return the value; CMC solvers return the list of truth values.

S = {}


def solver(qid):
    def deco(fn):
        S[qid] = fn
        return fn
    return deco


@solver("PM-001")
def _():
    need("PM-001", "Rp8.000 untuk 2 km pertama", "Rp3.500 untuk setiap kilometer", "9 km")
    return sum(8000 if km == 1 else 0 if km == 2 else 3500 for km in range(1, 10))


@solver("PM-002")
def _():
    need("PM-002", "30 kg", "Rp12.000", "Rp15.000", "Rp399.000")
    sols = [30 - a for a in range(31) if 12000 * a + 15000 * (30 - a) == 399000]
    assert len(sols) == 1
    return sols[0]


@solver("PM-003")
def _():
    need("PM-003", "pukul 06.30", "pukul 16.00")
    bus()
    daily = fare(minutes("06.30")) + fare(minutes("16.00"))
    return next(n for n in range(1, 40) if n * daily > 120000)


@solver("PM-004")
def _():
    return len(bus()[1])


@solver("PM-005")
def _():
    need("PM-005", "Rp300.000 per hari", "Rp2.000 per kilometer", "Rp450.000 per hari")
    P = lambda h, d: 300000 * h + 2000 * d
    Q = lambda h, d: 450000 * h
    s4 = all((P(3, d) < Q(3, d)) == (d < 250) for d in range(0, 600))
    limits = [max(d for d in range(0, 2000) if P(h, d) < Q(h, d)) for h in range(1, 6)]
    s5 = all(b - a == 50 for a, b in zip(limits, limits[1:]))
    return [P(1, 60) < Q(1, 60), P(1, 75) == Q(1, 75), Q(2, 160) < P(2, 160), s4, s5]


@solver("PM-006")
def _():
    need("PM-006", "Halte Pasar Baru pukul 07.00", "Halte Stadion")
    stops, deps = bus()
    at_pasar = stops["Halte Pasar Baru"][1]
    at_stadion = stops["Halte Stadion"][1]
    arrive = minutes("07.00")
    dep = next(d for d in deps if d + at_pasar >= arrive)
    return dep + at_stadion - arrive


@solver("PM-007")
def _():
    need("PM-007", "Rp50.000", "10 GB", "Rp6.000", "Rp80.000", "20 GB", "Rp4.000")
    X = lambda u: 50000 + 6000 * max(u - 10, 0)
    Y = lambda u: 80000 + 4000 * max(u - 20, 0)
    u = sympy.symbols("u", real=True)
    roots = set()
    for lo, hi, x, y in [(0, 10, 50000, 80000),
                         (10, 20, 50000 + 6000 * (u - 10), 80000),
                         (20, 10**6, 50000 + 6000 * (u - 10), 80000 + 4000 * (u - 20))]:
        for r in sympy.solve(sympy.Eq(sympy.sympify(x), y), u):
            if lo <= r <= hi:
                roots.add(F(str(r)))
    # and numerically on a fine grid of whole and half GB
    grid = {F(k, 2) for k in range(0, 400) if X(F(k, 2)) == Y(F(k, 2))}
    assert roots == grid == {15}, (roots, grid)
    return 15


@solver("PM-008")
def _():
    need("PM-008", "1.200 liter", "15 liter per menit", "300 liter", "30 liter per menit", "3.000 liter")
    A = lambda t: max(1200 - 15 * t, 0)
    Bt = lambda t: min(300 + 30 * t, 3000)
    t = sympy.symbols("t", nonnegative=True)
    equal = sympy.solve(sympy.Eq(1200 - 15 * t, 300 + 30 * t), t)
    twice = sympy.solve(sympy.Eq(300 + 30 * t, 2 * (1200 - 15 * t)), t)
    a_empty = F(1200, 15)
    b_2000 = F(2000 - 300, 30)
    s2 = all(A(F(k)) + Bt(F(k)) == 1500 for k in range(0, 81))
    return [equal == [20], s2, a_empty < b_2000, twice == [35] and Bt(35) == 2 * A(35)]


@solver("PM-009")
def _():
    need("PM-009", "200 tiket", "Rp40.000", "Rp2.000", "berkurang 5")
    rev = {40000 + 2000 * k: (40000 + 2000 * k) * (200 - 5 * k) for k in range(0, 41)}
    best = max(rev.values())
    winners = [p for p, r in rev.items() if r == best]
    assert len(winners) == 1
    return winners[0]


@solver("PM-010")
def _():
    for n in range(0, 40):
        if checkout({"Botol minum": 1, "Kaus kaki": n})[2] == 0:
            return n


@solver("PM-011")
def _():
    need("PM-011", "4 m × 3,2 m", "40 cm × 40 cm")
    L, W, s = 400, 320, 40
    assert L % s == 0 and W % s == 0
    return (L // s) * (W // s)


@solver("PM-012")
def _():
    need("PM-012", "70 cm", "1,1 km", "π = 22/7")
    return F(110000) / (F(22, 7) * 70)


@solver("PM-013")
def _():
    L, W, D, pi = park()
    return L * W - pi * (D / 2) ** 2


@solver("PM-014")
def _():
    need("PM-014", "panjang 20 cm, lebar 15 cm, dan tinggi 10 cm")
    p, l, t = 20, 15, 10
    vol_l = F(p * l * t, 1000)
    area = 2 * (p * l + p * t + l * t)
    vol2_l = F((2 * p) * (2 * l) * (2 * t), 1000)
    diag2 = p * p + l * l + t * t
    return [vol_l == 3, area == 1300, vol2_l == 6, diag2 > 27 ** 2]


@solver("PM-015")
def _():
    need("PM-015", "diameter 1,4 m", "tinggi 1,5 m", "150 liter", "π = 22/7")
    litres = F(22, 7) * F(7, 10) ** 2 * F(15, 10) * 1000
    return math.floor(litres / 150)


@solver("PM-016")
def _():
    need("PM-016", "2,5 m")
    L, W, _, _ = park()
    fence = 2 * (L + W) - 5
    return math.ceil(fence / F(5, 2))


@solver("PM-017")
def _():
    need("PM-017", "1 : 250.000", "6 cm", "1 : 500.000", "4 cm²", "50 km²", "40 km/jam", "20 menit")
    real_cm = 6 * 250000
    km = F(real_cm, 100000)
    on_b = F(real_cm, 500000)
    lake_km2 = 4 * F(250000, 100000) ** 2
    minutes_ = km / 40 * 60
    return [km == 15, on_b == 3, lake_km2 > 50, minutes_ < 20]


@solver("PM-018")
def _():
    L, W, D, pi = park()
    diag2 = L * L + W * W
    area_old = F(16 * 10)
    area_new = F(16 * 500, 250) * F(10 * 500, 250)
    circ = pi * D
    grass = L * W - pi * (D / 2) ** 2
    return [diag2 < 95 ** 2, area_new == 2 * area_old, circ > 65, grass / (L * W) > F(9, 10)]


@solver("PM-019")
def _():
    need("PM-019", "5 m", "1,4 m", "0,8 m")
    top = sympy.sqrt(sympy.Integer(25) - sympy.Rational(14, 10) ** 2)
    new_top = top - sympy.Rational(8, 10)
    new_foot = sympy.sqrt(25 - new_top ** 2)
    shift = sympy.nsimplify(new_foot - sympy.Rational(14, 10))
    assert shift.is_rational
    return F(str(shift))


@solver("PM-020")
def _():
    need("PM-020", "4 m × 3 m", "alas 3 m dan tinggi 2 m")
    slant = sympy.sqrt(sympy.Rational(3, 2) ** 2 + 2 ** 2)
    area = 2 * slant * 4 + 2 * sympy.Rational(1, 2) * 3 * 2
    assert area.is_rational
    return F(str(area))


@solver("PM-021")
def _():
    data = [12000, 15000, 10000, 18000, 15000]
    need("PM-021", "Rp12.000, Rp15.000, Rp10.000, Rp18.000, dan Rp15.000")
    return statistics.mean(F(x) for x in data)


@solver("PM-022")
def _():
    lib = library()
    week = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"]
    return statistics.mean(F(sum(lib[d])) for d in week)


@solver("PM-023")
def _():
    need("PM-023", "30 siswa", "adalah 72", "20 siswa", "adalah 82")
    return F(30 * 72 + 20 * 82, 50)


@solver("PM-024")
def _():
    kids = [F(v[1]) for v in library().values()]
    return statistics.mean(kids) - statistics.median(kids)


@solver("PM-025")
def _():
    need("PM-025", "3 siswa membaca 0 buku, 7 siswa membaca 1 buku, 10 siswa membaca 2 buku, "
                   "6 siswa membaca 3 buku, dan 4 siswa membaca 4 buku")
    freq = {0: 3, 1: 7, 2: 10, 3: 6, 4: 4}
    data = [F(v) for v, n in freq.items() for _ in range(n)]
    assert len(data) == 30
    modes = statistics.multimode(data)
    return [modes == [10], statistics.median(data) == 2, statistics.mean(data) > 2,
            F(sum(1 for x in data if x >= 3), len(data)) == F(30, 100)]


@solver("PM-026")
def _():
    lib = library()
    adults = [F(a) for a, _ in lib.values()]
    kids = [F(k) for _, k in lib.values()]
    totals = {d: a + k for d, (a, k) in lib.items()}
    weekend = lib["Sabtu"][1] + lib["Minggu"][1]
    busiest = max(totals, key=totals.get)
    assert sorted(totals.values())[-1] != sorted(totals.values())[-2]
    return [statistics.mean(adults) == 120, statistics.median(kids) > statistics.mean(kids),
            F(weekend) > F(sum(kids)) / 2, busiest == "Sabtu"]


@solver("PM-027")
def _():
    need("PM-027", "Rp40.000, Rp50.000, Rp60.000, Rp45.000, dan Rp54.000")
    p = [F(40000), F(50000), F(60000), F(45000), F(54000)]
    ch = [(b - a) / a * 100 for a, b in zip(p, p[1:])]
    largest_rise = max(range(4), key=lambda i: ch[i])
    assert sorted(ch)[-1] != sorted(ch)[-2]
    return [largest_rise == 0, ch[2] == -25, ch[3] == 25, statistics.mean(p) == 49800,
            max(p) - min(p) == 14000]


@solver("PM-028")
def _():
    need("PM-028", "tugas 25%", "(UTS) 35%", "(UAS) 40%", "tugas Rani 76", "UTS-nya 68", "paling sedikit 75")
    x = sympy.symbols("x")
    bound = sympy.solve(sympy.Eq(sympy.Rational(25, 100) * 76 + sympy.Rational(35, 100) * 68
                                 + sympy.Rational(40, 100) * x, 75), x)[0]
    return F(str(bound))


@solver("PM-029")
def _():
    need("PM-029", "8 hari", "210 orang")
    lib = library()
    return 8 * 210 - sum(a + k for a, k in lib.values())


@solver("PM-030")
def _():
    need("PM-030", "20 karung", "48 kg", "tercatat 45 kg", "beratnya 54 kg", "seberat 38 kg")
    total = 20 * 48 - 45 + 54 - 38
    return F(total, 19)


@solver("PM-031")
def _():
    need("PM-031", "5 kupon merah, 3 kupon biru, dan 12 kupon putih")
    box = ["m"] * 5 + ["b"] * 3 + ["p"] * 12
    return F(sum(1 for c in box if c != "p"), len(box))


@solver("PM-032")
def _():
    return p_of(lambda a, b: prize(a, b) > 0)


@solver("PM-033")
def _():
    need("PM-033", "4 pilihan lauk utama, 3 pilihan sayur, dan 2 pilihan minuman")
    lauk = ["ayam geprek", "l2", "l3", "l4"]
    sayur = ["s1", "s2", "s3"]
    minum = ["es jeruk", "m2"]
    return sum(1 for l, s, m in itertools.product(lauk, sayur, minum)
               if not (l == "ayam geprek" and m == "es jeruk"))


@solver("PM-034")
def _():
    need("PM-034", "50 kupon", "nomor 1 sampai 50")
    nums = range(1, 51)
    p5 = F(sum(1 for n in nums if n % 5 == 0), 50)
    p46 = F(sum(1 for n in nums if n % 4 == 0 or n % 6 == 0), 50)
    pprime = F(sum(1 for n in nums if sympy.isprime(n)), 50)
    pairs = list(itertools.permutations(nums, 2))
    peven = F(sum(1 for a, b in pairs if a % 2 == 0 and b % 2 == 0), len(pairs))
    return [p5 == F(1, 5), p46 == F(2, 5), pprime == F(3, 10), peven == F(1, 4)]


@solver("PM-035")
def _():
    win = p_of(lambda a, b: prize(a, b) > 0)
    two = F(sum(1 for o in itertools.product(dice(), repeat=2) if all(prize(*x) > 0 for x in o)), 36 ** 2)
    none3 = F(sum(1 for o in itertools.product(dice(), repeat=3) if all(prize(*x) == 0 for x in o)), 36 ** 3)
    assert two == win ** 2
    return [p_of(lambda a, b: prize(a, b) == 10000) == F(1, 6),
            p_of(lambda a, b: prize(a, b) == 5000) == p_of(lambda a, b: prize(a, b) == 10000),
            two == F(1, 9), none3 > F(1, 2)]


@solver("PM-036")
def _():
    need("PM-036", "4 permen rasa jeruk dan 6 permen rasa stroberi", "2 permen sekaligus")
    jar = ["j"] * 4 + ["s"] * 6
    pairs = list(itertools.combinations(range(10), 2))
    return F(sum(1 for a, b in pairs if jar[a] == jar[b]), len(pairs))


@solver("PM-037")
def _():
    need("PM-037", "Lima sahabat", "lima kursi")
    people = ["Ani", "Budi", "C", "D", "E"]
    return sum(1 for p in itertools.permutations(people)
               if abs(p.index("Ani") - p.index("Budi")) != 1)


@solver("PM-038")
def _():
    need("PM-038", "288 kali permainan", "ribuan rupiah")
    outs = dice()
    expected_prize = F(sum(prize(*o) for o in outs), len(outs))
    return 288 * (5000 - expected_prize) / 1000


@solver("PM-039")
def _():
    need("PM-039", "6 siswa putra dan 4 siswa putri", "4 orang", "paling sedikit 2 siswa putri")
    pupils = ["L"] * 6 + ["P"] * 4
    return sum(1 for team in itertools.combinations(range(10), 4)
               if sum(1 for i in team if pupils[i] == "P") >= 2)


@solver("PM-040")
def _():
    need("PM-040", "3 digit", "0 sampai 9", "berbeda", "jumlahnya 10")
    return sum(1 for c in itertools.product(range(10), repeat=3) if len(set(c)) == 3 and sum(c) == 10)


@solver("PM-041")
def _():
    need("PM-041", "12 potong", "300 gram", "30 potong")
    return F(300) / 12 * 30


@solver("PM-042")
def _():
    need("PM-042", "14 km", "Rp10.000 per liter", "392 km", "ribuan rupiah")
    return F(392, 14) * 10000 / 1000


@solver("PM-043")
def _():
    need("PM-043", "diskon 20%", "tambahan 10%")
    price = F(100)
    after = price * F(80, 100) * F(90, 100)
    return (price - after) / price * 100


@solver("PM-044")
def _():
    shoes = shop()["Sepatu lari"]
    together = checkout({"Kaus olahraga": 2})[3]
    apart = 2 * checkout({"Kaus olahraga": 1})[3]
    # a basket whose total after discounts is exactly Rp600.000 would get this voucher:
    voucher600 = min(F(600000) / 10, 50000) if 600000 >= 300000 else 0
    paid = checkout({"Sepatu lari": 1, "Botol minum": 1})[3]
    return [shoes == 315000, apart < together, voucher600 == 60000, paid < 370000]


@solver("PM-045")
def _():
    need("PM-045", "6 jam", "4 jam")
    return 1 / (F(1, 6) + F(1, 4))


@solver("PM-046")
def _():
    return checkout({"Sepatu lari": 1, "Kaus olahraga": 2})[3]


@solver("PM-047")
def _():
    stops, _ = bus()
    seq = [(F(0), 0)] + [stops[k] for k in ("Halte Pasar Baru", "Halte Kampus", "Halte Stadion")]
    speeds = [(d2 - d1) / F(t2 - t1, 60) for (d1, t1), (d2, t2) in zip(seq, seq[1:])]
    whole = seq[-1][0] / F(seq[-1][1], 60)
    new_time = sum(F(t2 - t1, 60) * (d2 - d1) / ((d2 - d1) / F(t2 - t1, 60) * F(125, 100))
                   for (d1, t1), (d2, t2) in zip(seq, seq[1:]))
    old_time = F(seq[-1][1], 60)
    cut = (old_time - new_time) / old_time * 100
    return [speeds[0] == 24, max(range(3), key=lambda i: speeds[i]) == 2, whole > 28, cut == 25]


@solver("PM-048")
def _():
    need("PM-048", "dinaikkan 25%")
    p = sympy.symbols("p")
    return F(str(sympy.solve(sympy.Eq(sympy.Rational(125, 100) * (1 - p / 100), 1), p)[0]))


@solver("PM-049")
def _():
    need("PM-049", "500 mL", "kadar gula 40%", "menjadi 25%")
    w = sympy.symbols("w")
    return F(str(sympy.solve(sympy.Eq(sympy.Rational(40, 100) * 500 / (500 + w), sympy.Rational(25, 100)), w)[0]))


@solver("PM-050")
def _():
    need("PM-050", "Rp10.000.000", "bunga tunggal 6%", "bunga majemuk 5,5%")
    P = F(10_000_000)
    for n in range(1, 50):
        a = P * (1 + F(6, 100) * n)
        b = P * F(1055, 1000) ** n
        if b > a:
            return n


# ---------------------------------------------------------------- format checks


def check_passages():
    keys = Counter(p.get("key") for p in PS if isinstance(p, dict))
    for key, n in keys.items():
        if n > 1:
            bad("passages.json", f"key {key} appears {n} times")
    pm = [p for p in PS if isinstance(p, dict) and str(p.get("key", "")).startswith("PM-")]
    if not PASSAGE_COUNT[0] <= len(pm) <= PASSAGE_COUNT[1]:
        bad("passages.json", f"{len(pm)} PM passages, outside {PASSAGE_COUNT}")
    expected = [f"PM-P{i:02d}" for i in range(1, len(pm) + 1)]
    if [p["key"] for p in pm] != expected:
        bad("passages.json", f"PM keys {[p['key'] for p in pm]} are not {expected}")
    for p in pm:
        where = f"passages.json {p['key']}"
        extra = set(p) - PASSAGE_FIELDS - {"table"}
        if extra:
            bad(where, f"unknown fields {sorted(extra)}")
        for f in PASSAGE_FIELDS:
            if not isinstance(p.get(f), str) or not p[f].strip():
                bad(where, f"{f} missing or empty")
        if p.get("section") != "PM":
            bad(where, "section is not PM")
        if "table" in p:
            tb = p["table"]
            cols, rows = tb.get("columns"), tb.get("rows")
            if set(tb) != {"columns", "rows"} or not cols or not rows:
                bad(where, "table needs columns and rows")
            elif any(len(r) != len(cols) or not all(isinstance(c, str) and c for c in r) for r in rows):
                bad(where, "a table row does not match the columns")
    return {p["key"] for p in pm}


def check_questions(pm_keys):
    if len(QS) != 50:
        bad("PM.json", f"{len(QS)} questions, not 50")
    ids = [q.get("external_id") for q in QS]
    if ids != [f"PM-{i:03d}" for i in range(1, len(QS) + 1)]:
        bad("PM.json", "external ids are not PM-001… in order")
    if len(set(ids)) != len(ids):
        bad("PM.json", "repeated external ids")
    texts = Counter(q.get("text") for q in QS)
    for t, n in texts.items():
        if n > 1:
            bad("PM.json", f"text repeated {n} times: {t[:60]}")
    subs = Counter(q.get("sub_type") for q in QS)
    for s in SUB_TYPES:
        if subs[s] != PER_SUB_TYPE:
            bad("PM.json", f"sub type {s}: {subs[s]} questions")
    if set(subs) - set(SUB_TYPES):
        bad("PM.json", f"unknown sub types {set(subs) - set(SUB_TYPES)}")
    formats = Counter(q.get("format") for q in QS)
    if dict(formats) != FORMAT_COUNTS:
        bad("PM.json", f"formats {dict(formats)} are not {FORMAT_COUNTS}")
    keys = Counter(q.get("correct_answer") for q in QS if q.get("format") == "multiple_choice")
    for letter in "ABCDE":
        if not KEY_BALANCE[0] <= keys[letter] <= KEY_BALANCE[1]:
            bad("PM.json", f"key {letter} used {keys[letter]} times")
    used = Counter(q.get("passage_key") for q in QS if q.get("passage_key"))
    if not PASSAGE_QUESTIONS[0] <= sum(used.values()) <= PASSAGE_QUESTIONS[1]:
        bad("PM.json", f"{sum(used.values())} questions use a passage, outside {PASSAGE_QUESTIONS}")
    for k in pm_keys:
        if used[k] < 2:
            bad("passages.json", f"{k} is used by {used[k]} questions")
    for s in SUB_TYPES:
        bs = [q["difficulty_irt"] for q in QS if q.get("sub_type") == s]
        if bs and (min(bs) > B_SPREAD[0] or max(bs) < B_SPREAD[1]):
            bad("PM.json", f"sub type {s}: b spans only {min(bs)}…{max(bs)}")
        if bs and not (any(b < -0.8 for b in bs) and any(-0.8 <= b <= 0.8 for b in bs)
                       and any(b > 0.8 for b in bs)):
            bad("PM.json", f"sub type {s}: lacks easy, medium or hard items")

    for i, q in enumerate(QS, 1):
        where = f"PM.json {q.get('external_id', f'row {i}')}"
        fmt = q.get("format")
        if fmt not in BY_FORMAT:
            bad(where, f"format {fmt!r}")
            continue
        allowed = COMMON | OPTIONAL | BY_FORMAT[fmt]
        missing = (COMMON | BY_FORMAT[fmt]) - set(q)
        if missing:
            bad(where, f"missing {sorted(missing)}")
        if set(q) - allowed:
            bad(where, f"unknown fields {sorted(set(q) - allowed)}")
        if q.get("section") != "PM":
            bad(where, "section is not PM")
        if len(q.get("sub_type", "")) > 50:
            bad(where, "sub_type longer than 50")
        for f in ("text", "explanation", "explanation_en", "strategy_tip", "related_concept"):
            if not isinstance(q.get(f), str) or not q[f].strip():
                bad(where, f"{f} missing or empty")
        tip = q.get("strategy_tip", "")
        if re.search(r"[.!?]\s+[A-Z]", tip) or not tip.endswith("."):
            bad(where, "strategy tip is not one sentence")
        if not re.fullmatch(r"[a-z0-9_]+", q.get("related_concept", "")):
            bad(where, "related_concept is not snake_case")
        b, a, c = q.get("difficulty_irt"), q.get("discrimination"), q.get("guessing_param")
        if not isinstance(b, (int, float)) or not B_RANGE[0] <= b <= B_RANGE[1]:
            bad(where, f"difficulty_irt {b}")
        if not isinstance(a, (int, float)) or not A_RANGE[0] <= a <= A_RANGE[1]:
            bad(where, f"discrimination {a}")
        lo, hi = GUESSING[fmt]
        if not isinstance(c, (int, float)) or not lo <= c <= hi:
            bad(where, f"guessing_param {c} outside {lo}…{hi}")
        if "passage_key" in q and q["passage_key"] not in pm_keys:
            bad(where, f"passage_key {q['passage_key']} is not a PM passage")

        if fmt == "multiple_choice":
            opts = q.get("options", {})
            if list(opts) != list("ABCDE"):
                bad(where, "options are not exactly A–E")
            vals = list(opts.values())
            if any(not isinstance(v, str) or not v.strip() or len(v) > 500 for v in vals):
                bad(where, "an option is empty or longer than 500")
            if len(set(vals)) != len(vals):
                bad(where, "options repeat")
            if q.get("correct_answer") not in list("ABCDE"):
                bad(where, "correct_answer is not A–E")
        elif fmt == "complex_multiple_choice":
            labels = q.get("labels")
            if not (isinstance(labels, list) and len(labels) == 2 and len(set(labels)) == 2):
                bad(where, "labels must be two distinct strings")
            st = q.get("statements", [])
            if not 3 <= len(st) <= 5:
                bad(where, f"{len(st)} statements")
            for j, s in enumerate(st, 1):
                if set(s) != {"text", "answer"} or not s["text"].strip() or s["answer"] not in (labels or []):
                    bad(where, f"statement {j} malformed")
            if len({s.get("text") for s in st}) != len(st):
                bad(where, "statements repeat")
            if len({s.get("answer") for s in st}) != 2:
                bad(where, "every statement has the same label")
        else:
            acc = q.get("accepted_answers")
            if not (isinstance(acc, list) and 1 <= len(acc) <= 5 and all(isinstance(x, str) and x.strip() for x in acc)):
                bad(where, "accepted_answers must be 1–5 non-empty strings")
            elif len(acc) != 1 or not re.fullmatch(r"-?\d+(,\d+)?", acc[0]):
                bad(where, f"accepted answer {acc} is not one number with a decimal comma")


# ---------------------------------------------------------------- key checks


def check_keys():
    tally = Counter()
    for q in QS:
        qid, fmt = q.get("external_id"), q.get("format")
        if qid not in S:
            bad(qid, "no solver")
            continue
        try:
            got = S[qid]()
        except AssertionError as e:
            bad(qid, f"solver assertion: {e}")
            continue
        if fmt == "multiple_choice":
            vals = {k: num(v) for k, v in q["options"].items()}
            if len(set(vals.values())) != 5:
                bad(qid, "two options have the same value")
            hits = [k for k, v in vals.items() if v == F(got)]
            if hits != [q["correct_answer"]]:
                bad(qid, f"computed {got}; options equal to it: {hits}; key {q['correct_answer']}")
        elif fmt == "complex_multiple_choice":
            labels = q["labels"]
            want = [labels[0] if t else labels[1] for t in got]
            have = [s["answer"] for s in q["statements"]]
            if want != have:
                bad(qid, f"computed {want}, keyed {have}")
        else:
            acc = q["accepted_answers"][0]
            form = canonical(got)
            if form is None:
                bad(qid, f"computed {got} has no finite decimal form")
            elif acc != form:
                bad(qid, f"computed {form}, accepted {acc}")
        tally[fmt] += 1
    return tally


def main():
    pm_keys = check_passages()
    check_questions(pm_keys)
    tally = check_keys()
    table_ = Counter((q["sub_type"], q["format"]) for q in QS)
    print("PM.json: %d questions; keys recomputed: %s" % (len(QS), dict(tally)))
    print("%-24s %4s %4s %4s" % ("sub type", "MC", "CMC", "SA"))
    for s in SUB_TYPES:
        print("%-24s %4d %4d %4d" % (s, table_[(s, "multiple_choice")],
                                    table_[(s, "complex_multiple_choice")], table_[(s, "short_answer")]))
    keys = Counter(q["correct_answer"] for q in QS if q["format"] == "multiple_choice")
    print("MC keys:", " ".join(f"{k}={keys[k]}" for k in "ABCDE"))
    used = Counter(q["passage_key"] for q in QS if q.get("passage_key"))
    print("passages:", ", ".join(f"{k}×{n}" for k, n in sorted(used.items())),
          f"({sum(used.values())} questions)")
    for s in SUB_TYPES:
        bs = sorted(q["difficulty_irt"] for q in QS if q["sub_type"] == s)
        print(f"b {s}: {bs[0]} … {bs[-1]}")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print(" -", p)
        sys.exit(1)
    print("\nOK: every key recomputed and every format rule holds.")


if __name__ == "__main__":
    main()
