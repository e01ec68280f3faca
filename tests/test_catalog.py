"""The exercise catalog written from the seed articles."""

from __future__ import annotations

import statistics

import pytest
import textstat

from conftest import ROOT, SEEDS

# Every exercise the five seed articles describe, with a phrase from the article that names it.
SEED_EXERCISES = {
    "partial-crunch": ["Partial Crunches", "crunches", "Abdominal Crunches"],
    "hamstring-stretch-chair": ["Hamstring Stretches", "rest it on a chair"],
    "wall-sit": ["Wall Sits", "wall slide"],
    "cat-cow": ["Cat-Cow", "Cat camel"],
    "seated-twist": ["Seated Twist", "Shoulder Rotations"],
    "cobra": ["Cobra Pose"],
    "neck-roll": ["Simple Neck Roll", "neck stretches"],
    "shoulder-roll": ["Shoulder Rolls", "roll your shoulders"],
    "overhead-arm-reach": ["Overhead Arm Reaches"],
    "prone-press-up": ["Back extensions"],
    "ball-bridge": ["exercise ball"],
    "doorway-chest-stretch": ["pectoral stretch"],
    "prone-shoulder-blade-squeeze": ["squeeze your shoulder blades"],
    "inversion-table": ["inversion table"],
    "prone-leg-raise": ["prone leg raises"],
    "supine-leg-raise": ["lying on your back with legs extended"],
    "standing-back-bend": ["upright backstretch"],
    "pelvic-tilt": ["pelvic tilt"],
    "knee-to-chest": ["knee to chest"],
    "piriformis-stretch": ["piriformis stretch"],
    "knee-roll": ["Knee Rolls", "basic twist"],
    "standing-toe-touch": ["touch your toes"],
    "forearm-knee-plank": ["hold the plank"],
    "standing-hip-hinge": ["Extending your hips"],
    "lunge-reach": ["lunge position"],
    "standing-tall-stretch": ["stand tall"],
}


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def test_every_seed_exercise_is_one_catalog_entry(catalog):
    assert set(catalog.exercises) == set(SEED_EXERCISES)
    assert 24 <= len(catalog.exercises) <= 28


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles live in ../shared/seeds")
def test_each_entry_lists_the_articles_that_describe_it(catalog):
    for exercise_id, phrases in SEED_EXERCISES.items():
        exercise = catalog.exercises[exercise_id]
        for source in exercise.sources:
            assert (SEEDS / source).is_file(), f"{exercise_id}: unknown source {source}"
        for phrase in phrases:
            holders = [s.name for s in SEEDS.glob("*.txt") if phrase.lower() in seed_text(s.name).lower()]
            assert holders, f"phrase {phrase!r} not found in any article"
            assert set(holders) & set(exercise.sources), f"{exercise_id}: {phrase!r} comes from {holders}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles live in ../shared/seeds")
def test_no_sentence_is_copied_from_the_articles(catalog):
    """Facts are carried over, wording is not: no run of 7 words appears in any article."""
    import re

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z']+", text.lower())

    article_grams = set()
    for path in SEEDS.glob("*.txt"):
        w = words(path.read_text(encoding="utf-8"))
        article_grams |= {" ".join(w[i : i + 7]) for i in range(len(w) - 6)}
    for exercise in catalog.exercises.values():
        for text in [exercise.summary, *exercise.steps, *exercise.cautions]:
            w = words(text)
            copied = [" ".join(w[i : i + 7]) for i in range(len(w) - 6) if " ".join(w[i : i + 7]) in article_grams]
            assert not copied, f"{exercise.id}: copied wording {copied[0]!r}"


def test_entries_are_complete(catalog):
    for exercise in catalog.exercises.values():
        assert 3 <= len(exercise.steps) <= 6
        assert exercise.cautions, f"{exercise.id} has no cautions"
        assert exercise.summary.count(".") == 1 and exercise.summary.endswith("."), f"{exercise.id}: one sentence"
        d = exercise.dosage
        assert d.hold_seconds or d.repetitions, f"{exercise.id}: no dosage"
        assert d.times_a_day, f"{exercise.id}: how often?"


def test_steps_talk_to_the_reader(catalog):
    for exercise in catalog.exercises.values():
        joined = " ".join(exercise.steps).lower()
        assert "you" in joined.split() or "your" in joined.split(), exercise.id
        for step in exercise.steps:
            assert step[0].isupper() and step.rstrip()[-1] in ".!", f"{exercise.id}: {step!r}"
            assert not any(word.isupper() and len(word) > 3 for word in step.split()), f"ALL CAPS in {exercise.id}"


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def test_reading_level_of_the_steps(catalog):
    grades = {e.id: grade(" ".join(e.steps)) for e in catalog.exercises.values()}
    too_hard = {k: v for k, v in grades.items() if v > 8}
    assert not too_hard, f"steps above grade 8: {too_hard}"
    assert statistics.mean(grades.values()) <= 6, f"catalog average grade {statistics.mean(grades.values()):.1f}"


def test_safety_guidance_covers_the_basics(catalog):
    text = " ".join(catalog.safety.points).lower()
    for idea in ("doctor", "pain", "stop", "weeks", "clothes", "sharp", "normal"):
        assert idea in text, idea


def test_every_region_has_an_introduction(catalog):
    for region in ("lower", "mid", "upper"):
        assert len(getattr(catalog.intros, region).introduction) > 60


def test_catalog_lists_entries(cli):
    result = cli("catalog", "--region", "upper")
    assert result.code == 0
    assert "doorway-chest-stretch" in result.stdout
    assert "wall-sit" not in result.stdout


def test_builtin_files_start_with_the_schema_comment():
    for path in (ROOT / "assets" / "catalog").glob("[!_]*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/exercise.schema.json")


def test_only_the_inversion_table_and_ball_bridge_need_a_clinician_first(catalog):
    supervised = sorted(e.id for e in catalog.exercises.values() if e.supervised)
    assert supervised == ["ball-bridge", "inversion-table"]


def test_the_plank_starts_short_and_builds_up_to_the_articles_30_seconds(catalog):
    """The article holds the plank 'for about 30 seconds': a lot for a beginner. The card starts at 10 seconds
    and says how to build up to the article's 30, in both languages."""
    from handouts.schema.ranges import ends_of

    plank = catalog.exercises["forearm-knee-plank"]
    assert "hold the plank for about 30 seconds" in seed_text(plank.sources[0])
    assert ends_of(plank.dosage.hold_seconds) == (10, 30) and "hold_seconds" in plank.dosage.defaults
    assert any("10 seconds" in c and "30 seconds" in c for c in plank.cautions)
    assert any("10 segundos" in c and "30 segundos" in c for c in plank.translations.es.cautions)


def test_the_partial_crunch_is_a_small_curl_with_the_chin_tucked(catalog):
    """The article lifts the chest 'slightly up': a small curl, the chin tucked and the eyes up, never the
    chin pulled toward the knees (which strains the neck)."""
    crunch = catalog.exercises["partial-crunch"]
    steps = " ".join(crunch.steps)
    assert "curl" in steps and "chin tucked" in steps and "eyes looking up" in steps and "toward your knees" not in steps
    spanish = " ".join(crunch.translations.es.steps)
    assert "Meta un poco la barbilla" in spanish and "mire hacia arriba" in spanish
    assert "barbilla hacia las rodillas" not in spanish
