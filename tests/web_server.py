"""A local web server for tests that fetch (collect, monitor): routes set per test, every
request recorded. Listens on 127.0.0.1 only, on a free port."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"


Route = Reply | Callable[[BaseHTTPRequestHandler], Reply | None]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class Server:
    """``routes[path]`` is a :class:`Reply` or a function of the request returning one (or
    None when it answered by itself); unknown paths get 404; ``seen`` lists the requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.seen.append(Seen(self.path, dict(self.headers), time.monotonic()))
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                reply = route(self) if callable(route) else route
                if route is not None and reply is None:
                    return
                reply = reply or Reply(404, b"not here")
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(reply.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for seen in self.seen if seen.path.split("?")[0] == path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
