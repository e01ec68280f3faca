"""The Flask application: one page, its pictures, and a few POST requests that check, print and save.

Every request is checked by :mod:`.guard` first. Nothing a request carries is written to disk or
to a log: programs travel in request bodies, are rendered in memory and go back to the browser.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

from flask import Flask, Response, abort, jsonify, render_template, request

from ..errors import Problem
from ..render.context import today
from . import guard
from .programs import Checked, download_name
from .workspace import REGION_NAMES, Workspace

MAX_REQUEST_BYTES = 2_000_000  # a program file is a few hundred bytes; the loader refuses more than this anyway
CONTENT_SECURITY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
                    "frame-src 'self' blob:; object-src blob:; connect-src 'self' blob:; form-action 'none'; "
                    "frame-ancestors 'self'; base-uri 'none'")


def problem_json(problem: Problem) -> dict[str, Any]:
    """A problem for the page: the field it belongs beside, the command line's words, and its full line."""
    return {"field": problem.field, "message": problem.message, "line": str(problem)}


def checked_json(checked: Checked) -> dict[str, Any]:
    return {"minutes": checked.minutes, "problems": [problem_json(p) for p in checked.problems], "yaml": checked.text}


def _state() -> dict[str, Any]:
    state = request.get_json(silent=True)
    if not isinstance(state, dict) or not isinstance(state.get("exercises", []), list) or not all(
            isinstance(item, dict) for item in state.get("exercises", [])):
        abort(Response("expected the page's program as JSON", 400, mimetype="text/plain"))
    return state


def _file(data: bytes, name: str, mimetype: str, *, inline: bool = False) -> Response:
    response = Response(data, mimetype=mimetype)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def create_app(workspace: Workspace, *, host: str, port: int, token: str | None = None) -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.config["TOKEN"] = token or guard.new_token()
    allowed = guard.allowed_hosts(host, port)

    @app.before_request
    def refuse_strangers() -> Response | None:
        refusal = guard.host_refusal(request.headers.get("Host"), allowed)
        if refusal is None and request.method not in ("GET", "HEAD"):
            refusal = guard.token_refusal(request.headers.get(guard.TOKEN_HEADER), app.config["TOKEN"],
                                          request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site"),
                                          request.headers.get("Host", ""))
        if refusal is not None:
            return Response(refusal, 403, mimetype="text/plain")
        return None

    @app.after_request
    def private(response: Response) -> Response:
        response.headers["Cache-Control"] = "no-store"  # patients' programs stay out of the browser's disk cache
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.errorhandler(Exception)
    def internal(error: Exception) -> Response:
        if hasattr(error, "get_response"):  # an HTTP error (404, 413...): as it is
            return error.get_response()  # type: ignore[no-any-return]
        # a bug: its traceback goes to the terminal, without the message (it may quote a patient's name)
        frames = "".join(traceback.format_tb(error.__traceback__))
        print(f"internal error (a bug in handouts; please report it):\n{frames}{type(error).__name__}", file=sys.stderr)
        return Response("internal error (a bug in handouts); the terminal shows where", 500, mimetype="text/plain")

    @app.get("/")
    def page() -> str:
        return render_template("index.html", token=app.config["TOKEN"], header=workspace.header(),
                               cards=workspace.cards(), filters=workspace.filters(), layouts=workspace.layouts(),
                               served=workspace.served, regions=REGION_NAMES, dose_help=workspace.dose_help(),
                               range_note=workspace.range_note(),
                               today=today().isoformat())

    @app.get("/picture/<exercise_id>.png")
    def picture(exercise_id: str) -> Response:
        data = workspace.picture(exercise_id)
        if data is None:
            abort(404)
        response = Response(data, mimetype="image/png")
        return response

    @app.post("/api/check")
    def check() -> Response:
        return jsonify(checked_json(workspace.check(_state())))

    def _program_pdf(inline: bool) -> Response:
        state = _state()
        data, checked = workspace.render(state)
        if data is None:
            return Response(jsonify(checked_json(checked)).get_data(), 422, mimetype="application/json")
        return _file(data, download_name(state, ".pdf"), "application/pdf", inline=inline)

    @app.post("/api/preview")
    def preview() -> Response:
        return _program_pdf(inline=True)

    @app.post("/api/pdf")
    def pdf() -> Response:
        return _program_pdf(inline=False)

    @app.post("/api/save")
    def save() -> Response:
        state = _state()
        checked = workspace.check(state)
        if checked.program is None:
            return Response(jsonify(checked_json(checked)).get_data(), 422, mimetype="application/json")
        return _file(checked.text.encode("utf-8"), download_name(state, ".yaml"), "application/yaml")

    @app.post("/api/open")
    def open_file() -> Response:
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            abort(Response("expected {name, text} as JSON", 400, mimetype="text/plain"))
        name = str(body.get("name") or "program.yaml").replace("/", "_").replace("\\", "_")
        state, problems = workspace.open(body["text"], name)
        if state is None:
            return Response(jsonify({"problems": [problem_json(p) for p in problems]}).get_data(), 422,
                            mimetype="application/json")
        return jsonify({"state": state})

    @app.post("/api/region/<region>")
    def region(region: str) -> Response:
        if region not in REGION_NAMES:
            abort(404)
        from ..jobs import REGION_FILES

        return _file(workspace.region(region), REGION_FILES[region], "application/pdf")

    def _booklet(imposed: bool) -> Response:
        name, data, note = workspace.booklet(imposed=imposed)
        response = _file(data, name, "application/pdf")
        response.headers["X-Handouts-Note"] = note
        return response

    @app.post("/api/booklet")
    def booklet() -> Response:
        return _booklet(False)

    @app.post("/api/booklet-imposed")
    def booklet_imposed() -> Response:
        return _booklet(True)

    return app
