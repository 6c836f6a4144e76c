"""Typed answers: normalisation, aliases, typo tolerance, whole-answer matching."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.core.answers import closest, is_correct, normalize, tolerance


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("컨테이너런타임", "컨테이너 런타임"),
        ("crio", "CRI-O"),
        ("Kubernetes", "  kubernetes\t"),
        ("ＣＲＩ－Ｏ", "cri-o"),  # full-width forms
        ("Straße", "STRASSE"),
        ("kube-controller-manager", "kube controller manager"),
        ("don't", "dont"),
    ],
)
def test_normalize_ignores_case_width_spacing_and_punctuation(left: str, right: str) -> None:
    """Answers that differ only in case, width, spaces or punctuation compare equal."""
    assert normalize(left) == normalize(right)


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("파드", ["파드"]),
        ("컨테이너런타임", ["컨테이너 런타임"]),
        ("컨테이너 런티임", ["컨테이너 런타임"]),  # one mistyped syllable in seven
        ("디플로이멘트", ["디플로이먼트"]),
        ("Container Runtime", ["컨테이너 런타임(Container Runtime)"]),
        ("컨테이너 런타임", ["컨테이너 런타임(Container Runtime)"]),
        ("crio", ["CRI-O"]),
        ("MCR", ["MCR(Mirantis Container Runtime)"]),
        ("mirantis container runtime", ["MCR(Mirantis Container Runtime)"]),
        ("Container Runtime", ["컨테이너 런타임（Container Runtime）"]),  # full-width parentheses
        ("씨쁠쁠", ["C++(씨쁠쁠)"]),
        ("kubernets", ["Kubernetes"]),  # one letter missing in ten
        ("kubernete", ["Kubernetes"]),
        ("deploymnt", ["Deployment"]),
        ("statfulset", ["StatefulSet"]),
        ("tahmkench", ["Tahm Kench"]),
        ("c++", ["C++"]),
        ("C#", ["C#"]),
        ("1.4mb", ["1.4 MB"]),
        ("1969", ["1969"]),
        ("1,000", ["1000"]),
        ("second", ["first", "second"]),
    ],
)
def test_accepted_answers(typed: str, accepted: list[str]) -> None:
    """Spacing, case, aliases and small typos still count as the right answer."""
    assert is_correct(typed, accepted)


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("파도", ["파드"]),  # two syllables: no typo allowed
        ("노드", ["파드"]),
        ("컨테이너 런타", ["컨테이너 런타임"]),  # a whole syllable missing is not a typo
        ("컨테이너", ["컨테이너 런타임"]),
        ("air", ["chair"]),
        ("chair", ["air"]),
        ("pod", ["pods and nodes"]),
        ("pods", ["pod"]),  # three letters: exact only
        ("cat", ["car"]),
        ("c", ["C++"]),
        ("c", ["C#"]),
        ("1968", ["1969"]),
        ("14 MB", ["1.4 MB"]),
        ("Error 501", ["Error 500"]),
        ("kubrnts", ["Kubernetes"]),  # three letters missing
        ("Mirantis", ["MCR(Mirantis Container Runtime)"]),
        ("", ["anything"]),
        ("   ", ["anything"]),
        ("?!", ["?!"]),
        ("anything", []),
    ],
)
def test_rejected_answers(typed: str, accepted: list[str]) -> None:
    """Wrong words, partial answers, other numbers and empty input never count."""
    assert not is_correct(typed, accepted)


def test_closest_prefers_exact_match_over_typo() -> None:
    """The reveal names the accepted answer the member actually typed."""
    assert closest("ports", ["Port", "Ports"]) == "Ports"
    assert closest("nothing like it", ["Port", "Ports"]) is None


@pytest.mark.parametrize(
    ("accepted", "edits"),
    [("pod", 0), ("node", 1), ("kubelet", 1), ("kubernetes", 2), ("파드", 0), ("서비스", 1)],
)
def test_tolerance_grows_with_length(accepted: str, edits: int) -> None:
    """Short answers must be exact; longer ones forgive a typo or two."""
    assert tolerance(normalize(accepted)) == edits


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    """Normalising an already normalised answer changes nothing."""
    assert normalize(normalize(text)) == normalize(text)


@given(st.text())
def test_an_answer_matches_itself(text: str) -> None:
    """Typing exactly the accepted answer is always right (unless it is only punctuation)."""
    assume(normalize(text))
    assert is_correct(text, [text])


@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz파드컨테이너런타임0123456789-", min_size=1),
        min_size=1,
        max_size=4,
    ),
    st.data(),
)
def test_spacing_and_case_variants_are_accepted(words: list[str], data: st.DataObject) -> None:
    """Writing an accepted answer with other spacing or case is still right."""
    accepted = " ".join(words)
    assume(normalize(accepted))
    separator = data.draw(st.sampled_from(["", " ", "  ", "\t"]))
    variant = separator.join(words)
    variant = data.draw(st.sampled_from([variant, variant.upper(), variant.title()]))
    assert is_correct(variant, [accepted])


@pytest.mark.parametrize(
    ("typed", "accepted", "right"),
    [
        ("파드 I 주소", "파드 IP 주소", True),  # a Latin letter missing
        ("파드 IP 주", "파드 IP 주소", False),  # a Hangul syllable missing
        ("파드 IP 주수", "파드 IP 주소", True),  # a syllable mistyped
    ],
)
def test_mixed_korean_and_latin_answers(typed: str, accepted: str, right: bool) -> None:
    """In mixed answers a dropped letter is a typo but a dropped syllable is not."""
    assert is_correct(typed, [accepted]) is right
