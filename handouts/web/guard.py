"""Who may talk to the page: this browser tab on this computer, nobody else.

* **DNS rebinding**: a request whose ``Host`` header is not the address the server is bound to (or
  ``localhost``) is refused, so a web page whose name is made to point at 127.0.0.1 gets nothing.
* **Cross-site requests** (CSRF): every request that prints, saves or reads a program carries the
  token made at launch and written into the page; another website cannot read the page, so it cannot
  know the token. A request that says it comes from another origin is refused as well.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable

TOKEN_HEADER = "X-Handouts-Token"
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def allowed_hosts(bound: str, port: int) -> frozenset[str]:
    """``Host`` header values that name this server: the bound address or localhost, with the port."""
    names = [*LOCAL_NAMES, f"[{bound}]" if ":" in bound else bound]
    return frozenset(f"{name}:{port}" for name in names)


def host_refusal(host: str | None, allowed: Iterable[str]) -> str | None:
    if host and host.lower() in allowed:
        return None
    return f"refused: this server answers only to {', '.join(sorted(allowed))} (the Host header said {host or 'nothing'!r})"


def token_refusal(sent: str | None, token: str, origin: str | None, fetch_site: str | None, host: str) -> str | None:
    """Why a state-changing request is refused, or None when it comes from the page itself."""
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return f"refused: the request came from another site ({fetch_site})"
    if origin is not None and origin != f"http://{host}":
        return f"refused: the request came from {origin}, not from this page"
    if not sent or not hmac.compare_digest(sent.encode(), token.encode()):
        return "refused: the request does not carry this page's token (reload the page)"
    return None
