"""A small real OpenID Connect provider on 127.0.0.1 for the end-to-end sign-in tests.

It speaks the authorization-code flow as Authlib's client (inside Streamlit's ``st.login``)
expects it: a discovery document, a JWKS with one RSA key, an authorization endpoint with a
one-field login form (the test types who signs in; no password), a token endpoint that checks
the client's secret (HTTP Basic), the code, the redirect address and the PKCE verifier, and
issues an RS256 ID token carrying the ``nonce``, ``groups``, ``preferred_username`` and
``email``; a userinfo endpoint for the access token. Nothing here is for production.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "pantau-test"
CLIENT_SECRET = "rahasia-klien-uji-" + "x" * 16  # noqa: S105 - a test's own secret
KEY_ID = "uji-1"


@dataclass
class Provider:
    """The provider's state: its address, key, people, and the codes handed out."""

    issuer: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(
        2048, parameters={"kid": KEY_ID, "use": "sig", "alg": "RS256"}, private=True))
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # access token -> person
    exchanges: list[dict[str, Any]] = field(default_factory=list)  # codes redeemed
    lock: threading.Lock = field(default_factory=threading.Lock)

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "email", "profile"],
        }

    def claims(self, person: str) -> dict[str, Any]:
        return {"sub": f"id-{person}", "preferred_username": person,
                "email": f"{person}@polres.example", "email_verified": True,
                "name": person.title(), **self.people[person]}

    def id_token(self, person: str, nonce: str) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                  "auth_time": now, "nonce": nonce, **self.claims(person)}
        return jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, self.key)


def _form(query: dict[str, str]) -> bytes:
    hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                     for k, v in query.items())
    return (f"<!doctype html><title>Penyedia uji</title><h1>Penyedia identitas uji</h1>"
            f'<form method="post" action="/authorize">{hidden}'
            f'<label>Pengguna <input name="username" autofocus></label>'
            f'<button type="submit">Masuk ke penyedia</button></form>').encode()


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class _Handler(BaseHTTPRequestHandler):
    provider: Provider  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass

    def _send(self, status: int, body: bytes, kind: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, value: object, status: int = 200) -> None:
        self._send(status, json.dumps(value).encode())

    def _fields(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        return {k: v[0] for k, v in parse_qs(body).items()}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            self._json(self.provider.discovery())
        elif url.path == "/jwks":
            self._json({"keys": [self.provider.key.as_dict(private=False)]})
        elif url.path == "/authorize":
            self._send(200, _form(query), "text/html; charset=utf-8")
        elif url.path == "/userinfo":
            token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            person = self.provider.tokens.get(token)
            if person is None:
                self._json({"error": "invalid_token"}, 401)
            else:
                self._json(self.provider.claims(person))
        else:
            self._json({"error": "not_found"}, 404)

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/authorize":
            self._authorize(self._fields())
        elif self.path == "/token":
            self._token(self._fields())
        else:
            self._json({"error": "not_found"}, 404)

    def _authorize(self, fields: dict[str, str]) -> None:
        person = fields.get("username", "").strip()
        if fields.get("client_id") != CLIENT_ID or person not in self.provider.people:
            self._send(400, b"unknown client or person", "text/plain")
            return
        code = secrets.token_urlsafe(16)
        with self.provider.lock:
            self.provider.codes[code] = {**fields, "person": person}
        back = urlencode({"code": code, "state": fields.get("state", "")})
        self._send(302, b"", "text/plain", {"Location": f"{fields['redirect_uri']}?{back}"})

    def _client_ok(self) -> bool:
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        return self.headers.get("Authorization") == f"Basic {expected}"

    def _token(self, fields: dict[str, str]) -> None:
        with self.provider.lock:
            grant = self.provider.codes.pop(fields.get("code", ""), None)  # used once
        if not self._client_ok():
            self._json({"error": "invalid_client"}, 401)
            return
        challenge = grant and grant.get("code_challenge")
        if (grant is None or fields.get("grant_type") != "authorization_code"
                or fields.get("redirect_uri") != grant["redirect_uri"]
                or (challenge and _challenge(fields.get("code_verifier", "")) != challenge)):
            self._json({"error": "invalid_grant"}, 400)
            return
        access = secrets.token_urlsafe(24)
        self.provider.tokens[access] = grant["person"]
        self.provider.exchanges.append({"person": grant["person"], "pkce": bool(challenge),
                                        "nonce": bool(grant.get("nonce"))})
        self._json({"access_token": access, "token_type": "Bearer", "expires_in": 300,
                    "id_token": self.provider.id_token(grant["person"], grant.get("nonce", ""))})


@contextmanager
def oidc_provider(people: dict[str, dict[str, Any]]) -> Iterator[Provider]:
    """The provider on a free port of 127.0.0.1 with ``people`` (name -> extra claims, such
    as ``groups``) able to sign in; yields its state (``issuer`` is its address)."""
    provider = Provider(people=people)
    handler = type("Handler", (_Handler,), {"provider": provider})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
