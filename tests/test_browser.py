"""The UI in a real browser: Debian's chromium driven by Playwright, against the app
started on a free loopback port with the real embedding model."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ServedApp

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run `make setup` (apt-get install chromium fonts-noto-cjk)")
    home = tmp_path_factory.mktemp("app")
    shutil.copytree(REPO / "tests" / "data" / "mini", home / "corpus")
    (home / "corpus" / "inject.txt").write_text(
        "보안 점검 문서\n\n<script>window.pwned = 1</script> 이 문서의 점검 번호는 4417번이다.\n", "utf-8")
    shutil.copytree(REPO / "tests" / "data" / "mini_eval", home / "eval")
    app = ServedApp(home)
    yield app.url
    app.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                    "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def ask(page, question: str, expect: str, timeout: int = 90_000):
    page.locator("#rq-question textarea").fill(question)
    page.locator("#rq-send").click()
    page.locator("#rq-chat").get_by_text(expect).last.wait_for(timeout=timeout)


def test_ask_open_citation_and_see_the_highlighted_span(app_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    ask(page, "중국의 AI 반도체 투자 규모는 얼마인가?", "30억")
    page.locator("#rq-citations mark.rq-hl").first.wait_for(timeout=30_000)
    assert "30억" in page.locator("#rq-citations mark.rq-hl").first.inner_text()
    page.locator("#rq-pick label").first.click()
    span = page.locator("#rq-context mark#rq-span")
    span.wait_for(timeout=30_000)
    assert "30억" in span.inner_text()
    assert "%" in page.locator("#rq-context .rq-meta").inner_text()  # where in the document
    page.screenshot(path=str(ARTIFACTS / "ui-chat.png"), full_page=True)


def test_a_question_limited_to_one_document_is_answered_from_it(app_url, browser):
    """The mini corpus's two reports give Korea's investment as 12억 and 15억 (a conflict when both are searched);
    with the report chosen under 검색할 문서 the answer is the report's alone."""
    page = browser.new_page()
    page.goto(app_url)
    page.locator("#rq-scope input").click()
    page.get_by_role("option", name="chip_report.md").click()
    page.keyboard.press("Escape")
    ask(page, "2023년 한국의 AI 반도체 투자 규모는 얼마인가?", "12억")
    last = page.locator("#rq-chat .message-row").last.inner_text()
    assert "15억" not in last and "다릅니다" not in last
    from playwright.sync_api import expect

    # the citation panel is filled in a step after the chat's last update (read at once, it showed the queue)
    expect(page.locator("#rq-citations")).to_contain_text(re.compile("chip_report|반도체 산업"), timeout=30_000)


def test_abstention_looks_different(app_url, browser):
    page = browser.new_page()
    page.goto(app_url)
    ask(page, "일본의 AI 반도체 투자 규모는 얼마인가?", "찾을 수 없습니다")
    abstain = page.locator("#rq-citations .rq-abstain")
    abstain.wait_for(timeout=30_000)  # the citation panel is filled in a step after the chat's last update
    assert abstain.count() == 1
    # with the answer threshold lowered to 0 under 설정, the same question is answered from its best sentence of
    # the asked type (another country's figure: what the threshold was keeping back, shown with its citation)
    page.get_by_text("설정", exact=True).click()
    from playwright.sync_api import expect

    # typed as a user types it, once the accordion shows the box, and left with Tab (the box's change event): filled
    # while the accordion was still opening, the value reached the slider only 3 runs in 5
    box = page.locator("#rq-threshold input[type=number]")
    expect(box).to_be_visible()
    box.click()
    box.press("Control+a")
    box.type("0")
    box.press("Tab")
    expect(page.locator("#rq-threshold input[type=range]")).to_have_value("0")  # the slider took it before asking
    ask(page, "일본의 AI 반도체 투자 규모는 얼마인가?", "30억")


def test_document_html_never_runs(app_url, browser):
    page = browser.new_page()
    page.goto(app_url)
    ask(page, "보안 점검 문서의 점검 번호는 몇 번인가? <img src=x onerror=window.pwned=2>", "4417")
    page.locator("#rq-pick label").first.click()
    page.locator("#rq-context mark#rq-span").wait_for(timeout=30_000)
    assert page.evaluate("window.pwned") is None
    assert "<script>" in page.locator("#rq-context").inner_text()  # shown as text


@pytest.fixture
def own_app_url(tmp_path_factory):
    """An app of its own, for a test that changes the corpus (the module's app stays as it was)."""
    home = tmp_path_factory.mktemp("upload-app")
    shutil.copytree(REPO / "tests" / "data" / "mini", home / "corpus")
    app = ServedApp(home)
    yield app.url
    app.close()


def test_upload_a_document_and_get_an_answer_from_it(own_app_url, browser, tmp_path):
    app_url = own_app_url
    doc = tmp_path / "화성 탐사.txt"
    doc.write_text("화성 탐사 계획\n\n화성 탐사선의 총 예산은 7억 달러로 책정되었다.\n", "utf-8")
    page = browser.new_page()
    page.goto(app_url)
    page.get_by_role("tab", name="문서").click()
    page.locator("#rq-upload input[type=file]").set_input_files(str(doc))
    page.locator("#rq-upload-btn").click()
    page.locator("#rq-doc-msg").get_by_text("색인 갱신").wait_for(timeout=120_000)
    page.get_by_role("tab", name="질문하기").click()
    ask(page, "화성 탐사선의 총 예산은 얼마인가?", "7억")
    page.locator("#rq-scope input").click()  # the uploaded document can be chosen to search alone
    page.get_by_role("option", name="화성 탐사.txt").wait_for(timeout=30_000)


def test_run_a_three_question_evaluation(app_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(app_url)
    page.get_by_role("tab", name="평가").click()
    page.locator("#rq-eval").click()
    page.locator("#rq-eval-msg").get_by_text("3문항 평가 완료").wait_for(timeout=180_000)
    from playwright.sync_api import expect

    expect(page.locator("#rq-metrics")).to_contain_text("overall", timeout=30_000)
    # a result row opens that question's answer and citations
    cell = page.locator('#rq-rows [role=gridcell][data-row="0"][data-col="2"]')  # Gradio 6's grid: row 0, 질문
    question = cell.inner_text().strip()
    cell.click()
    row = page.locator("#rq-row")
    expect(row).to_contain_text(question[:15], timeout=30_000)
    # the review: the facts the answer had to state, its citations against the gold, where the gold is
    expect(row).to_contain_text("답에 있어야 할 사실")
    expect(row).to_contain_text("정답 근거")
    page.locator("#rq-eval-pick label").first.click()  # a citation opens in its document, as in the chat
    expect(page.locator("#rq-eval-context mark#rq-span")).not_to_be_empty(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "ui-eval.png"), full_page=True)
    page.locator("#rq-eval").click()  # run again: what moved since the last run of the same questions
    expect(page.locator("#rq-eval-diff")).to_contain_text("이전 실행과 비교", timeout=180_000)
    expect(page.locator("#rq-eval-diff")).to_contain_text("같은 질문 3개 · 새로 맞음 0 · 새로 틀림 0")
    # rows by the way they failed: the mini set's three answers are right, so none is 오답
    first = page.locator('#rq-rows [role=gridcell][data-row="0"][data-col="0"]')
    expect(first).to_have_count(1)
    page.locator("#rq-failure input").click()
    page.get_by_role("option", name="오답").click()
    expect(first).to_have_count(0, timeout=30_000)
    page.locator("#rq-failure input").click()
    page.get_by_role("option", name="모든 결과").click()
    expect(first).to_have_count(1, timeout=30_000)


def test_two_sessions_at_once_each_get_their_own_answer(app_url, browser):
    a, b = browser.new_page(), browser.new_page()
    a.goto(app_url)
    b.goto(app_url)
    a.locator("#rq-question textarea").fill("중국의 AI 반도체 투자 규모는 얼마인가?")
    b.locator("#rq-question textarea").fill("SK하이닉스의 메모리 시장 점유율은?")
    a.locator("#rq-send").click()
    b.locator("#rq-send").click()
    a.locator("#rq-chat").get_by_text("30억").last.wait_for(timeout=90_000)
    b.locator("#rq-chat").get_by_text("28%").last.wait_for(timeout=90_000)
    assert "28%" not in a.locator("#rq-chat").inner_text()
    assert "30억" not in b.locator("#rq-chat").inner_text()


def test_the_conversation_is_exported_with_its_questions_and_quotes(app_url, browser):
    """Two questions asked, 대화 내보내기 gives a Markdown file (each question, its answer, each quote with its
    document) and the JSON Lines of the same answers."""
    import json

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    ask(page, "중국의 AI 반도체 투자 규모는 얼마인가?", "30억")
    ask(page, "SK하이닉스의 메모리 시장 점유율은?", "28%")
    page.locator("#rq-export").click()
    links = page.locator("#rq-exported a[href]")
    links.first.wait_for(timeout=30_000)
    files = {}
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        files[href.rsplit(".", 1)[-1]] = page.request.get(href if href.startswith("http") else app_url.rstrip("/")
                                                          + "/" + href.lstrip("/")).text()
    md = files["md"]
    assert "## 1. 중국의 AI 반도체 투자 규모는 얼마인가?" in md and "## 2. SK하이닉스의 메모리 시장 점유율은?" in md
    assert "30억" in md and "28%" in md and "**근거**" in md and "\n> " in md
    records = [json.loads(line) for line in files["jsonl"].splitlines()]
    assert [r["question"] for r in records] == ["중국의 AI 반도체 투자 규모는 얼마인가?", "SK하이닉스의 메모리 시장 점유율은?"]
    assert all(q["text"] for r in records for c in r["citations"] for q in c["quotes"])
    page.screenshot(path=str(ARTIFACTS / "ui-export.png"), full_page=True)
    from playwright.sync_api import expect

    # the chat's own trash icon clears the session as 대화 지우기 does: nothing is left to export
    page.locator("#rq-chat").get_by_role("button", name=re.compile("clear", re.I)).click()
    expect(page.locator("#rq-exported")).to_be_hidden(timeout=30_000)
    page.locator("#rq-export").click()
    expect(page.get_by_text("내보낼 대화가 없습니다").first).to_be_visible(timeout=30_000)


@pytest.fixture
def pdf_app_url(tmp_path_factory):
    """The mini corpus and a PDF (an app of its own: the module's corpus stays the one its questions are about)."""
    from tests.test_pdf import make_paged_pdf

    home = tmp_path_factory.mktemp("pdf-app")
    shutil.copytree(REPO / "tests" / "data" / "mini", home / "corpus")
    (home / "corpus" / "acme.pdf").write_bytes(make_paged_pdf(
        [["ACME Quarterly Review", "Revenue grew by 12 percent in 2024.", "Staffing was flat all year."],
         ["ACME Quarterly Review", "Exports rose by 3 percent."]]))
    app = ServedApp(home)
    yield app.url
    app.close()


def test_a_cited_pdf_page_is_shown_as_printed_with_the_quote_marked(pdf_app_url, browser):
    from playwright.sync_api import expect

    app_url = pdf_app_url

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    ask(page, "By how much did ACME revenue grow in 2024?", "12 percent")
    page.locator("#rq-pick label").first.click()
    shown = page.locator("#rq-page")
    expect(shown).to_contain_text("원문 1쪽", timeout=30_000)
    expect(shown).to_contain_text(re.compile(r"인용 (\d)/\1줄 표시"))  # every quoted line found on the page
    image = shown.locator("img")
    image.wait_for(timeout=30_000)
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) > 500  # the page, not an icon
    page.screenshot(path=str(ARTIFACTS / "ui-pdf-page.png"), full_page=True)
    ask(page, "중국의 AI 반도체 투자 규모는 얼마인가?", "30억")  # a text file's citation has no page to show
    page.locator("#rq-pick label").first.click()
    expect(page.locator("#rq-context mark#rq-span")).to_contain_text("30억", timeout=30_000)
    expect(shown).to_be_hidden()


def test_an_evaluated_pdf_citation_opens_its_page(pdf_app_url, browser, tmp_path):
    """A question set run in the 평가 tab: a result's PDF citation shows its page as printed, quote marked."""
    import json

    from playwright.sync_api import expect

    questions = tmp_path / "acme.jsonl"
    questions.write_text(json.dumps({
        "id": "p1", "type": "numeric", "question": "By how much did ACME revenue grow in 2024?", "answer": "12 percent",
        "must_include": ["12"], "gold": [{"doc": "acme.pdf", "quote": "Revenue grew by 12 percent in 2024."}]}) + "\n",
        "utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(pdf_app_url)
    page.get_by_role("tab", name="평가").click()
    page.locator("#rq-eval-file input[type=file]").set_input_files(str(questions))
    page.locator("#rq-eval").click()
    page.locator("#rq-eval-msg").get_by_text("1문항 평가 완료").wait_for(timeout=180_000)
    page.locator('#rq-rows [role=gridcell][data-row="0"][data-col="2"]').click()
    expect(page.locator("#rq-row")).to_contain_text("정답 근거", timeout=30_000)
    page.locator("#rq-eval-pick label").first.click()
    shown = page.locator("#rq-eval-page")
    expect(shown).to_contain_text("원문 1쪽", timeout=30_000)
    expect(shown).to_contain_text(re.compile(r"인용 (\d)/\1줄 표시"))


def test_a_disliked_answer_is_kept_and_gathered_as_a_draft_question(own_app_url, browser):
    """👎 on an answer writes the verdict with the answer; the 평가 tab gathers it into a question set's draft."""
    import json

    from playwright.sync_api import expect

    app_url = own_app_url
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    ask(page, "중국의 AI 반도체 투자 규모는 얼마인가?", "30억")
    page.locator("#rq-chat").get_by_role("button", name=re.compile("dislike", re.I)).last.click()
    expect(page.get_by_text("잘못된 답변으로 기록했습니다").first).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="평가").click()
    page.locator("#rq-feedback").click()
    expect(page.locator("#rq-feedback-msg")).to_contain_text("👎 1", timeout=30_000)
    expect(page.locator("#rq-feedback-rows")).to_contain_text("중국의 AI 반도체 투자 규모는 얼마인가?")
    link = page.locator("a[href*='disliked_questions']").first
    link.wait_for(timeout=30_000)
    href = link.get_attribute("href")
    drafts = page.request.get(href if href.startswith("http") else app_url.rstrip("/") + "/" + href.lstrip("/")).text()
    rows = [json.loads(line) for line in drafts.splitlines()]
    assert [r["question"] for r in rows] == ["중국의 AI 반도체 투자 규모는 얼마인가?"] and "30억" in rows[0]["given_answer"]


def test_search_shows_what_retrieval_finds_with_the_terms_marked(app_url, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    page.get_by_role("tab", name="검색").click()
    page.locator("#rq-search-query textarea").fill("중국 AI 반도체 투자")
    page.locator("#rq-search-go").click()
    hits = page.locator("#rq-search-hits")
    expect(hits).to_contain_text("30억", timeout=60_000)
    expect(page.locator("#rq-search-msg")).to_contain_text("개 문단")
    assert hits.locator("mark.rq-hl").count() > 0 and hits.locator(".rq-hit").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "ui-search.png"), full_page=True)


def test_a_document_is_shown_as_it_was_read(app_url, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    page.get_by_role("tab", name="문서").click()
    page.locator("#rq-view-pick input").click()
    page.get_by_role("option", name="chip_report.md").click()
    shown = page.locator("#rq-doc-view")
    expect(shown).to_contain_text("2. 시장 점유율", timeout=30_000)  # its sections, in order
    expect(shown).to_contain_text("문단에서 뺀 줄")
    page.screenshot(path=str(ARTIFACTS / "ui-document.png"), full_page=True)


def test_a_document_is_deleted_only_when_chosen_and_confirmed(own_app_url, browser):
    """문서 삭제 with no document chosen deletes nothing (the list no longer starts on the first document), a
    cancelled confirmation deletes nothing, a confirmed one deletes the chosen document."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(own_app_url)
    page.get_by_role("tab", name="문서").click()
    docs = page.locator("#rq-docs")
    expect(docs).to_contain_text("chip_report.md", timeout=30_000)
    expect(page.locator("#rq-rm-pick input")).to_have_value("")  # no document chosen until the reader chooses
    page.locator("#rq-rm-btn").click()
    expect(page.locator("#rq-doc-msg")).to_contain_text("삭제하지 않았습니다", timeout=30_000)
    answers = []

    def reply(dialog):
        answers.append(dialog.message)
        dialog.accept() if len(answers) == 2 else dialog.dismiss()

    page.on("dialog", reply)
    page.locator("#rq-rm-pick input").click()
    page.get_by_role("option", name="news.txt").click()
    page.locator("#rq-rm-btn").click()  # asked, and cancelled
    expect(page.locator("#rq-doc-msg")).to_contain_text("삭제하지 않았습니다", timeout=30_000)
    expect(docs).to_contain_text("news.txt")
    page.locator("#rq-rm-pick input").click()
    page.get_by_role("option", name="news.txt").click()
    page.locator("#rq-rm-btn").click()  # asked, and confirmed
    expect(page.locator("#rq-doc-msg")).to_contain_text("news.txt 삭제", timeout=120_000)
    expect(docs).not_to_contain_text("news.txt")
    expect(docs).to_contain_text("chip_report.md")
    assert len(answers) == 2 and "news.txt" in answers[0]
