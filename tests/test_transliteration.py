"""A name's Hangul and Latin spellings matched by their consonants (ragqa.transliteration)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ragqa.aliases import Aliases
from ragqa.answer.extractive import Candidate, ExtractiveAnswerer
from ragqa.transliteration import same_name, skeletons, written_in
from ragqa.types import Chunk, Hit


@pytest.mark.parametrize("hangul, latin", [
    ("맥킨지", "McKinsey"), ("앤스로픽", "Anthropic"), ("허사비스", "Hassabis"), ("퍼플렉시티", "Perplexity"),
    ("제미나이", "Gemini"), ("가트너", "Gartner"), ("허깅페이스", "HuggingFace"), ("야랏츠", "Yarats"),
    ("마이크로소프트", "Microsoft"), ("톰슨", "Thomson"), ("엔비디아", "NVIDIA"),
])
def test_one_name_in_two_scripts_has_a_skeleton_in_common(hangul, latin):
    assert same_name(hangul, latin)


@pytest.mark.parametrize("hangul, latin", [
    ("맥킨지", "Microsoft"), ("가트너", "Google"), ("엔비디아", "Adobe"), ("딥시크", "Anthropic"), ("알파벳", "Gartner"),
])
def test_unlike_names_do_not_match(hangul, latin):
    assert not same_name(hangul, latin)


def test_skeletons_are_consonant_classes_with_vowels_and_repeats_dropped():
    assert skeletons("맥킨지") == {"MKNS"}
    assert skeletons("로봇") == {"LPT"}  # a final ㅅ is read as t
    assert skeletons("Harvey") == {"HLP", "HP"}  # an r after a vowel may be silent (하비)
    assert skeletons("아이") == frozenset()  # no consonant: nothing to match by
    assert skeletons("GPU") == frozenset() and skeletons("HBM") == frozenset()  # acronyms are read letter by letter


def test_a_name_is_written_in_the_other_script_with_particles_aside():
    assert written_in("맥킨지", "McKinsey & Company의 분석에 따르면 자동화 비율이 30%로 늘었다.")
    assert written_in("Hassabis", "데미스 허사비스는 MWC에서 이렇게 말했다.")
    assert written_in("허깅페이스", "Hugging Face hosts models")  # two Latin words, one name
    assert not written_in("맥킨지", "Microsoft의 분석에 따르면")
    assert not written_in("딥시크", "딥시크의 모델")  # the same script is the aliases' and the text's business
    assert not written_in("오픈AI", "OpenAI")  # a mixed spelling is matched as written
    assert not written_in("npu", "칩 내부 구조를 바꿨다")  # 내부 is no reading of an acronym


def test_the_answerer_finds_a_question_name_written_in_the_other_script():
    index = SimpleNamespace(aliases=Aliases.from_texts([""]))
    answerer = ExtractiveAnswerer(index, abstention=object())
    sentence = "McKinsey & Company의 분석에 따르면 2024년에는 이 비율이 30%로 증가했다."
    hits = [Hit(Chunk("c1", "d1", "r.txt", 0, len(sentence), sentence, "", "text"), 1.0, 1)]
    cand = Candidate(1, 0, sentence, 0, len(sentence), 1.0, 0.0)
    assert answerer.names.present(["맥킨지"], cand, hits)
    assert not answerer.names.present(["가트너"], cand, hits)


def test_a_name_written_in_the_other_script_counts_in_the_sentence_lexical_score(tmp_path, fake_embedder):
    """맥킨지 in the question, McKinsey in the sentence: the name's terms count there as they do in a sentence
    spelling it 맥킨지, so a sentence about another year that writes the question's spelling does not win on it."""
    from dataclasses import replace



    from conftest import one_document_engine

    text = ("# 자동화 전망\n\nMcKinsey & Company의 분석에 따르면 2024년에는 업무 자동화 비율이 30%로 증가했다. "
            "맥킨지는 2025년에는 자동화 비율이 50%를 넘을 것으로 전망하였다.\n")
    eng = one_document_engine(tmp_path, fake_embedder, "auto.md", text)
    question = "맥킨지 분석에서 2024년 자동화 비율은?"
    hits = eng.retriever.search(question).hits

    def lexical(on: bool) -> dict[str, float]:
        answerer = ExtractiveAnswerer(eng.index, eng.embedder, cfg=replace(eng.cfg.extractive,
                                                                          sound_names_in_lexical=on))
        return {c.text.split()[0]: c.lexical for c in answerer.scorer.candidates(question, hits, "ko")}

    on, off = lexical(True), lexical(False)
    assert on["McKinsey"] > off["McKinsey"]
    assert on["McKinsey"] >= on["맥킨지는"]
    assert on["맥킨지는"] == off["맥킨지는"]
