"""helpers.feature_table: loading/validating the CSV, editing, similarities; the views."""
import numpy as np
import pytest

from helpers.errors import CourseError, DataFileError, UnknownWordError
from helpers.feature_table import (FeatureTable, hand_labelling_cost, load_feature_table,
                                   parse_feature_csv)
from helpers.feature_table_views import (FeatureEditor, feature_heatmap, feature_scatter,
                                         feature_table_view, neighbours_table, scatter_pair)

HEADER = "word,group,alive,edible\n"


@pytest.fixture(scope="module")
def table():
    return load_feature_table()


def test_course_table_is_valid_and_uses_the_course_words(table):
    assert len(table) >= 12 and len(table.features) >= 6
    for word in ("dog", "cat", "fox", "duck", "apple", "banana", "orange", "london", "paris",
                 "boston"):
        assert word in table
    for feature in ("edible", "four_legs", "makes_sound", "pet", "is_a_place"):
        assert feature in table.features
    assert table.values.min() >= 0 and table.values.max() <= 1
    assert set(table.groups) == {"animal", "fruit", "city"}


def test_words_of_the_table_are_in_the_toy_corpus(table):
    from helpers.data import load_toy_corpus

    corpus_words = {w for s in load_toy_corpus() for w in s}
    assert set(table.words) <= corpus_words


def test_similar_words_get_similar_vectors(table):
    for word, group in zip(table.words, table.groups):
        nearest = table.nearest(word, 1)[0][0]
        assert table.groups[table.words.index(nearest)] == group, word
    cos = table.cosine_matrix()
    assert cos.shape == (len(table), len(table)) and np.allclose(np.diag(cos), 1)
    assert table.similarity("dog", "cat") > 0.9 > 0.1 > table.similarity("dog", "apple")


@pytest.mark.parametrize("text, words", [
    (HEADER + "dog,animal,1,0\ndog,animal,1,0.5\n", "'dog' appears twice"),
    (HEADER + "dog,animal,yes,0\n", "'yes' is not a number"),
    (HEADER + "dog,animal,,0\n", "is empty"),
    (HEADER + "dog,animal,1,7\n", "outside 0–1"),
    (HEADER + "dog,animal,nan,0\n", "not a finite number"),
    (HEADER + "dog,animal,1\n", "expected 4 comma-separated cells"),
    (HEADER + ",animal,1,0\n", "the word is missing"),
    ("word,group,alive,alive\ndog,animal,1,1\n", "appears twice in the header"),
    ("name,alive\ndog,1\n", "must start with 'word,group'"),
    ("word,group\ndog,animal\n", "no features"),
    (HEADER, "no words"),
    ("", "is empty"),
])
def test_bad_csv_gives_one_clear_message(text, words):
    with pytest.raises(CourseError, match=words) as error:
        parse_feature_csv(text, "my_table.csv")
    assert "\n" not in str(error.value)


def test_missing_or_empty_file(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        load_feature_table(tmp_path / "nothing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(DataFileError, match="is empty"):
        load_feature_table(empty)


def test_round_trip_through_csv(table, tmp_path):
    path = tmp_path / "copy.csv"
    path.write_text(table.to_csv())
    again = load_feature_table(path)
    assert again.words == table.words and again.features == table.features
    assert np.array_equal(again.values, table.values) and again.groups == table.groups


def test_edits_return_new_tables(table):
    pet_fox = table.with_value("fox", "pet", 1.0)
    assert pet_fox.value("fox", "pet") == 1.0 and table.value("fox", "pet") != 1.0
    assert pet_fox.similarity("fox", "dog") > table.similarity("fox", "dog")
    goose = table.with_word("Goose ", {"alive": 1, "makes_sound": 1, "wild": 0.6})
    assert goose.words[-1] == "goose" and goose.value("goose", "pet") == 0.0
    assert goose.nearest("goose", 1)[0][0] == "duck"
    listed = table.with_word("rock", [0] * len(table.features))
    assert not listed.vector("rock").any()
    replaced = table.with_row("dog", table.as_dict("cat"))
    assert np.array_equal(replaced.vector("dog"), table.vector("cat"))
    assert len(table.with_row("wolf", {"alive": 1})) == len(table) + 1
    with pytest.raises(ValueError):
        table.values[0, 0] = 5  # read-only


@pytest.mark.parametrize("call, words", [
    (lambda t: t.with_word("dog", {}), "already in the table"),
    (lambda t: t.with_word("", {}), "empty"),
    (lambda t: t.with_word("a,b", {}), "comma"),
    (lambda t: t.with_word("wolf", [1, 2]), "needs 9 values"),
    (lambda t: t.with_word("wolf", {"furry": 1}), "'furry' is not a feature"),
    (lambda t: t.with_word("wolf", "1,0,1"), "not as text"),
    (lambda t: t.with_value("fox", "pet", "maybe"), "'maybe' is not a number"),
    (lambda t: t.with_value("fox", "pet", 2), "outside 0–1"),
    (lambda t: t.with_value("fox", "pet", True), "not a number"),
])
def test_bad_edits(table, call, words):
    with pytest.raises(CourseError, match=words):
        call(table)


def test_unknown_word_or_feature(table):
    with pytest.raises(UnknownWordError, match="closest spellings: duck"):
        table.vector("duk")
    with pytest.raises(UnknownWordError, match="not a feature"):
        table.value("dog", "furry")


def test_hand_labelling_cost():
    cost = hand_labelling_cost(50_000, 300, seconds_per_value=5)
    assert cost["values to fill in"] == 15_000_000
    assert round(cost["hours"]) == 20_833
    for bad in [(0, 300), (50_000, 0), (2.5, 3)]:
        with pytest.raises(CourseError):
            hand_labelling_cost(*bad)
    with pytest.raises(CourseError):
        hand_labelling_cost(1, 1, seconds_per_value=0)


def test_views(table):
    assert feature_table_view(table, highlight_word="dog").highlight == {0}
    assert neighbours_table(table, "cat").rows[0][0] == "dog"
    heat = feature_heatmap(table)
    assert list(heat.data[0].x) == list(table.words)
    two = feature_scatter(table, ["big", "edible"])
    three = feature_scatter(table, ["alive", "edible", "is_a_place"])
    assert two.layout.xaxis.title.text == "big" and three.layout.scene.zaxis.title.text == "is a place"
    assert sum(len(t.x) for t in two.data) == len(table) == sum(len(t.x) for t in three.data)
    pair = scatter_pair(table)
    assert pair.layout.scene.zaxis.title.text == "is a place" and pair.layout.xaxis.title.text == "alive"
    with pytest.raises(CourseError, match="2 or 3 features"):
        feature_scatter(table, ["big"])


def test_editor_accumulates_edits_and_adds_words(table):
    editor = FeatureEditor(table)
    editor.apply("duck", "makes_sound", 0.0)
    editor.apply("fox", "pet", 1.0)
    assert editor.table.value("duck", "makes_sound") == 0.0
    assert editor.table.value("fox", "pet") == 1.0
    editor.apply("goose", "alive", 1.0)
    assert "goose" in editor.table and editor.table.value("goose", "alive") == 1.0
    fig = editor.figure("goose")
    assert len(fig.data) == 1 + len(set(editor.table.groups))  # heatmap + 2-D scatter, no 3-D
    assert len(fig.data[0].x) == len(table) + 1
    assert fig.layout.title.text.startswith("'goose' is most similar to:")
    assert editor.render("goose", "wild", 0.5, "big", "wild").layout.xaxis2.title.text == "big"
    assert not any(trace.type == "scatter3d" for trace in fig.data)
    # a new word with no features has no neighbours: say "undefined", never "dog 0.00"
    blank = FeatureEditor(table).render("swan", "pet", 0.0)
    assert "undefined" in blank.layout.title.text and "0.00" not in blank.layout.title.text
    editor.reset()
    assert editor.table is table
    with pytest.raises(CourseError):
        editor.apply("dog", "pet", 3)
