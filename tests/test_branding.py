"""Clinic branding: logos prepared for print, colours, QR codes, the second demo clinic."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT
from pdfcheck import chars, fonts, outside_margins, parse, reader

A4_CLINIC = ROOT / "assets" / "clinic-a4"


def render(clinic: Path, region: str = "upper", layout: str | None = None) -> bytes:
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    job = Job.load(layout=layout, clinic_file=clinic, catalog_dir=None, lang=None, output_dir=clinic.parent / "out")
    return render_region(job.context(), region)


def clinic_with_logo(tmp_path: Path, image: Image.Image | None, name: str, *, extra: str = "", **save: object) -> Path:
    folder = tmp_path / "clinic"
    folder.mkdir(parents=True, exist_ok=True)
    if image is not None:
        image.save(folder / name, **save)
    (folder / "clinic.yaml").write_text(
        f"name: Test Clinic\nlogo: {name}\nphone: 555-0100\nwebsite: www.test-clinic.example\n{extra}", encoding="utf-8")
    return folder / "clinic.yaml"


def page_xobject_names(data: bytes) -> list[list[str]]:
    return [[str(k) for k in (page.get("/Resources", {}).get("/XObject") or {})] for page in reader(data).pages]


def test_logo_is_on_every_page_of_a_handout_and_the_booklet(demo_job):
    from handouts.render.booklet import render_booklet
    from handouts.render.handout import render_region

    handout = render_region(demo_job.context(), "lower")
    for names in page_xobject_names(handout):
        assert any("img" in n for n in names), names
    booklet = render_booklet(demo_job.context(booklet=True))
    for number, names in enumerate(page_xobject_names(booklet), 1):
        assert any("img" in n for n in names), f"booklet page {number}: {names}"


def test_logo_image_is_embedded_once_per_document(demo_job):
    from handouts.render.booklet import render_booklet

    booklet = render_booklet(demo_job.context(booklet=True))
    import pikepdf

    with pikepdf.open(io.BytesIO(booklet)) as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        masks = {obj.SMask.objgen for obj in images if "/SMask" in obj}
        pictures = [obj for obj in images if obj.objgen not in masks]
    assert len(pictures) == 1, "the logo must be embedded once, with its transparency mask"


def phone_photo(width: int = 4000, height: int = 3000) -> Image.Image:
    """A 12-megapixel 'photo': gradients and noise, like a real camera picture of a sign."""
    base = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    return Image.merge("RGB", (base, noise, base.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def test_a_twelve_megapixel_logo_is_downsampled(tmp_path):
    photo = phone_photo()
    big = clinic_with_logo(tmp_path / "big", photo, "logo.jpg", quality=92)
    small_image = photo.copy()
    small_image.thumbnail((600, 450))
    small = clinic_with_logo(tmp_path / "small", small_image, "logo.jpg", quality=92)
    assert (big.parent / "logo.jpg").stat().st_size > 2_000_000
    size_big = len(render(big))
    size_small = len(render(small))
    assert size_big <= 1.2 * size_small, f"{size_big:,} bytes with the 12 MP logo vs {size_small:,} pre-shrunk"


def test_exif_rotated_jpeg_comes_out_upright(tmp_path):
    # Upright, the picture is tall: red on top, blue below. Stored sideways with EXIF orientation 6
    # ("rotate 90 degrees clockwise to view"), as phones do.
    upright = Image.new("RGB", (300, 600), "blue")
    upright.paste(Image.new("RGB", (300, 300), "red"), (0, 0))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what the camera sensor wrote
    exif = Image.Exif()
    exif[0x0112] = 6
    clinic = clinic_with_logo(tmp_path, stored, "logo.jpg", exif=exif.tobytes(), quality=95)
    pdf = reader(render(clinic))
    found = None
    for page in pdf.pages:
        for image in page.images:
            found = image.image
            break
        if found:
            break
    assert found is not None
    assert found.height > found.width, "the logo must be upright (tall)"
    top = found.convert("RGB").getpixel((found.width // 2, found.height // 4))
    bottom = found.convert("RGB").getpixel((found.width // 2, found.height * 3 // 4))
    assert top[0] > 200 and top[2] < 60, f"top should be red, got {top}"
    assert bottom[2] > 200 and bottom[0] < 60, f"bottom should be blue, got {bottom}"


def test_png_transparency_is_kept(tmp_path):
    logo = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    logo.paste(Image.new("RGBA", (200, 200), (20, 105, 120, 255)), (100, 100))
    data = render(clinic_with_logo(tmp_path, logo, "logo.png"))
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        masks = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
                 and "/SMask" in obj]
    assert masks, "a transparent PNG logo needs a soft mask"


def test_svg_logo_stays_vector():
    data = render(A4_CLINIC / "clinic.yaml")
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert not images, "the SVG logo must be drawn as paths, not embedded as a picture"
    header = [path for path in parse(data).pages[0].paths if path.top < 80]
    assert len(header) >= 3, "the logo's vector paths are in the header"


def test_light_brand_colour_is_darkened_and_said(cli, tmp_path):
    folder = tmp_path / "clinic"
    shutil.copytree(A4_CLINIC, folder)
    before = hashlib.sha256((folder / "clinic.yaml").read_bytes()).hexdigest()
    result = cli("region", "upper", "--clinic", str(folder), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "colors.secondary #f4a261 is too light" in line]
    assert len(notes) == 1 and "(your file is unchanged)" in notes[0]
    used = re.search(r"uses (#[0-9a-f]{6})", notes[0]).group(1)
    from handouts.colors import contrast_ratio

    assert contrast_ratio(used, "#ffffff") >= 4.5
    assert hashlib.sha256((folder / "clinic.yaml").read_bytes()).hexdigest() == before
    # the step numbers are printed in the darkened colour
    data = (tmp_path / "out" / "upper-back.pdf").read_bytes()
    target = tuple(int(used[i : i + 2], 16) / 255 for i in (1, 3, 5))
    colours = {tuple(round(v, 2) for v in c.fill) for c in chars(data) if c.fill is not None and len(c.fill) == 3}
    assert tuple(round(v, 2) for v in target) in colours


def test_print_friendly_ignores_brand_colours():
    data = render(A4_CLINIC / "clinic.yaml", layout="print-friendly")
    for c in chars(data):
        if c.fill is not None and len(c.fill) == 3:
            assert max(c.fill) - min(c.fill) < 0.02, c.fill


def decode_qr_codes(data: bytes, page_index: int) -> list[str]:
    import pypdfium2
    import zxingcpp

    pdf = pypdfium2.PdfDocument(data)
    image = pdf[page_index].render(scale=4).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_exercise_video_qr_codes_decode_to_the_right_address():
    data = render(A4_CLINIC / "clinic.yaml", region="upper")
    found = set()
    for index in range(len(reader(data).pages)):
        found |= set(decode_qr_codes(data, index))
    from handouts.jobs import load_catalog_dir

    expected = {f"https://clinica-nunez.example/videos/{e.id}" for e in load_catalog_dir(None).in_region("upper")}
    assert expected <= found, expected - found


def test_booklet_back_cover_qr_code_decodes_to_the_website(demo_job):
    from handouts.render.booklet import render_booklet

    data = render_booklet(demo_job.context(booklet=True))
    last = len(reader(data).pages) - 1
    assert decode_qr_codes(data, last) == ["https://www.riverside-spine.example"]


def test_the_qr_module_matrix_is_reportlabs(demo_job):
    from handouts.render.qr import qr_modules

    matrix = qr_modules("https://clinica-nunez.example/videos/neck-roll")
    assert 21 <= len(matrix) <= 45 and all(len(row) == len(matrix) for row in matrix)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, r'"logo\.png" is not an image Pillow can read \(or it is damaged\)'),
        (b"This is a text file, not a picture.\n", r'"logo\.png" is not an image Pillow can read'),
    ],
)
def test_unreadable_logo_files(cli, tmp_path, content, message):
    clinic = clinic_with_logo(tmp_path, None, "logo.png")
    (clinic.parent / "logo.png").write_bytes(content)
    result = cli("region", "upper", "--clinic", str(clinic), "-o", str(tmp_path / "out"))
    assert result.code == 1 and "Traceback" not in result.stderr
    assert re.search(r"clinic\.yaml:2: logo: " + message, result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_truncated_jpeg_logo(cli, tmp_path):
    clinic = clinic_with_logo(tmp_path, phone_photo(800, 600), "logo.jpg")
    path = clinic.parent / "logo.jpg"
    path.write_bytes(path.read_bytes()[:4000])
    result = cli("region", "upper", "--clinic", str(clinic), "-o", str(tmp_path / "out"))
    assert result.code == 1 and "Traceback" not in result.stderr
    assert re.search(r"clinic\.yaml:2: logo: \"logo\.jpg\" is damaged or unreadable", result.stderr), result.stderr


def test_decompression_bomb_logo(cli, tmp_path):
    bomb = Image.new("1", (20_000, 20_000))  # 400 megapixels, a few kilobytes as PNG
    clinic = clinic_with_logo(tmp_path, bomb, "logo.png", optimize=True)
    assert (clinic.parent / "logo.png").stat().st_size < 200_000
    result = cli("region", "upper", "--clinic", str(clinic), "-o", str(tmp_path / "out"))
    assert result.code == 1 and "Traceback" not in result.stderr
    assert re.search(r"clinic\.yaml:2: logo: \"logo\.png\" is (too large to open safely|\d+ megapixels)", result.stderr)


def test_missing_logo_and_logo_that_is_a_folder(cli, tmp_path):
    clinic = clinic_with_logo(tmp_path, None, "nowhere.png")
    result = cli("region", "upper", "--clinic", str(clinic), "-o", str(tmp_path / "out"))
    assert result.code == 1 and re.search(r'clinic\.yaml:2: logo: "nowhere\.png" not found', result.stderr)
    (clinic.parent / "folder.png").mkdir()
    clinic.write_text("name: Test\nlogo: folder.png\n", encoding="utf-8")
    result = cli("region", "upper", "--clinic", str(clinic), "-o", str(tmp_path / "out"))
    assert result.code == 1 and re.search(r'clinic\.yaml:2: logo: "folder\.png" is a folder', result.stderr)


def test_nothing_is_written_into_the_clinic_folder(cli, tmp_path):
    folder = tmp_path / "clinic"
    shutil.copytree(A4_CLINIC, folder)
    before = sorted(p.name for p in folder.rglob("*"))
    assert cli("region", "all", "--clinic", str(folder), "-o", str(tmp_path / "out")).code == 0
    assert sorted(p.name for p in folder.rglob("*")) == before


def test_second_demo_clinic_renders_every_region_and_the_booklet(tmp_path):
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    job = Job.load(layout=None, clinic_file=A4_CLINIC, catalog_dir=None, lang=None, output_dir=tmp_path, booklet=True)
    assert job.layout().name == "a4" and job.layout(booklet=True).name == "booklet-a5"
    ctx = job.context()
    for region in ("lower", "mid", "upper"):
        data = render_region(ctx, region)
        box = reader(data).pages[0].mediabox
        assert round(float(box.width)) == 595
        assert all(fonts(data).values())
        m = job.layout().page.margins
        assert not outside_margins(data, m.left, m.right, m.top, m.bottom)
        assert "Clínica de Fisioterapia Núñez & Asociados" in reader(data).pages[0].extract_text()
    files, sheet = job.render_booklet(impose=True)
    assert sheet == "A4"
    booklet = files[tmp_path / "booklet.pdf"]
    assert len(reader(booklet).pages) % 4 == 0


def test_init_clinic_writes_a_starter_profile_that_renders(cli, tmp_path):
    folder = tmp_path / "new clinic"
    result = cli("init-clinic", str(folder), "--name", "Bayside Physio", "--paper", "a4")
    assert result.code == 0, result.stderr
    text = (folder / "clinic.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema/clinic.schema.json")
    assert (folder / "schema" / "clinic.schema.json").is_file()
    assert "logo" in result.stdout and "Next" in result.stdout
    assert not list(folder.glob("*.png")) and not list(folder.glob("*.svg")), "no demo logo copied"
    assert cli("region", "upper", "--clinic", str(folder), "-o", str(tmp_path / "out")).code == 0
    again = cli("init-clinic", str(folder))
    assert again.code == 1 and "already exists" in again.stderr
    assert (folder / "clinic.yaml").read_text(encoding="utf-8") == text
