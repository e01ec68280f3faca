"""The exercise log: a grid of tick boxes, one row per exercise, one column per day.

An exercise done twice a day gets two boxes a day, on two lines labelled AM and PM (three times a
day: AM, midday, PM), so the log matches the dose. Two weeks go side by side when the page is wide
enough. A grid too long for one page is cut into parts of equal length, so that no page of the log
holds a leftover row or two.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak

from ..rawpdf import squares
from .cards import styles_for
from .context import RenderContext
from .para import paragraph, wrapped

if TYPE_CHECKING:
    from .page import PageState

BIG = 1e6
SMALLEST_CELL = 15.0  # points: a day's column; its box is about 10 pt, big enough to tick
WRITING_LINE = 24.0  # points: the height of a blank row, to write a name on
SEVERAL_LINE = 16.0  # points: a line of a blank row with several lines (AM, PM...): the name is written once, across them
SHARE_FOR_DAYS = 0.66  # of the page's width, for the day columns (the rest for the names)


class LogRow(NamedTuple):
    """One exercise's row: its name (blank: a line to write one on) and the labels of its lines."""

    name: str
    times: tuple[str, ...] = ("",)  # one label a line: ("",) once a day, ("AM", "PM") twice
    key: str = ""  # the exercise's id: rows that all have one follow the order the cards were printed in
    note: str = ""  # under the name, smaller: how many days a week, when it is not every day


def days_note(ctx: RenderContext, days_a_week: int | None) -> str:
    """'5 days a week' under a log row's name when the dose is not every day (the row still has a box a day)."""
    return ctx.m("log.days", n=days_a_week) if days_a_week is not None and days_a_week < 7 else ""


def times_labels(ctx: RenderContext, times_a_day: int | None) -> tuple[str, ...]:
    """A line of boxes for each time of day: 'AM', 'PM' for 2 times; 'AM', 'Midday', 'PM' for 3; one unlabelled
    line otherwise. A range ('2 to 3 times a day') gets the lines of its upper end: a box for every time."""
    m = ctx.m
    most = int(times_a_day) if times_a_day is not None else None  # a DoseRange is the int of its upper end
    if most == 2:
        return (m("log.am"), m("log.pm"))
    if most == 3:
        return (m("log.am"), m("log.midday"), m("log.pm"))
    return ("",)


def cell_size(ctx: RenderContext, width: float, days: int) -> float:
    """A day's column: as wide as the text wants, narrower (down to SMALLEST_CELL) to fit ``days``."""
    wanted = max(20.0, ctx.layout.text.body.size * 1.6)
    return max(SMALLEST_CELL, min(wanted, width * SHARE_FOR_DAYS / days))


class LogGrid(Flowable):
    """Rows of tick boxes under a head of week labels and day numbers."""

    def __init__(self, ctx: RenderContext, rows: list[LogRow], first_day: int, days: int, cell: float,
                 page: PageState | None = None):
        super().__init__()
        self.ctx = ctx
        self.rows = rows
        self.page = page  # whose printed cards give the rows' order (the cards may change places to fill pages)
        self.first_day = first_day
        self.days = days
        self.cell = cell
        s = styles_for(ctx)
        self.paras = [paragraph(row.name, s.body) for row in rows]
        self.label_font, self.label_size = ctx.fonts.bold, ctx.layout.text.caption.size
        self.head_h = self.label_size * 1.3 * 2 + 6
        self.note_h = self.label_size * 1.2  # a row's note, on its own line under the name

    def line_height(self, row: LogRow) -> float:
        """The height of one of a row's lines: a blank row has room to write an exercise's name (its lines
        together, when it has several: the name is written once, across them)."""
        several = max(self.label_size * 1.35, self.cell * 0.7)
        if not row.name:
            return max(self.cell, WRITING_LINE) if len(row.times) == 1 else max(several, SEVERAL_LINE)
        return self.cell if len(row.times) == 1 else several

    def _in_print_order(self) -> None:
        printed = self.page.printed if self.page is not None else []
        if not printed or not all(row.key for row in self.rows):
            return
        rank = {key: index for index, key in enumerate(printed)}
        order = sorted(range(len(self.rows)), key=lambda i: rank.get(self.rows[i].key, len(rank) + i))
        self.rows = [self.rows[i] for i in order]
        self.paras = [self.paras[i] for i in order]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._in_print_order()  # the cards are printed by now: the log comes after them
        self.name_w = availWidth - self.days * self.cell
        label_w = max((stringWidth(t, self.label_font, self.label_size) for r in self.rows for t in r.times), default=0)
        self.label_w = label_w + 6 if label_w else 0.0
        self.wrapped = []
        self.row_heights = []
        for para, row in zip(self.paras, self.rows, strict=True):
            para, h = wrapped(para, self.name_w - 8 - self.label_w)
            self.wrapped.append(para)
            # a note's line has room above and below its text: beside several lines of boxes (AM, PM) the name and
            # the note may fill the row; beside one, they keep some room from its rules
            pad = 6.0 if not row.note else (0.0 if len(row.times) > 1 else 4.0)
            self.row_heights.append(max(self.line_height(row) * len(row.times), h + pad + self.note_h * bool(row.note)))
        self.width = availWidth
        self.height = self.head_h + sum(self.row_heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Equal parts, the first of which fits ``availHeight``: never a part of one or two rows."""
        self.wrap(availWidth, availHeight)
        used, fit = self.head_h, 0
        for h in self.row_heights:
            if used + h > availHeight:
                break
            used += h
            fit += 1
        if fit < 3 or fit >= len(self.rows):
            return []
        parts = math.ceil(len(self.rows) / fit)
        first = math.ceil(len(self.rows) / parts)
        return [LogGrid(self.ctx, self.rows[:first], self.first_day, self.days, self.cell, self.page),
                LogGrid(self.ctx, self.rows[first:], self.first_day, self.days, self.cell, self.page)]

    def draw(self) -> None:
        canvas = self.canv
        ctx = self.ctx
        p = ctx.palette
        m = ctx.m
        cell = self.cell
        size = self.label_size
        top = self.height
        canvas.saveState()
        canvas.setFont(ctx.fonts.bold, size)
        canvas.setFillColor(HexColor(p.text))
        # week labels over each group of 7 days, day numbers under them
        for offset in range(0, self.days, 7):
            week = (self.first_day + offset - 1) // 7 + 1
            span = min(7, self.days - offset)
            x = self.name_w + offset * cell
            canvas.drawCentredString(x + span * cell / 2, top - size * 1.1, m("log.week", n=week))
        canvas.drawString(2, top - size * 2.4, m("log.exercise"))  # the head of the names' column
        canvas.setFont(ctx.fonts.regular, size)
        for d in range(self.days):
            x = self.name_w + d * cell
            canvas.drawCentredString(x + cell / 2, top - size * 2.4, m.number(self.first_day + d))
        y = top - self.head_h
        canvas.setStrokeColor(HexColor(p.rule))
        canvas.setLineWidth(ctx.layout.lines.rule)
        canvas.line(0, y, self.width, y)
        columns: dict[float, list[str]] = {}  # the boxes' x positions, by box size
        for para, h, row in zip(self.wrapped, self.row_heights, self.rows, strict=True):
            block = para.height + (self.note_h if row.note else 0.0)  # the name and its note, centred in the row
            name_y = y - (h - block) / 2 - para.height
            para.drawOn(canvas, 2, name_y)
            if row.note:
                canvas.setFont(ctx.fonts.regular, size)
                canvas.setFillColor(HexColor(p.muted))
                canvas.drawString(2, name_y - size * 1.05, row.note)
            line_h = h / len(row.times)
            box = min(cell, line_h) * (0.62 if len(row.times) == 1 else 0.72)
            for index, label in enumerate(row.times):
                middle = y - line_h * (index + 0.5)
                if label:
                    canvas.setFont(ctx.fonts.bold, size)
                    canvas.setFillColor(HexColor(p.muted))
                    canvas.drawRightString(self.name_w - 4, middle - size * 0.35, label)
                canvas.setStrokeColor(HexColor(p.text))
                canvas.setLineWidth(max(0.6, ctx.layout.lines.rule))
                xs = columns.get(box)
                if xs is None:
                    xs = columns[box] = [fp_str(self.name_w + d * cell + (cell - box) / 2) for d in range(self.days)]
                squares(canvas, xs, middle - box / 2, box)
            y -= h
            canvas.setStrokeColor(HexColor(p.rule))
            canvas.setLineWidth(ctx.layout.lines.rule)
            canvas.line(0, y, self.width, y)
        for offset in range(7, self.days, 7):
            x = self.name_w + offset * cell
            canvas.line(x, 0, x, self.height - size * 0.2)
        canvas.restoreState()


def log_grids(ctx: RenderContext, rows: list[LogRow], weeks: int, width: float,
              page: PageState | None = None) -> list[Flowable]:
    """The log for ``weeks`` weeks: two weeks side by side when the width allows, else one."""
    per_grid = max(1, min(weeks, 2, int(width * SHARE_FOR_DAYS // (7 * SMALLEST_CELL))))
    out: list[Flowable] = []
    day = 1
    remaining = weeks
    while remaining > 0:
        span = min(per_grid, remaining)
        out.append(LogGrid(ctx, rows, day, span * 7, cell_size(ctx, width, per_grid * 7), page))
        day += span * 7
        remaining -= span
    return out


def log_items(ctx: RenderContext, rows: list[LogRow], weeks: int, width: float, intro: str, *,
              twice_note: bool = True, page: PageState | None = None) -> list[Flowable]:
    """The log's heading, what to do with it (``twice_note``: and what its AM and PM lines are), and its grids."""
    s = styles_for(ctx)
    if twice_note and any(len(row.times) > 1 for row in rows):
        intro = f"{intro} {ctx.m('log.thrice' if any(len(row.times) > 2 for row in rows) else 'log.twice')}"
    items: list[Flowable] = [paragraph(ctx.m("log.title"), s.heading), paragraph(intro, s.table_intro)]
    grids = log_grids(ctx, rows, weeks, width, page)
    for index, grid in enumerate(grids):
        items.append(grid)
        if index < len(grids) - 1:
            items.append(LogSpace(14))
    return items


class LogSpace(Flowable):
    """Space between two grids of the log (none at the top of a page)."""

    def __init__(self, height: float):
        super().__init__()
        self.space = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, min(self.space, max(0.0, availHeight))
        return self.width, self.height

    def draw(self) -> None:
        pass


#: the rows for an exercise done more than once a day in each grid of a blank log, most wanted first:
#: (rows with AM and PM lines, rows with AM, midday and PM lines, the fewest once-a-day rows left beside them).
#: The catalog has doses of 2 and of 2 to 3 times a day.
SEVERAL_ROWS = ((2, 2, 4), (1, 2, 4), (1, 1, 3), (1, 1, 2), (0, 1, 1))


def blank_log(ctx: RenderContext, frame_h: float, width: float, intro: str, *, pages: int = 1) -> list[Flowable]:
    """A log with lines to write the exercises on (the booklet's): its heading, what to do with it, and
    grids of two weeks with as many rows as fill the page; the last rows of each grid have AM and PM lines
    (2 times a day), then AM, midday and PM lines (3 times a day). ``pages``: 1, every grid on one page;
    2, each grid on a page of its own, with more rows (the booklet's choice when it has a page of padding to
    spare). No page of it holds a leftover row."""
    intro = f"{intro} {ctx.m('log.twice_blank')}"
    twice = times_labels(ctx, 2)
    thrice = times_labels(ctx, 3)
    from .ending import stack_height

    weeks = ctx.layout.blocks.log_weeks
    probe = log_items(ctx, [LogRow(""), LogRow("", twice), LogRow("", thrice)], weeks, width, intro, twice_note=False)
    grids = [item for item in probe if isinstance(item, LogGrid)]
    for grid in grids:
        grid.wrap(width, BIG)
    once_h, twice_h, thrice_h = grids[0].row_heights
    if pages == 1:  # the heading, the intro and every grid on one page
        above = stack_height(probe, width) - sum(grid.height for grid in grids)
        room = (frame_h - above - sum(grid.head_h for grid in grids) - 2) / len(grids)
    else:  # the heading, the intro and the first grid; the other grids on pages of their own, as many rows each
        above = stack_height(probe[:2], width)
        room = frame_h - above - grids[0].head_h - 2
    doubles, triples, fewest = next((rows for rows in SEVERAL_ROWS
                                     if room >= rows[0] * twice_h + rows[1] * thrice_h + rows[2] * once_h), SEVERAL_ROWS[-1])
    lines = max(fewest, int((room - doubles * twice_h - triples * thrice_h) // once_h))
    rows = [LogRow("")] * lines + [LogRow("", twice)] * doubles + [LogRow("", thrice)] * triples
    items = log_items(ctx, rows, weeks, width, intro, twice_note=False)
    if pages == 1:
        return items
    # each grid after the first on a page of its own, which says what to write on its blank lines (a reviewer
    # found the second page's lines blank with no word of it)
    out: list[Flowable] = []
    for item in items:
        if isinstance(item, LogSpace):
            out.append(PageBreak())
            continue
        if isinstance(item, LogGrid) and isinstance(out[-1], PageBreak):
            week = (item.first_day - 1) // 7 + 1
            out.append(paragraph(ctx.m("log.same_rows", first=week, second=week + 1), styles_for(ctx).body))
        out.append(item)
    return out

