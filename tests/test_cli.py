import json

import pytest

from ragqa import cli
from ragqa.cli import common
from tests.conftest import FakeEmbedder


@pytest.fixture
def use_engine(engine, monkeypatch):
    """The CLI on the mini corpus with the tiny embedder (the real model is tested in test_integration)."""
    monkeypatch.setattr(common, "engine_for", lambda cfg: engine)
    return engine


def test_chunk_json_names_every_source_file(mini_corpus, capsys):
    assert cli.main(["chunk", "--corpus", str(mini_corpus), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {d["source"] for d in report["documents"]} == {"chip_report.md", "news.txt", "weather.html"}
    assert all(d["chunks"] >= 1 and d["size"]["max"] >= d["size"]["min"] for d in report["documents"])


def test_ask_json(use_engine, capsys):
    assert cli.main(["ask", "중국의 AI 반도체 투자 규모는 얼마인가?", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert "30억" in d["answer"] and d["citations"] and d["contexts"]


def test_ask_empty_question_is_a_clear_error(use_engine, capsys):
    assert cli.main(["ask", "   "]) == 2
    assert "empty" in capsys.readouterr().err


def test_an_empty_question_is_refused_before_a_running_server_is_asked(use_engine, monkeypatch, capsys):
    """With the UI's server up, `ragqa ask ""` printed the server's empty answer and exited 0."""
    from ragqa import client

    asked = []
    monkeypatch.setattr(client, "ask_via_server", lambda *a, **k: asked.append(a) or {
        "answer": "", "citations": [], "unsupported": [], "notes": []})
    assert cli.main(["ask", ""]) == 2
    assert "empty" in capsys.readouterr().err and not asked
    assert cli.main(["ask", "중국의 AI 반도체 투자 규모는?"]) == 0 and asked  # a real question still goes to it


def test_batch_keeps_order_reports_bad_lines_and_loses_nothing(use_engine, tmp_path, capsys):
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join([json.dumps({"id": "a", "question": "중국의 AI 반도체 투자 규모는?", "x": 1}),
                              "{not json", json.dumps({"id": "c", "question": ""}),
                              json.dumps({"id": 4, "question": "SK하이닉스의 메모리 점유율은?"})]) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["ask", "--batch", str(inp), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", None, "c", 4]
    assert "30억" in rows[0]["answer"] and "28%" in rows[3]["answer"]
    assert "line 2" in rows[1]["error"] and "line 3" in rows[2]["error"]
    err = capsys.readouterr().err
    assert "line 2" in err and "line 3" in err


def test_search_json(use_engine, capsys):
    assert cli.main(["search", "서울 날씨", "--json", "-k", "2"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["hits"][0]["source"] == "weather.html" and len(d["hits"]) <= 2


def test_an_empty_search_query_is_a_clear_error(use_engine, capsys):
    assert cli.main(["search", "  "]) == 2
    err = capsys.readouterr().err
    assert "empty" in err and "Traceback" not in err


def test_search_over_an_unindexed_corpus_indexes_it_first(tmp_path, mini_corpus, monkeypatch, capsys):
    """``search`` brings the index up to date with its corpus as ``ask`` does (it used to exit 3, "run ragqa
    index"); the build's report goes to stderr, so ``--json`` stays parseable."""
    from ragqa.engine import Engine

    monkeypatch.setattr(common, "engine_for", lambda cfg: Engine(cfg, embedder=FakeEmbedder()))
    code = cli.main(["search", "서울 날씨", "--json", "--corpus", str(mini_corpus), "--index", str(tmp_path / "new")])
    out, err = capsys.readouterr()
    assert code == 0 and json.loads(out)["hits"][0]["source"] == "weather.html"
    assert "indexing" in err and (tmp_path / "new" / "CURRENT").is_file()


def test_ask_indexes_its_corpus_first_and_never_answers_from_another_corpus(tmp_path, mini_corpus, monkeypatch,
                                                                             capsys):
    """``ask`` brings the index up to date with its corpus before answering, as ``make run`` does (a batch over
    documents nobody indexed used to fail whole); a corpus other than the default index's gets an index of its own
    beside it (before, the other corpus's index answered, silently); an index named explicitly that holds another
    corpus is refused with what to run."""
    from pathlib import Path

    from ragqa.engine import Engine
    from ragqa.index import store

    monkeypatch.setattr(common, "engine_for", lambda cfg: Engine(cfg, embedder=FakeEmbedder()))
    monkeypatch.chdir(tmp_path)
    for var in ("RAGQA_INDEX", "RAGQA_HOME", "RAGQA_CORPUS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("RAGQA_SERVER", "off")
    monkeypatch.setenv("RAGQA_ABSTENTION_MODEL", str(Path(__file__).parent / "data" / "abstention_unit.json"))

    def ask(question: str, name: str, *flags: str) -> tuple[int, dict | None]:
        inp, out = tmp_path / f"{name}.jsonl", tmp_path / f"{name}-answers.jsonl"
        inp.write_text(json.dumps({"id": name, "question": question}, ensure_ascii=False) + "\n", "utf-8")
        code = cli.main(["ask", "--batch", str(inp), "--out", str(out), *flags])
        return code, json.loads(out.read_text("utf-8")) if out.is_file() and out.read_text("utf-8") else None

    code, answer = ask("중국의 AI 반도체 투자 규모는?", "first", "--corpus", str(mini_corpus))
    assert code == 0 and "30억" in answer["answer"]  # no index: built first
    assert "indexing" in capsys.readouterr().err and Path(store.read_manifest(tmp_path / "index")["corpus_dir"]) \
        .resolve() == mini_corpus.resolve()
    other = tmp_path / "other"
    other.mkdir()
    (other / "memo.txt").write_text("가나전자의 2024년 매출은 70억 원으로 집계됐다.\n", "utf-8")
    code, answer = ask("가나전자의 2024년 매출은 얼마인가?", "second", "--corpus", str(other))
    assert code == 0 and "70억" in answer["answer"] and answer["citations"][0]["source"] == "memo.txt"
    own = [p for p in tmp_path.iterdir() if p.name.startswith("index-other-")]
    assert len(own) == 1 and (own[0] / "CURRENT").is_file()  # its own index, beside the default one
    assert Path(store.read_manifest(tmp_path / "index")["corpus_dir"]).resolve() == mini_corpus.resolve()
    capsys.readouterr()
    code, _ = ask("가나전자의 2024년 매출은 얼마인가?", "third", "--corpus", str(other),
                  "--index", str(tmp_path / "index"))
    assert code == 3 and "was built from" in capsys.readouterr().err
    # a document added to the corpus: the index is brought up to date before the answer
    (other / "memo2.txt").write_text("다라은행의 2024년 순이익은 12억 원이다.\n", "utf-8")
    code, answer = ask("다라은행의 2024년 순이익은 얼마인가?", "fourth", "--corpus", str(other))
    assert code == 0 and "12억" in answer["answer"]


def test_a_batch_file_with_a_byte_order_mark_loses_no_question(use_engine, tmp_path):
    """A JSONL saved by a Windows tool opens with a UTF-8 byte order mark (and ends its lines with CRLF): its first
    question was reported as a malformed line and not answered."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_bytes(b"\xef\xbb\xbf" + (json.dumps({"id": "a", "question": "중국의 AI 반도체 투자 규모는?"},
                                                  ensure_ascii=False) + "\r\n").encode("utf-8"))
    assert cli.main(["ask", "--batch", str(inp), "--out", str(out)]) == 0
    row = json.loads(out.read_text("utf-8"))
    assert "error" not in row and "30억" in row["answer"]


def test_an_output_path_that_cannot_be_written_is_a_clear_error(use_engine, tmp_path, capsys):
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "question": "중국의 AI 반도체 투자 규모는?"}) + "\n", "utf-8")
    (tmp_path / "taken").mkdir()
    assert cli.main(["ask", "--batch", str(inp), "--out", str(tmp_path / "taken")]) == 3
    err = capsys.readouterr().err
    assert "error:" in err and "Is a directory" in err and "Traceback" not in err


def test_a_corpus_with_nothing_readable_is_answered_with_a_refusal_not_a_crash(tmp_path, monkeypatch, capsys):
    """An index of a folder with no readable document has no passages (its FAISS index a placeholder of dimension
    1): a question used to crash FAISS's dimension check; now the answer says the documents do not answer."""
    from ragqa.engine import Engine

    monkeypatch.setattr(common, "engine_for", lambda cfg: Engine(cfg, embedder=FakeEmbedder()))
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "broken.pdf").write_bytes(b"not a pdf")
    code = cli.main(["ask", "가나전자의 매출은?", "--json", "--no-server", "--corpus", str(corpus),
                     "--index", str(tmp_path / "index")])
    out, err = capsys.readouterr()
    assert code == 0 and json.loads(out)["abstained"] is True
    assert "broken.pdf" in err and "no document" in err


def test_serve_indexes_its_corpus_before_the_ui_starts(tmp_path, mini_corpus, monkeypatch):
    from ragqa import ui
    from ragqa.engine import Engine

    monkeypatch.setattr(common, "engine_for", lambda cfg: Engine(cfg, embedder=FakeEmbedder()))
    served = []
    monkeypatch.setattr(ui, "launch", lambda cfg, host, port, engine: served.append(engine))
    assert cli.main(["serve", "--corpus", str(mini_corpus), "--index", str(tmp_path / "new")]) == 0
    assert (tmp_path / "new" / "CURRENT").is_file()
    assert served[0].search("서울 날씨").hits[0].chunk.source == "weather.html"


def test_eval_scores_answers_made_elsewhere(tmp_path, mini_corpus, capsys):
    qs = tmp_path / "q.jsonl"
    qs.write_text(json.dumps({"id": "1", "type": "numeric", "question": "중국 투자는?", "must_include": ["30억"],
                              "gold": [{"doc": "news.txt", "quote": "30억 달러로 집계됐다"}]}) + "\n", "utf-8")
    ans = tmp_path / "a.jsonl"
    ans.write_text(json.dumps({"id": "1", "answer": "30억 달러다 [1]", "citations": ["중국의 AI 반도체 투자는 30억 달러로 집계됐다."]})
                   + "\n", "utf-8")
    out = tmp_path / "run"
    assert cli.main(["eval", str(qs), "--answers", str(ans), "--no-embed-check", "--corpus", str(mini_corpus),
                     "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text("utf-8"))["summary"]["overall"]
    assert summary["correct"] == 1.0 and summary["faithfulness"] == 1.0
    assert (out / "report.html").read_text("utf-8").count("<svg") >= 3


@pytest.mark.parametrize("content", [b'{"id": "1", "question": "  "}\n', b"not json\n", b"\xff\xfe\x00broken\n"])
def test_eval_with_no_valid_question_is_an_error_not_an_empty_report(tmp_path, mini_corpus, capsys, content):
    qs = tmp_path / "q.jsonl"
    qs.write_bytes(content)
    out = tmp_path / "run"
    code = cli.main(["eval", str(qs), "--no-embed-check", "--corpus", str(mini_corpus), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "error:" in err and str(qs) in err
    assert not out.exists()


def test_eval_of_a_missing_question_file_says_so(tmp_path, mini_corpus, capsys):
    code = cli.main(["eval", str(tmp_path / "absent.jsonl"), "--corpus", str(mini_corpus)])
    assert code == 2 and "cannot read the question set" in capsys.readouterr().err


def test_an_undecodable_line_is_reported_and_the_other_questions_kept(tmp_path):
    from ragqa.evaluation.runner import read_questions

    qs = tmp_path / "q.jsonl"
    qs.write_bytes("\ufeff".encode() + json.dumps({"id": "a", "question": "첫 질문"}, ensure_ascii=False).encode()
                   + b"\n\xff\xfe broken\n" + json.dumps({"id": "b", "question": "둘째"}).encode() + b"\n")
    questions, problems = read_questions(qs)
    assert [q.id for q in questions] == ["a", "b"]
    assert len(problems) == 1 and "line 2" in problems[0] and "UTF-8" in problems[0]


def test_ask_and_search_limited_to_a_document(use_engine, tmp_path, capsys):
    """``--doc`` limits the question to a document (by file name or title): the mini corpus's two reports give
    two figures for Korea, a question limited to one gets that one's, with no conflict; an unknown name is an
    error that lists the documents; in a batch a line's own ``docs`` wins, and a bad one fails that line only."""
    ask = "2023년 한국의 AI 반도체 투자 규모는 얼마인가?"
    assert cli.main(["ask", ask, "--json", "--doc", "news.txt"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert "15억" in d["answer"] and "12억" not in d["answer"] and d["docs"] == ["news.txt"]
    assert "검색 범위: news.txt" in d["notes"]
    assert {c["source"] for c in d["citations"] + d["contexts"]} == {"news.txt"}
    assert cli.main(["search", ask, "--json", "--doc", "반도체 산업"]) == 0
    assert {h["source"] for h in json.loads(capsys.readouterr().out)["hits"]} == {"chip_report.md"}
    assert cli.main(["ask", ask, "--doc", "annual report"]) == 2
    err = capsys.readouterr().err
    assert "no indexed document is named 'annual report'" in err and "chip_report.md" in err
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "a", "question": ask}, {"id": "b", "question": ask, "docs": ["chip_report.md"]},
        {"id": "c", "question": ask, "docs": "nowhere"}, {"id": "d", "question": ask, "docs": 3}]) + "\n", "utf-8")
    assert cli.main(["ask", "--batch", str(inp), "--out", str(out), "--doc", "news"]) == 0
    rows = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert "15억" in rows["a"]["answer"] and rows["a"]["docs"] == ["news.txt"]
    assert "12억" in rows["b"]["answer"] and "15억" not in rows["b"]["answer"]
    assert "no indexed document is named 'nowhere'" in rows["c"]["error"] and "'docs' must be" in rows["d"]["error"]


def test_the_abstention_threshold_can_be_moved_for_a_question(use_engine, capsys):
    """``--threshold`` replaces the fitted one for the question: 1 refuses what the default answers, 0 answers
    what the default refuses (with its confidence, so the reader can weigh it); outside 0-1 it is an error."""
    answered = "중국의 AI 반도체 투자 규모는 얼마인가?"
    assert cli.main(["ask", answered, "--json"]) == 0
    default = json.loads(capsys.readouterr().out)
    assert not default["abstained"] and default["confidence"] < 1
    assert cli.main(["ask", answered, "--json", "--threshold", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["abstained"]
    refused = "일본의 AI 반도체 투자 규모는 얼마인가?"
    assert cli.main(["ask", refused, "--json"]) == 0
    low = json.loads(capsys.readouterr().out)
    assert low["abstained"] and low["confidence"] > 0
    assert cli.main(["ask", refused, "--json", "--threshold", "0"]) == 0
    assert not json.loads(capsys.readouterr().out)["abstained"]
    assert cli.main(["ask", answered, "--threshold", "1.5"]) == 2
    assert "between 0 and 1" in capsys.readouterr().err
