"""Schemathesis hooks for scripts/fuzz.

Loaded through SCHEMATHESIS_HOOKS=fuzz_hooks (with scripts/ on PYTHONPATH).

Clerk's webhook is authenticated by a Svix signature over the raw body, which no OpenAPI schema
can express. When GENTA_FUZZ_WEBHOOK_SECRET names the server's `whsec_…` secret, every request
to /webhooks/clerk that carries all three Svix headers is signed the way Svix signs a delivery,
so the fuzzer reaches the event parser and the account sync instead of stopping at 401. Requests
that lack a header (or send it empty) go out as generated: they test the header checks.

Two more rules of the API cannot be written in a schema, and a schema-valid (positive) request
is made to keep them, so that it stays a request the server must accept:
- an exam date must be after today (WIB): one that is not is moved to a later day;
- an Idempotency-Key names one answer: a key already sent with a different answer is replaced
  by a fresh one (a key sent again with the same answer is kept: that is a replay).
The svix-id of a signed webhook is made unique too, as Svix's delivery ids are, so that
deliveries reach the account sync instead of being acknowledged as duplicates.

Midtrans' notifications are signed by a field of their own body, `signature_key`: when
GENTA_FUZZ_MIDTRANS_KEY names the server key, every schema-valid notification is given the
signature Midtrans would compute, so the fuzzer reaches the order ledger instead of stopping at 403.
"""

import base64
import datetime
import hashlib
import hmac
import itertools
import os
import time
import uuid

import requests
import schemathesis

WEBHOOK_PATH = "/webhooks/clerk"
MIDTRANS_PATH = "/webhooks/midtrans"
MIDTRANS_SIGNED = ("order_id", "status_code", "gross_amount")
ATTEMPTS_PATH = "/api/v1/attempts"
_deliveries = itertools.count(1)
# Idempotency-Key → the body first sent with it.
_answers_by_key: dict[str, object] = {}
SVIX_HEADERS = ("svix-id", "svix-timestamp", "svix-signature")
SVIX_ID_LIMIT = 255  # the document's maxLength of svix-id


class SvixSignature(requests.auth.AuthBase):
    """Signs the final request bytes: `v1,base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))`."""

    def __init__(self, secret: str) -> None:
        self.key = base64.b64decode(secret.removeprefix("whsec_"))

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        delivery = request.headers["svix-id"]
        if len(delivery) <= SVIX_ID_LIMIT:  # a longer one is meant to be refused: left as it is
            suffix = f"-{next(_deliveries)}"
            delivery = delivery[: SVIX_ID_LIMIT - len(suffix)] + suffix
        request.headers["svix-id"] = delivery
        delivery = delivery.encode("utf-8")
        timestamp = str(int(time.time()))
        mac = hmac.new(self.key, delivery + b"." + timestamp.encode() + b"." + body, hashlib.sha256)
        request.headers["svix-timestamp"] = timestamp
        request.headers["svix-signature"] = "v1," + base64.b64encode(mac.digest()).decode()
        return request


def _has_svix_headers(headers) -> bool:
    present = {name.lower(): value for name, value in (headers or {}).items()}
    return all(isinstance(present.get(name), str) and present[name] != "" for name in SVIX_HEADERS)


def _future_exam_date(text: str) -> str:
    """`text` when it is not a past or present date; otherwise a later date, decided by `text`."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()
    if day > today:
        return text
    return (today + datetime.timedelta(days=1 + day.toordinal() % 3650)).isoformat()


def _is_positive(case) -> bool:
    meta = case.meta
    return meta is not None and meta.generation.mode.is_positive


@schemathesis.hook
def before_call(context, case, kwargs):
    secret = os.environ.get("GENTA_FUZZ_WEBHOOK_SECRET")
    if secret and case.operation.path == WEBHOOK_PATH and _has_svix_headers(case.headers):
        kwargs["auth"] = SvixSignature(secret)
    if not _is_positive(case):
        return
    midtrans_key = os.environ.get("GENTA_FUZZ_MIDTRANS_KEY")
    if midtrans_key and case.operation.path == MIDTRANS_PATH and isinstance(case.body, dict):
        _sign_midtrans(case.body, midtrans_key)
    if isinstance(case.body, dict) and isinstance(case.body.get("exam_date"), str):
        case.body["exam_date"] = _future_exam_date(case.body["exam_date"])
    if case.operation.path == ATTEMPTS_PATH and case.method.upper() == "POST":
        _keep_keys_unique(case)


def _keep_keys_unique(case) -> None:
    headers = case.headers or {}
    name = next((name for name in headers if name.lower() == "idempotency-key"), None)
    if name is None or not isinstance(headers[name], str):
        return
    key = headers[name]
    first = _answers_by_key.setdefault(key, case.body)
    if first != case.body:
        key = f"{key[:60]}-{uuid.uuid4()}"
        headers[name] = key
        _answers_by_key[key] = case.body


def _sign_midtrans(body: dict, key: str) -> None:
    """Midtrans' signature: hex SHA-512 of order_id + status_code + gross_amount + server key."""
    if all(isinstance(body.get(field), str) for field in MIDTRANS_SIGNED):
        text = "".join(body[field] for field in MIDTRANS_SIGNED) + key
        body["signature_key"] = hashlib.sha512(text.encode("utf-8")).hexdigest()
