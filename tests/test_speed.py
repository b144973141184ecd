"""Speed and memory helpers: the saved frontier, its figure, Retrain's remembered scores, the
widget-latency statistics and the README table."""
import csv
import sys
from pathlib import Path

import pytest

from helpers.errors import CourseError
from helpers.sgns import FastSettings, frontier_points
from helpers.sgns_views import frontier_figure

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def test_fast_settings_default_learning_rate_is_the_frontier_one():
    assert FastSettings().lr == 0.05
    assert FastSettings().batch_size == 1024 and FastSettings().threads == 1


def test_frontier_points_read_the_published_medians():
    points = frontier_points()
    trainers = {p["trainer"] for p in points}
    assert trainers == {"gensim", "train_fast"}
    for p in points:
        assert p["seeds"] >= 1 and p["cpu_seconds"] > 0 and -1 <= p["wordsim353"] <= 1
    # more epochs take more CPU time, for each trainer
    for trainer in trainers:
        line = sorted((p for p in points if p["trainer"] == trainer), key=lambda p: p["epochs"])
        assert [p["cpu_seconds"] for p in line] == sorted(p["cpu_seconds"] for p in line)


def test_frontier_points_missing_file_is_one_sentence(tmp_path):
    with pytest.raises(CourseError, match="no frontier file"):
        frontier_points(tmp_path / "absent.csv")


def test_frontier_figure_draws_the_given_numbers(tmp_path):
    path = tmp_path / "f.csv"
    rows = [dict(trainer="gensim", epochs=1, seeds=3, cpu_seconds=2.5, wordsim353=0.06,
                 simlex999=0.04),
            dict(trainer="gensim", epochs=5, seeds=3, cpu_seconds=10.0, wordsim353=0.25,
                 simlex999=0.15),
            dict(trainer="train_fast", epochs=5, seeds=3, cpu_seconds=9.0, wordsim353=0.48,
                 simlex999=0.22)]
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    fig = frontier_figure(frontier_points(path))
    assert len(fig.data) == 4          # 2 trainers × (WordSim353, SimLex-999)
    gensim_ws = fig.data[0]
    assert list(gensim_ws.x) == [2.5, 10.0] and list(gensim_ws.y) == [0.06, 0.25]
    ours_simlex = fig.data[3]
    assert list(ours_simlex.x) == [9.0] and list(ours_simlex.y) == [0.22]
    assert fig.layout.title.text and fig.layout.xaxis.title.text


def test_publish_writes_medians_over_seeds(tmp_path):
    import sgns_frontier

    rows = []
    for seed, (cpu, ws) in enumerate([(3.0, 0.1), (5.0, 0.3), (4.0, 0.2)]):
        rows.append(dict(trainer="torch", label="FastSettings()", epochs=2, seed=seed,
                         cpu_seconds=cpu, wall_seconds=cpu, load_1min=1.0, wordsim353=ws,
                         simlex999=ws / 2))
    rows.append(dict(trainer="torch", label="other", epochs=2, seed=0, cpu_seconds=1.0,
                     wall_seconds=1.0, load_1min=1.0, wordsim353=0.9, simlex999=0.9))
    points = frontier_points(sgns_frontier.publish(rows, tmp_path / "m.csv"))
    assert points == [dict(trainer="train_fast", epochs=2, seeds=3, cpu_seconds=4.0,
                           wordsim353=0.2, simlex999=0.1)]


def test_retrain_report_remembers_scores_with_the_model(monkeypatch):
    from helpers import word2vec_views as views
    from helpers.data import load_toy_corpus

    calls = []
    real = views.evaluate_vectors
    monkeypatch.setattr(views, "evaluate_vectors",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    toy = load_toy_corpus()
    first = views.retrain_report(toy, progress=False, vector_size=8, epochs=1, min_count=1)
    again = views.retrain_report(toy, progress=False, vector_size=8, epochs=1, min_count=1)
    assert len(calls) == 1
    assert again.model is first.model and again.scores is first.scores
    assert again.model.reused and "reused" in again.timing()
    views.retrain_report(toy, progress=False, vector_size=8, epochs=2, min_count=1)
    assert len(calls) == 2     # other settings: trained and scored anew


def test_give_back_freed_memory_runs_anywhere():
    from helpers.memory import give_back_freed_memory

    assert give_back_freed_memory() is None


def test_widget_statistics_and_table():
    import course_benchmark
    import widget_latency

    report = {"notebook": "05_x.ipynb", "ok": True, "seconds": 3.0, "peak_mib": 500,
              "widgets": [{"widget": "a", "controls": ["k"], "median_ms": 5, "p95_ms": 40,
                           "median_cpu_ms": 2, "p95_cpu_ms": 9},
                          {"widget": "b", "controls": ["button"], "median_ms": 500,
                           "p95_ms": 700, "median_cpu_ms": 100, "p95_cpu_ms": 150}]}
    assert widget_latency.worst_p95(report) == 40          # buttons are reported apart
    assert widget_latency.worst_p95(report, cpu=True) == 9
    table = course_benchmark.format_table([report])
    assert "| 05_x.ipynb | 3.0 | – | 500 | 2 | 40 / 9 | yes |" in table
    plain = course_benchmark.format_table([{k: v for k, v in report.items() if k != "widgets"}])
    assert "widget" not in plain.splitlines()[0]


def test_the_table_says_which_target_a_notebook_misses():
    import course_benchmark

    def report(peak=500, median=5, p95=40, retrain=900, seconds=3.0):
        return {"notebook": "05_x.ipynb", "ok": True, "seconds": seconds, "peak_mib": peak,
                "widgets": [{"widget": "slider", "controls": ["k"], "median_ms": median,
                             "p95_ms": p95, "median_cpu_ms": 2, "p95_cpu_ms": 9},
                            {"widget": "course-knobs Retrain (standard settings)",
                             "controls": ["button"], "median_ms": retrain, "p95_ms": retrain,
                             "median_cpu_ms": 1, "p95_cpu_ms": 1}]}
    assert course_benchmark.missed_targets(report()) == []
    assert course_benchmark.missed_targets(report(peak=779)) == ["memory 779 > 763 MiB"]
    assert course_benchmark.missed_targets(report(p95=101)) == ["slider 5 / 101 ms"]
    assert course_benchmark.missed_targets(report(median=51)) == ["slider 51 / 40 ms"]
    assert course_benchmark.missed_targets(report(retrain=3100)) == ["Retrain 3100 ms"]
    assert course_benchmark.missed_targets({**report(), "ok": False}) == ["did not run"]
    slow = course_benchmark.format_table([report(seconds=181.0)]).splitlines()[-1]
    assert slow.endswith("| NO: course 181 s > 180 s |")
    assert course_benchmark.format_table([report(seconds=180.0)]).splitlines()[-1].endswith("| all |")
    heavy = course_benchmark.format_table([report(peak=800)]).splitlines()[-1]
    assert heavy.endswith("| NO: notebook 05 |")
