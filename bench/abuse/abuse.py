#!/usr/bin/env python3
"""The phases of bench/abuse/run (see its header); run by it, with the server already up.

Environment: GENTA_URL, STUDENT_TOKEN, FLOOD_TOKEN, STUDENT_EMAIL, FLOOD_EMAIL, DB_KIND (sqlite |
postgres), DB (SQLite file path or PostgreSQL URL), PSQL (psql binary), DURATION, CONNECTIONS,
THREADS, FLOOD_SESSIONS_N, SLOWLORIS, STUDENT_RPM, STUDENT_SOURCE, SLOWLORIS_SOURCE, ADMIN_SOURCE, WORK, HERE,
JSON_OUT, BUILD, BIN, DATABASE_KIND (a label). Standard library only.
"""
import collections, http.client, json, os, random, re, resource, signal, socket, sqlite3, statistics, subprocess, sys, time
from urllib.parse import urlsplit

E = os.environ
G = urlsplit(E["GENTA_URL"])
STUDENT_TOKEN, FLOOD_TOKEN = E["STUDENT_TOKEN"], E["FLOOD_TOKEN"]
STUDENT_EMAIL, FLOOD_EMAIL = E["STUDENT_EMAIL"], E["FLOOD_EMAIL"]
DURATION = float(E["DURATION"])
CONNECTIONS = int(E["CONNECTIONS"])
THREADS = int(E["THREADS"])
FLOOD_SESSIONS_N = int(E["FLOOD_SESSIONS_N"])
SLOWLORIS = int(E["SLOWLORIS"])
RPM = float(E.get("STUDENT_RPM", "0"))      # the student's pace, requests a minute; 0: back to back
STUDENT_SOURCE = E.get("STUDENT_SOURCE", "127.0.0.2")
SLOWLORIS_SOURCE = E.get("SLOWLORIS_SOURCE", "127.0.0.3")
ADMIN_SOURCE = E.get("ADMIN_SOURCE", "127.0.0.4")   # setup calls and /metrics: a fourth caller
WORK, HERE = E["WORK"], E["HERE"]
SECTION = "PK"
TIMEOUT = 30          # one request of the normal student
RAMP = 3              # seconds the flood / slowloris runs before the student starts measuring
TARGET_RATIO = 3.0
random.seed(20261201)


CHILDREN = []   # wrk and slowloris, ended by their ids if this process is told to stop


def on_term(*_):
    for c in CHILDREN:
        if c.poll() is None:
            c.kill()
    sys.exit(143)


def log(*a):
    print("==", *a, file=sys.stderr, flush=True)


class Client:
    """One keep-alive connection from a chosen source address. A request that finds the
    connection closed by the server is sent once more on a new one: safe here, because GET
    /practice/next re-serves the pending question and POST /attempts carries an Idempotency-Key."""

    def __init__(self, source=""):
        self.source = source
        self.conn = None
        self.connects = 0

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def call(self, method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        h = {"Content-Type": "application/json"} if data is not None else {}
        h.update(headers or {})
        t0 = time.monotonic()
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    G.hostname, G.port, timeout=TIMEOUT,
                    source_address=(self.source, 0) if self.source else None)
                self.conn.connect()
                self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.connects += 1
            try:
                self.conn.request(method, path, body=data, headers=h)
                r = self.conn.getresponse()
                raw = r.read()
                dt = time.monotonic() - t0
                if (r.getheader("Connection") or "").lower() == "close":
                    self.close()
                try:
                    parsed = json.loads(raw) if raw else None
                except ValueError:
                    parsed = None
                return r.status, parsed, dt, r
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
            except Exception:
                self.close()
                raise


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def error_code(body):
    try:
        return body["error"]["code"]
    except (TypeError, KeyError):
        return "-"


def patient(client, method, path, body=None, headers=None, ok=(200, 201), limit=90):
    """For setup calls: waits out a 429 (Retry-After, at most 5 s a time, `limit` s in all)."""
    deadline = time.monotonic() + limit
    while True:
        st, b, _, r = client.call(method, path, body, headers)
        if st in ok:
            return b
        if st == 429 and time.monotonic() < deadline:
            time.sleep(min(5.0, max(0.2, float(r.getheader("Retry-After") or 1))))
            continue
        raise SystemExit(f"setup: {method} {path} answered {st}: {b}")


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100.0
    f = int(k); c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)


def dist(xs_s):
    ms = [x * 1000 for x in xs_s]
    return {"n": len(ms), "p50": pct(ms, 50), "p95": pct(ms, 95), "p99": pct(ms, 99),
            "max": max(ms) if ms else float("nan"), "mean": statistics.fmean(ms) if ms else float("nan")}


# ------------------------------------------------------------------------------- the student
def student_phase(name, session_id, seconds, fresh=False):
    """The normal student: next → answer, one request at a time, for `seconds`, a question (two
    requests) at most every 120/RPM seconds. With `fresh`, every next+answer pair goes over a new
    connection (what a newcomer meets)."""
    c = Client(STUDENT_SOURCE)
    lat = {"next": [], "attempts": []}
    statuses = {"next": collections.Counter(), "attempts": collections.Counter()}
    failures = []
    created = 0
    t_start = time.monotonic()
    t_end = t_start + seconds
    i = 0
    period = 120.0 / RPM if RPM > 0 else 0.0
    last_start = None
    while time.monotonic() < t_end:
        if period and last_start is not None:
            wait = last_start + period - time.monotonic()
            if wait > 0:
                if time.monotonic() + wait >= t_end:
                    break
                time.sleep(wait)
        last_start = time.monotonic()
        if fresh:
            c.close()
        try:
            st, q, dt, r = c.call("GET", f"/api/v1/practice/next?session_id={session_id}&section={SECTION}",
                                  headers=auth(STUDENT_TOKEN))
        except Exception as e:  # no answer at all: refused, timed out, reset twice
            failures.append({"route": "next", "error": repr(e)[:200], "at_s": round(time.monotonic() - t_start, 2)})
            time.sleep(0.2)
            continue
        lat["next"].append(dt)
        statuses["next"][str(st) if st < 400 else f"{st} {error_code(q)}"] += 1
        if st != 200:
            time.sleep(min(2.0, max(0.05, float(r.getheader("Retry-After") or 0.2))) if st == 429 else 0.05)
            continue
        key = f"student-{name}-{i}-{random.getrandbits(32):08x}"
        body = {"question_id": q["id"], "session_id": session_id, "selected_answer": random.choice("ABCDE"),
                "time_spent_seconds": random.randint(10, 120)}
        try:
            st, a, dt, r = c.call("POST", "/api/v1/attempts", body, {**auth(STUDENT_TOKEN), "Idempotency-Key": key})
        except Exception as e:
            failures.append({"route": "attempts", "error": repr(e)[:200], "at_s": round(time.monotonic() - t_start, 2)})
            time.sleep(0.2)
            continue
        lat["attempts"].append(dt)
        statuses["attempts"][str(st) if st < 400 else f"{st} {error_code(a)}"] += 1
        if st == 201:
            created += 1
        elif st == 429:
            time.sleep(min(2.0, max(0.05, float(r.getheader("Retry-After") or 0.2))))
        i += 1
    c.close()
    return {"name": name, "seconds": max(seconds, time.monotonic() - t_start), "dist": {k: dist(v) for k, v in lat.items()},
            "statuses": {k: dict(v) for k, v in statuses.items()}, "failures": failures, "created": created,
            "connections": c.connects}


# ------------------------------------------------------------------------------- the database
def sql_queries():
    s, f = STUDENT_EMAIL, FLOOD_EMAIL
    return [
        ("sessions whose questions_attempted / questions_correct differ from their attempts", """
            SELECT count(*) FROM user_study_sessions s
            WHERE s.questions_attempted <> (SELECT count(*) FROM attempts a WHERE a.session_id = s.id)
               OR s.questions_correct <> (SELECT count(*) FROM attempts a WHERE a.session_id = s.id AND a.is_correct)"""),
        ("readiness rows whose total_attempts_count / total_correct_count differ from the attempts", """
            SELECT count(*) FROM user_readiness r
            WHERE r.total_attempts_count <> (SELECT count(*) FROM attempts a WHERE a.user_id = r.user_id AND a.section = r.section)
               OR r.total_correct_count <> (SELECT count(*) FROM attempts a WHERE a.user_id = r.user_id AND a.section = r.section AND a.is_correct)"""),
        ("readiness rows whose θ is not their newest attempt's θ after", """
            SELECT count(*) FROM user_readiness r
            WHERE EXISTS (SELECT 1 FROM attempts a WHERE a.user_id = r.user_id AND a.section = r.section)
              AND r.current_theta <> (SELECT a.user_theta_after FROM attempts a WHERE a.user_id = r.user_id AND a.section = r.section
                                      ORDER BY a.created_at DESC, a.attempt_number_in_session DESC LIMIT 1)"""),
        ("attempts whose θ before is not the previous attempt's θ after (per student and section)", """
            SELECT count(*) FROM (
              SELECT a.user_theta_before AS b,
                     LAG(a.user_theta_after) OVER (PARTITION BY a.user_id, a.section ORDER BY a.created_at, a.attempt_number_in_session) AS p
              FROM attempts a) x
            WHERE x.p IS NOT NULL AND x.b <> x.p"""),
        ("attempts without exactly one matching serve (same question and session)", """
            SELECT count(*) FROM attempts a
            LEFT JOIN (SELECT attempt_id, question_id, session_id, count(*) AS n FROM served_questions
                       WHERE attempt_id IS NOT NULL GROUP BY attempt_id, question_id, session_id) v
              ON v.attempt_id = a.id AND v.question_id = a.question_id AND v.session_id = a.session_id
            WHERE v.n IS NULL OR v.n <> 1"""),
        ("serves pointing at an attempt that does not exist", """
            SELECT count(*) FROM served_questions v LEFT JOIN attempts a ON a.id = v.attempt_id
            WHERE v.attempt_id IS NOT NULL AND a.id IS NULL"""),
        ("sessions with more than one unanswered serve in a section", """
            SELECT count(*) FROM (SELECT session_id, section FROM served_questions WHERE attempt_id IS NULL
                                  GROUP BY session_id, section HAVING count(*) > 1) x"""),
        ("sessions whose attempt numbers are not 1…n", """
            SELECT count(*) FROM (SELECT session_id, count(*) AS n, count(DISTINCT attempt_number_in_session) AS d,
                                         min(attempt_number_in_session) AS lo, max(attempt_number_in_session) AS hi
                                  FROM attempts WHERE session_id IS NOT NULL GROUP BY session_id) x
            WHERE x.n <> x.d OR x.lo <> 1 OR x.hi <> x.n"""),
        ("idempotency keys stored twice for one student", """
            SELECT count(*) FROM (SELECT user_id, idempotency_key FROM attempts WHERE idempotency_key IS NOT NULL
                                  GROUP BY user_id, idempotency_key HAVING count(*) > 1) x"""),
        # Facts (not violations): compared with what the clients saw.
        ("@student_attempts", f"SELECT count(*) FROM attempts a JOIN users u ON u.id = a.user_id WHERE u.email = '{s}'"),
        ("@flood_attempts", f"SELECT count(*) FROM attempts a JOIN users u ON u.id = a.user_id WHERE u.email = '{f}'"),
        ("@flood_serves", f"SELECT count(*) FROM served_questions v JOIN users u ON u.id = v.user_id WHERE u.email = '{f}'"),
        ("@attempts", "SELECT count(*) FROM attempts"),
        ("@serves", "SELECT count(*) FROM served_questions"),
    ]


def db_snapshot(queries):
    """All the queries as one SELECT, so they see one snapshot of the database."""
    sql = "SELECT " + ",\n".join(f"({q.strip()})" for _, q in queries)
    if E["DB_KIND"] == "sqlite":
        con = sqlite3.connect(E["DB"], timeout=30)
        try:
            row = con.execute(sql).fetchone()
        finally:
            con.close()
    else:
        out = subprocess.run([E["PSQL"], E["DB"], "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise SystemExit("psql failed: " + out.stderr.strip())
        row = out.stdout.strip().split("\t")
    return {name: int(v) for (name, _), v in zip(queries, row)}


def quiesce(limit=60):
    """Waits until the number of attempts and serves stops moving (2 s unchanged), at most `limit` s:
    the server may still be working through requests whose clients have gone."""
    q = [("@attempts", "SELECT count(*) FROM attempts"), ("@serves", "SELECT count(*) FROM served_questions")]
    t0 = time.monotonic()
    last, same = None, 0
    while time.monotonic() - t0 < limit:
        now = db_snapshot(q)
        same = same + 1 if now == last else 0
        if same >= 4:
            break
        last = now
        time.sleep(0.5)
    return time.monotonic() - t0


def consistency(label, student_created, student_unknown, flood_created):
    waited = quiesce()
    snap = db_snapshot(sql_queries())
    violations = {k: v for k, v in snap.items() if not k.startswith("@")}
    facts = {k[1:]: v for k, v in snap.items() if k.startswith("@")}
    # An answer whose response never arrived (a failed request) may or may not be stored.
    student_ok = student_created <= facts["student_attempts"] <= student_created + student_unknown
    flood_ok = flood_created is None or facts["flood_attempts"] >= flood_created
    ok = all(v == 0 for v in violations.values()) and student_ok and flood_ok
    return {"label": label, "waited_s": waited, "violations": violations, "facts": facts,
            "student_201": student_created, "student_unknown": student_unknown, "flood_201_seen": flood_created,
            "student_match": student_ok, "flood_match": flood_ok, "pass": ok}


# ------------------------------------------------------------------------------- /metrics
def metrics():
    """genta_http_requests_total per (route, method, status), or None if /metrics does not answer."""
    try:
        c = http.client.HTTPConnection(G.hostname, G.port, timeout=10, source_address=(ADMIN_SOURCE, 0))
        token = E.get("GENTA_METRICS_TOKEN")
        c.request("GET", "/metrics", headers={"Authorization": f"Bearer {token}"} if token else {})
        r = c.getresponse()
        text = r.read().decode("utf-8", "replace")
        c.close()
        if r.status != 200:
            return None
    except Exception:
        return None
    out = {}
    for line in text.splitlines():
        if not line.startswith("genta_http_requests_total{"):
            continue
        m = re.match(r'genta_http_requests_total\{(.*)\}\s+([0-9.eE+]+)', line)
        if not m:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        out[(labels.get("route", "?"), labels.get("method", "?"), labels.get("status", "?"))] = float(m.group(2))
    return out


def metrics_diff(before, after):
    if before is None or after is None:
        return None
    d = {}
    for k, v in after.items():
        n = int(round(v - before.get(k, 0)))
        if n:
            d[" ".join(k)] = n
    return d


# ------------------------------------------------------------------------------- CPU
def genta_cpu():
    """CPU seconds the server process has used (user + system), or None."""
    try:
        with open(f"/proc/{int(E['GENTA_PID'])}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (KeyError, ValueError, OSError, IndexError):
        return None


def machine_busy():
    """(busy, total) jiffies of all cores from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return sum(v) - idle, sum(v)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class CPUWindow:
    """The server's and the whole machine's CPU over a phase."""
    def __init__(self):
        self.g0, self.m0, self.t0 = genta_cpu(), machine_busy(), time.monotonic()

    def close(self, helper_s=None):
        g1, m1 = genta_cpu(), machine_busy()
        busy, total = m1[0] - self.m0[0], m1[1] - self.m0[1]
        return {"seconds": time.monotonic() - self.t0,
                "genta_cpu_s": None if self.g0 is None or g1 is None else g1 - self.g0,
                "helper_cpu_s": helper_s, "machine_busy_pct": 100.0 * busy / total if total else None}


# ------------------------------------------------------------------------------- the flood
def run_flood(seconds):
    counts_file = os.path.join(WORK, "flood.counts")
    env = dict(os.environ, FLOOD_TOKEN=FLOOD_TOKEN, FLOOD_SESSIONS=os.path.join(WORK, "flood.sessions"),
               FLOOD_THREADS=str(THREADS), FLOOD_COUNTS=counts_file)
    cmd = ["wrk", "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", f"{int(round(seconds))}s", "--timeout", "10s",
           "-s", os.path.join(HERE, "flood.lua"), f"http://{G.hostname}:{G.port}/"]
    out = open(os.path.join(WORK, "wrk.out"), "w")
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    CHILDREN.append(proc)
    return proc, counts_file


def read_flood_counts(path):
    by = collections.Counter()
    wrk = {}
    if not os.path.exists(path):
        return by, wrk
    for line in open(path):
        key, _, value = line.rstrip("\n").rpartition("\t")
        if key.startswith("status "):
            by[key[7:]] += int(value)
        elif key.startswith("wrk "):
            wrk[key[4:]] = int(value)
    return by, wrk


def summarize_flood(by):
    """by: "route status [code]" → n. Returns totals by class and per route."""
    s = {"2xx": 0, "429": 0, "429_codes": collections.Counter(), "4xx_other": collections.Counter(), "5xx": 0,
         "other": 0, "per_route": collections.Counter(), "total": 0}
    for key, n in by.items():
        parts = key.split(" ")
        route, status = parts[0], int(parts[1])
        code = parts[2] if len(parts) > 2 else ""
        s["total"] += n
        s["per_route"][route] += n
        if 200 <= status < 300:
            s["2xx"] += n
        elif status == 429:
            s["429"] += n
            s["429_codes"][code] += n
        elif 400 <= status < 500:
            s["4xx_other"][f"{status} {code}"] += n
        elif status >= 500:
            s["5xx"] += n
        else:
            s["other"] += n
    return s


# ------------------------------------------------------------------------------- main
def main():
    signal.signal(signal.SIGTERM, on_term)
    t_all = time.monotonic()
    admin = Client(ADMIN_SOURCE)
    # Accounts and sessions. The student's sessions are made now, so no phase measures a setup call.
    student = patient(admin, "GET", "/api/v1/me", headers=auth(STUDENT_TOKEN))
    flood = patient(admin, "GET", "/api/v1/me", headers=auth(FLOOD_TOKEN))
    phases = ["warmup", "idle", "flood", "slowloris"]
    sessions = {p: patient(admin, "POST", "/api/v1/sessions", {"section": SECTION}, auth(STUDENT_TOKEN))["id"] for p in phases}
    flood_sessions = []
    for i in range(FLOOD_SESSIONS_N):
        flood_sessions.append(patient(admin, "POST", "/api/v1/sessions", {"section": ["PU", "PK", "PBM"][i % 3]},
                                      auth(FLOOD_TOKEN))["id"])
    with open(os.path.join(WORK, "flood.sessions"), "w") as f:
        f.write("\n".join(flood_sessions) + "\n")
    admin.close()
    log(f"setup: student {student['id']}, flood account {flood['id']} with {len(flood_sessions)} sessions")

    warm = student_phase("warmup", sessions["warmup"], min(3.0, DURATION))
    student_created = warm["created"]

    # A. idle
    log(f"phase A: the student alone for {DURATION:g} s")
    cpu_idle = CPUWindow()
    idle = student_phase("idle", sessions["idle"], DURATION)
    cpu_idle = cpu_idle.close()
    student_created += idle["created"]

    # B. flood
    log(f"phase B: flood ({CONNECTIONS} connections, {THREADS} wrk threads) + the student for {DURATION:g} s")
    m1 = metrics()
    wrk_seconds = RAMP + DURATION + 1
    cpu_flood, wrk_cpu0 = CPUWindow(), children_cpu()
    proc, counts_file = run_flood(wrk_seconds)
    time.sleep(RAMP)
    if proc.poll() is not None:
        raise SystemExit("wrk stopped early:\n" + open(os.path.join(WORK, "wrk.out")).read())
    flooded = student_phase("flood", sessions["flood"], DURATION)
    student_created += flooded["created"]
    try:
        proc.wait(timeout=wrk_seconds + 60)
    except subprocess.TimeoutExpired:
        proc.kill(); proc.wait(10)
        log("wrk did not stop in time; killed")
    cpu_flood = cpu_flood.close(children_cpu() - wrk_cpu0)
    by, wrk = read_flood_counts(counts_file)
    if not by:
        log("no flood tally; wrk said:\n" + open(os.path.join(WORK, "wrk.out")).read())
    fs = summarize_flood(by)
    flood_created = by.get("attempts 201", 0)
    m2 = metrics()
    log("consistency check after the flood")
    unknown = sum(1 for p in (warm, idle, flooded) for x in p["failures"] if x["route"] == "attempts")
    check1 = consistency("after the flood", student_created, unknown, flood_created)

    # C. slowloris
    log(f"phase C: slowloris ({SLOWLORIS} connections) + the student (a new connection per question) for {DURATION:g} s")
    ready = os.path.join(WORK, "slowloris.ready")
    report = os.path.join(WORK, "slowloris.json")
    sl = subprocess.Popen([sys.executable, os.path.join(HERE, "slowloris.py"), "--host", G.hostname, "--port", str(G.port),
                           "--connections", str(SLOWLORIS), "--seconds", str(RAMP + DURATION + 60), "--out", report,
                           "--ready", ready, "--source", SLOWLORIS_SOURCE],
                          stdout=subprocess.DEVNULL, stderr=open(os.path.join(WORK, "slowloris.log"), "w"))
    CHILDREN.append(sl)
    cpu_slow, sl_cpu0 = CPUWindow(), children_cpu()
    for _ in range(150):
        if os.path.exists(ready) or sl.poll() is not None:
            break
        time.sleep(0.1)
    time.sleep(RAMP)
    slow = student_phase("slowloris", sessions["slowloris"], DURATION, fresh=True)
    student_created += slow["created"]
    sl.send_signal(signal.SIGTERM)
    try:
        sl.wait(timeout=30)
    except subprocess.TimeoutExpired:
        sl.kill(); sl.wait(10)
    cpu_slow = cpu_slow.close(children_cpu() - sl_cpu0)
    slr = json.load(open(report)) if os.path.exists(report) else {"error": open(os.path.join(WORK, "slowloris.log")).read()[-2000:]}
    m3 = metrics()
    unknown += sum(1 for x in slow["failures"] if x["route"] == "attempts")
    check2 = consistency("at the end", student_created, unknown, flood_created)

    # ------------------------------------------------------------------- report
    D = {p["name"]: p for p in (idle, flooded, slow)}
    ratio = {}
    for route in ("next", "attempts"):
        i, f, s = idle["dist"][route], flooded["dist"][route], slow["dist"][route]
        ratio[route] = {"flood_p50": f["p50"] / i["p50"], "flood_p99": f["p99"] / i["p99"],
                        "slowloris_p50": s["p50"] / i["p50"], "slowloris_p99": s["p99"] / i["p99"]}
    student_non2xx = {p: sum(n for route in D[p]["statuses"].values() for k, n in route.items() if not k.startswith("2"))
                      for p in D}
    md_flood = metrics_diff(m1, m2)
    md_slow = metrics_diff(m2, m3)
    server_5xx_flood = None if md_flood is None else sum(n for k, n in md_flood.items() if k.split(" ")[-1].startswith("5"))
    server_5xx_slow = None if md_slow is None else sum(n for k, n in md_slow.items() if k.split(" ")[-1].startswith("5"))
    rate_429 = sum(n for code, n in fs["429_codes"].items() if code != "daily_limit_reached")
    verdict = {
        "student had no failed or non-2xx request alone (else its own pace trips its limit: lower --student-rpm)":
            not idle["failures"] and student_non2xx["idle"] == 0,
        "student p99 under the flood within 3x idle": all(ratio[r]["flood_p99"] <= TARGET_RATIO for r in ratio),
        "student had no failed or non-2xx request under the flood": not flooded["failures"] and student_non2xx["flood"] == 0,
        "flood got 429s (rate limit, not the daily quota)": rate_429 > 0,
        "no 5xx (flood, student, server /metrics)": fs["5xx"] == 0 and all(
            not k.startswith("5") for p in D for route in D[p]["statuses"].values() for k in route)
            and not server_5xx_flood and not server_5xx_slow,
        "nothing half-written (consistency after the flood and at the end)": check1["pass"] and check2["pass"],
        "slowloris: student had no failed or non-2xx request": not slow["failures"] and student_non2xx["slowloris"] == 0,
        "slowloris: student p99 within 3x idle": all(ratio[r]["slowloris_p99"] <= TARGET_RATIO for r in ratio),
    }
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "cores": os.cpu_count(), "load_average": os.getloadavg(),
        "build": E["BUILD"], "binary": E["BIN"], "database": E["DATABASE_KIND"],
        "config": {"duration_s": DURATION, "connections": CONNECTIONS, "wrk_threads": THREADS, "flood_sessions": FLOOD_SESSIONS_N,
                   "slowloris": SLOWLORIS, "student_rpm": RPM, "student_source": STUDENT_SOURCE,
                   "slowloris_source": SLOWLORIS_SOURCE,
                   "limits_env": {k: E[k] for k in sorted(E) if k.startswith("GENTA_") and any(
                       w in k for w in ("RATE", "CONCURRENCY", "CONNECTIONS", "TIMEOUT", "DEADLINE"))}},
        "student": {p: D[p] for p in D}, "ratio": ratio, "student_non2xx": student_non2xx,
        "flood": {"by_route_status_code": dict(by), "summary": {k: (dict(v) if isinstance(v, collections.Counter) else v)
                                                               for k, v in fs.items()},
                  "rate_limit_429": rate_429, "wrk": wrk, "attempts_201_seen": flood_created},
        "server_metrics_during_flood": md_flood, "server_metrics_during_slowloris": md_slow,
        "consistency": [check1, check2], "slowloris": slr, "verdict": verdict,
        "cpu": {"idle": cpu_idle, "flood": cpu_flood, "slowloris": cpu_slow},
        "wall_s": time.monotonic() - t_all,
    }
    if E.get("JSON_OUT"):
        with open(E["JSON_OUT"], "w") as f:
            json.dump(result, f, indent=1, default=str)

    def yn(b):
        return "PASS" if b else "FAIL"

    print(f"Abuse benchmark, {result['date']}, {result['cores']} cores, load average "
          + " ".join(f"{x:.2f}" for x in result["load_average"]) + f"; genta: {result['build']}; database: {result['database']}")
    lim = result["config"]["limits_env"]
    print(f"Flood: one account, {CONNECTIONS} connections (wrk, {THREADS} threads, {FLOOD_SESSIONS_N} sessions) for "
          f"{DURATION:g} s; slowloris: {SLOWLORIS} connections; the student: {SECTION}, one request at a time, "
          + (f"at most {RPM:g} a minute" if RPM > 0 else "back to back") + "; limit settings: "
          + (", ".join(f"{k}={v}" for k, v in lim.items()) if lim else "the server's defaults"))
    print()
    pace = {p: 60 * sum(D[p]["dist"][r]["n"] for r in D[p]["dist"]) / D[p]["seconds"] for p in D}
    print("The normal student (keep-alive; under slowloris a new connection per question); its pace, requests a minute: "
          + ", ".join(f"{p} {pace[p]:.0f}" for p in D) + ":")
    print()
    print("| route | phase | n | p50 ms | p95 ms | p99 ms | max ms | statuses | failed |")
    print("|---|---|---:|---:|---:|---:|---:|---|---:|")
    for route, label in (("next", "GET /api/v1/practice/next"), ("attempts", "POST /api/v1/attempts")):
        for p in ("idle", "flood", "slowloris"):
            d = D[p]["dist"][route]
            st = ", ".join(f"{k}: {v}" for k, v in sorted(D[p]["statuses"][route].items()))
            fails = sum(1 for x in D[p]["failures"] if x["route"] == route)
            print(f"| {label} | {p} | {d['n']} | {d['p50']:.2f} | {d['p95']:.2f} | {d['p99']:.2f} | {d['max']:.2f} | {st} | {fails} |")
    print()
    print("| route | flood p50 / idle p50 | flood p99 / idle p99 | slowloris p50 / idle p50 | slowloris p99 / idle p99 |")
    print("|---|---:|---:|---:|---:|")
    for route, label in (("next", "GET /api/v1/practice/next"), ("attempts", "POST /api/v1/attempts")):
        r = ratio[route]
        print(f"| {label} | {r['flood_p50']:.1f}× | {r['flood_p99']:.1f}× | {r['slowloris_p50']:.1f}× | {r['slowloris_p99']:.1f}× |")
    print()

    def cpu_text(c, helper):
        g = "?" if c["genta_cpu_s"] is None else f"{c['genta_cpu_s']:.1f}"
        h = "" if c["helper_cpu_s"] is None else f", {helper} {c['helper_cpu_s']:.1f}"
        m = "?" if c["machine_busy_pct"] is None else f"{c['machine_busy_pct']:.0f} %"
        return f"genta {g}{h} CPU-s in {c['seconds']:.0f} s, all {os.cpu_count()} cores busy {m}"
    print("CPU (the load generators share this machine with the server): alone: " + cpu_text(cpu_idle, "")
          + "; flood: " + cpu_text(cpu_flood, "wrk") + "; slowloris: " + cpu_text(cpu_slow, "slowloris.py") + ".")
    print()
    print("The flood (as wrk saw it; 429 codes other than daily_limit_reached are the rate limiter's):")
    print()
    print("| measurement | value |")
    print("|---|---|")
    dur = wrk.get("duration_us", 0) / 1e6
    print(f"| responses, rate | {fs['total']} in {dur:.1f} s, {fs['total'] / dur if dur else float('nan'):.0f}/s "
          f"(next {fs['per_route'].get('next', 0)}, attempts {fs['per_route'].get('attempts', 0)}"
          + (f", route unknown {fs['per_route']['unknown']}" if fs['per_route'].get('unknown') else "") + ") |")
    print(f"| 2xx | {fs['2xx']} (200 next {by.get('next 200', 0)}, 201 attempts {flood_created}) |")
    print(f"| 429 | {fs['429']}" + (" (" + ", ".join(f"{k}: {v}" for k, v in sorted(fs['429_codes'].items())) + ")" if fs['429'] else "") + " |")
    print(f"| other 4xx | " + (", ".join(f"{k}: {v}" for k, v in sorted(fs['4xx_other'].items())) or "0") + " |")
    print(f"| 5xx | {fs['5xx']} |")
    print(f"| socket errors connect / read / write; responses slower than 10 s | {wrk.get('errors_connect', '?')} / "
          f"{wrk.get('errors_read', '?')} / {wrk.get('errors_write', '?')}; {wrk.get('errors_timeout', '?')} |")
    print(f"| flood latency of the responses that came, p50 / p99 / max | {wrk.get('latency_p50_us', 0) / 1000:.0f} / {wrk.get('latency_p99_us', 0) / 1000:.0f} / "
          f"{wrk.get('latency_max_us', 0) / 1000:.0f} ms |")
    print(f"| server /metrics during the flood: 5xx, 429 | "
          + ("n/a" if md_flood is None else f"{server_5xx_flood}, {sum(n for k, n in md_flood.items() if k.endswith(' 429'))}") + " |")
    print()
    for chk in (check1, check2):
        print(f"Consistency {chk['label']} (database read directly, one snapshot, after {chk['waited_s']:.1f} s of quiet): "
              f"{yn(chk['pass'])}")
        print()
        print("| check | violations |")
        print("|---|---:|")
        for k, v in chk["violations"].items():
            print(f"| {k} | {v} |")
        f = chk["facts"]
        extra = f" (+ up to {chk['student_unknown']} answers whose response was lost)" if chk['student_unknown'] else ""
        print(f"| the student's 201s = its attempts stored{extra} | {chk['student_201']} = {f['student_attempts']}: {yn(chk['student_match'])} |")
        print(f"| the flood's 201s seen ≤ its attempts stored (the rest were answered after wrk stopped reading) | "
              f"{chk['flood_201_seen']} ≤ {f['flood_attempts']}: {yn(chk['flood_match'])} |")
        print(f"| rows: attempts, serves (flood account's serves) | {f['attempts']}, {f['serves']} ({f['flood_serves']}) |")
        print()
    print(f"Slowloris ({SLOWLORIS} connections from {SLOWLORIS_SOURCE}, one header byte per second, never finishing):")
    print()
    print("| measurement | value |")
    print("|---|---|")
    if "error" in slr:
        print(f"| slowloris failed | {slr['error'][-300:]!r} |")
    else:
        ca = slr["closed_after_s"]
        print(f"| connected at the start; connections in all (closed ones are opened again); failed to connect | "
              f"{slr['opened_first']}; {slr['opened_total']}; "
              + (", ".join(f"{k}: {v}" for k, v in slr['connect_errors'].items()) or "0") + " |")
        print(f"| closed by the server; still open when it stopped ({slr['ran_s']:.0f} s) | {slr['closed_by_server']}; {slr['still_open_at_end']} |")
        if slr["closed_by_server"]:
            print(f"| closed after (seconds since connected) min / p50 / max; first close (s into the run) | "
                  f"{ca['min']:.1f} / {ca['p50']:.1f} / {ca['max']:.1f}; {slr['first_close_at_s']:.1f} |")
            print(f"| how; what the server wrote first | " + ", ".join(f"{k}: {v}" for k, v in slr['close_kind'].items()) + "; "
                  + ", ".join(f"{k}: {v}" for k, v in slr['server_answer_before_close'].items()) + " |")
        print(f"| header bytes sent per connection min / max | {slr['bytes_sent']['min']} / {slr['bytes_sent']['max']} |")
    print(f"| the student: failed requests; non-2xx; connections opened | {len(slow['failures'])}; {student_non2xx['slowloris']}; {slow['connections']} |")
    print()
    print("Verdict:")
    print()
    for k, v in verdict.items():
        print(f"- {k}: {yn(v)}")
    quota = by.get("next 429 daily_limit_reached", 0) + sum(
        n for p in D for route in D[p]["statuses"].values() for k, n in route.items() if "daily_limit_reached" in k)
    if quota:
        print()
        print(f"Note: {quota} requests met the daily free quota (GENTA_FREE_DAILY_QUESTIONS=10000, its maximum): "
              "shorten --duration, or those 429s are the quota's, not the rate limiter's.")
    if any(D[p]["failures"] for p in D):
        print()
        print("Failed student requests (first 10):")
        for p in D:
            for x in D[p]["failures"][:10]:
                print(f"- {p} {x['route']} at {x['at_s']} s: {x['error']}")


if __name__ == "__main__":
    main()
