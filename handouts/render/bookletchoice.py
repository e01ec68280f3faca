"""The booklet's 'Your exercises' page: every exercise with a box for the clinician to tick, its dose in
words and its page, by section, so that a patient given the whole booklet knows which ones are theirs.

The page numbers come from the previous layout pass (``pages``, keyed like the cards' bookmarks).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Table, TableStyle

from ..i18n import Messages
from ..models.catalog import Dosage, Exercise
from ..text import dose_parts, exercise_words
from .bookletdoc import Outline, PageMark
from .cards import styles_for
from .context import RenderContext
from .frontorder import FULL_ENOUGH, full_enough, paginate
from .page import geometry
from .para import paragraph

LIST_END = "your-exercises-end"  # the key of the page the list ends on (its start: "your-exercises")


class Row(NamedTuple):
    """A row of the list's table: the column heads, a section's name, the section's name again where the
    list goes on to a new page inside a section (``continued``), or an exercise (``carried``: the row
    that names its section, for the top of a page it opens)."""

    kind: str
    cells: list[object]
    carried: Row | None = None


class Look(NamedTuple):
    """How the list's table is drawn: column widths, the body size and the rule under each row."""

    widths: list[float]
    size: float
    font: str
    rule: float
    color: Color


def list_table(rows: list[Row], look: Look) -> Table:
    """The table of these rows; a name or the column heads never alone at the foot of a page."""
    size = look.size
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), look.font),  # the empty cells' font too: only embedded fonts
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), size * 0.4),
        ("RIGHTPADDING", (2, 0), (2, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), size * 0.1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.12),
    ]
    for i, row in enumerate(rows):
        if row.kind == "heads":  # with a section's name and a row
            style += [("LINEBELOW", (0, i), (-1, i), look.rule * 2, look.color), ("NOSPLIT", (0, i), (-1, i + 2))]
        elif row.kind == "section":
            style += [("SPAN", (0, i), (-1, i)), ("TOPPADDING", (0, i), (-1, i), size * 0.4),
                      ("NOSPLIT", (0, i), (-1, i + 1))]
        elif row.kind == "continued":  # the section's name and the head of the page column, over a rule
            style += [("SPAN", (0, i), (1, i)), ("LINEBELOW", (0, i), (-1, i), look.rule * 2, look.color),
                      ("NOSPLIT", (0, i), (-1, i + 1))]
        else:
            style.append(("LINEBELOW", (0, i), (-1, i), look.rule, look.color))
    table = Table([row.cells for row in rows], colWidths=look.widths, repeatRows=0, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


class EvenList(Flowable):
    """The list's table, cut where it fills its pages best: where the frame would cut it (as full as the
    page allows), unless the list would then end on a short page. Then fewer rows go on this page, as many
    as leave this page and the last one full enough on as many pages. (In Spanish, after the shorter safety
    guidance, the list ended on a page 46% full.) A page that opens inside a section starts with the
    section's name (a reviewer found 'Wall sit' opening a page with no section and no column heads).
    ``frame``: a page's height for the list; ``even``: False cuts where the frame would."""

    def __init__(self, rows: list[Row], look: Look, frame: float, even: bool = True):
        super().__init__()
        self.rows, self.look, self.frame, self.even = rows, look, frame, even
        self.table = list_table(rows, look)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(availWidth, availHeight)
        if self.height > availHeight:
            self.height = availHeight + 1  # it splits
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        frame = self.frame
        fits = self._fits(availWidth, availHeight)
        if fits is None:
            return []
        if not self.even:
            return self._cut(fits, False)
        natural = paginate([EvenList(self.rows, self.look, frame, False)], availWidth, availHeight, frame, False)
        if full_enough(frame, natural.room):
            return self._cut(fits, True)
        for cut in _cuts(availHeight, frame * (1 - FULL_ENOUGH)):
            rows = self._fits(availWidth, cut)
            if rows is None:
                continue
            first, rest = self._cut(rows, True)
            if not full_enough(frame, availHeight - first.wrap(availWidth, cut)[1]):
                break  # fewer rows would leave this page short
            assert isinstance(rest, EvenList)
            after = paginate([EvenList(rest.rows, self.look, frame, False)], availWidth, frame, frame, True)
            if after.breaks == natural.breaks - 1 and not after.short and full_enough(frame, after.room):
                return [first, PageBreak(), rest]
        return self._cut(fits, True)

    def _fits(self, width: float, height: float) -> int | None:
        """How many rows go in ``height``, where the table may be cut (None: none)."""
        parts = self.table.split(width, height)
        return len(parts[0]._cellvalues) if len(parts) == 2 else None

    def _cut(self, rows: int, even: bool) -> list[Flowable]:
        """The first ``rows`` rows, and the others, under their section's name if they open inside one."""
        rest = self.rows[rows:]
        carried = rest[0].carried
        if carried is not None:
            rest = [carried, *rest]
        return [list_table(self.rows[:rows], self.look), EvenList(rest, self.look, self.frame, even)]

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)


def _cuts(room: float, most: float, step: float = 6.0) -> list[float]:
    """The heights to try cutting the list at: from the room left down, by ``step``, at most ``most`` less."""
    return [room - step * i for i in range(1, int(most // step) + 1)]


class TickBox(Flowable):
    """An empty square to tick, the size of a capital letter."""

    def __init__(self, size: float, color: str, line: float):
        super().__init__()
        self.size, self.color, self.line = size, color, line
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(HexColor(self.color))
        canvas.setLineWidth(self.line)
        canvas.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class PageLink(Flowable):
    """A page number, right-aligned, that is also a link to the exercise's bookmark across the row's width."""

    def __init__(self, text: str, key: str | None, font: str, size: float, row_width: float, color: str):
        super().__init__()
        self.text, self.key, self.font, self.size, self.row_width = text, key, font, size, row_width
        self.color = color

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, self.size * 1.2
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(HexColor(self.color))
        canvas.drawRightString(self.width, self.size * 0.25, self.text)
        if self.key:
            left = self.width - self.row_width
            canvas.linkRect("", self.key, (left, -self.size * 1.5, self.width, self.height), relative=1, thickness=0)


def dose_words(dosage: Dosage, m: Messages) -> str:
    """The dose in one short sentence, to follow an exercise's name and a colon:
    'hold for 15 seconds, 3 times on each side, once a day.'"""
    # the list's words for the card's parts; the days of the week are said on the card only
    keys = {"hold": "choice.hold", "repeat": "choice.times", "repeat_each_side": "choice.times_each_side",
            "each_side": "choice.each_side", "sets": "choice.rounds", "times_a_day": "choice.per_day"}
    parts = [m(keys[part]) if n is None else m(keys[part], n=n) for part, n in dose_parts(dosage) if part in keys]
    text = ", ".join(part for part in parts if part)
    return f"{text}." if text else ""


def choice_list(ctx: RenderContext, sections: dict[str, list[Exercise]], names: dict[str, str],
                pages: dict[str, int]) -> list[Flowable]:
    """The page's heading, what it is for, and one table: a row per exercise under its section's name."""
    m = ctx.m
    s = styles_for(ctx)
    size = ctx.layout.text.body.size
    p = ctx.palette
    title = m("choice.title")
    box_w = size * 1.4
    page_w = max(size * 2.0, stringWidth(m("choice.page"), ctx.fonts.bold, size) + 2)
    width = geometry(ctx).content_width
    look = Look([box_w, width - box_w - page_w, page_w], size, ctx.fonts.regular, ctx.layout.lines.rule,
                HexColor(p.rule))
    page_head = paragraph(m("choice.page"), s.body_bold)
    rows = [Row("heads", ["", paragraph(m("choice.exercise"), s.body_bold), page_head])]
    for key, exercises in sections.items():
        if not exercises:
            continue
        rows.append(Row("section", [paragraph(names[key], s.small_heading), "", ""]))
        carried = Row("continued", [paragraph(m("handout.continued", heading=names[key]), s.small_heading), "",
                                    page_head])
        # in page order: cards may change places to fill pages
        for exercise in sorted(exercises, key=lambda e: pages.get(f"exercise-{e.id}", 0)):
            words = exercise_words(exercise, ctx.lang)
            page = pages.get(f"exercise-{exercise.id}")
            # a supervised exercise's dose is the clinician's to give, after its warnings: a reviewer found the
            # inversion table listed with a dose and not a word of its cautions
            says = m("choice.read_first") if exercise.supervised else dose_words(exercise.dosage, m)
            cell = paragraph(says, s.body, lead=f"{words.name}:", lead_font=ctx.fonts.bold)
            link = PageLink(m.number(page) if page else "\u2013", f"exercise-{exercise.id}" if page else None,
                            ctx.fonts.regular, size, width, p.text)
            rows.append(Row("exercise", [TickBox(size * 0.9, p.text, 0.9), cell, link], carried))
    head = [paragraph(title, s.heading), paragraph(m("choice.intro"), s.intro)]
    # the heading and what the list is for stay with the list's first rows
    first_rows = list_table(rows[:3], look)
    keep = sum(f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in (*head, first_rows))
    return [CondPageBreak(keep), Outline("your-exercises", title, 0, title), *head,
            EvenList(rows, look, geometry(ctx).frame_height), PageMark(LIST_END)]
