"""Lines of text drawn straight on the canvas (the header, the footer, the booklet's contents): wrapped to a
width, never past the margin."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth


def breakable(words: list[str], font: str, size: float, width: float) -> list[str]:
    """The words, with any word wider than ``width`` (a long name with no spaces) cut into pieces that fit:
    text drawn line by line wraps at any character when it must, and never runs past the margin."""
    out: list[str] = []
    for word in words:
        while stringWidth(word, font, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut = max(1, min(cut - 1, int(cut * width / stringWidth(word[:cut], font, size))))
            out.append(word[:cut])
            word = word[cut:]
        out.append(word)
    return out


def fit_text(text: str, font: str, size: float, width: float, max_lines: int | None = 2) -> list[str]:
    """Greedy word wrap to at most ``max_lines`` lines (None: as many as it takes); the last ends with an
    ellipsis if needed."""
    words = breakable(text.split(), font, size, width)
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines > 1:  # the rest never fits one line: it is cut
        lines = [*lines[: max_lines - 1], truncate(" ".join(lines[max_lines - 1:]), font, size, width)]
    return lines


def two_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` on one line no wider than ``width``, else on two lines of whole words as even as they go
    ('Parte baja / de la espalda'); [] when neither fits."""
    words = text.split()
    splits = [[" ".join(words)], *([" ".join(words[:i]), " ".join(words[i:])] for i in range(1, len(words)))]
    fits = [lines for lines in splits if max(stringWidth(line, font, size) for line in lines) <= width]
    return min(fits, key=lambda lines: (len(lines), max(stringWidth(line, font, size) for line in lines)), default=[])


def truncate(text: str, font: str, size: float, width: float) -> str:
    """One line no wider than ``width``: the text, or as much of it as fits with an ellipsis."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"
