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


def test_a_read_only_paragraph_is_made_once_and_never_wrapped_itself():
    """A card's or a box's paragraph is shared by every document of the process; what is laid out and drawn
    is its wrapped copy, so the shared one never changes (its lines are never set)."""
    from handouts.render.para import laid_out, read_only, wrapped

    text = "Lie on your back with your knees bent and your feet flat on the floor, hip-width apart."
    first = read_only(text, STYLE, bullet="1.")
    assert read_only(text, STYLE, bullet="1.") is first
    assert read_only(text, STYLE, bullet="2.") is not first
    copy, height = wrapped(first, 150)
    assert copy is not first and height > 2 * STYLE.leading  # several lines at 150 pt
    assert wrapped(first, 150) == (copy, height)
    assert laid_out(first, 150) == (copy, height)
    assert not hasattr(first, "blPara")  # the shared paragraph itself was never wrapped
    assert wrapped(first, 400)[1] < height
