"""The course map (helpers/course.py), the README, notebook 00 and the instructor guide agree on
every time: the core path ≤ 3 hours, the optional part, and each notebook's minutes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.course import CORE, LESSONS, core_minutes, lessons_in

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "instructor" / "README.md").read_text(encoding="utf-8")
START_HERE = (ROOT / "source" / "start_here.py").read_text(encoding="utf-8")

OPTIONAL = sum(lesson.minutes for lesson in LESSONS) - core_minutes()
CORE_LESSONS = lessons_in(CORE)


def _clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def test_core_path_fits_three_hours_and_comes_first():
    assert core_minutes() <= 180
    numbers = [lesson.number for lesson in CORE_LESSONS]
    assert numbers == list(range(len(CORE_LESSONS))), "core notebooks are 00, 01, ... in order"


def _guide_rows(section: str) -> list[tuple[int, str, int]]:
    """(start in minutes, notebook number, minutes) of a schedule table in the guide."""
    rows = []
    for line in section.splitlines():
        match = re.match(r"\|\s*(\d+:\d\d)\s*\|\s*(\d\d) [^|]*\|\s*(\d+)\s*\|", line)
        if match:
            rows.append((_clock(match.group(1)), match.group(2), int(match.group(3))))
    return rows


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = text.find("\n#", start + len(heading))
    return text[start: following if following != -1 else len(text)]


def test_guide_core_schedule_matches_the_map():
    rows = _guide_rows(_section(GUIDE, "### The 3-hour core"))
    assert [n for _, n, _ in rows] == [f"{l.number:02d}" for l in CORE_LESSONS]
    start = 0
    for (clock, number, minutes), lesson in zip(rows, CORE_LESSONS):
        assert minutes == lesson.minutes, f"guide gives {number} {minutes} min, the map {lesson.minutes}"
        assert clock == start, f"{number} starts at {clock} min in the guide, {start} by the map"
        start += lesson.minutes
    assert f"| {start // 60}:{start % 60:02d} | end of the core" in GUIDE
    assert f"{core_minutes()} minutes" in _section(GUIDE, "# Instructor guide")


def test_guide_second_session_matches_the_map():
    rows = _guide_rows(_section(GUIDE, "### Everything, in two sessions"))
    optional = [l for l in LESSONS if l.track != CORE]
    assert [n for _, n, _ in rows] == [f"{l.number:02d}" for l in optional]
    start = 0
    for (clock, _, minutes), lesson in zip(rows, optional):
        assert (clock, minutes) == (start, lesson.minutes)
        start += lesson.minutes
    assert start == OPTIONAL
    assert f"| {start // 60}:{start % 60:02d} | end of session 2" in GUIDE
    assert f"{OPTIONAL} minutes" in GUIDE


def test_guide_mentions_no_old_block_length():
    assert "3½" not in GUIDE and "3–4 hour" not in GUIDE


def test_readme_table_and_summary_match_the_map():
    for lesson in LESSONS:
        row = next((line for line in README.splitlines()
                    if line.startswith(f"| [{lesson.label}]")), None)
        assert row is not None, f"README has no row for {lesson.label}"
        cells = [c.strip() for c in row.split("|")]
        assert str(lesson.minutes) in cells, f"README row of {lesson.label}: {row[:120]}"
    last_core = CORE_LESSONS[-1].number
    assert f"**Core path**, notebooks 00–{last_core:02d}: about 3 hours ({core_minutes()} minutes)" in README
    assert "3½" not in README and "3–4 hour" not in README
    assert f"appendix: {OPTIONAL} minutes" in README.replace("\n ", " ").replace("  ", " ")


@pytest.mark.parametrize("track", ["deep dive", "capstone", "appendix"])
def test_readme_summary_gives_each_optional_track_its_minutes(track):
    text = " ".join(README.split())
    lessons = [l for l in LESSONS if l.track == track]
    numbers = ", ".join(str(l.number) for l in lessons)
    minutes = {l.minutes for l in lessons}
    assert len(minutes) == 1
    each = " each" if len(lessons) > 1 else ""
    assert f"({numbers}: {minutes.pop()} minutes{each})" in text


def test_notebook_00_prose_matches_the_map():
    text = " ".join(line.lstrip("# ") for line in START_HERE.splitlines())
    last_core = CORE_LESSONS[-1].number
    assert f"notebooks 00–{last_core:02d}, takes about 3 hours ({core_minutes()} minutes)" in text
    deep = [l.minutes for l in LESSONS if l.track == "deep dive"]
    capstone = [l.minutes for l in LESSONS if l.track == "capstone"]
    appendix = [l.minutes for l in LESSONS if l.track == "appendix"]
    assert len(set(deep)) == 1 and f"({deep[0]} minutes each)" in text
    assert f"({capstone[0]} minutes)" in text and f"({appendix[0]} minutes)" in text
    assert "3–4 hour" not in text and "3½" not in text
    # the worked answer of exercise 1 is the map's count of notebooks after 00
    assert f"notebooks_after_this_one = {len(LESSONS) - 1}" in START_HERE


def test_course_map_table_adds_up():
    from helpers.course import course_map

    rows = course_map().rows
    assert rows[-2][2] == core_minutes() and rows[-1][2] == OPTIONAL
    assert sum(row[2] for row in rows[:-2]) == core_minutes() + OPTIONAL
