"""What a question's stem shows: the words a note writes in angle brackets, the question
an answer replies to, and no blank in a sentence that states nothing."""

from __future__ import annotations

from bot.core.model import Question, QuestionKind
from bot.core.notes import parse_notes
from bot.core.questions import generate_questions
from bot.core.questions._text import shares_stem

K = QuestionKind


def _questions(text: str, name: str = "notes.md") -> list[Question]:
    return generate_questions(parse_notes(text, name))


def _shown(question: Question) -> str:
    return "\n".join([question.prompt, question.answer, *(question.choices or ())])


SPRING = """\
# 6장 - 의존관계 주입

## 애노테이션
- @Resource: XML대신 <property>와 같은 역할을 하는 <b>애노테이션</b>이며 이름으로 빈을 찾는다
- @Autowired: 타입으로 빈을 찾아 필드나 생성자에 주입하는 애노테이션
- @Inject: 자바 표준에 정의된 주입 애노테이션으로 @Autowired와 같이 동작한다
"""


def test_a_word_in_angle_brackets_stays_while_html_goes() -> None:
    """``<property>`` in a note about XML is a word the reader needs; ``<b>`` is markup."""
    questions = _questions(SPRING)
    about = [q for q in questions if "XML대신" in q.prompt or "XML대신" in q.explanation]
    assert about
    for question in about:
        text = question.prompt + question.explanation
        assert "<property>와" in text
        assert "<b>" not in text
        assert "XML대신 와" not in text


HOST = """\
# Docker networking

**How can an application in a container reach the machine it runs on?**
- By using the special `host.docker.internal` address that Docker resolves.

**Does the `docker-compose` command replace the `docker` command?**
- No, both commands can work together.
"""


def test_an_answer_to_a_question_shows_the_question_above_its_blank() -> None:
    """A blank in the reply to a question the note asks comes with that question."""
    clozes = [q for q in _questions(HOST) if q.kind is K.CLOZE]
    reply = next(q for q in clozes if q.answer == "host.docker.internal")
    quoted = reply.prompt.split("\n")[1:]
    assert quoted[0] == "> How can an application in a container reach the machine it runs on?"
    assert "By using the special ____ address" in quoted[1]


def test_a_question_is_never_a_sentence_to_fill_in() -> None:
    """``Does the ____ command replace the docker command?`` tests nothing: no blank in a
    question, only in the statements that answer it."""
    for question in _questions(HOST):
        if question.kind is K.CLOZE:
            blanked = next(line for line in question.prompt.split("\n") if "____" in line)
            assert not blanked.rstrip().endswith("?"), question.prompt


SOCKETS = """\
# 소켓

## 설정 방법
- XML <property> , <constructor-arg>

## 호출 순서
- 클라이언트 호출 순서는 `socket()` → `connect()` → `write()` → `close()` 이다
"""


def test_names_in_a_row_get_no_blank_but_an_order_does() -> None:
    """A line that only lists names states nothing to fill in; a call order does."""
    clozes = [q for q in _questions(SOCKETS, "sockets.md") if q.kind is K.CLOZE]
    assert not [q for q in clozes if "constructor-arg" in _shown(q) or "<property>" in q.answer]
    assert {"connect()", "write()"} & {q.answer for q in clozes}


LINES = """\
# Chapter 2 - Networks

## Access lines
- The usual access lines are:
  - **Fibre**: about 1 Gbps
  - **Cable**: up to 500 Mbps

## 소켓 호출
- 클라이언트: `socket()` → `connect()` → `close()`
- 서버: `socket()` → `bind()` → `listen()` → `accept()`
"""


def test_a_line_that_is_not_a_term_keeps_what_it_is_about() -> None:
    """``Fibre: about 1 Gbps`` read as a fact, not a term, still says it is Fibre's."""
    book = parse_notes(LINES, "lines.md")
    facts = [item.text for c in book.chapters for s in c.sections for item in s.items]
    assert "Fibre: about 1 Gbps" in facts
    assert "about 1 Gbps" not in facts
    clozes = [q for q in generate_questions(book) if q.kind is K.CLOZE]
    server = [q for q in clozes if q.answer == "bind()"]
    assert server
    assert all("서버:" in q.prompt for q in server)


PODS = """\
# Chapter 4 - Pods

## Health checks
- A `liveness` check restarts a container whose process is stuck.
- A `readiness` check keeps a Pod out of its Service until it can serve.
- A `startup` check holds the other checks back until a slow application has started.

## Volumes
- The application writes its cache to `data.txt` on an empty directory volume.
- The `metadata` section names the Pod and holds its labels.
- With the restart policy `Always` the kubelet restarts every container that exits.

## Adoption
- HTTP/2 was first published in 2015 (about 1.4% of sites used it (Sept. 2015); more later).
"""


def test_a_name_in_code_is_offered_among_the_names_of_its_own_section() -> None:
    """`liveness` is offered beside `readiness` and `startup`, never beside a file name,
    a manifest field or a restart policy from another section of the chapter."""
    clozes = {q.answer: q for q in _questions(PODS, "pods.md") if q.kind is K.CLOZE}
    checks = {"liveness", "readiness", "startup"}
    for answer in checks:
        question = clozes[answer]
        assert question.choices is None or set(question.choices) <= checks, question.choices
    assert any(clozes[answer].choices for answer in checks)


def test_a_sentence_cut_inside_brackets_gets_no_blank() -> None:
    """A sentence split inside a parenthesis ("(Sept." …) leaves a bracket open: no blank
    is made in what is left of it."""
    for question in _questions(PODS, "pods.md"):
        if question.kind is K.CLOZE:
            quoted = question.prompt.split("\n", 1)[1]
            assert quoted.count("(") == quoted.count(")"), question.prompt


SUB_ITEMS = """\
# 6장 - 애노테이션

## @Autowired
- @Autowired: 타입으로 빈을 찾아 주입하는 애노테이션
  ㄴ 스프링 2.5부터 적용
  ㄴ 생성자, 필드, 수정자 메소드 네 가지에 붙일 수 있다.
- @Resource: 이름으로 빈을 찾아 주입하는 애노테이션
- @Inject: 자바 표준의 주입 애노테이션
"""


def test_the_mark_of_a_sub_item_is_not_part_of_its_text() -> None:
    """``ㄴ 스프링 2.5부터 적용`` is a sub-item written with a mark: the mark never shows."""
    questions = _questions(SUB_ITEMS, "di.md")
    assert any("스프링 2.5부터 적용" in q.explanation for q in questions)
    for question in questions:
        for text in (question.prompt, question.explanation, *(question.choices or ())):
            assert "ㄴ " not in text, text


GLOSSES = """\
# 2장 - 전문 검색

## 색인 과정
- 어근 분석: 검색어와 문서의 단어를 원형으로 바꾸는 과정으로, 어근 분석(stemming)이라고도 부른다
- 불용어 처리: 검색에 쓸모없는 단어를 걸러 내는 과정

## 신뢰성
- 결함: 사양에서 벗어난 시스템의 한 구성 요소
  - 결함을 견디는 시스템을 내결함성을 지녔다고 말한다
  - 결함은 장애와 같지 않다
- 장애: 시스템 전체가 서비스를 멈춘 상황
"""


def test_a_translation_beside_the_blank_goes_with_the_hidden_name() -> None:
    """``어근 분석(stemming)`` hides as one blank: the English beside it would give the
    Korean away to anyone who reads English."""
    for question in _questions(GLOSSES, "search.md"):
        if question.answer == "어근 분석":
            assert "stemming" not in question.prompt, question.prompt


def test_no_blank_is_left_inside_a_longer_word() -> None:
    """``내결함성`` is not shown as ``내____성``: that line stays out of the quote."""
    questions = _questions(GLOSSES, "search.md")
    asked = [q for q in questions if q.answer == "결함" and q.kind is K.TERM_FROM_DEFINITION]
    assert asked
    for question in questions:
        assert "내____성" not in question.prompt, question.prompt


PROBES = """\
# Chapter 4 - Pods

## Probes
- `tcpSocket`: a health check which attempts to open a TCP socket connection to the container.
- `httpGet`: a health check that sends an HTTP GET request and expects a success code.
- `exec`: a health check that runs a command inside the container and reads its exit code.
"""


def test_a_camel_case_name_spelled_out_in_its_stem_is_not_among_choices() -> None:
    """ "open a TCP socket" spells out `tcpSocket`: no choice list where that is the one
    to pick, and no blank over it in a sentence that spells it."""
    for question in _questions(PROBES, "probes.md"):
        if question.answer == "tcpSocket" and "TCP socket" in question.prompt:
            assert question.choices is None, question.choices


BUILD = """\
# 4장 - Dockerfile

## 빌드
- 빌드 컨텍스트: docker build를 실행하는 현재 작업 중인 디렉터리.
    - Dockerfile은 새로운 빈 디렉터리에서 생성해 빌드하는 것을 권장
    - -f 옵션으로 Dockerfile 이름이 다르더라도 가능
- 이미지 레이어: Dockerfile의 명령어마다 생기는 읽기 전용 층
- 빌드 캐시: 바뀌지 않은 레이어를 다시 만들지 않고 재사용하는 기능
"""


def test_a_term_defined_under_another_is_no_wrong_choice_for_it() -> None:
    """What the notes say of Dockerfile under 빌드 컨텍스트 also describes the build
    context: it is never offered as a wrong description of it, nor as a false
    statement about it."""
    for question in _questions(BUILD, "docker.md"):
        if question.term == "빌드 컨텍스트":
            assert "새로운 빈 디렉터리" not in "\n".join(question.choices or ()), question.choices
            assert "새로운 빈 디렉터리" not in question.prompt, question.prompt


SCHEMES = """\
# Day 40 - Memory allocation

## Schemes
- **Contiguous allocation**: In this scheme, each process is held in a single block of memory.
- **Paging**: In this technique, memory is split into frames of one fixed size for pages.
- **Segmentation**: In this scheme, memory is split into segments of any size per module.
"""


def test_a_choice_never_opens_with_a_this_that_points_at_nothing() -> None:
    """ "In this scheme, …" reads fine under its term but not among choices: the choice
    starts at what the scheme does."""
    asked = [q for q in _questions(SCHEMES, "memory.md") if q.kind is K.DEFINITION_FROM_TERM]
    assert asked
    for question in asked:
        for choice in question.choices or ():
            assert not choice.startswith("In this"), choice
    assert any(
        "Each process is held in a single block of memory." in (q.choices or ()) for q in asked
    )


def test_a_shortened_text_ends_with_its_whole_sentences_not_a_fragment() -> None:
    """Cut before a comma of a second sentence, a text would end "Together with its
    twin": it ends with the first sentence instead."""
    from bot.core.questions._text import shorten

    text = (
        "A CRDT counter that only grows. Together with its twin, it allows counting in "
        "both directions across every replica of the cluster."
    )
    assert shorten(text, 80) == "A CRDT counter that only grows."


def test_a_list_mark_is_no_open_bracket_and_a_comment_no_text() -> None:
    """ "1) 설치 2) 실행" keeps its blanks (its ")" closes nothing); an HTML comment in a
    line is hidden text, never part of a question."""
    text = (
        "# 1장 - 설치\n\n## 순서\n"
        "- 설치 순서는 1) `kubeadm init` 실행 2) `kubectl apply` 로 네트워크 설정 이다\n"
        "- 노드를 붙일 때는 `kubeadm join` 을 실행한다 <!-- 비밀 토큰 abc -->\n"
    )
    questions = _questions(text, "install.md")
    assert {"kubeadm init", "kubectl apply"} & {q.answer for q in questions}
    for question in questions:
        assert "비밀 토큰" not in question.prompt + question.explanation


LEAD_INS = """\
# 1장 - 신뢰성

## 시스템의 특성
- 신뢰성: 소프트웨어에 대한 일반적인 기대치는 다음과 같다.
    - 사용자가 기대한 기능을 수행한다
    - 사용자가 범한 실수를 허용한다
- 확장성: 증가한 부하에 대처하는 시스템 능력을 뜻한다.
- 유지보수성: 여러 사람이 시스템을 생산적으로 작업할 수 있게 하는 성질이다.
- 운용성: 운영팀이 시스템을 원활하게 운영할 수 있게 하는 성질이다.
"""


def test_a_line_that_only_leads_to_a_list_is_never_shown_alone() -> None:
    """ "… 기대치는 다음과 같다." says nothing without its list: it is no choice, no
    statement and no line of a quote."""
    for question in _questions(LEAD_INS, "ddia.md"):
        shown = [question.prompt, *(question.choices or ())]
        assert not any("다음과 같다" in text for text in shown), question.prompt


POP3 = """\
# Lecture 4 - Mail

## POP3 commands
- **user**: declare username
- **retr**: retrieve message by number
- **dele**: delete a message on the server
- **quit**: end the session and commit deletions
- [[Mail access protocols]]
"""


def test_a_short_name_that_begins_a_word_of_its_stem_is_typed() -> None:
    """ "retrieve message by number" begins with `retr`: among choices the name is given
    away, so it is typed; a line that is only a link is no part of a definition."""
    questions = _questions(POP3, "mail.md")
    for question in questions:
        if question.kind is K.TERM_FROM_DEFINITION and question.term in {"user", "retr"}:
            assert question.choices is None, question.choices
        assert "Mail access protocols" not in question.prompt


def test_a_wrong_choice_the_stem_names_is_left_out() -> None:
    """A definition that says "unlike 인터넷 전용 회선" rules that one out: it is not a
    wrong choice beside it."""
    text = (
        "# 2장 - 회선\n\n## 회선 종류\n"
        "- 인터넷 회선: 통신사업자와 연결하는 회선으로 인터넷 전용 회선과는 다르다\n"
        "- 인터넷 전용 회선: 기업이 통신사업자와 대역폭을 보장받아 쓰는 회선\n"
        "- 동축 케이블: 케이블 방송망으로 인터넷을 제공하는 회선\n"
        "- 광랜: 아파트 안에서 이더넷으로 인터넷을 나누어 쓰는 회선\n"
    )
    for question in _questions(text, "lines.md"):
        if question.kind is K.TERM_FROM_DEFINITION and question.term == "인터넷 회선":
            assert "인터넷 전용 회선" not in (question.choices or ()), question.choices


MAIL = """\
# Lecture 4 - Mail

## Mail access protocols
- **POP**: Post Office Protocol [RFC 1939]: authorization, then download of every message
- **IMAP**: Internet Mail Access Protocol [RFC 1730]: keeps messages and folders on the server
- **SMTP**: pushes mail from the sender's server to the receiver's server over TCP
"""


def test_an_acronym_spelled_out_before_a_reference_is_its_other_name() -> None:
    """ "Internet Mail Access Protocol [RFC 1730]: …" spells IMAP out: the words are
    accepted for IMAP and hidden with it, so no statement about POP or SMTP shows them."""
    questions = _questions(MAIL, "mail.md")
    imap = next(q for q in questions if q.term == "IMAP")
    assert "Internet Mail Access Protocol" in imap.accepted
    for question in questions:
        if question.kind is K.TRUE_FALSE and question.term != "IMAP":
            assert "Internet Mail Access Protocol" not in question.prompt, question.prompt


def test_a_bullet_that_heads_its_own_bullets_is_no_line_of_a_definition() -> None:
    """ "옵션" and "4 Categories" over their own bullets name what follows; a quote of the
    definition shows what they head, not the heading."""
    text = (
        "# 4장 - 빌드\n\n## 빌드\n"
        "- 이미지 빌드: docker build 명령으로 Dockerfile에서 이미지를 만든다\n"
        "  - 옵션\n"
        "    - -t 로 이미지 이름과 태그를 붙인다\n"
        "    - -f 로 다른 이름의 Dockerfile을 쓴다\n"
        "- 빌드 캐시: 바뀌지 않은 레이어를 다시 만들지 않고 재사용하는 기능\n"
        "- 빌드 컨텍스트: docker build를 실행하는 현재 디렉터리\n"
    )
    asked = [q for q in _questions(text, "build.md") if q.term == "이미지 빌드"]
    assert any("이미지 이름과 태그" in q.prompt for q in asked)
    for question in asked:
        assert "> 옵션" not in question.prompt, question.prompt


STEM_LABEL_NOTES = (
    "# 1장 - 소개\n\n## 핵심 사상\n"
    "- 불변성의 가치 - `변경 가능한 인프라` > `불변형 인프라` 로 패러다임이 변화함\n"
    "  - 변경 가능한 인프라\n    기존 서비스에 수정 사항을 덮어씌워 업데이트\n"
    "- 불변형 인프라\n  서비스를 이미지로 새로 만든 뒤 배포하는 방식\n"
)


def test_a_label_sharing_the_stem_of_the_hidden_answer_is_not_shown() -> None:
    """ "[불변성의 가치] … > ____" points at 불변형 인프라 by its first syllables (as
    "Immutability" would at immutable infrastructure): the blank stands without that
    label, while a label that only shares a whole word with the answer stays."""
    questions = generate_questions(parse_notes(STEM_LABEL_NOTES, "ideas.md"))
    blanks = [q for q in questions if q.kind is QuestionKind.CLOZE and q.answer == "불변형 인프라"]
    assert blanks
    for question in blanks:
        assert "불변성의 가치" not in question.prompt, question.prompt
    assert shares_stem("Immutability value", "immutable infrastructure")
    assert not shares_stem("파이프라인 커넥션", "지속 커넥션")


RESTATED = {
    "ko": """\
# 1장 - 교착 상태

## 발생 조건
- hold and wait 보유대기: 가진 자원을 놓지 않은 채 다른 자원을 기다림
- circular wait 순환대기: 자원을 기다리는 프로세스 사이에 사이클이 생김
- no preemption 비선점: 가진 자원을 빼앗기지 않음

## 예방
- hold and wait: 시작할 때 필요한 자원을 모두 받아 두고 시작함
- circular wait: 자원에 번호를 매겨 그 순서대로만 얻게 함
""",
    "en": """\
# Chapter 1 - Deadlock

## Conditions
- hold and wait: A process keeps what it holds while it waits for more
- circular wait: Processes wait for each other in a cycle
- no preemption: A resource cannot be taken from its holder

## Prevention
- hold and wait: Take every resource needed at the start
- circular wait: Number the resources and take them in that order only
""",
}


def test_a_term_named_again_under_another_heading_is_asked_by_its_definition() -> None:
    """ "hold and wait: take every resource at the start" under Prevention says how to
    prevent it, not what it is: questions about hold and wait show its condition, never
    the prevention line as its description."""
    for language, text in RESTATED.items():
        questions = generate_questions(parse_notes(text, "deadlock.md"))
        about = [q for q in questions if (q.term or "").startswith(("hold and wait", "circular"))]
        assert about, language
        for question in about:
            shown = question.prompt + " " + question.answer
            assert "start" not in shown, shown
            assert "시작" not in shown, shown
            assert "번호" not in question.answer
            assert "Number" not in question.answer


MANIFEST = """\
# Pods

## Pod Manifest
- A text file that lists the Kubernetes API objects to create.
- Manifest files let us declare the state we want the cluster in.
- The API server validates it before storing it in etcd.

## Health Check
- A process check that Kubernetes runs on each container to keep it running.
- A container that fails it is restarted.

## Readiness Probe
- Tells whether a container is ready to serve user requests.
- A container that is not ready gets no traffic from its service.
"""

NETWORK = """\
# 2장 - 네트워크

## 전용 회선
- 가입자와 통신사업자 사이에 대역폭을 보장해주는 서비스이다.
- 가입자와 통신사업자 사이는 전용 케이블로 연결되어 있다.
- 통신사업자 내부에서 시분할 다중화 같은 기술로 품질을 보장한다.

## VPN
- 공용 인터넷 위에 암호화된 사설 통신망을 만드는 기술이다.
- 원격 근무자가 사내망에 접속할 때 쓴다.

## 로드 밸런서
- 여러 서버에 트래픽을 나눠 보내는 장비이다.
- 서버 하나가 죽으면 나머지 서버로 요청을 보낸다.
"""


def test_a_later_line_that_shows_a_word_of_the_term_is_left_out_of_its_stem() -> None:
    """ "Manifest files let us …" under Pod Manifest (전용 케이블 under 전용 회선) would point
    at the key among choices that share no word with it, and make typing it copying: the
    stem keeps the defining line and the others, and the question stays multiple choice."""
    for text, term, first, clue in (
        (MANIFEST, "Pod Manifest", "A text file that lists", "Manifest files"),
        (NETWORK, "전용 회선", "대역폭을 보장해주는 서비스", "전용 케이블"),
    ):
        asked = next(
            q for q in _questions(text) if q.kind is K.TERM_FROM_DEFINITION and q.answer == term
        )
        assert first in asked.prompt
        assert clue not in asked.prompt
        assert asked.choices is not None
        assert len(asked.choices) >= 3


def test_a_defining_line_that_shows_a_word_of_the_term_stays() -> None:
    """When the first line itself shows a word of the term, nothing is left out: the
    definition is the question, and the term is typed."""
    text = MANIFEST.replace("A text file that lists", "A manifest file that lists")
    asked = next(
        q
        for q in _questions(text)
        if q.kind is K.TERM_FROM_DEFINITION and q.answer == "Pod Manifest"
    )
    assert "A manifest file that lists" in asked.prompt
    assert "Manifest files let us" in asked.prompt
    assert asked.choices is None


CONTAINERS = """\
# 1장 - 스프링 컨테이너

## 용어
- 컨테이너: 객체의 생성과 관계, 생명주기를 관장하는 그릇.
  - 종류로는 BeanFactory와 ApplicationContext가 있다.
  - 이는 곧 IoC컨테이너로 같이 생각해도 무방하다.
- 빈 스캐너: 애노테이션이 붙은 클래스를 찾아 빈으로 등록하는 도구.
- 프로토타입 스코프: 빈을 요청할 때마다 새 오브젝트를 만드는 범위.
"""


def test_no_blank_is_left_right_after_the_letters_of_a_longer_word() -> None:
    """``IoC컨테이너`` is not shown as ``IoC____`` (nor ``비클러스터드`` as ``비____``): a
    blank right after a letter is a broken word, and that line stays out of the quote."""
    questions = _questions(CONTAINERS, "spring.md")
    asked = [q for q in questions if q.answer == "컨테이너" and q.kind is K.TERM_FROM_DEFINITION]
    assert asked
    for question in asked:
        assert "IoC____" not in question.prompt, question.prompt
        assert "객체의 생성과 관계" in question.prompt


LAYERS = """\
# Images

## Parts of an image
- **Layer**: Every instruction of a Dockerfile creates a cacheable layer.
- **Tag**: A name and version attached to an image, such as `ubuntu:20.04`.
- **Registry**: A server that stores images and hands them out on pull.
  - Docker Hub is the registry most people start with.
"""


def test_a_one_sentence_stem_with_a_blank_asks_to_fill_it() -> None:
    """ "… creates a cacheable ____" asks which term fills the blank, not which term the
    sentence describes; a description of several lines is still described."""
    asked = {
        q.answer: q for q in _questions(LAYERS, "images.md") if q.kind is K.TERM_FROM_DEFINITION
    }
    assert asked["Layer"].prompt.startswith("Which term fills the blank (____)?")
    assert asked["Registry"].prompt.startswith("Which term does this describe?")


EXAMPLES = """\
# Chapter 5 - Mail and manifests

## Sending
- Alice writes to `bob@someschool.edu` and her agent hands the mail to `smtp`.
- The docs at `https://kubernetes.io/docs` describe each object.
- The Pod is described in `kuard-pod.yaml` and created with `kubectl apply -f`.
- The agent fetches new mail with `pop3` or with `imap`.
"""


def test_an_example_address_url_or_file_name_is_never_the_blank() -> None:
    """``bob@someschool.edu``, a docs URL and ``kuard-pod.yaml`` are the note's examples,
    not ideas to learn; the protocol and the command beside them are asked."""
    answers = {q.answer for q in _questions(EXAMPLES, "mail.md") if q.kind is K.CLOZE}
    assert answers & {"smtp", "kubectl apply -f", "pop3", "imap"}
    assert not answers & {"bob@someschool.edu", "https://kubernetes.io/docs", "kuard-pod.yaml"}


NUMBERED = """\
# HTTP 커넥션 관리

### 5. 멍청한(dumb) 프락시 문제
- 프락시가 `Connection` 헤더를 이해하지 못하면 생기는 문제
- 브라우저는 `Keep-Alive` 헤더로 커넥션 유지를 요청한다.
- 서버는 `Content-Length` 헤더로 본문의 길이를 알린다.
"""


def test_an_explanation_names_its_section_without_the_section_number() -> None:
    """The reveal reads "멍청한(dumb) 프락시 문제: …", not "5. 멍청한(dumb) 프락시 문제: …"."""
    clozes = [q for q in _questions(NUMBERED, "http.md") if q.kind is K.CLOZE]
    assert clozes
    for question in clozes:
        assert question.explanation.startswith("멍청한(dumb) 프락시 문제: "), question.explanation


MADE_UP = """\
# Chapter 5 - Thinking with Pods

## Pods
- Consider an application that has a `WordPress` site and a `MySQL` database.
- Containers of one Pod share the `localhost` network and can talk over it.
- 가령 `nginx` 컨테이너 하나를 띄운다고 하자.
"""


def test_the_details_of_a_made_up_example_are_never_a_blank() -> None:
    """ "Consider an application that has a WordPress site …" sets up an example: its
    product names are no idea to learn, while the fact beside it is asked."""
    answers = {q.answer for q in _questions(MADE_UP, "pods.md") if q.kind is K.CLOZE}
    assert "localhost" in answers
    assert not answers & {"WordPress", "MySQL", "nginx"}
