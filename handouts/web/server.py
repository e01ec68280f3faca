"""Starting the page's server: bound to this computer only unless asked, silent about what it serves."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from werkzeug.serving import WSGIRequestHandler, make_server

from .app import create_app
from .workspace import Workspace

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class QuietHandler(WSGIRequestHandler):
    """Writes no request log: even a path can say something about a patient, and nothing about one is logged."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass

    def log(self, type: str, message: str, *args: object) -> None:
        if type == "error":  # the server's own failures (a port in use...), never a request's contents
            click.echo(f"serve: {message % args}", err=True)


def host_warning(host: str) -> str | None:
    if host in LOCAL_HOSTS:
        return None
    warning = (f"warning: --host {host} lets other computers on the network open this page. Programs carry patients' names "
               "(health information) and travel unencrypted; use it only on a network you trust.")
    if host in ("0.0.0.0", "::"):
        # the Host check accepts only the bound address and localhost, so name this computer's own address
        warning += f" Requests must name this computer as {host} or localhost: give --host with its own address instead."
    return warning


def serve(*, host: str, port: int, clinic_file: Path | None, layout: str | None, catalog_dir: Path | None,
          lang: str | None, open_browser: bool = False) -> None:
    workspace = Workspace(clinic_file=clinic_file, layout=layout, catalog_dir=catalog_dir, lang=lang)
    warning = host_warning(host)
    if warning:
        click.echo(warning, err=True)
    bind = "localhost" if host == "localhost" else host
    # the port is known once the socket is bound (port 0: any free port), and the Host check needs it
    server = make_server(bind, port, None, threaded=True, request_handler=QuietHandler)  # type: ignore[arg-type]
    actual = server.socket.getsockname()[1]
    server.app = create_app(workspace, host=host, port=actual)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{actual}/"
    header = workspace.header()
    for notice in header["notices"]:
        click.echo(f"note: {notice}", err=True)
    click.echo(f"Clinic: {header['clinic']}   layout: {header['layout']}")
    click.echo(f"Open {url} in your browser (Ctrl+C stops the server).")
    sys.stdout.flush()
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    import threading

    threading.Thread(target=workspace.draw_all_pictures, name="pictures", daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped.", err=True)
    finally:
        server.server_close()
