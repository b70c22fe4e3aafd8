#!/usr/bin/env python3
"""A stand-in OpenAI-compatible chat server for the AI feedback benchmark (bench/feedback/run).

    python3 bench/feedback/standin.py [--port 0] [--port-file F] [--delay-ms 0] [--max-seconds 900]

Listens on 127.0.0.1 only (asyncio, one task per connection, HTTP/1.1 keep-alive), so any
number of calls are served at the same time: each one waits its delay with `asyncio.sleep`.

  POST /v1/chat/completions   (Genta's OpenAIChatProvider posts to GENTA_LLM_BASE_URL +
                               "/chat/completions"; run it with GENTA_LLM_BASE_URL=http://HOST:PORT/v1)
      waits the current delay, then answers 200 with a chat.completion object in OpenAI's format
      (id, object, created, model, choices[0].message{role, content}, finish_reason, usage).
  GET  /_control/stats        the calls recorded since the last reset (JSON, below)
  POST /_control/reset        forgets the recorded calls
  POST /_control/delay?ms=N   sets the delay of later calls (the --delay-ms default)
  GET  /_control/sample-body  the body of the most recent completion request (to replay it directly)
  GET  /healthz               200

Each completion call is recorded with: arrival (time.time() when the request head arrived, and
monotonic), start of the answer and its end (monotonic), the delay applied, the connection's
number, its sequence number `n` (also written at the end of the answer's text as "(standin n)", so a
caller can match the feedback it got to the call), the path, the model asked for, the body's size, and its source: the `X-Bench-Source`
header if the caller sent one (the benchmark's direct calls send `direct`), otherwise `genta`. `stats` adds the largest number of calls that
were in flight at once, so a benchmark can show whether calls overlapped.

Standard library only. The process exits by itself after --max-seconds, on SIGTERM/SIGINT, or
when its parent process goes away.
"""

import argparse
import asyncio
import json
import os
import signal
import sys
import time
import uuid
from urllib.parse import parse_qs, urlsplit

REPLY = (
    "Jawabanmu sudah dicatat. Kunci jawabannya dijelaskan di pembahasan: perhatikan hubungan "
    "antara kedua kata pada soal, lalu cari pasangan dengan hubungan yang sama. Kesalahan yang "
    "sering terjadi adalah memilih opsi yang hanya mirip kata-katanya. Tips: tentukan dulu jenis "
    "hubungannya sebelum membaca pilihan. Konsep yang perlu diulang: analogi."
)


class StandIn:
    def __init__(self, delay_ms: float):
        self.delay_ms = delay_ms
        self.records = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0
        self.sample_body = b""
        self.sequence = 0

    # ---- HTTP plumbing -------------------------------------------------------------------

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.connections += 1
        conn_id = self.connections
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                arrival_wall, arrival_mono = time.time(), time.monotonic()
                lines = head.decode("latin-1").split("\r\n")
                method, target, _version = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                body = await self.read_body(reader, headers)
                status, payload, extra = await self.route(method, target, headers, body, conn_id, arrival_wall, arrival_mono)
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                close = headers.get("connection", "").lower() == "close"
                out = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}",
                       "Content-Type: application/json", f"Content-Length: {len(data)}"]
                out.append("Connection: close" if close else "Connection: keep-alive")
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + data)
                await writer.drain()
                if extra is not None:
                    extra["end"] = time.monotonic()
                    self.in_flight -= 1
                if close:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            try:
                writer.close()
            except Exception:
                pass

    @staticmethod
    async def read_body(reader, headers) -> bytes:
        if "content-length" in headers:
            return await reader.readexactly(int(headers["content-length"]))
        if headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await reader.readuntil(b"\r\n")
                    return b"".join(parts)
                parts.append(await reader.readexactly(size))
                await reader.readexactly(2)
        return b""

    # ---- routes --------------------------------------------------------------------------

    async def route(self, method, target, headers, body, conn_id, arrival_wall, arrival_mono):
        url = urlsplit(target)
        path = url.path
        if method == "POST" and path.endswith("/chat/completions"):
            source = headers.get("x-bench-source", "genta")
            return await self.completion(path, body, conn_id, arrival_wall, arrival_mono, source)
        if method == "GET" and path == "/_control/stats":
            return 200, self.stats(), None
        if method == "POST" and path == "/_control/reset":
            self.records = []
            self.max_in_flight = self.in_flight
            return 200, {"ok": True}, None
        if method == "POST" and path == "/_control/delay":
            self.delay_ms = float(parse_qs(url.query).get("ms", ["0"])[0])
            return 200, {"delay_ms": self.delay_ms}, None
        if method == "GET" and path == "/_control/sample-body":
            return 200, {"body": self.sample_body.decode("utf-8")}, None
        if method == "GET" and path == "/healthz":
            return 200, {"ok": True}, None
        return 404, {"error": {"message": f"no route {method} {path}", "type": "invalid_request_error",
                               "code": "not_found"}}, None

    async def completion(self, path, body, conn_id, arrival_wall, arrival_mono, source):
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        delay = self.delay_ms
        self.sequence += 1
        record = {"n": self.sequence, "arrival_wall": arrival_wall, "arrival": arrival_mono, "delay_ms": delay,
                  "connection": conn_id, "bytes": len(body), "source": source,
                  "path": path}
        self.records.append(record)
        try:
            request = json.loads(body)
        except ValueError:
            request = {}
        if not isinstance(request, dict):
            request = {}
        if source == "genta":
            self.sample_body = body
        model = request.get("model", "unknown")
        record["model"] = model
        messages = request.get("messages") or []
        prompt_chars = sum(len(str(m.get("content", ""))) for m in messages if isinstance(m, dict))
        if delay > 0:
            await asyncio.sleep(delay / 1000.0)
        record["answer"] = time.monotonic()
        # The call's number in the text, so a stored answer can be matched to its call (and a
        # cached one told apart).
        text = f"{REPLY} (standin {record['n']})"
        payload = {
            "id": "chatcmpl-" + uuid.uuid4().hex[:24],
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "system_fingerprint": "fp_standin",
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }],
            "usage": {
                "prompt_tokens": max(1, prompt_chars // 4),
                "completion_tokens": max(1, len(text) // 4),
                "total_tokens": max(1, prompt_chars // 4) + max(1, len(text) // 4),
            },
        }
        return 200, payload, record

    def stats(self):
        calls = [r for r in self.records if "answer" in r]
        by_source = {}
        for r in self.records:
            by_source[r["source"]] = by_source.get(r["source"], 0) + 1
        out = {"calls": len(self.records), "by_source": by_source, "answered": len(calls),
               "connections": self.connections,
               "max_in_flight": self.max_in_flight, "delay_ms": self.delay_ms, "records": self.records}
        if calls:
            first = min(r["arrival"] for r in calls)
            out["arrival_spread_ms"] = (max(r["arrival"] for r in calls) - first) * 1000
        return out


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="write the port here once listening")
    parser.add_argument("--delay-ms", type=float, default=0.0, help="delay before each completion answer")
    parser.add_argument("--max-seconds", type=float, default=900.0, help="exit after this long regardless")
    args = parser.parse_args()

    stand_in = StandIn(args.delay_ms)
    server = await asyncio.start_server(stand_in.handle, "127.0.0.1", args.port, backlog=1024, limit=1 << 20)
    port = server.sockets[0].getsockname()[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)
    print(f"stand-in listening on http://127.0.0.1:{port}/v1 (delay {args.delay_ms:g} ms)", file=sys.stderr, flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    parent = os.getppid()
    deadline = time.monotonic() + args.max_seconds
    while not stop.is_set() and time.monotonic() < deadline and os.getppid() == parent:
        try:
            await asyncio.wait_for(stop.wait(), timeout=1.0)
        except asyncio.TimeoutError:
            pass
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
