"""The clinician's chooser (`catalog --pdf`) and the terminal listing's doses in words."""

from __future__ import annotations

import io
import re
from collections import Counter

import pdfplumber

from conftest import ROOT, run_cli
from pdfcheck import all_text, fonts, reader

IDS = sorted(p.stem for p in (ROOT / "assets" / "catalog").glob("*.yaml") if not p.name.startswith("_"))


def test_chooser_lists_every_exercise_with_its_picture_inside_its_box(tmp_path):
    result = run_cli("catalog", "--pdf", "-o", "out", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert "wrote out/exercise-chooser.pdf" in result.stdout
    data = (tmp_path / "out" / "exercise-chooser.pdf").read_bytes()
    pages = len(reader(data).pages)
    assert pages <= 3, f"{len(IDS)} exercises on {pages} pages"
    assert all(fonts(data).values())
    text = all_text(data)
    for exercise_id in IDS:
        assert re.search(rf"(?<![\w-]){re.escape(exercise_id)}(?![\w-])", text), exercise_id
    for words in ("Lower back", "Middle back", "Upper back and neck", "Supervised only", "Hold for", "lying on back"):
        assert words in text, words
    boxes_seen = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            sizes = Counter((round(r["width"]), round(r["height"])) for r in page.rects)
            (box_w, box_h), _ = max(sizes.items(), key=lambda item: (item[0][0] * item[0][1] >= 60 * 40, item[1]))
            boxes = [r for r in page.rects if (round(r["width"]), round(r["height"])) == (box_w, box_h)]
            boxes_seen += len(boxes)
            for curve in page.curves:
                inside = any(b["x0"] - 0.6 <= curve["x0"] and curve["x1"] <= b["x1"] + 0.6
                             and b["top"] - 0.6 <= curve["top"] and curve["bottom"] <= b["bottom"] + 0.6 for b in boxes)
                assert inside, (page.page_number, curve["x0"], curve["top"], curve["x1"], curve["bottom"])
    assert boxes_seen == len(IDS)  # one picture box per exercise


def test_chooser_for_one_region_names_every_exercise_of_it(tmp_path):
    from handouts.jobs import load_catalog_dir

    result = run_cli("catalog", "--pdf", "--region", "upper", "-o", "out", cwd=tmp_path)
    assert result.code == 0, result.stderr
    text = all_text((tmp_path / "out" / "exercise-chooser.pdf").read_bytes())
    for exercise in load_catalog_dir(None).exercises.values():
        found = re.search(rf"(?<![\w-]){re.escape(exercise.id)}(?![\w-])", text) is not None
        assert found == ("upper" in exercise.regions), exercise.id


def test_terminal_listing_shows_doses_in_words():
    result = run_cli("catalog")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    cat_cow = next(i for i, line in enumerate(lines) if line.startswith("cat-cow "))
    assert "mid back" in lines[cat_cow] and "hands and knees" in lines[cat_cow]
    assert "Hold for 5 seconds. Repeat 10 times." in lines[cat_cow + 1]
    assert "hold_seconds" not in result.stdout
    bridge = next(i for i, line in enumerate(lines) if line.startswith("ball-bridge "))
    assert "Supervised only" in " ".join(lines[bridge:bridge + 3])
