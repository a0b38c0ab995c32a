"""The word model of the section labeller: its file format, its features and its part in labels.

The sentences are written for these tests (a made-up report on a district's water supply); none
is taken from the datasets or the seed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from summarize import section_model, sections

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

REPORT = [
    "Hội nghị sơ kết công tác cấp nước của huyện diễn ra sáng nay.",
    "Sáu tháng qua, huyện đã hoàn thành ba trạm cấp nước sạch, vượt kế hoạch đề ra.",
    "Tỷ lệ hộ dân dùng nước sạch tăng 6% so với cùng kỳ.",
    "Tuy nhiên, nhiều tuyến ống cũ còn rò rỉ, chưa được thay thế.",
    "Thời gian tới, huyện cần tập trung thay thế đường ống cũ ở các xã ven sông.",
    "Đồng thời, đề nghị các xã rà soát nhu cầu dùng nước của người dân.",
]


def empty_model() -> section_model.Model:
    return section_model.Model(sections.LABELS, [0.0, 0.0, 0.0], {})


def test_the_shipped_model_is_plain_text_in_the_documented_format():
    text = resources.files("summarize").joinpath("data/section_model.tsv").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# {section_model.FORMAT}"
    assert lines[1].split("\t") == ["feature", *sections.LABELS]
    assert all(len(line.split("\t")) == 4 for line in lines[2:])
    model = section_model.default_model()
    assert len(model.weights) == len(lines) - 3  # header, column names, bias
    assert model.dumps() == text  # the reader and the writer agree byte for byte


def test_dumps_and_parse_round_trip():
    model = section_model.Model(
        sections.LABELS, [-1.0, 0.5, 0.25], {"w:nước": (0.1, -0.2, 0.3), "p:cấp nước": (1, 2, 3)}
    )
    again = section_model.parse(model.dumps(), "x")
    assert again.bias == model.bias
    assert again.weights == {k: tuple(map(float, v)) for k, v in model.weights.items()}


HEAD = "# summarize-section-model/1\nfeature\tresults\tlimitations\tnext_tasks\n"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("", "x: not a"),
        ("# summarize-section-model/1\nfeature\tresults\n", "x:2"),
        (HEAD + "w:a\t1\t2\n", "x:3"),
        (HEAD + "w:a\t1\tb\t2\n", "x:3"),
    ],
)
def test_a_malformed_model_names_the_line(text, where):
    with pytest.raises(ValueError, match=where):
        section_model.parse(text, "x")


@pytest.mark.parametrize(
    ("sections_", "bias", "weights", "match"),
    [
        (("results", "limitations"), [0.0, 0.0], {}, "sections"),
        (sections.LABELS, [0.0], {}, "'bias'"),
        (sections.LABELS, [0.0] * 3, {"w:nước": (1.0, 2.0)}, "'w:nước'"),
    ],
)
def test_a_model_of_the_wrong_shape_is_refused(sections_, bias, weights, match):
    with pytest.raises(ValueError, match=match):
        section_model.Model(sections_, bias, weights)


def test_features_of_a_sentence_and_its_neighbours():
    _, views, report = sections.chain_views(REPORT, [None] * len(REPORT))
    assert report
    features = section_model.document_features(views)
    third = features[3]
    assert third["w:tuy"] == 1.0 and third["p:tuy nhiên"] == 1.0
    assert third["f2:tuy nhiên"] == 1.0
    assert "c:limitations:rò rỉ" in third or "c:limitations:chưa" in third
    assert third["e:limitations"] > 0
    assert any(name.startswith("pc:") for name in third)  # the sentence before
    assert any(name.startswith("nc:") for name in third)  # the sentence after
    assert not any(name.startswith("pc:") for name in features[0])
    assert not any(name.startswith("nc:") for name in features[-1])


def test_names_are_not_words_of_the_model():
    _, views, _ = sections.chain_views(["Ông Nguyễn Văn Cần đề nghị thay ống."], [None])
    words = {name for name in section_model.document_features(views)[0] if name.startswith("w:")}
    assert "w:cần" not in words and "w:đề" in words


def test_transition_features_name_the_state_before():
    _, views, _ = sections.chain_views(["Tiếp tục thay ống cũ."], [None])
    features = section_model.transition_features("results", views[0])
    scale = section_model.TRANSITION_SCALE
    assert features["prev:results&f:tiếp"] == scale
    assert features["prev:results&carry"] == scale * views[0].carry > 0


def test_the_model_moves_labels_and_a_model_alone_explains_with_words():
    noise = [None] * len(REPORT)
    without = sections.label(REPORT, noise, model=empty_model())
    assert [lab.section for lab in without][1:] == [
        "results", "results", "limitations", "next_tasks", "next_tasks",
    ]  # fmt: skip
    # A model that reads "trạm" as a shortcoming, strongly, turns a result into one, and the
    # label is explained by that word, since no cue of the lexicon supports it.
    pushy = section_model.Model(
        sections.LABELS, [0.0, 0.0, 0.0], {"w:trạm": (-9.0, 9.0, -9.0), "p:trạm cấp": (0, 5, 0)}
    )
    moved = sections.label(REPORT, noise, model=pushy)
    assert moved[1].section == "limitations"
    assert moved[1].reason is not None and "trạm" in moved[1].reason


def test_the_shipped_model_keeps_the_passage_of_a_report():
    labels = sections.label(REPORT, [None] * len(REPORT))
    assert [lab.section for lab in labels][1:] == [
        "results", "results", "limitations", "next_tasks", "next_tasks",
    ]  # fmt: skip
    assert all(lab.reason for lab in labels[1:])


def test_labels_do_not_depend_on_the_model_cache():
    first = sections.label(REPORT, [None] * len(REPORT))
    section_model.default_model.cache_clear()
    assert sections.label(REPORT, [None] * len(REPORT)) == first


@pytest.mark.data
@pytest.mark.skipif(not DATA.is_dir(), reason=f"no shared data at {DATA}")
def test_the_training_script_reproduces_the_shipped_model():
    script = ROOT / "benchmarks" / "sections_train.py"
    assert importlib.util.find_spec("sklearn") is not None
    done = subprocess.run(
        [sys.executable, str(script), "--check", "--data", str(DATA)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "identical" in done.stdout


def test_the_fast_transition_sums_equal_the_features():
    """``Model.after`` adds the transition weights without building the features: the same
    floats, so the labels cannot depend on which path computed them."""
    model = section_model.default_model()
    _, views, _ = sections.chain_views(REPORT, [None] * len(REPORT))
    features = section_model.document_features(views)
    for view, own in zip(views, features, strict=True):
        base = model.log_odds(own)
        first = section_model.first_word(view)
        for previous in ("start", *sections.LABELS, "none"):
            expected = model.add(base, section_model.transition_features(previous, view))
            assert model.after(base, previous, first, view.carry) == expected


def test_labels_do_not_depend_on_the_hash_seed():
    """The model and the cue matcher iterate dicts in insertion order only: the same report gives
    byte-identical JSON under different PYTHONHASHSEED values."""
    import os

    example = ROOT / "examples" / "bao-cao-so-ket.txt"
    outputs = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "summarize", "--format", "json", str(example)],
            capture_output=True, check=True, timeout=300,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )  # fmt: skip
        outputs.add(done.stdout)
    assert len(outputs) == 1
