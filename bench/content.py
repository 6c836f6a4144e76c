"""How fast notes become questions: parse + generate on a synthetic ~10 MB notes book.

Writes a book of many chapters in the patterns the group uses (Korean ``## 용어 - X(Y)``
terms with bullets, 참고/예 lines, versions and dates; English ``- **Term**: def``
glossaries; ``Q::A`` flashcards), then times, in the same process:

- the baseline: a bare ``MarkdownIt().parse`` of the same text;
- quizbot: ``parse_notes`` + ``parse_cards`` + ``generate_questions``, each timed.

Times are CPU seconds of this process (the machine may be shared). Prints MB/s for
both and the ratio (quizbot time / baseline time), and ends with one line of JSON
holding those figures. Usage: ``python bench/content.py [--mb 10]``.

``--hostile`` times, instead, notes written to be slow: a line of ``[``, a run of
``==highlights==``, one chapter of thousands of terms, thousands of one-term chapters,
a huge line, deep nesting. Each is loaded at two sizes (N and 4N): the time ratio
shows whether the work is linear (about 4), and the seconds per MB, the peak memory
(``tracemalloc``) and a bare markdown-it parse of the same text (the baseline: a run of
``[`` costs markdown-it itself most of the time) are printed per case.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

from markdown_it import MarkdownIt

from bot.core.formats.flashcards import parse_cards
from bot.core.notes import parse_notes
from bot.core.questions import generate_questions

T = TypeVar("T")

KO_WORDS = [
    "컨테이너",
    "파드",
    "노드",
    "클러스터",
    "서비스",
    "배포",
    "스케줄러",
    "네트워크",
    "스토리지",
    "볼륨",
    "이미지",
    "레지스트리",
    "런타임",
    "인터페이스",
    "컨트롤러",
    "매니페스트",
    "레이블",
    "셀렉터",
    "네임스페이스",
    "인그레스",
    "프록시",
    "캐시",
    "복제",
    "장애",
    "합의",
    "알고리즘",
    "리더",
    "선출",
    "로그",
    "모니터링",
    "보안",
    "인증",
    "권한",
    "설정",
    "상태",
    "선언형",
    "명령형",
]
KO_ENDINGS = (
    "를 관리하는 도구",
    "에서 실행되는 단위",
    "를 정의하는 스펙",
    "을 저장하는 공간",
    "의 구현체",
)
EN_WORDS = [
    "container",
    "pod",
    "node",
    "cluster",
    "service",
    "deployment",
    "scheduler",
    "network",
    "storage",
    "volume",
    "image",
    "registry",
    "runtime",
    "interface",
    "controller",
    "manifest",
    "label",
    "selector",
    "namespace",
    "ingress",
    "proxy",
    "cache",
    "replica",
    "failure",
    "consensus",
    "leader",
    "election",
    "log",
    "monitoring",
    "security",
    "policy",
    "state",
]


def _ko_term(rng: random.Random, index: int) -> str:
    return f"{rng.choice(KO_WORDS)} {rng.choice(KO_WORDS)} {index}"


def _ko_chapter(rng: random.Random, number: int, terms: int) -> list[str]:
    lines = [f"# {number}장 - {rng.choice(KO_WORDS)} {rng.choice(KO_WORDS)}", ""]
    for t in range(terms):
        name = _ko_term(rng, number * 100 + t)
        english = f"{rng.choice(EN_WORDS).title()} {rng.choice(EN_WORDS).title()} {t}"
        lines += [
            f"## 용어 - {name}({english})",
            f"* {rng.choice(KO_WORDS)}{rng.choice(KO_ENDINGS)}",
            f"* {' '.join(rng.choices(KO_WORDS, k=8))} 등을 지원한다.",
            f"  `예) {', '.join(rng.sample(KO_WORDS, 4))}`",
            f"* 참고) {rng.choice(KO_WORDS)} 방식 - {rng.choice(KO_WORDS)}에 대한 정의서",
            f"* {rng.randint(15, 24)}년 {rng.randint(1, 12)}월 v1.{rng.randint(10, 30)} 부터 "
            f"전체의 1/{rng.randint(2, 5)} 이하에서 동작합니다.",
            "",
        ]
    return lines


def _en_chapter(rng: random.Random, number: int, terms: int) -> list[str]:
    lines = [f"# Chapter {number}: {rng.choice(EN_WORDS).title()}s", ""]
    for t in range(terms):
        name = f"{rng.choice(EN_WORDS)} {rng.choice(EN_WORDS)} {number}-{t}"
        lines.append(
            f"- **{name}**: a {rng.choice(EN_WORDS)} that keeps the "
            f"{rng.choice(EN_WORDS)} of each {rng.choice(EN_WORDS)} in `{rng.choice(EN_WORDS)}`."
        )
    lines += [
        "",
        f"What does the {rng.choice(EN_WORDS)} do?::It keeps the {rng.choice(EN_WORDS)}",
        "",
    ]
    return lines


def synthesize(megabytes: float, seed: int = 7) -> str:
    """A notes book of about ``megabytes`` MB (UTF-8), Korean and English chapters."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts = ["# 목표", "합성 노트 완독", "", "# 목차", "1. [X] 1장 - 시작", ""]
    size = sum(len(p.encode()) + 1 for p in parts)
    number = 1
    while size < target:
        chapter = _ko_chapter(rng, number, 12) if number % 3 else _en_chapter(rng, number, 20)
        size += sum(len(line.encode()) + 1 for line in chapter)
        parts += chapter
        number += 1
    return "\n".join(parts) + "\n"


def _timed(func: Callable[[], T], repeat: int) -> tuple[float, T]:
    """Best CPU time of ``repeat`` runs (CPU time: the machine may be shared) and the result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = func()
        best = min(best, time.process_time() - start)
    return best, result  # type: ignore[return-value]


#: Notes written to be slow, by the size N that the case scales with.
HOSTILE: dict[str, Callable[[int], str]] = {
    "brackets": lambda n: "# 1장 - a\n\n" + "[" * n + "\n",
    "highlights": lambda n: "# 1장 - a\n\n" + "==a== " * (n // 6) + "\n",
    "one_chapter_of_terms": lambda n: (
        "# 1장 - a\n\n"
        + "".join(f"- 용어{i}: 설명 {i} 입니다 아주 긴 설명 문장.\n" for i in range(n // 60))
    ),
    "one_term_chapters": lambda n: "".join(
        f"# {i}장 - 제목{i}\n\n- 용어{i}: 설명 {i}.\n\n" for i in range(1, n // 50 + 1)
    ),
    "huge_line": lambda n: "# 1장 - a\n\n- 용어: " + "가나다 " * (n // 10) + "\n",
    "deep_nesting": lambda n: (
        "# 1장 - a\n\n" + "".join("  " * (i % 200) + "- x\n" for i in range(n // 200))
    ),
    "link_runs": lambda n: "# 1장 - a\n\n" + "](" * (n // 2) + "\n",
}


def _load(text: str) -> int:
    book = parse_notes(text, "hostile.md")
    cards, _ = parse_cards(text, "hostile.md")
    book.cards.extend(cards)
    return len(generate_questions(book))


def hostile(size: int) -> dict[str, dict[str, float]]:
    """Each hostile case at ``size`` and 4 × ``size`` characters: time, ratio, memory."""
    figures = {}
    for name, make in HOSTILE.items():
        small, large = make(size), make(4 * size)
        small_s, _ = _timed(lambda text=small: _load(text), 1)
        large_s, _ = _timed(lambda text=large: _load(text), 1)
        baseline_s, _ = _timed(lambda text=large: MarkdownIt().parse(text), 1)
        tracemalloc.start()
        _load(large)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        megabytes = len(large.encode()) / 1_000_000
        figures[name] = {
            "megabytes": round(megabytes, 3),
            "seconds": round(large_s, 3),
            "seconds_per_mb": round(large_s / megabytes, 2),
            "growth_4x": round(large_s / max(small_s, 1e-6), 2),
            "markdown_it_seconds": round(baseline_s, 3),
            "ratio_vs_markdown_it": round(large_s / max(baseline_s, 1e-6), 2),
            "peak_mb": round(peak / 1_000_000, 1),
        }
        print(
            f"{name:22} {megabytes:6.3f} MB {large_s:7.2f} s CPU {large_s / megabytes:6.2f} s/MB"
            f"  4x size: {figures[name]['growth_4x']:5.2f}x time  peak {peak / 1e6:6.1f} MB"
            f"  markdown-it alone {baseline_s:6.2f} s"
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; the last line is JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the synthetic book")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    parser.add_argument("--hostile", action="store_true", help="time notes written to be slow")
    parser.add_argument("--size", type=int, default=50_000, help="hostile case size N (chars)")
    args = parser.parse_args(argv)
    if args.hostile:
        print(json.dumps({"hostile": hostile(args.size)}))
        return 0

    text = synthesize(args.mb)
    megabytes = len(text.encode()) / 1_000_000
    baseline, _ = _timed(lambda: MarkdownIt().parse(text), args.repeat)
    notes_s, book = _timed(lambda: parse_notes(text, "bench.md"), args.repeat)
    cards_s, (cards, _) = _timed(lambda: parse_cards(text, "bench.md"), args.repeat)
    book.cards.extend(cards)
    questions_s, questions = _timed(lambda: generate_questions(book), args.repeat)
    total = notes_s + cards_s + questions_s
    terms = sum(len(chapter.terms) for chapter in book.chapters)
    figures = {
        "megabytes": round(megabytes, 2),
        "chapters": len(book.chapters),
        "terms": terms,
        "questions": len(questions),
        "markdown_it_seconds": round(baseline, 3),
        "markdown_it_mb_per_s": round(megabytes / baseline, 2),
        "parse_notes_seconds": round(notes_s, 3),
        "parse_cards_seconds": round(cards_s, 3),
        "generate_seconds": round(questions_s, 3),
        "quizbot_seconds": round(total, 3),
        "quizbot_mb_per_s": round(megabytes / total, 2),
        "ratio_vs_markdown_it": round(total / baseline, 2),
    }
    print(f"synthetic book: {megabytes:.2f} MB, {len(book.chapters)} chapters, {terms} terms")
    print(f"markdown-it parse (baseline): {baseline:7.2f} s CPU  {megabytes / baseline:6.2f} MB/s")
    print(f"parse_notes:                  {notes_s:7.2f} s CPU")
    print(f"parse_cards:                  {cards_s:7.2f} s CPU")
    print(f"generate_questions:           {questions_s:7.2f} s CPU  ({len(questions)} questions)")
    print(f"quizbot total:                {total:7.2f} s CPU  {megabytes / total:6.2f} MB/s")
    print(f"quizbot takes {total / baseline:.1f}x a bare markdown-it parse of the same text")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
