"""Every user-facing sentence of the Discord bot, in Korean and English, in one place.

``text(key, lang, **values)`` picks the sentence for ``lang`` ("ko" or "en", English
when unknown) and fills in the values. :class:`QuizTranslator` gives discord.py the
Korean descriptions of slash commands and options; English is the source text.
"""

from __future__ import annotations

import discord
from discord import app_commands

__all__ = [
    "KO_DESCRIPTIONS",
    "MESSAGES",
    "QuizTranslator",
    "guild_language",
    "language_of",
    "text",
]

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ errors
    "error.generic": {
        "en": "Something went wrong on my side; it has been logged. Please try again.",
        "ko": "봇 쪽에서 문제가 생겼어요. 기록해 두었으니 다시 시도해 주세요.",
    },
    "error.unknown_command": {
        "en": "I do not know that command (any more). `/help` lists every command.",
        "ko": "모르는 명령어예요. `/help`에서 모든 명령어를 볼 수 있어요.",
    },
    "error.manage_guild": {
        "en": "Only members with the **Manage Server** permission can do this.",
        "ko": "**서버 관리** 권한이 있는 멤버만 할 수 있어요.",
    },
    "error.guild_only": {
        "en": "This command works only in a server channel.",
        "ko": "이 명령어는 서버 채널에서만 쓸 수 있어요.",
    },
    "error.cooldown": {
        "en": "Slow down a little: try again in {seconds:.0f} s.",
        "ko": "너무 빨라요. {seconds:.0f}초 뒤에 다시 해 주세요.",
    },
    # ------------------------------------------------------------------- setup
    "perm.view_channel": {"en": "View Channel", "ko": "채널 보기"},
    "perm.send_messages": {"en": "Send Messages", "ko": "메시지 보내기"},
    "perm.embed_links": {"en": "Embed Links", "ko": "링크 첨부"},
    "setup.no_permission": {
        "en": "I cannot post in {channel}: I need **{missing}** there. "
        "Give me those permissions and run the setup again.",
        "ko": "{channel}에 글을 올릴 수 없어요: **{missing}** 권한이 필요해요. "
        "권한을 준 뒤 다시 설정해 주세요.",
    },
    "setup.done": {
        "en": "Quiz scheduled in {channel}: {time} {timezone}, {days}, "
        "{questions} question(s), answers open {window} h. Next quiz: {next}.",
        "ko": "{channel}에 퀴즈를 예약했어요: {time} {timezone}, {days}, "
        "{questions}문제, 답변 {window}시간. 다음 퀴즈: {next}.",
    },
    "channel.not_configured": {
        "en": "No quiz is scheduled in {channel}. An admin can start one with `/quiz setup`.",
        "ko": "{channel}에는 예약된 퀴즈가 없어요. 관리자가 `/quiz setup`으로 만들 수 있어요.",
    },
    "pause.done": {
        "en": "Quizzes in {channel} are paused. `/quiz resume` starts them again.",
        "ko": "{channel}의 퀴즈를 멈췄어요. `/quiz resume`으로 다시 시작해요.",
    },
    "resume.done": {
        "en": "Quizzes in {channel} are running again. Next quiz: {next}.",
        "ko": "{channel}의 퀴즈를 다시 시작했어요. 다음 퀴즈: {next}.",
    },
    "now.posted": {
        "en": "Posted a quiz in {channel}.",
        "ko": "{channel}에 퀴즈를 올렸어요.",
    },
    "now.just_posted": {
        "en": "A quiz was just posted in {channel}: {link}. Nothing new was posted; "
        "`/quiz now` posts another one a minute after the last.",
        "ko": "{channel}에 방금 퀴즈가 올라왔어요: {link}. 새로 올리지 않았어요. "
        "마지막 퀴즈 1분 뒤부터 `/quiz now`로 하나 더 올릴 수 있어요.",
    },
    "now.just_claimed": {
        "en": "A quiz for {channel} was started moments ago and is on its way. "
        "Nothing new was posted.",
        "ko": "{channel}의 퀴즈를 방금 시작해서 곧 올라와요. 새로 올리지 않았어요.",
    },
    "now.refused": {
        "en": "Discord refused the quiz in {channel}: check my permissions there "
        "(View Channel, Send Messages, Embed Links). I will try again in a minute.",
        "ko": "Discord가 {channel}에 퀴즈를 올리지 못하게 했어요. 그 채널의 권한"
        "(채널 보기, 메시지 보내기, 링크 첨부)을 확인해 주세요. 1분 뒤에 다시 시도할게요.",
    },
    "now.no_questions": {
        "en": "There is no question to ask in {channel}'s chapters. "
        "Check `/quiz chapters` or add notes to the content folder and `/quiz reload`.",
        "ko": "{channel}의 범위에는 낼 문제가 없어요. "
        "`/quiz chapters`를 확인하거나 노트를 추가하고 `/quiz reload` 해 주세요.",
    },
    # ----------------------------------------------------------------- reload
    "reload.done": {
        "en": "Reloaded the notes: {questions} questions from {books} file(s). "
        "{added} new, {updated} changed, {retired} retired ({total} in use).",
        "ko": "노트를 다시 읽었어요: 파일 {books}개에서 문제 {questions}개. "
        "새 문제 {added}개, 바뀐 문제 {updated}개, 빠진 문제 {retired}개 (사용 중 {total}개).",
    },
    "reload.deferred": {
        "en": "{count} changed question(s) are in open quizzes: they stay as shown until "
        "those close, and the next reload applies them.",
        "ko": "바뀐 문제 {count}개는 진행 중인 퀴즈에 나와 있어서, 퀴즈가 끝날 때까지 그대로 두고 "
        "다음 reload 때 반영해요.",
    },
    "reload.kept": {
        "en": "⚠️ The notes gave no questions at all (is QUIZBOT_CONTENT_DIR right?): the "
        "{total} questions in use are kept as they were.",
        "ko": "⚠️ 노트에서 문제를 하나도 얻지 못했어요 (QUIZBOT_CONTENT_DIR가 맞나요?): 사용 중인 "
        "문제 {total}개를 그대로 두었어요.",
    },
    "reload.spared": {
        "en": "⚠️ {count} question(s) of files that could not be read are kept, not retired.",
        "ko": "⚠️ 읽지 못한 파일의 문제 {count}개는 빼지 않고 그대로 두었어요.",
    },
    "reload.warnings": {
        "en": "{count} warning(s), for example:",
        "ko": "경고 {count}개, 예를 들면:",
    },
    "reload.errors": {
        "en": "{count} file(s) could not be read:",
        "ko": "읽지 못한 파일 {count}개:",
    },
    # --------------------------------------------------------------- chapters
    "chapters.scope_all": {"en": "all chapters", "ko": "모든 장"},
    "chapters.current": {
        "en": "{channel} asks: **{scope}**.",
        "ko": "{channel}의 출제 범위: **{scope}**.",
    },
    "chapters.available": {"en": "Chapters in the notes:", "ko": "노트에 있는 장:"},
    "chapters.none_loaded": {
        "en": "No chapters are loaded yet.",
        "ko": "아직 읽어 들인 장이 없어요.",
    },
    "chapters.set": {
        "en": "{channel} now asks: **{scope}**.",
        "ko": "이제 {channel}의 출제 범위는 **{scope}**예요.",
    },
    "chapters.bad": {
        "en": "I could not read `{given}`: write `default` (follow the group's reading), "
        "`all`, or chapter numbers like `1,3` or `2-4`.",
        "ko": "`{given}`을(를) 이해하지 못했어요: `default`(모임의 읽기 진도를 따름), `all`, "
        "또는 `1,3`, `2-4`처럼 장 번호를 써 주세요.",
    },
    "chapters.unknown": {
        "en": "The notes have no chapter {numbers}. Chapters: {known}.",
        "ko": "노트에 {numbers}장이 없어요. 있는 장: {known}.",
    },
    # ----------------------------------------------------------------- status
    "status.title": {"en": "Quiz status", "ko": "퀴즈 현황"},
    "status.none": {
        "en": "No quiz is scheduled in this server yet. An admin can use `/quiz setup`.",
        "ko": "이 서버에는 아직 예약된 퀴즈가 없어요. 관리자가 `/quiz setup`을 쓸 수 있어요.",
    },
    "status.channel": {
        "en": "{days} at {time} ({timezone}), {questions} question(s), open {window} h\n"
        "Next quiz: {next}\nChapters: {scope}\nQuestions never asked here: {unasked} of {total}",
        "ko": "{days} {time} ({timezone}), {questions}문제, 답변 {window}시간\n"
        "다음 퀴즈: {next}\n범위: {scope}\n아직 안 낸 문제: {total}개 중 {unasked}개",
    },
    "status.paused": {"en": "paused", "ko": "멈춤"},
    "status.open_runs": {"en": "Open quizzes", "ko": "진행 중인 퀴즈"},
    "status.open_run": {
        "en": "{link} closes at {time}",
        "ko": "{link} {time}에 마감",
    },
    # ---------------------------------------------------------------- the run
    "run.title": {"en": "Quiz · {chapter}", "ko": "퀴즈 · {chapter}"},
    "run.footer_choices": {
        "en": "Pick one: your first answer is final. Results at {time} ({timezone}).",
        "ko": "하나를 고르세요. 첫 답이 최종이에요. 결과는 {time} ({timezone}).",
    },
    "run.footer_typed": {
        "en": "Press Answer and type it: your first answer is final. "
        "Results at {time} ({timezone}).",
        "ko": "답하기를 눌러 입력하세요. 첫 답이 최종이에요. 결과는 {time} ({timezone}).",
    },
    "run.answer_button": {"en": "Answer", "ko": "답하기"},
    "run.modal_title": {"en": "Your answer", "ko": "내 답"},
    "run.modal_label": {"en": "Answer", "ko": "답"},
    "answer.locked": {
        "en": "Locked in: **{choice}**. The result comes at {time} ({timezone}).",
        "ko": "**{choice}**(으)로 제출했어요. 결과는 {time} ({timezone})에 나와요.",
    },
    "answer.already": {
        "en": "You already answered **{choice}**; the first answer is final.",
        "ko": "이미 **{choice}**(으)로 답했어요. 첫 답이 최종이에요.",
    },
    "answer.closed": {
        "en": "This quiz has closed; answers are no longer taken.",
        "ko": "이 퀴즈는 마감되었어요. 더 이상 답을 받지 않아요.",
    },
    # ------------------------------------------------------------- reporting
    "report.button": {"en": "Report", "ko": "신고"},
    "report.title": {"en": "Report this question", "ko": "이 문제 신고하기"},
    "report.reason_label": {"en": "What is wrong with it?", "ko": "무엇이 문제인가요?"},
    "report.comment_label": {
        "en": "Comment (optional, 300 characters at most)",
        "ko": "설명 (선택, 300자 이하)",
    },
    "report.reason.wrong": {"en": "Wrong answer", "ko": "정답이 틀림"},
    "report.reason.unclear": {"en": "Unclear", "ko": "문제가 불명확함"},
    "report.reason.choices": {"en": "Bad choices", "ko": "보기가 이상함"},
    "report.reason.pointless": {"en": "Not worth asking", "ko": "낼 가치가 없음"},
    "report.reason.other": {"en": "Other", "ko": "기타"},
    "report.thanks": {
        "en": "Thank you: your report is noted. Only the server's admins see it.",
        "ko": "고마워요. 신고를 받았어요. 서버 관리자만 볼 수 있어요.",
    },
    "report.updated": {
        "en": "Thank you: your earlier report of this question is updated.",
        "ko": "고마워요. 이 문제에 대한 이전 신고를 고쳤어요.",
    },
    "report.next": {
        "en": "When {threshold} members report a question, it is no longer asked here "
        "until an admin reviews it with `/quiz review`.",
        "ko": "{threshold}명이 신고한 문제는 관리자가 `/quiz review`로 검토할 때까지 "
        "이 서버에서 내지 않아요.",
    },
    "report.held": {
        "en": "Enough members reported it: this question is no longer asked here until an "
        "admin reviews it with `/quiz review`. Points already earned stay.",
        "ko": "신고가 충분히 모였어요. 관리자가 `/quiz review`로 검토할 때까지 이 문제는 "
        "이 서버에서 내지 않아요. 이미 받은 점수는 그대로예요.",
    },
    "report.no_reason": {
        "en": "Please pick a reason for the report; nothing was stored.",
        "ko": "신고 이유를 골라 주세요. 아무것도 저장하지 않았어요.",
    },
    "report.too_long": {
        "en": "The comment is {length} characters long; at most {limit} fit. "
        "Nothing was stored: please shorten it and report again.",
        "ko": "설명이 {length}자예요. {limit}자까지만 돼요. "
        "아무것도 저장하지 않았으니 줄여서 다시 신고해 주세요.",
    },
    # --------------------------------------------------------------- review
    "status.review_waiting": {
        "en": "🚩 {count} question(s) wait for review: see `/quiz review`.",
        "ko": "🚩 검토를 기다리는 문제가 {count}개 있어요. `/quiz review`에서 볼 수 있어요.",
    },
    "review.title": {"en": "Question {page} of {pages}", "ko": "문제 {page}/{pages}"},
    "review.intro": {
        "en": "{total} question(s) wait for review, most reported first. "
        "**Retire**: never asked here again. **Keep**: reports cleared, asked again.",
        "ko": "검토할 문제 {total}개, 신고가 많은 순서예요. "
        "**퇴출**: 이 서버에서 다시 내지 않아요. **유지**: 신고를 지우고 다시 내요.",
    },
    "review.intro_retired": {
        "en": "{total} retired question(s). **Restore** asks one here again.",
        "ko": "퇴출된 문제 {total}개. **복원**하면 이 서버에서 다시 내요.",
    },
    "review.empty": {
        "en": "No question waits for review in this server.",
        "ko": "이 서버에는 검토할 문제가 없어요.",
    },
    "review.none_retired": {
        "en": "No question is retired in this server.",
        "ko": "이 서버에서 퇴출된 문제가 없어요.",
    },
    "review.changed": {
        "en": "{count} question(s) came back to the quizzes because their notes changed; "
        "their reports were cleared: {prompts}",
        "ko": "노트가 바뀌어 {count}개 문제가 다시 출제돼요. 신고는 지웠어요: {prompts}",
    },
    "review.status": {"en": "Status", "ko": "상태"},
    "review.status.held": {
        "en": "Held back: not asked here until reviewed ({count} reports)",
        "ko": "보류: 검토할 때까지 내지 않아요 (신고 {count}건)",
    },
    "review.status.reported": {
        "en": "Reported {count} time(s), still asked",
        "ko": "신고 {count}건, 아직 출제 중",
    },
    "review.status.flagged": {
        "en": "Not reported: its statistics call it misleading",
        "ko": "신고는 없지만 통계상 헷갈리는 문제예요",
    },
    "review.status.retired": {"en": "Retired in this server", "ko": "이 서버에서 퇴출됨"},
    "review.flag.too_easy": {"en": "too easy", "ko": "너무 쉬움"},
    "review.flag.misleading": {"en": "misleading", "ko": "헷갈림"},
    "review.flag.reported": {"en": "reported", "ko": "신고됨"},
    "review.reasons": {"en": "Reasons", "ko": "신고 이유"},
    "review.comments": {"en": "Comments", "ko": "설명"},
    "review.statistics": {"en": "Statistics", "ko": "통계"},
    "review.stats": {
        "en": "Asked {asked} time(s), {answers} answers, {right} right, "
        "discrimination {discrimination}",
        "ko": "출제 {asked}번, 답 {answers}개, 정답률 {right}, 변별도 {discrimination}",
    },
    "review.wrong_choices": {"en": "Wrong choices: {shares}", "ko": "오답 선택: {shares}"},
    "review.button.retire": {"en": "Retire", "ko": "퇴출"},
    "review.button.keep": {"en": "Keep", "ko": "유지"},
    "review.button.skip": {"en": "Skip", "ko": "건너뛰기"},
    "review.button.restore": {"en": "Restore", "ko": "복원"},
    "review.done.retire": {
        "en": "Retired: it is no longer asked in this server.",
        "ko": "퇴출했어요. 이 서버에서 더 이상 내지 않아요.",
    },
    "review.done.keep": {
        "en": "Kept: its reports are cleared and it is asked again.",
        "ko": "유지했어요. 신고를 지우고 다시 내요.",
    },
    "review.done.restore": {
        "en": "Restored: it is asked in this server again.",
        "ko": "복원했어요. 이 서버에서 다시 내요.",
    },
    "review.done.nothing": {
        "en": "Nothing changed: that question was already decided or is gone.",
        "ko": "바뀐 것이 없어요. 이미 처리됐거나 없는 문제예요.",
    },
    "interaction.stale": {
        "en": "This button or form is no longer active.",
        "ko": "이 버튼이나 입력 창은 더 이상 쓸 수 없어요.",
    },
    "answer.unknown": {
        "en": "This quiz no longer exists.",
        "ko": "이 퀴즈는 더 이상 없어요.",
    },
    "answer.empty": {
        "en": "The answer was empty, so nothing was recorded. Press Answer to try again.",
        "ko": "답이 비어 있어서 기록하지 않았어요. 답하기를 다시 눌러 주세요.",
    },
    # ----------------------------------------------------------------- reveal
    "reveal.title": {"en": "Closed · {chapter}", "ko": "마감 · {chapter}"},
    "reveal.answer": {"en": "Answer", "ko": "정답"},
    "reveal.explanation": {"en": "Why", "ko": "설명"},
    "reveal.source": {"en": "Source", "ko": "출처"},
    "reveal.source_value": {"en": "{file}, line {line}", "ko": "{file}, {line}번째 줄"},
    "reveal.counts": {"en": "Answers", "ko": "선택 수"},
    "reveal.right": {"en": "Right ({count})", "ko": "정답자 ({count})"},
    "reveal.nobody": {"en": "nobody", "ko": "없음"},
    "reveal.fastest": {"en": "Fastest", "ko": "가장 빠른 정답"},
    "reveal.fastest_value": {"en": "{name} in {seconds:.1f} s", "ko": "{name} ({seconds:.1f}초)"},
    "reveal.no_answers": {"en": "Nobody answered.", "ko": "아무도 답하지 않았어요."},
    "reveal.milestone": {
        "en": "🔥 {name} answered right {days} quiz days in a row!",
        "ko": "🔥 {name} 님이 {days}일 연속으로 맞혔어요!",
    },
    # ------------------------------------------------------------ leaderboard
    "lb.title": {
        "en": "Leaderboard · {period} · {metric}",
        "ko": "순위표 · {period} · {metric}",
    },
    "lb.period.all": {"en": "all time", "ko": "전체"},
    "lb.period.week": {"en": "this week", "ko": "이번 주"},
    "lb.period.month": {"en": "this month", "ko": "이번 달"},
    "lb.metric.points": {"en": "points", "ko": "점수"},
    "lb.metric.streak": {"en": "streak", "ko": "연속 정답"},
    "lb.metric.accuracy": {"en": "accuracy", "ko": "정답률"},
    "lb.row": {
        "en": "**{rank}.** {name}: {points} pts, {correct}/{answered} right, streak {streak}",
        "ko": "**{rank}.** {name}: {points}점, {answered}문제 중 {correct}개 정답, 연속 {streak}일",
    },
    "lb.empty": {
        "en": "Nobody has answered a quiz yet.",
        "ko": "아직 아무도 퀴즈에 답하지 않았어요.",
    },
    "lb.me": {"en": "Your rank", "ko": "내 순위"},
    "lb.me_none": {
        "en": "You are not ranked yet: answer a quiz to join.",
        "ko": "아직 순위가 없어요. 퀴즈에 답하면 들어가요.",
    },
    "lb.me_of": {"en": "Rank of {name}", "ko": "{name} 님의 순위"},
    "lb.me_none_of": {
        "en": "{name} is not ranked yet: answering a quiz joins the board.",
        "ko": "{name} 님은 아직 순위가 없어요. 퀴즈에 답하면 들어가요.",
    },
    "lb.footer_public": {
        "en": " · Previous/Next show you the pages privately, with your own rank",
        "ko": " · 이전/다음을 누르면 내 순위와 함께 나에게만 보여요",
    },
    "lb.footer": {
        "en": "Page {page} of {pages} · {members} member(s)",
        "ko": "{pages}쪽 중 {page}쪽 · {members}명",
    },
    "lb.previous": {"en": "Previous", "ko": "이전"},
    "lb.next": {"en": "Next", "ko": "다음"},
    # ------------------------------------------------------------------ stats
    "stats.title": {"en": "Stats · {name}", "ko": "통계 · {name}"},
    "stats.none": {
        "en": "{name} has not answered a quiz here yet.",
        "ko": "{name} 님은 아직 이 서버에서 퀴즈에 답하지 않았어요.",
    },
    "stats.points": {"en": "Points", "ko": "점수"},
    "stats.accuracy": {"en": "Accuracy", "ko": "정답률"},
    "stats.accuracy_value": {
        "en": "{percent:.0f}% ({correct}/{answered})",
        "ko": "{percent:.0f}% ({answered}문제 중 {correct}개)",
    },
    "stats.streak": {"en": "Streak", "ko": "연속 정답"},
    "stats.streak_value": {
        "en": "{current} now, best {best}",
        "ko": "현재 {current}일, 최고 {best}일",
    },
    "stats.rank": {"en": "Rank", "ko": "순위"},
    "stats.chapters": {"en": "Answers per chapter", "ko": "장별 답변"},
    "stats.chapter_row": {
        "en": "{title}: {correct}/{answered} right",
        "ko": "{title}: {answered}문제 중 {correct}개 정답",
    },
    # ------------------------------------------------------------------- help
    "help.title": {"en": "quizbot commands", "ko": "quizbot 명령어"},
    "help.intro": {
        "en": "Daily quizzes from the group's chapter notes. "
        "Commands marked 🔒 need the Manage Server permission.",
        "ko": "모임의 장별 노트로 매일 퀴즈를 내요. 🔒 표시는 서버 관리 권한이 필요해요.",
    },
    # ---------------------------------------------------------------- reading
    "checkin.saved": {
        "en": "Checked in: **{chapter}**, {status}.",
        "ko": "체크인했어요: **{chapter}**, {status}.",
    },
    "checkin.updated": {
        "en": "Updated your check-in: **{chapter}**, {status}.",
        "ko": "체크인을 고쳤어요: **{chapter}**, {status}.",
    },
    "checkin.status.done": {"en": "done", "ko": "다 읽음"},
    "checkin.status.reading": {"en": "still reading", "ko": "읽는 중"},
    "checkin.note": {"en": "Note: {note}", "ko": "메모: {note}"},
    "checkin.progress": {
        "en": "Your progress: {done} of {total} chapter(s) done{reading}. "
        "Check-in streak: {streak} week(s) (best {best}).",
        "ko": "내 진도: {total}장 중 {done}장 완독{reading}. "
        "체크인 연속 {streak}주 (최고 {best}주).",
    },
    "checkin.progress_of": {
        "en": "{name}'s progress: {done} of {total} chapter(s) done{reading}. "
        "Check-in streak: {streak} week(s) (best {best}).",
        "ko": "{name}님의 진도: {total}장 중 {done}장 완독{reading}. "
        "체크인 연속 {streak}주 (최고 {best}주).",
    },
    "checkin.reading_list": {"en": ", reading {chapters}", "ko": ", 읽는 중 {chapters}"},
    "checkin.unknown": {
        "en": "I do not know the chapter `{given}`. Chapters: {known}",
        "ko": "`{given}` 장을 찾지 못했어요. 있는 장: {known}",
    },
    "checkin.no_chapters": {
        "en": "No chapters are loaded yet, so there is nothing to check in to.",
        "ko": "아직 읽어 들인 장이 없어서 체크인할 수 없어요.",
    },
    "checkin.note_too_long": {
        "en": "The note has {length} characters; keep it to {limit} or fewer. Nothing was saved.",
        "ko": "메모가 {length}자예요. {limit}자 이하로 줄여 주세요. 아무것도 저장하지 않았어요.",
    },
    "checkin.undone": {
        "en": "Removed your check-in for **{chapter}** ({status}).",
        "ko": "**{chapter}** 체크인({status})을 지웠어요.",
    },
    "checkin.nothing": {
        "en": "You have no check-in to undo.",
        "ko": "지울 체크인이 없어요.",
    },
    "progress.title": {"en": "Reading progress", "ko": "읽기 진도"},
    "progress.goal": {"en": "Goal: {goal}", "ko": "목표: {goal}"},
    "progress.chapters": {"en": "Chapters", "ko": "장별 진도"},
    "progress.done_by": {"en": "done: {names}", "ko": "완독: {names}"},
    "progress.common": {
        "en": "Most members are on **{chapter}**.",
        "ko": "가장 많은 멤버가 **{chapter}**을(를) 읽고 있어요.",
    },
    "progress.members": {"en": "Members", "ko": "멤버"},
    "progress.member_row": {
        "en": "{name}: {done} done, on {on}, last check-in {date}",
        "ko": "{name}: {done}장 완독, 지금 {on}, 마지막 체크인 {date}",
    },
    "progress.finished": {"en": "nothing (all done)", "ko": "없음 (모두 완독)"},
    "progress.empty": {
        "en": "Nobody has checked in yet: `/checkin set` records how far you have read.",
        "ko": "아직 아무도 체크인하지 않았어요. `/checkin set`으로 진도를 남겨 주세요.",
    },
    "progress.footer": {
        "en": "Page {page} of {pages} · ✅ reached: quizzes ask it",
        "ko": "{pages}쪽 중 {page}쪽 · ✅ 도달한 장: 퀴즈에 나와요",
    },
    "progress.member_title": {"en": "Progress · {name}", "ko": "진도 · {name}"},
    "progress.member_none": {
        "en": "{name} has not checked in yet.",
        "ko": "{name} 님은 아직 체크인하지 않았어요.",
    },
    "progress.done": {"en": "Done", "ko": "완독"},
    "progress.reading": {"en": "Reading", "ko": "읽는 중"},
    "progress.none": {"en": "none", "ko": "없음"},
    "progress.last": {"en": "Last check-in", "ko": "마지막 체크인"},
    "progress.streak": {"en": "Check-in streak", "ko": "체크인 연속"},
    "progress.streak_value": {
        "en": "{current} week(s) now, best {best}",
        "ko": "현재 {current}주, 최고 {best}주",
    },
    "reading.setup_done": {
        "en": "Reading reminders in {channel}: {days} at {time} ({timezone}). "
        "Next reminder: {next}.",
        "ko": "{channel}에 읽기 알림을 예약했어요: {days} {time} ({timezone}). 다음 알림: {next}.",
    },
    "reading.remind_on": {
        "en": "Reminders will mention you while you have not checked in.",
        "ko": "체크인하지 않았을 때 알림에서 멘션해 드릴게요.",
    },
    "reading.remind_off": {
        "en": "Reminders will show your name without pinging you.",
        "ko": "알림에 이름만 보이고 멘션하지 않을게요.",
    },
    "reminder.title": {"en": "Reading check-in", "ko": "읽기 체크인"},
    "reminder.chapter": {
        "en": "Chapter of the week: **{chapter}**\nHow far are you? Click below or use "
        "`/checkin set`.",
        "ko": "이번 주의 장: **{chapter}**\n어디까지 읽었나요? 아래 버튼이나 `/checkin set`으로 "
        "알려 주세요.",
    },
    "reminder.all_done": {
        "en": "Everyone has finished every chapter. 🎉",
        "ko": "모두 모든 장을 다 읽었어요. 🎉",
    },
    "reminder.missing": {
        "en": "Not checked in since the last reminder: {names}",
        "ko": "지난 알림 뒤로 체크인하지 않은 멤버: {names}",
    },
    "reminder.everyone": {
        "en": "Everyone has checked in since the last reminder.",
        "ko": "지난 알림 뒤로 모두 체크인했어요.",
    },
    "reminder.done": {"en": "Done", "ko": "다 읽었어요"},
    "reminder.reading": {"en": "Still reading", "ko": "아직 읽는 중"},
    "summary.title": {"en": "Week of {week}", "ko": "{week} 주간 요약"},
    "summary.finished": {"en": "Finished", "ko": "완독"},
    "summary.nobody": {"en": "Nobody finished a chapter.", "ko": "완독한 장이 없어요."},
    "summary.top": {"en": "Quiz top 3", "ko": "퀴즈 TOP 3"},
    "summary.top_row": {"en": "{rank}. {name}: {points} pts", "ko": "{rank}. {name}: {points}점"},
    "summary.no_quiz": {"en": "No quiz points.", "ko": "퀴즈 점수가 없어요."},
    "chapters.scope_reached": {
        "en": "the chapters the group has reached: {chapters}",
        "ko": "모임이 읽은 장: {chapters}",
    },
    "chapters.scope_unlisted": {
        "en": "following the reading (the notes list no chapters, so every question)",
        "ko": "읽기 진도를 따라요 (노트에 장이 없어 모든 문제)",
    },
    "chapters.scope_fallback": {
        "en": "following the reading: no chapter is reached yet, so {chapter} until then",
        "ko": "읽기 진도를 따라요: 아직 도달한 장이 없어 그때까지 {chapter}",
    },
    "chapters.scope_next": {
        "en": " (next: {chapter}, once {needed} more member(s) finish it)",
        "ko": " (다음: {chapter}, {needed}명이 더 완독하면)",
    },
    "stats.checkin_streak": {"en": "Check-in streak", "ko": "체크인 연속"},
    "reading.stopped": {
        "en": "No more reading reminders in {channel}.",
        "ko": "{channel}의 읽기 알림을 껐어요.",
    },
    "reading.not_set": {
        "en": "{channel} has no reading reminders. `/reading setup` starts them.",
        "ko": "{channel}에는 읽기 알림이 없어요. `/reading setup`으로 시작해요.",
    },
    # ---------------------------------------------------------------- practice
    "practice.title": {
        "en": "Practice {number}/{count} · {chapter}",
        "ko": "복습 {number}/{count} · {chapter}",
    },
    "practice.title_new": {
        "en": "Practice {number}/{count} · {chapter} · new",
        "ko": "복습 {number}/{count} · {chapter} · 새 문제",
    },
    "practice.footer": {
        "en": "Only you see this. Practice never changes points or the leaderboard.",
        "ko": "나만 보여요. 복습은 점수와 순위표에 영향을 주지 않아요.",
    },
    "practice.right": {"en": "✅ Right", "ko": "✅ 정답"},
    "practice.wrong": {"en": "❌ Not quite: {choice}", "ko": "❌ 아쉬워요: {choice}"},
    "practice.already": {
        "en": "You already answered this one; it counts once.",
        "ko": "이미 답한 문제예요. 한 번만 반영돼요.",
    },
    "practice.next_review": {"en": "Next review", "ko": "다음 복습"},
    "practice.in_days": {"en": "in {days} days", "ko": "{days}일 후"},
    "practice.tomorrow": {"en": "tomorrow", "ko": "내일"},
    "practice.today": {"en": "today", "ko": "오늘"},
    "practice.next_button": {"en": "Next", "ko": "다음"},
    "practice.summary_title": {"en": "Practice done", "ko": "복습 끝"},
    "practice.summary": {
        "en": "Right: **{right}/{answered}**. Still due: **{due}**. Next review: {next}.",
        "ko": "정답: **{right}/{answered}**. 남은 복습: **{due}**개. 다음 복습: {next}.",
    },
    "practice.nothing_next": {"en": "nothing scheduled", "ko": "예정 없음"},
    "practice.nothing": {
        "en": "Nothing to practise right now. Next review: {next}.",
        "ko": "지금은 복습할 문제가 없어요. 다음 복습: {next}.",
    },
    "practice.no_misses": {
        "en": "No wrong answers to review from the last {days} days.",
        "ko": "최근 {days}일 동안 틀린 문제가 없어요.",
    },
    "practice.not_reached": {
        "en": "Chapter {chapter} is beyond your reading so far: check in to it first.",
        "ko": "{chapter}장은 아직 읽지 않은 장이에요. 먼저 체크인해 주세요.",
    },
    "practice.unknown_chapter": {
        "en": "There is no chapter {chapter}. Chapters: {chapters}.",
        "ko": "{chapter}장은 없어요. 있는 장: {chapters}.",
    },
    "practice.bad_count": {
        "en": "A practice session has 1 to {most} questions.",
        "ko": "복습은 한 번에 1~{most}문제까지예요.",
    },
    "practice.gone": {
        "en": "This question is no longer in the notes. Start again with `/practice start`.",
        "ko": "이 문제는 노트에서 빠졌어요. `/practice start`로 다시 시작해 주세요.",
    },
    "practice.stats_title": {"en": "Practice · {name}", "ko": "복습 · {name}"},
    "practice.due_today": {"en": "Due today", "ko": "오늘 복습"},
    "practice.due_week": {"en": "Due this week", "ko": "이번 주 복습"},
    "practice.reviewed": {"en": "Questions reviewed", "ko": "복습한 문제"},
    "practice.retention": {"en": "Retention estimate", "ko": "기억 유지율 추정"},
    "practice.retention_none": {"en": "no reviews yet", "ko": "아직 복습 없음"},
    "practice.streak": {"en": "Practice streak", "ko": "복습 연속"},
    "practice.streak_value": {"en": "{days} day(s)", "ko": "{days}일"},
    "practice.forecast": {"en": "Next 14 days", "ko": "앞으로 14일"},
    "practice.retention_set": {
        "en": "Desired retention for practice is now {value:.2f}.",
        "ko": "복습 목표 유지율을 {value:.2f}(으)로 정했어요.",
    },
    "practice.reminder_title": {
        "en": "📚 Practice is due today. `/practice start` (only you see it):",
        "ko": "📚 오늘 복습할 문제가 있어요. `/practice start` (나만 보여요):",
    },
    "practice.reminder_line": {
        "en": "{mention}: {count} question(s)",
        "ko": "{mention}: {count}문제",
    },
    "practice.remind_on": {
        "en": "I will mention you here at {time} ({timezone}) on days with practice due.",
        "ko": "복습할 문제가 있는 날 {time} ({timezone})에 여기서 알려 드릴게요.",
    },
    "practice.remind_off": {
        "en": "No more practice reminders.",
        "ko": "복습 알림을 껐어요.",
    },
    "practice.bad_retention": {
        "en": "Desired retention must be between {low:.2f} and {high:.2f}.",
        "ko": "목표 유지율은 {low:.2f}에서 {high:.2f} 사이여야 해요.",
    },
    # ------------------------------------------------------------------- notes
    "notes.error.not_https": {
        "en": "Only `https://` repository URLs can be used: `{detail}` is not one. "
        "Nothing was changed.",
        "ko": "`https://` 저장소 주소만 쓸 수 있어요: `{detail}`는 아니에요. "
        "아무것도 바꾸지 않았어요.",
    },
    "notes.error.bad_branch": {
        "en": "`{detail}` is not a branch name I can use. Nothing was changed.",
        "ko": "`{detail}`는 쓸 수 있는 브랜치 이름이 아니에요. 아무것도 바꾸지 않았어요.",
    },
    "notes.error.bad_folder": {
        "en": "`{detail}` is not a folder inside the repository. Nothing was changed.",
        "ko": "`{detail}`는 저장소 안의 폴더가 아니에요. 아무것도 바꾸지 않았어요.",
    },
    "notes.error.timeout": {
        "en": "Fetching the repository took too long ({detail}).",
        "ko": "저장소를 가져오는 데 너무 오래 걸렸어요 ({detail}).",
    },
    "notes.error.fetch_failed": {
        "en": "The repository could not be fetched: {detail}",
        "ko": "저장소를 가져오지 못했어요: {detail}",
    },
    "notes.error.too_large": {
        "en": "The repository is too large ({detail}).",
        "ko": "저장소가 너무 커요 ({detail}).",
    },
    "notes.error.too_many_files": {
        "en": "The notes have too many files ({detail}).",
        "ko": "노트 파일이 너무 많아요 ({detail}).",
    },
    "notes.error.no_notes": {
        "en": "No quiz questions were found in the notes ({detail}).",
        "ko": "노트에서 퀴즈 문제를 찾지 못했어요 ({detail}).",
    },
    "notes.error.bad_file": {
        "en": "This file cannot be used as notes: {detail}. Upload a UTF-8 `.md` or `.yaml` file.",
        "ko": "이 파일은 노트로 쓸 수 없어요: {detail}. "
        "UTF-8 `.md` 또는 `.yaml` 파일을 올려 주세요.",
    },
    "notes.error.file_too_large": {
        "en": "The file is too large ({detail}).",
        "ko": "파일이 너무 커요 ({detail}).",
    },
    "notes.error.not_stored": {
        "en": "The notes could not be written to the bot's data folder ({detail}).",
        "ko": "노트를 봇의 데이터 폴더에 쓰지 못했어요 ({detail}).",
    },
    "notes.error.no_such_file": {
        "en": "There is no uploaded file named `{detail}`; `/notes list` shows them.",
        "ko": "`{detail}`라는 올린 파일이 없어요. `/notes list`에서 확인해 주세요.",
    },
    "notes.error.not_uploader": {
        "en": "Only members with **Manage Server** or the uploaders role "
        "can change the notes files.",
        "ko": "**서버 관리** 권한이나 업로더 역할이 있는 멤버만 노트 파일을 바꿀 수 있어요.",
    },
    "notes.error.download": {
        "en": "I could not download the attachment. Please try again.",
        "ko": "첨부 파일을 내려받지 못했어요. 다시 시도해 주세요.",
    },
    "notes.error.on_git": {
        "en": "This server reads its notes from a Git repository: push the file there, "
        "or switch with `/notes source default` (or `/notes source uploads`) first.",
        "ko": "이 서버는 Git 저장소에서 노트를 읽어요. 파일을 저장소에 올리거나 "
        "먼저 `/notes source default`(또는 `/notes source uploads`)로 바꿔 주세요.",
    },
    "notes.error.last_file": {
        "en": "This is the last uploaded file the quizzes use: upload another first, "
        "or go back with `/notes source default`.",
        "ko": "퀴즈가 쓰는 마지막 파일이에요. 다른 파일을 먼저 올리거나 "
        "`/notes source default`로 돌아가 주세요.",
    },
    "notes.kept": {
        "en": "The notes in use stay as they were.",
        "ko": "지금 쓰는 노트는 그대로예요.",
    },
    "notes.summary": {
        "en": "{chapters} chapters, {terms} terms, {questions} questions ({kinds}).",
        "ko": "{chapters}개 장, 용어 {terms}개, 문제 {questions}개 ({kinds}).",
    },
    "notes.warnings": {
        "en": "{count} warnings, the first ones:",
        "ko": "경고 {count}개, 앞의 몇 개:",
    },
    "notes.git.done": {
        "en": "This server now quizzes from {url}.",
        "ko": "이제 이 서버는 {url}에서 퀴즈를 내요.",
    },
    "notes.upload.done": {
        "en": "Stored `{name}`; this server now quizzes from its uploaded files.",
        "ko": "`{name}`을 저장했어요. 이제 이 서버는 올린 파일로 퀴즈를 내요.",
    },
    "notes.uploads.done": {
        "en": "This server now quizzes from its {count} uploaded files only.",
        "ko": "이제 이 서버는 올린 파일 {count}개로만 퀴즈를 내요.",
    },
    "notes.error.no_uploads": {
        "en": "No notes files were uploaded here: add one with `/notes upload` "
        "(which switches to the uploaded files). Nothing was changed.",
        "ko": "이 서버에 올린 노트 파일이 없어요. `/notes upload`로 올려 주세요 "
        "(올리면 올린 파일로 바뀌어요). 아무것도 바꾸지 않았어요.",
    },
    "notes.default.done": {
        "en": "This server now quizzes from the bot's own notes again.",
        "ko": "이제 이 서버는 다시 봇의 기본 노트로 퀴즈를 내요.",
    },
    "notes.removed": {"en": "Removed `{name}`.", "ko": "`{name}`을 지웠어요."},
    "notes.list.empty": {
        "en": "No notes files were uploaded here; `/notes upload` adds one.",
        "ko": "올린 노트 파일이 없어요. `/notes upload`로 올릴 수 있어요.",
    },
    "notes.list.title": {"en": "{count} uploaded files:", "ko": "올린 파일 {count}개:"},
    "notes.show.default": {
        "en": "Notes: the bot's own folder ({files} files, {questions} questions).",
        "ko": "노트: 봇의 기본 폴더 (파일 {files}개, 문제 {questions}개).",
    },
    "notes.show.git": {
        "en": "Notes: {url} (branch {branch}, folder {folder}), commit `{commit}`.",
        "ko": "노트: {url} (브랜치 {branch}, 폴더 {folder}), 커밋 `{commit}`.",
    },
    "notes.show.upload": {
        "en": "Notes: files uploaded here (last upload {when}).",
        "ko": "노트: 이 서버에 올린 파일 (마지막 업로드 {when}).",
    },
    "notes.show.counts": {
        "en": "{files} files, {questions} questions loaded.",
        "ko": "파일 {files}개, 문제 {questions}개를 읽었어요.",
    },
    "notes.show.synced": {"en": "Last sync {when}: fine.", "ko": "마지막 동기화 {when}: 정상."},
    "notes.show.failed": {
        "en": "Last sync {when} failed: {error}. The last good notes stay in use.",
        "ko": "마지막 동기화 {when} 실패: {error}. 마지막으로 성공한 노트를 계속 써요.",
    },
    "notes.changed": {
        "en": "The notes changed (commit `{commit}`): {added} new, {updated} changed, "
        "{retired} retired questions.",
        "ko": "노트가 바뀌었어요 (커밋 `{commit}`): 새 문제 {added}개, 바뀐 문제 {updated}개, "
        "빠진 문제 {retired}개.",
    },
    "status.notes": {"en": "Notes", "ko": "노트"},
    "notes.quiz_channel": {"en": "the quiz channel", "ko": "퀴즈 채널"},
    "notes.admins_only": {
        "en": "members with Manage Server only",
        "ko": "서버 관리 권한이 있는 멤버만",
    },
    "notes.announce.done": {
        "en": "News of the notes' syncs goes to {channel}.",
        "ko": "노트 동기화 소식은 {channel}에 올려요.",
    },
    "notes.uploaders.done": {
        "en": "Notes files can be uploaded by {role}.",
        "ko": "노트 파일은 {role}이 올릴 수 있어요.",
    },
}

_FALLBACK = "en"


def text(key: str, lang: str = "en", /, **values: object) -> str:
    """The sentence ``key`` in ``lang`` (English when missing), with ``values`` filled in."""
    entry = MESSAGES[key]
    template = entry.get(lang) or entry[_FALLBACK]
    return template.format(**values) if values else template


def language_of(interaction: discord.Interaction) -> str:
    """``"ko"`` when the member's Discord client is in Korean, else ``"en"``."""
    locale = interaction.locale
    return "ko" if locale is discord.Locale.korean else "en"


def guild_language(guild: discord.Guild) -> str:
    """``"ko"`` when the server's community language is Korean, else ``"en"``: for what
    the bot says unasked, with nobody's client to follow."""
    return "ko" if guild.preferred_locale is discord.Locale.korean else "en"


#: Korean descriptions of commands and options; the English text is the key.
KO_DESCRIPTIONS: dict[str, str] = {
    # /quiz
    "Daily quizzes from the chapter notes": "장별 노트로 내는 매일 퀴즈",
    "Schedule daily quizzes in a channel (Manage Server)": (
        "채널에 매일 퀴즈를 예약해요 (서버 관리)"
    ),
    "Channel to post the quizzes in": "퀴즈를 올릴 채널",
    "Local time of day, like 09:00 or 21:30": "현지 시각, 예: 09:00, 21:30",
    "IANA time zone, like Asia/Seoul or Europe/Berlin": (
        "IANA 시간대, 예: Asia/Seoul, Europe/Berlin"
    ),
    "Days, like mon-fri, daily, mon,wed,fri or 월-금 (default: daily)": (
        "요일, 예: mon-fri, daily, mon,wed,fri, 월-금 (기본: 매일)"
    ),
    "Questions per quiz (default 1)": "퀴즈마다 낼 문제 수 (기본 1)",
    "Hours the answers stay open (default 12)": "답변을 받는 시간 (기본 12시간)",
    "Post a quiz in this channel right now (Manage Server)": (
        "이 채널에 지금 퀴즈를 올려요 (서버 관리)"
    ),
    "Pause this channel's quizzes (Manage Server)": "이 채널의 퀴즈를 멈춰요 (서버 관리)",
    "Resume this channel's quizzes (Manage Server)": "이 채널의 퀴즈를 다시 시작해요 (서버 관리)",
    "Next quiz, open quizzes, chapters and questions left": (
        "다음 퀴즈, 진행 중인 퀴즈, 범위, 남은 문제"
    ),
    "Re-read the notes without a restart (Manage Server)": (
        "재시작 없이 노트를 다시 읽어요 (서버 관리)"
    ),
    "Show or set the chapters asked in this channel": "이 채널의 출제 범위를 보거나 정해요",
    "Review reported, held and misleading questions (Manage Server)": (
        "신고되거나 보류되거나 헷갈리는 문제를 검토해요 (서버 관리)"
    ),
    "waiting (default) or retired questions": "검토할 문제(기본) 또는 퇴출된 문제",
    "waiting": "검토 대기",
    "retired": "퇴출됨",
    # /leaderboard, /stats, /help
    "Ranks of this server's quiz players": "이 서버 퀴즈 참가자 순위",
    "Time span: all, week or month": "기간: 전체, 이번 주, 이번 달",
    "Rank by points, streak or accuracy": "점수, 연속 정답, 정답률 중 순위 기준",
    "Points, accuracy, streaks and answers per chapter": "점수, 정답률, 연속 정답, 장별 답변",
    "Member to show (default: you)": "볼 멤버 (기본: 나)",
    "List every command": "모든 명령어 보기",
    # choices
    "all time": "전체",
    "this week": "이번 주",
    "this month": "이번 달",
    "points": "점수",
    "streak": "연속 정답",
    "accuracy": "정답률",
    # /checkin, /progress, /reading
    "Say how far you have read": "어디까지 읽었는지 알려요",
    "Check in for a chapter": "읽은 장을 체크인해요",
    "Chapter number or title": "장 번호 또는 제목",
    "done (default) or still reading": "다 읽음(기본) 또는 읽는 중",
    "A short note (500 characters at most)": "짧은 메모 (500자 이하)",
    "Remove your last check-in": "마지막 체크인을 지워요",
    "The group's reading progress, or one member's": "모임의 읽기 진도, 또는 한 멤버의 진도",
    "Member to show (default: the whole group)": "볼 멤버 (기본: 모임 전체)",
    "Reading reminders": "읽기 알림",
    "Post reading reminders in a channel (Manage Server)": (
        "채널에 읽기 알림을 예약해요 (서버 관리)"
    ),
    "Channel to post the reminders in": "알림을 올릴 채널",
    "Days, like mon, mon-fri, mon,thu or 월목": "요일, 예: mon, mon-fri, mon,thu, 월목",
    "Whether reminders mention you": "알림에서 나를 멘션할지",
    "on or off": "켜기 또는 끄기",
    "default (follow the reading), all, or chapter numbers like 1,3 or 2-4 (Manage Server)": (
        "default(읽기 진도), all 또는 장 번호, 예: 1,3, 2-4 (서버 관리)"
    ),
    "done": "다 읽음",
    "still reading": "읽는 중",
    "on": "켜기",
    "off": "끄기",
    "Stop the reading reminders of a channel (Manage Server)": (
        "채널의 읽기 알림을 꺼요 (서버 관리)"
    ),
    "Channel whose reminders stop": "알림을 끌 채널",
    # /practice
    "Personal practice of your own misses, spaced out": "내가 틀린 문제를 간격을 두고 복습해요",
    "Practise your due questions, then new ones from chapters you reached": (
        "복습할 문제, 그다음 읽은 장의 새 문제를 풀어요"
    ),
    "Only questions of this chapter (number)": "이 장의 문제만 (번호)",
    "How many questions (1-20, default 5)": "문제 수 (1-20, 기본 5)",
    "Practise only what you answered wrong in the last 30 days": (
        "최근 30일 동안 틀린 문제만 복습해요"
    ),
    "Your practice: due questions, retention, 14-day forecast": (
        "내 복습: 복습할 문제, 유지율, 14일 예보"
    ),
    "Set the desired retention of practice, 0.80-0.95 (Manage Server)": (
        "복습 목표 유지율을 정해요, 0.80-0.95 (서버 관리)"
    ),
    "Desired retention, like 0.9": "목표 유지율, 예: 0.9",
    "Be mentioned here once a day when practice is due": (
        "복습할 문제가 있으면 하루 한 번 여기서 알려 줘요"
    ),
    "Local time of day, like 20:00 (default 20:00)": "현지 시각, 예: 20:00 (기본 20:00)",
    # /notes
    "Where this server's quiz notes come from": "이 서버의 퀴즈 노트가 어디서 오는지",
    "Choose where this server's notes come from (Manage Server)": (
        "이 서버의 노트 출처를 골라요 (서버 관리)"
    ),
    "Show where the notes come from and the last sync": "노트 출처와 마지막 동기화를 보여줘요",
    "Read the notes from a Git repository (Manage Server)": (
        "Git 저장소에서 노트를 읽어요 (서버 관리)"
    ),
    "The repository's https:// URL": "저장소의 https:// 주소",
    "Branch to read (default: the repository's default branch)": (
        "읽을 브랜치 (기본: 저장소의 기본 브랜치)"
    ),
    "Folder of the notes inside the repository (default: all of it)": (
        "저장소 안의 노트 폴더 (기본: 전체)"
    ),
    "Use the bot's own notes again (Manage Server)": "봇의 기본 노트를 다시 써요 (서버 관리)",
    "Quiz from the files uploaded here (Manage Server)": (
        "이 서버에 올린 파일로 퀴즈를 내요 (서버 관리)"
    ),
    "Upload a .md or .yaml notes file (Manage Server or the uploaders role)": (
        ".md 또는 .yaml 노트 파일을 올려요 (서버 관리 또는 업로더 역할)"
    ),
    "The notes file (.md or .yaml), up to 1 MB": "노트 파일 (.md 또는 .yaml), 최대 1MB",
    "List the uploaded notes files": "올린 노트 파일 목록을 보여줘요",
    "Remove an uploaded notes file (Manage Server or the uploaders role)": (
        "올린 노트 파일을 지워요 (서버 관리 또는 업로더 역할)"
    ),
    "The file's name, as /notes list shows it": "/notes list에 나온 파일 이름",
    "Channel told about syncs that change the notes (Manage Server)": (
        "노트가 바뀐 동기화 소식을 받을 채널 (서버 관리)"
    ),
    "Channel for the notes' news (default: the quiz channel)": "노트 소식 채널 (기본: 퀴즈 채널)",
    "Role whose members may upload notes (Manage Server)": ("노트를 올릴 수 있는 역할 (서버 관리)"),
    "The role that may upload (default: only Manage Server)": (
        "올릴 수 있는 역할 (기본: 서버 관리 권한만)"
    ),
}


class QuizTranslator(app_commands.Translator):
    """Korean descriptions and choice names for the slash commands (names stay English)."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        """The Korean text for ``string``, or ``None`` to keep the English one."""
        if locale is not discord.Locale.korean:
            return None
        if context.location in (
            app_commands.TranslationContextLocation.command_name,
            app_commands.TranslationContextLocation.group_name,
            app_commands.TranslationContextLocation.parameter_name,
        ):
            return None
        return KO_DESCRIPTIONS.get(string.message)
