"""A stand-in Clerk for scripts/browser-test: its Frontend API's keys and a browser script on
127.0.0.1, so Genta's pages in Clerk mode run against something that signs real RS256 session
tokens.

    python scripts/standin_clerk.py PORT

Serves:
- `/.well-known/jwks.json`: the public key, as Clerk's JWKS (`kid`, `use: sig`, `alg: RS256`);
- `/npm/@clerk/clerk-js@5/dist/clerk.browser.js`: a script that defines `window.Clerk` with the
  part of clerk-js's interface Genta's pages use — `load()`, `user`, `mountSignIn(element,
  {forceRedirectUrl})`, `signOut()` — and, like clerk-js, keeps the `__session` cookie of the
  page's own site holding a fresh session token;
- `POST /v1/client/sign_ins` (an e-mail address) and `POST /v1/client/sessions/SID/tokens`:
  session tokens for the script, with Clerk's claims (`iss` = this server's origin, `sub`,
  `sid`, `exp` a minute ahead, `nbf`, `iat`, `azp`) and the `email` a session token template
  can add.

Needs the `cryptography` package (scripts/browser-test installs it in .venv-browser).
"""

import base64
import hashlib
import json
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KID = "ins_standin_" + uuid.uuid4().hex[:12]
sessions: dict[str, dict] = {}  # sid → {"sub", "email"}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def integer(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def token(origin: str, sid: str, page_origin: str) -> str:
    now = int(time.time())
    session = sessions[sid]
    claims = {"azp": page_origin, "exp": now + 60, "iat": now, "iss": origin, "jti": uuid.uuid4().hex[:20], "nbf": now - 10,
              "sid": sid, "sub": session["sub"], "v": 2, "email": session["email"]}
    header = {"alg": "RS256", "kid": KID, "typ": "JWT"}
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    signature = KEY.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + b64url(signature)


SCRIPT = r"""
(() => {
  const api = new URL(document.currentScript.src).origin;
  const stored = () => JSON.parse(localStorage.getItem("standin-clerk") || "null");
  const post = async (path, body) => {
    const answer = await fetch(api + path, { method: "POST", body: body || "" });
    if (!answer.ok) throw new Error("stand-in Clerk answered " + answer.status);
    return answer.json();
  };
  const remember = (session) => {
    localStorage.setItem("standin-clerk", JSON.stringify(session));
    document.cookie = "__session=" + session.jwt + "; path=/; SameSite=Lax";
    window.Clerk.user = { id: session.sub, primaryEmailAddress: { emailAddress: session.email } };
  };
  window.Clerk = {
    user: null,
    async load() {
      const session = stored();
      if (!session) return;
      const fresh = await post("/v1/client/sessions/" + session.sid + "/tokens");
      remember({ ...session, jwt: fresh.jwt });
      setInterval(async () => remember({ ...stored(), jwt: (await post("/v1/client/sessions/" + session.sid + "/tokens")).jwt }), 50000);
    },
    mountSignIn(element, options) {
      element.innerHTML = '<form class="stack" id="standin-clerk-form"><label for="standin-clerk-email">Email address</label>'
        + '<input id="standin-clerk-email" type="email" required autocomplete="email"><button type="submit">Continue</button></form>';
      element.querySelector("form").addEventListener("submit", async (event) => {
        event.preventDefault();
        const session = await post("/v1/client/sign_ins", element.querySelector("input").value);
        remember(session);
        window.location.assign(options.forceRedirectUrl || "/");
      });
    },
    async signOut() {
      localStorage.removeItem("standin-clerk");
      document.cookie = "__session=; path=/; max-age=0";
      window.Clerk.user = null;
    },
  };
})();
"""


class Handler(BaseHTTPRequestHandler):
    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, body: dict) -> None:
        self._answer(status, json.dumps(body).encode(), "application/json")

    def origin(self) -> str:
        return f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/.well-known/jwks.json":
            numbers = KEY.public_key().public_numbers()
            self._json(200, {"keys": [{"use": "sig", "kty": "RSA", "kid": KID, "alg": "RS256",
                                       "n": integer(numbers.n), "e": integer(numbers.e)}]})
        elif self.path == "/npm/@clerk/clerk-js@5/dist/clerk.browser.js":
            self._answer(200, SCRIPT.encode(), "application/javascript")
        else:
            self._json(404, {"errors": [{"code": "resource_not_found"}]})

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        page = self.headers.get("Origin") or ""
        if self.path == "/v1/client/sign_ins":
            email = body.strip().lower()
            if "@" not in email:
                self._json(422, {"errors": [{"code": "form_identifier_invalid"}]})
                return
            sid = "sess_" + uuid.uuid4().hex[:24]
            sessions[sid] = {"sub": "user_" + hashlib.sha256(email.encode()).hexdigest()[:24], "email": email}
            self._json(200, {"sid": sid, "sub": sessions[sid]["sub"], "email": email, "jwt": token(self.origin(), sid, page)})
        elif self.path.startswith("/v1/client/sessions/") and self.path.endswith("/tokens"):
            sid = self.path.split("/")[4]
            if sid not in sessions:
                self._json(404, {"errors": [{"code": "session_not_found"}]})
                return
            self._json(200, {"jwt": token(self.origin(), sid, page)})
        else:
            self._json(404, {"errors": [{"code": "resource_not_found"}]})

    def log_message(self, *args) -> None:
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
