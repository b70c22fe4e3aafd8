"""A stand-in Midtrans for scripts/fuzz: Snap creation and the status API on 127.0.0.1.

    python3 scripts/standin_midtrans.py PORT

Snap answers 201 with a token and a redirect URL for every well-formed creation (400 for an
order id it has seen, as Midtrans does); the redirect URL is a page of this stand-in
(`/snap/v4/redirection/TOKEN`, a placeholder for Snap's payment page). The status API answers
that it knows no transaction, as Midtrans does for a page nobody paid on. Enough for the fuzzer to reach checkout's success
path; the Swift tests use a fuller stand-in (Tests/GentaTestSupport/Midtrans).
"""

import json
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

seen: set[str] = set()


class Handler(BaseHTTPRequestHandler):
    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length") or 0)
        try:
            order_id = json.loads(self.rfile.read(length))["transaction_details"]["order_id"]
        except (ValueError, KeyError, TypeError):
            self._answer(400, {"error_messages": ["transaction_details is required"]})
            return
        if order_id in seen:
            self._answer(400, {"error_messages": ["transaction_details.order_id has already been taken"]})
            return
        seen.add(order_id)
        token = str(uuid.uuid4())
        host = self.headers.get("Host", "127.0.0.1")
        self._answer(201, {"token": token, "redirect_url": f"http://{host}/snap/v4/redirection/{token}"})

    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith("/snap/v4/redirection/"):
            page = b"<!doctype html><html lang='en'><title>Snap (stand-in)</title><main><h1>Snap (stand-in)</h1></main></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            return
        self._answer(200, {"status_code": "404", "status_message": "Transaction doesn't exist."})

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
