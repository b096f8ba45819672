"""``eqdiv serve``: the records in a browser, on this computer only by default."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from eqdiv.cli.common import AsOf, RepoOption, repo_root

# Lazy imports: the web application (Flask) is loaded only when the server starts,
# so that `eqdiv --help` and every other command start without it.


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", help="The port to listen on.", min=0)] = 8765,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="The address to listen on. Default: this computer only. Another address "
            "lets others reach it, with no log-in.",
            metavar="ADDRESS",
        ),
    ] = "127.0.0.1",
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Show the records; refuse every change.")
    ] = False,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the status page in the web browser.")
    ] = False,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Show the records in a web browser: status, actions, EIAs, consultation coverage,
    findings, history and reports. Record progress on an action, edit any record in a
    form made from its schema or as text, start an EIA or log a consultation: every
    change is checked before it is saved, as the commands check it. Then see what
    changed and commit it (never pushed). Stop it with Ctrl+C.

    It listens on this computer only (127.0.0.1) unless --host says otherwise; it has
    no log-in. Exit 0 when stopped, 2 for a usage error, 3 when it cannot start (a
    port in use).
    """
    import webbrowser

    from eqdiv.web.server import open_warning, start

    day = as_of if isinstance(as_of, date) else None  # None: the clock, at each request
    server = start(repo_root(ctx, repo), host, port, read_only=read_only, as_of=day)
    warning = open_warning(host, read_only)
    if warning:
        typer.echo(f"eqdiv: warning: {warning}", err=True)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{server.server_port}/"
    typer.echo(f"eqdiv serve: {url} (Ctrl+C to stop)", err=True)
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("eqdiv serve: stopped.", err=True)
