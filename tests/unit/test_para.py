"""Plain-text paragraphs (render/para.py): numbers kept with what they count, ranges whole, no word cut."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from handouts.render.para import paragraph

STYLE = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=14)


def lines(text: str, width: float) -> list[str]:
    """The paragraph's lines at ``width``, as text."""
    para = paragraph(text, STYLE)
    para.wrap(width, 1e6)
    found = []
    for line in para.blPara.lines:
        if isinstance(line, tuple):  # one font: (width left, words)
            found.append(" ".join(line[1]))
        else:
            found.append("".join(frag.text for frag in line.words))
    return found


def words_of(found: list[str]) -> list[str]:
    return " ".join(found).replace("\u00a0", " ").split()


def test_a_range_is_never_broken_inside():
    text = "Hold for 15 to 20 seconds. Then do this 2 to 3 times a day."
    for width in range(90, 400, 7):
        found = lines(text, width)
        assert words_of(found) == text.split()
        ends = [line.replace("\u00a0", " ").rstrip() for line in found]
        assert not any(end.endswith((" 15", " 15 to", " 2", " 2 to")) for end in ends), (width, found)


def test_a_last_pair_too_wide_for_the_column_breaks_between_its_words_not_inside_one():
    text = "Reloj: mantenga la postura los segundos indicados."
    for width in range(60, 200, 5):
        found = lines(text, width)
        assert words_of(found) == text.split(), (width, found)  # every word whole, on one line


def test_a_short_last_word_stays_with_the_one_before():
    found = lines("Keep your back flat on the mat and breathe out slowly now.", 200)
    assert len(found[-1].replace("\u00a0", " ").split()) >= 2
