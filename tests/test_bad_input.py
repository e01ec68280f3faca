"""Bad catalog, layout and clinic files: every problem on its own line, exit code 1, nothing written."""

from __future__ import annotations

import re
from pathlib import Path

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?:(?P<field>[\w.\[\]]+): )?(?P<message>.+)$")


def problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if LINE.match(line)]


def assert_clean_failure(result, out: Path) -> None:
    assert result.code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir()), "an output file was written"


def test_all_problems_of_a_broken_catalog_entry_are_reported_at_once(cli, catalog_copy, tmp_path):
    (catalog_copy / "cat-cow.yaml").write_text(
        "id: cat-cow\n"
        "name: Cat-cow\n"
        "regions: [mid, lowr]\n"
        "kind: mobility\n"
        "position: hands and knees\n"
        "summary: Bends your back.\n"
        "stepz:\n"
        "  - Kneel.\n"
        "dosage:\n"
        "  hold_seconds: twenty\n"
        "sources: [000_8944cc5a42cf320d.txt]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = cli("region", "mid", "--catalog", str(catalog_copy), "-o", str(out))
    assert_clean_failure(result, out)
    lines = problems(result.stderr)
    text = "\n".join(lines)
    assert re.search(r"cat-cow\.yaml:3: regions\[2\]: \"lowr\" is not one of: lower, mid, upper \(did you mean 'lower'\?\)", text)
    assert re.search(r"cat-cow\.yaml:7: stepz: unknown key \(did you mean 'steps'\?\)", text)
    assert re.search(r"cat-cow\.yaml:10: dosage\.hold_seconds: \"twenty\" is not a whole number", text)
    assert re.search(r"cat-cow\.yaml:1: missing required field 'steps'", text)
    assert len(lines) == 4


def test_not_yaml_at_all(cli, clinic_copy, tmp_path):
    clinic_copy.write_text('name: "Riverside\nphone: 1\n', encoding="utf-8")
    out = tmp_path / "out"
    result = cli("region", "lower", "--clinic", str(clinic_copy), "-o", str(out))
    assert_clean_failure(result, out)
    assert re.search(r"clinic\.yaml:1:7: a quote \(\"\) opens the text here and is never closed; add the closing \"", result.stderr)


def test_wrong_type_and_unknown_key_in_the_clinic(cli, clinic_copy, tmp_path):
    text = clinic_copy.read_text(encoding="utf-8")
    text = text.replace("clinician: Dr. Maya Okafor, PT", "clinician: [Dr. Okafor, Dr. Reyes]")
    clinic_copy.write_text(text + "phnoe: 555\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("region", "lower", "--clinic", str(clinic_copy), "-o", str(out))
    assert_clean_failure(result, out)
    assert re.search(r"clinic\.yaml:\d+: clinician: expected text, got a list", result.stderr)
    assert re.search(r"clinic\.yaml:\d+: phnoe: unknown key \(did you mean 'phone'\?\)", result.stderr)


def test_missing_logo_file(cli, clinic_copy, tmp_path):
    text = clinic_copy.read_text(encoding="utf-8").replace("logo: logo.png", "logo: logo-2024.png")
    clinic_copy.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = cli("region", "lower", "--clinic", str(clinic_copy), "-o", str(out))
    assert_clean_failure(result, out)
    assert re.search(r"clinic\.yaml:4: logo: \"logo-2024\.png\" not found", result.stderr)


def test_missing_field_in_the_clinic(cli, tmp_path):
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("phone: 555-0100\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("region", "lower", "--clinic", str(clinic), "-o", str(out))
    assert_clean_failure(result, out)
    assert re.search(r"clinic\.yaml:1: missing required field 'name'", result.stderr)


def test_unknown_layout_name(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("region", "lower", "--layout", "standrad", "-o", str(out))
    assert_clean_failure(result, out)
    assert "no built-in layout named 'standrad' (did you mean 'standard'?)" in result.stderr


def test_bad_layout_file_names_file_line_and_field(cli, tmp_path):
    layout = tmp_path / "mine.yaml"
    layout.write_text("extends: standard\npage:\n  sise: a4\ntext:\n  body: {size: eleven}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("region", "lower", "--layout", str(layout), "-o", str(out))
    assert_clean_failure(result, out)
    assert re.search(r"mine\.yaml:3: page\.sise: unknown key \(did you mean 'size'\?\)", result.stderr)
    assert re.search(r"mine\.yaml:5: text\.body\.size: \"eleven\" is not a number", result.stderr)


def test_markup_in_yaml_text_prints_as_written(tmp_path, catalog_copy):
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    from pdfcheck import all_text

    entry = catalog_copy / "neck-roll.yaml"
    text = entry.read_text(encoding="utf-8")
    text = text.replace("name: Neck roll", 'name: "Neck <roll> & <font size=200>turn</font>"')
    entry.write_text(text, encoding="utf-8")
    job = Job.load(layout=None, clinic_file=None, catalog_dir=catalog_copy, lang=None, output_dir=tmp_path)
    pdf = render_region(job.context(), "upper")
    assert "Neck <roll> & <font size=200>turn</font>" in all_text(pdf)


def test_good_run_writes_three_pdfs_and_exit_0(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("region", "all", "-o", str(out))
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["lower-back.pdf", "mid-back.pdf", "upper-back.pdf"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary files left behind"
