"""A threaded HTTPS server on a random loopback port: the transport under the tests' protocol-faithful fakes."""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self


class LoopbackHttpsServer:
    """Serves `handler` over TLS on 127.0.0.1; subclasses add the protocol and call `super().__init__` last."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], *, cert_file: Path, key_file: Path) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(cert_file), str(key_file))
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return f"https://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> Self:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()
