"""Every line the terminal prints, in English and Korean: one table per language.

:mod:`bot.console` (``quizbot play``) and :mod:`bot.cli.reading` (``quizbot checkin``,
``quizbot progress``) print through :class:`bot.console.Terminal`, which picks the
table of the notes' language. Both tables have the same keys and the same blanks.
"""

from __future__ import annotations

__all__ = ["TEXT"]

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "welcome": "Playing as {name}{scope} · {count} questions · end input (Ctrl-D) to stop.",
        "scope": " · chapter {chapter}",
        "header": "[{n}/{total}] {chapter}",
        "chapter": "Chapter {number} - {title}",
        "typed": "(type your answer)",
        "bad_choice": "'{given}' is not a choice: answer with {letters}, 1–{count} or the "
        "text of a choice.",
        "empty": "Type an answer (an empty line is not one).",
        "skipped": "No valid answer: this question scores nothing.",
        "correct": "✔ Correct! +{points} points",
        "wrong": "✘ Wrong: {choice}",
        "late": "⏱ Too late: the question had closed.",
        "streak": " · streak {streak}",
        "answer": "Answer: {answer}",
        "source": "Source: {file}:{line}",
        "report_last": "That was the last question. Enter to finish, or report it as above.",
        "report_hint": "(Something wrong with it? Type: report wrong|unclear|choices|pointless|"
        "other [comment])",
        "report_reasons": "Report with a reason: report wrong|unclear|choices|pointless|other "
        "[comment]. Nothing was stored.",
        "report_too_long": "The comment is {length} characters long; at most {limit} fit. "
        "Nothing was stored.",
        "report_thanks": "Thank you: your report of the last question is noted.",
        "report_updated": "Thank you: your earlier report of the last question is updated.",
        "report_held": "Enough reports: the question is not asked again until reviewed.",
        "report_nothing": "There is no revealed question to report yet.",
        "milestone": "🔥 {name}: {days} quiz days in a row!",
        "summary": "Game over: {correct} of {answered} right, {points} points this game.",
        "stopped": "Input ended: stopping here.",
        "interrupted": "Interrupted (Ctrl-C): stopping here.",
        "board": "Leaderboard (all time, points)",
        "row": "{rank:>3}. {name}  {points} pts · {correct}/{answered} right · streak {streak}",
        "you": "You: #{rank} of {total}, {points} pts",
        "nobody": "Nobody has scored yet.",
        "no_questions": "There is nothing to ask in this scope.",
        # before the game
        "bad_count": "--questions must be 1 or more (got {count}).",
        "no_folder": "The content folder '{folder}' does not exist: put Markdown notes there "
        "or set QUIZBOT_CONTENT_DIR.",
        "not_folder": "The content folder '{folder}' is not a folder: set QUIZBOT_CONTENT_DIR "
        "to the folder of the notes.",
        "unreadable": "Cannot read the notes: {error}",
        "no_questions_made": "No questions could be made from the notes in '{folder}': add "
        "Markdown chapter notes (see the README's 'Notes format').{problems}",
        "problems": " Problems: {problems}",
        "bad_chapter": "There is no chapter {chapter} in the notes. Chapters: {chapters}.",
        "no_database": "Cannot open the database {url}: {error}",
        "no_input": "Standard input is closed: there is nowhere to read answers from.",
        "newer_database": "The database {url} was written by a newer quizbot (schema "
        "revision {revision}): upgrade quizbot to use it.",
        "none": "none",
        # quizbot checkin
        "saved": "Checked in as {name}: {chapter}, {status}.",
        "updated": "Updated {name}'s check-in: {chapter}, {status}.",
        "done": "done",
        "reading": "still reading",
        "note": "Note: {note}",
        "progress": "{name}: {done} of {total} chapter(s) done{reading}. "
        "Check-in streak: {streak} week(s) (best {best}).",
        "reading_list": ", reading {chapters}",
        "undone": "Removed {name}'s check-in for {chapter} ({status}).",
        "nothing": "{name} has no check-in to undo.",
        "no_chapter": "Give a chapter (number or title), or --undo.",
        "no_notes": "No chapters in the notes in '{folder}': nothing to check in to.",
        "unknown_chapter": "There is no chapter '{given}'. Chapters: {chapters}. "
        "Nothing was saved.",
        "note_too_long": "The note has {length} characters; keep it to {limit} or fewer. "
        "Nothing was saved.",
        # quizbot progress
        "goal": "Goal: {goal}",
        "chapters": "Chapters (✅ reached: quizzes ask it)",
        "done_by": "done: {names}",
        "reading_by": "reading: {names}",
        "common": "Most members are on {chapter}.",
        "members": "Members",
        "member_row": "  {name}: {done} done, on {on}, last check-in {date}",
        "finished": "nothing (all done)",
        "board_empty": "Nobody has checked in yet: quizbot checkin CHAPTER --as NAME",
        # quizbot practice
        "practice_welcome": "Practising as {name}{scope} · up to {count} questions · "
        "end input (Ctrl-D) to stop. Practice never changes points or the leaderboard.",
        "practice_header": "[{n}/{total}] {chapter} · {kind}",
        "practice_due": "review",
        "practice_new": "new",
        "practice_right": "✔ Right",
        "practice_wrong": "✘ Not quite: {choice}",
        "practice_next": "Next review: {when}",
        "practice_today": "today",
        "practice_tomorrow": "tomorrow",
        "practice_in_days": "in {days} days",
        "practice_never": "nothing scheduled",
        "practice_summary": "Practice done: {right} of {answered} right · still due: {due} · "
        "next review: {when}.",
        "practice_nothing": "Nothing to practise right now. Next review: {when}.",
        "practice_no_misses": "No wrong answers to review from the last {days} days.",
        "practice_not_reached": "Chapter {chapter} is beyond your reading so far: "
        "check in to it first (quizbot checkin {chapter} --as NAME).",
        "practice_bad_chapter": "There is no chapter {chapter}. Chapters: {chapters}.",
        "practice_bad_count": "--count must be 1 to {most} (got {count}).",
        "practice_stats": "{name}: due today {today} · this week {week} · reviewed {reviewed} · "
        "retention {retention} · practice streak {streak} day(s)",
        "practice_forecast": "Next 14 days: {days}",
        "practice_no_retention": "no reviews yet",
    },
    "ko": {
        "welcome": "{name} 님으로 플레이합니다{scope} · {count}문제 · 끝내려면 입력을 닫으세요"
        " (Ctrl-D).",
        "scope": " · {chapter}장",
        "header": "[{n}/{total}] {chapter}",
        "chapter": "{number}장 - {title}",
        "typed": "(답을 입력하세요)",
        "bad_choice": "'{given}'은(는) 보기가 아닙니다: {letters}, 1–{count} 또는 보기의 "
        "내용으로 답하세요.",
        "empty": "답을 입력하세요 (빈 줄은 답이 아닙니다).",
        "skipped": "올바른 답이 없어 이 문제는 점수가 없습니다.",
        "correct": "✔ 정답! +{points}점",
        "wrong": "✘ 오답: {choice}",
        "late": "⏱ 늦었습니다: 문제가 이미 마감되었습니다.",
        "streak": " · 연속 {streak}일",
        "answer": "정답: {answer}",
        "source": "출처: {file}:{line}",
        "report_last": "마지막 문제였습니다. Enter로 마치거나, 위처럼 신고하세요.",
        "report_hint": "(문제가 이상한가요? 입력: 신고 오답|불명확|보기|무의미|기타 [설명])",
        "report_reasons": "이유와 함께 신고하세요: 신고 오답|불명확|보기|무의미|기타 [설명]. "
        "아무것도 저장하지 않았습니다.",
        "report_too_long": "설명이 {length}자입니다. {limit}자까지만 됩니다. "
        "아무것도 저장하지 않았습니다.",
        "report_thanks": "고맙습니다. 방금 문제에 대한 신고를 받았습니다.",
        "report_updated": "고맙습니다. 방금 문제에 대한 이전 신고를 고쳤습니다.",
        "report_held": "신고가 충분히 모여 검토할 때까지 이 문제를 내지 않습니다.",
        "report_nothing": "아직 신고할 공개된 문제가 없습니다.",
        "milestone": "🔥 {name} 님, {days}일 연속 정답!",
        "summary": "게임 끝: {answered}문제 중 {correct}문제 정답, 이번 게임 {points}점.",
        "stopped": "입력이 끝나 여기서 멈춥니다.",
        "interrupted": "중단되어(Ctrl-C) 여기서 멈춥니다.",
        "board": "순위표 (전체 기간, 점수)",
        "row": "{rank:>3}. {name}  {points}점 · {answered}문제 중 {correct} 정답 · 연속 {streak}일",
        "you": "내 순위: {total}명 중 {rank}위, {points}점",
        "nobody": "아직 점수를 얻은 사람이 없습니다.",
        "no_questions": "이 범위에는 낼 문제가 없습니다.",
        # before the game
        "bad_count": "--questions 는 1 이상이어야 합니다 (받은 값: {count}).",
        "no_folder": "노트 폴더 '{folder}'가 없습니다: 그곳에 Markdown 노트를 두거나 "
        "QUIZBOT_CONTENT_DIR를 설정하세요.",
        "not_folder": "노트 폴더 '{folder}'는 폴더가 아닙니다: QUIZBOT_CONTENT_DIR를 노트 "
        "폴더로 설정하세요.",
        "unreadable": "노트를 읽을 수 없습니다: {error}",
        "no_questions_made": "'{folder}'의 노트로 만들 수 있는 문제가 없습니다: 장별 Markdown "
        "노트를 넣으세요 (README의 'Notes format' 참고).{problems}",
        "problems": " 문제점: {problems}",
        "bad_chapter": "노트에 {chapter}장이 없습니다. 장 목록: {chapters}.",
        "no_database": "데이터베이스 {url}을(를) 열 수 없습니다: {error}",
        "no_input": "표준 입력이 닫혀 있어 답을 읽을 곳이 없습니다.",
        "newer_database": "데이터베이스 {url}은(는) 더 새로운 quizbot이 쓴 것입니다 (스키마 "
        "리비전 {revision}): 쓰려면 quizbot을 업그레이드하세요.",
        "none": "없음",
        # quizbot checkin
        "saved": "{name} 님 체크인: {chapter}, {status}.",
        "updated": "{name} 님 체크인을 고쳤습니다: {chapter}, {status}.",
        "done": "다 읽음",
        "reading": "읽는 중",
        "note": "메모: {note}",
        "progress": "{name}: {total}장 중 {done}장 완독{reading}. "
        "체크인 연속 {streak}주 (최고 {best}주).",
        "reading_list": ", 읽는 중 {chapters}",
        "undone": "{name} 님의 {chapter} 체크인({status})을 지웠습니다.",
        "nothing": "{name} 님은 지울 체크인이 없습니다.",
        "no_chapter": "장(번호 또는 제목)을 쓰거나 --undo 를 쓰세요.",
        "no_notes": "'{folder}'의 노트에 장이 없습니다: 체크인할 수 없습니다.",
        "unknown_chapter": "'{given}'에 해당하는 장이 없습니다. 장 목록: {chapters}. "
        "아무것도 저장하지 않았습니다.",
        "note_too_long": "메모가 {length}자입니다: {limit}자 이하로 줄여 주세요. "
        "아무것도 저장하지 않았습니다.",
        # quizbot progress
        "goal": "목표: {goal}",
        "chapters": "장별 진도 (✅ 도달한 장: 퀴즈에 나옵니다)",
        "done_by": "완독: {names}",
        "reading_by": "읽는 중: {names}",
        "common": "가장 많은 멤버가 {chapter}을(를) 읽고 있습니다.",
        "members": "멤버",
        "member_row": "  {name}: {done}장 완독, 지금 {on}, 마지막 체크인 {date}",
        "finished": "없음 (모두 완독)",
        "board_empty": "아직 아무도 체크인하지 않았습니다: quizbot checkin 장 --as 이름",
        # quizbot practice
        "practice_welcome": "{name}님의 복습{scope} · 최대 {count}문제 · "
        "입력을 끝내면(Ctrl-D) 멈춥니다. 복습은 점수와 순위표에 영향을 주지 않습니다.",
        "practice_header": "[{n}/{total}] {chapter} · {kind}",
        "practice_due": "복습",
        "practice_new": "새 문제",
        "practice_right": "✔ 정답",
        "practice_wrong": "✘ 아쉬워요: {choice}",
        "practice_next": "다음 복습: {when}",
        "practice_today": "오늘",
        "practice_tomorrow": "내일",
        "practice_in_days": "{days}일 후",
        "practice_never": "예정 없음",
        "practice_summary": "복습 끝: {answered}문제 중 {right}문제 정답 · 남은 복습: {due}개 · "
        "다음 복습: {when}.",
        "practice_nothing": "지금은 복습할 문제가 없습니다. 다음 복습: {when}.",
        "practice_no_misses": "최근 {days}일 동안 틀린 문제가 없습니다.",
        "practice_not_reached": "{chapter}장은 아직 읽지 않은 장입니다: "
        "먼저 체크인해 주세요 (quizbot checkin {chapter} --as 이름).",
        "practice_bad_chapter": "{chapter}장은 없습니다. 있는 장: {chapters}.",
        "practice_bad_count": "--count는 1에서 {most} 사이여야 합니다 (입력: {count}).",
        "practice_stats": "{name}: 오늘 복습 {today} · 이번 주 {week} · 복습한 문제 {reviewed} · "
        "유지율 {retention} · 복습 연속 {streak}일",
        "practice_forecast": "앞으로 14일: {days}",
        "practice_no_retention": "아직 복습 없음",
    },
}
