"""Starting the application: which addresses it may listen on, and the server.

Loopback only by default: the application has no log-in, so anyone who can reach it
can read the records and change them. Another address must be asked for with
``--host``, and the command line then says so in a warning."""

from __future__ import annotations

import ipaddress
import socket
from datetime import date
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, make_server

from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.web.application import create_app

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def open_warning(host: str, read_only: bool) -> str | None:
    """What to tell the person starting the server when ``host`` is not loopback."""
    if is_loopback(host):
        return None
    change = "" if read_only else " and change them"
    return (
        f"Listening on {host}: eqdiv serve has no log-in, so anyone who can reach this "
        f"address can read the records{change}. Use it only on a network you trust."
    )


def start(
    root: Path,
    host: str,
    port: int,
    *,
    read_only: bool = False,
    as_of: date | None = None,
) -> BaseWSGIServer:
    """A server for the records at ``root`` on ``host``:``port``, ready to
    ``serve_forever()``. A port in use is an error saying so."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port.", "Give a number from 1024 to 65535.")
    app = create_app(root, read_only=read_only, as_of=as_of)
    # werkzeug answers a port in use by printing and exiting: try the address first,
    # so the person reads eqdiv's words and exit code.
    try:
        socket.create_server((host, port)).close()
        return make_server(host, port, app, threaded=True)
    except OSError as err:
        reason = str(err.strerror or err).split(" (while")[0]  # not the address twice
        raise EqdivError(
            f"eqdiv serve cannot listen on {host}:{port}: {reason}.",
            "Another program may be using that port: choose another with --port.",
        ) from None
