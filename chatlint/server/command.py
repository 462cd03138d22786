"""`chatlint serve`: the page and the API on a local port."""

from __future__ import annotations

import os
import socket
import sys

import click

from ..cli import options
from ..model.errors import ChatlintError

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, bound here so a busy port is a clear error (and --port 0 picks a free one)."""
    sock = None
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)[0]
        # proto must be IPPROTO_TCP (socket.create_server leaves 0): asyncio sets TCP_NODELAY only
        # then, and without it every keep-alive response waits ~40 ms on delayed ACKs.
        sock = socket.socket(family, kind, proto)
        if os.name == "posix":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
        return sock
    except OSError as exc:
        if sock is not None:
            sock.close()
        reason = os.strerror(exc.errno) if (exc.errno or 0) > 0 else (exc.strerror or str(exc))
        raise ChatlintError(f"cannot listen on {host}:{port}: {reason}; "
                            "choose another with --host/--port") from None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The server has no authentication: keep it on this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@options.rules_dirs
@options.disable
def serve(host, port, rules_dirs, disable):
    """Serve the checking page and the HTTP API (POST /v1/check, GET /v1/rules, /openapi.json),
    and LanguageTool's API (POST /v2/check, GET /v2/languages) for its add-ons and editor plugins."""
    from ..cli import handle_errors  # imported here: cli.py imports this module

    handle_errors(run)(host, port, rules_dirs, disable)


def run(host: str, port: int, rules_dirs=(), disable=()) -> None:
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError as exc:
        raise ChatlintError(f"`chatlint serve` needs the server extra ({exc.name} is missing): "
                            'pip install "chatlint[server]"') from None
    from ..cli import make_linter
    from .app import create_app

    linter = make_linter(rules_dirs, disable)   # rules, lexicons and spaCy pipelines, once
    # the Host header must name this server: a loopback name, or the address the user chose
    allowed = "*" if host in ("0.0.0.0", "::", "") else ([] if host in LOOPBACK else [host])
    app = create_app(linter, allowed_hosts=allowed)
    sock = bind(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"chatlint: serving http://{shown}:{actual}/ (API: POST /v1/check, GET /v1/rules, /openapi.json; Ctrl+C stops)",
               err=True)
    click.echo(f"chatlint: LanguageTool add-ons and plugins: set the server to http://{shown}:{actual}/v2",
               err=True)
    if host not in LOOPBACK:
        click.echo(f"chatlint: warning: listening on {host}, reachable from other machines; "
                   "the server has no authentication", err=True)
    sys.stderr.flush()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C after a clean shutdown: a normal stop
        click.echo("chatlint: stopped", err=True)
