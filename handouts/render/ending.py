"""The end of a handout or program: the exercise log and the notes lines, placed to save paper.

The log follows the last card on the same page when it fits there whole, else it starts the next
page. The notes lines fill the room left, under the last card or after the log (as many lines as
fit, up to the layout's ``notes_lines``, at least three): they never take a page of their own.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Paragraph

from .cards import styles_for
from .context import RenderContext
from .flowables import Gap, NoteLines, draw_stack
from .page import PageState
from .para import laid_out, paragraph

BIG = 1e6
FEWEST_LINES = 3


class Notes(Flowable):
    """'Notes' and as many ruled lines as fit the room (none when fewer than three fit)."""

    def __init__(self, ctx: RenderContext, most: int):
        super().__init__()
        self.ctx = ctx
        self.most = most
        self.heading: Paragraph = paragraph(ctx.m("handout.notes"), styles_for(ctx).heading)
        self.spacing = NoteLines.line_spacing(ctx)
        self.lines = 0

    def heading_height(self, width: float) -> float:
        return laid_out(self.heading, width)[1] + self.heading.getSpaceBefore() + self.heading.getSpaceAfter()

    def least_height(self, width: float) -> float:
        return self.heading_height(width) + min(self.most, FEWEST_LINES) * self.spacing

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        head = self.heading_height(availWidth)
        fit = int((availHeight - head) // self.spacing)
        self.lines = min(self.most, fit) if fit >= min(self.most, FEWEST_LINES) else 0
        self.width, self.height = availWidth, (head + self.lines * self.spacing) if self.lines else 0.0
        return self.width, self.height

    def draw(self) -> None:
        if not self.lines:
            return
        top = self.height - self.heading.getSpaceBefore()
        heading, h = laid_out(self.heading, self.width)
        heading.drawOn(self.canv, 0, top - h)
        lines = NoteLines(self.ctx, self.lines, self.spacing)
        lines.wrap(self.width, BIG)
        lines.drawOn(self.canv, 0, 0)


def stack_height(items: list[Flowable], width: float, *, limit: float = BIG) -> float:
    """The height of ``items`` one under another, gaps counted in full (as between blocks on a page); once
    it passes ``limit``, the height so far (the rest is not measured). Each item wraps itself: what is measured
    here may be printed once only (a program's title), so it is not put in the shared wrapped paragraphs."""
    total = 0.0
    for index, item in enumerate(items):
        h = item.gap if isinstance(item, Gap) else item.wrap(width, BIG)[1]
        total += h + (item.getSpaceBefore() if index else 0.0) + item.getSpaceAfter()
        if total > limit:
            break
    return total


class Ending(Flowable):
    """The log (``log``: its heading, words and grids) and the notes: all here if the log fits whole,
    else the notes here when they fit and the log on from the next page."""

    def __init__(self, log: list[Flowable], notes: Notes | None, page: PageState):
        super().__init__()
        self.log = log
        self.notes = notes
        self.page = page
        self.log_h = 0.0
        # without a log it is only the notes, sized to the room left: it is placed even on a full page
        # (with no lines), rather than move to a page of its own
        self._ZEROSIZE = not log

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.log_h = stack_height(self.log, availWidth)
        if self.log_h > availHeight:
            self.width, self.height = availWidth, availHeight + 1  # it must split
            return self.width, self.height
        notes_h = self.notes.wrap(availWidth, availHeight - self.log_h)[1] if self.notes is not None else 0.0
        self.width, self.height = availWidth, self.log_h + notes_h
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.page.empty:  # a log longer than a page: it flows on, its grids cut into equal parts
            return list(self.log)
        parts: list[Flowable] = []
        notes: Notes | None = self.notes
        if self.notes is not None and self.notes.wrap(availWidth, availHeight)[1] > 0:
            parts.append(self.notes)  # under the last card; the log starts the next page
            notes = None
        return [*parts, PageBreak(), Ending(self.log, notes, self.page)] if self.log else parts

    def draw(self) -> None:
        draw_stack(self.canv, self.log, self.width, self.height)
        if self.notes is not None and self.notes.height:
            self.notes.drawOn(self.canv, 0, 0)
