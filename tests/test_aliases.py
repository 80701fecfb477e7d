"""Aliases from the corpus: Hangul and Latin spellings that the text itself pairs."""

from __future__ import annotations

from types import SimpleNamespace

from ragqa.aliases import Aliases, pairs
from ragqa.answer.extractive import Candidate, ExtractiveAnswerer
from ragqa.types import Chunk, Hit

TEXT = ("미국 앤스로픽(Anthropic)은 클로드3(Claude 3)를 공개했다. 한편 Cohere(코히어)는 기업용 모델에 집중한다. "
        "앤쓰로픽(Anthropic)의 투자자는 구글이다. 대규모 언어 모델(LLM)과 소형 모델(sLM), 사전학습 모델(Pre-trained "
        "Language Model)이 있다. 시장 규모(2024)는 커졌다. 출처: 보고서(KPMG, 2024). 중국(62.9) 영국(40.9).")


def test_pairs_are_names_in_two_scripts():
    found = set(pairs(TEXT))
    assert ("앤스로픽", "Anthropic") in found and ("클로드3", "Claude 3") in found and ("Cohere", "코히어") in found
    # years, sources and figures in parentheses are not names
    assert not any(b in ("2024", "KPMG, 2024", "62.9", "40.9") for _, b in found)


def test_groups_join_variants_and_drop_common_words():
    a = Aliases.from_texts([TEXT])
    assert a.forms("Anthropic") == {"anthropic", "앤스로픽", "앤쓰로픽"}  # two Hangul variants of one name
    assert a.forms("앤쓰로픽") == a.forms("앤스로픽")
    assert a.forms("Claude 3") == {"claude3", "클로드3"}  # normalized: no spaces, lower case
    # 모델 stands before three unlike spellings: it ends longer phrases, it is not a name
    assert a.forms("모델") == {"모델"} and not a.known("LLM")
    assert a.forms("구글") == {"구글"}  # a name the text never pairs has itself only


def _chunk(text: str) -> Chunk:
    return Chunk("c1", "d1", "news.txt", 0, len(text), text, "", "text")


def test_a_name_is_found_in_the_other_spelling():
    index = SimpleNamespace(aliases=Aliases.from_texts([TEXT]))
    answerer = ExtractiveAnswerer(index, abstention=object())
    sentence = "앤스로픽은 2024년 클로드3를 공개했다."
    hits = [Hit(_chunk(sentence), 1.0, 1)]
    cand = Candidate(1, 0, sentence, 0, len(sentence), 1.0, 0.0)
    assert answerer.names.present(["anthropic"], cand, hits)
    assert answerer.names.present(["claude3"], cand, hits)
    assert not answerer.names.present(["오픈ai"], cand, hits)
    # an English question's names: the glossary's, plus the spellings the corpus gives
    names = answerer.names.english_names("When did Anthropic release Claude 3?")
    assert ("claude3", "클로드3") in names and any("앤스로픽" in alts for alts in names)


def test_a_country_is_found_by_its_hanja_abbreviation_but_not_in_other_hanja():
    index = SimpleNamespace(aliases=Aliases.from_texts([TEXT]))
    answerer = ExtractiveAnswerer(index, abstention=object())

    def present(name: str, sentence: str) -> bool:
        hits = [Hit(_chunk(sentence), 1.0, 1)]
        return answerer.names.present([name], Candidate(1, 0, sentence, 0, len(sentence), 1.0, 0.0), hits)

    growth = "국가별 성장전망(%): (美) 2.1→1.5 (中) 5.4→4.6 / (獨)△0.5→0.9"
    assert present("미국", growth) and present("중국", growth) and present("독일", growth)
    assert not present("일본", growth)
    assert not present("중국", "中央 정부가 예산을 늘렸다.")
    assert present("한국", "우리나라 기업의 투자가 늘었다.")
    # a Korean document's 국내 (domestic) is Korea: "Korean startups" are its 국내 스타트업
    assert present("한국", "국내 AI 유망기업의 매출은 대부분 증가하는 추세")
    assert not present("미국", "국내 AI 유망기업의 매출은 대부분 증가하는 추세")
    assert not present("한국", "국제 AI 유망기업의 매출은 대부분 증가하는 추세")


def test_a_listed_name_counts_when_the_best_sentences_passage_names_it():
    from ragqa.answer.question import LISTING

    index = SimpleNamespace(aliases=Aliases.from_texts([TEXT]))
    answerer = ExtractiveAnswerer(index, abstention=object())
    passage = "• 알파상사 온라인 고객은 5%를 더 지출합니다. • 베타물산 주문액이 15% 상승했습니다."
    best = "베타물산 주문액이 15% 상승했습니다."
    hits = [Hit(_chunk(passage), 1.0, 1)]
    cand = Candidate(1, 1, best, passage.index(best), len(passage), 1.0, 0.0)
    assert not answerer.names.mentions("알파상사", cand, hits) and answerer.names.in_passage("알파상사", cand, hits)
    assert not answerer.names.in_passage("감마전자", cand, hits)
    assert LISTING.search("알파상사, 베타물산은 각각 어떻게 매출을 늘렸나?")
    assert not LISTING.search("알파상사의 매출은 얼마인가?")


def test_a_name_of_several_words_pairs_whole_and_is_found_where_a_text_writes_it():
    a = Aliases.from_texts(["구글의 제미나이 울트라(Gemini Ultra)는 최신 모델이다. 오픈AI(OpenAI)와 인공지능(AI)."])
    assert a.forms("제미나이 울트라") == {"제미나이울트라", "울트라", "geminiultra"}
    assert "geminiultra" in a.spelled_in("제미나이 울트라의 학습 비용은?")["제미나이울트라"]
    assert "ai" in a.spelled_in("인공지능 AI 모델")
    spelled = a.spelled_in("OpenAI의 전략")  # a Latin spelling counts as a whole word: ai is not in openai
    assert "openai" in spelled and "ai" not in spelled
