"""Receivers on 127.0.0.1 for alert tests: an HTTP server that keeps the JSON posted to it,
and a real SMTP server (aiosmtpd) that keeps the mails it receives."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class JsonReceiver:
    """Every JSON body posted, with its path."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.paths: list[str] = []


@contextmanager
def json_receiver(port: int | None = None) -> Iterator[tuple[JsonReceiver, int]]:
    """An HTTP server on 127.0.0.1 that answers 200 to every POST and keeps its JSON."""
    box = JsonReceiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the http.server name)
            length = int(self.headers.get("Content-Length", 0))
            box.received.append(json.loads(self.rfile.read(length) or b"{}"))
            box.paths.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer(("127.0.0.1", port or 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield box, int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


class MailBox:
    """The mails an SMTP server received."""

    def __init__(self) -> None:
        self.mails: list[Message] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.mails.append(message_from_bytes(envelope.content))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@contextmanager
def smtp_receiver() -> Iterator[tuple[MailBox, int]]:
    """A plain (no TLS, no login) SMTP server on 127.0.0.1."""
    box = MailBox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


def mail_text(mail: Message) -> str:
    """A mail's plain-text body (the first text part of a multipart mail)."""
    parts = mail.walk() if mail.is_multipart() else [mail]
    for part in parts:
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload.decode(part.get_content_charset() or "utf-8")
    return ""
