from ragqa.korean import is_korean, split_sentences, terms


def test_sentence_splits_exact():
    text = "한국의 AI 투자는 늘었다. 그러나 인재는 해외로 나갔다! 정부는 지원을 약속했습니다"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "한국의 AI 투자는 늘었다.", "그러나 인재는 해외로 나갔다!", "정부는 지원을 약속했습니다"]


def test_sentence_splits_keep_quotes_and_decimals():
    text = "“AI는 중요하다”고 그는 말했다. 2023년 투자액은 13.9억 달러였다."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "“AI는 중요하다”고 그는 말했다.", "2023년 투자액은 13.9억 달러였다."]


def test_sentence_spans_are_offsets_into_the_input():
    text = "  첫 문장이다.   둘째 문장이다.  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["첫 문장이다.", "둘째 문장이다."]
    assert split_sentences("   ") == []


def test_particles_do_not_block_a_match():
    query = set(terms("투자"))
    assert query <= set(terms("투자는 늘었다"))
    assert query <= set(terms("투자액을 늘렸다"))


def test_numbers_keep_their_units():
    t = terms("한국은 13.9억 달러로 9위, 성장률 24.2%")
    assert "13.9억" in t and "24.2%" in t and "9위" in t


def test_short_report_dates_match_full_years():
    # reports write '23년 and '24.3월 where questions say 2023년 and 2024년 3월
    assert {"2023", "2023년"} <= set(terms("'23년 가장 많은 수의 첨단 모델"))
    assert {"2003년"} <= set(terms("\u201803년 이후로"))
    assert {"2024년", "3월"} <= set(terms("'24.3월 발표"))
    # a share after an apostrophe stays a share, and a bare '23 is not a year
    t = terms("'24.3% 증가, '23 기준")
    assert "24.3%" in t and "2024년" not in t and "2023년" not in t


def test_other_names_of_a_country_match_it():
    korea = set(terms("한국"))
    assert korea <= set(terms("우리나라는 세계에서 세 번째로"))
    assert korea <= set(terms("대한민국의 인프라 점수"))
    assert korea <= set(terms("韓AI 시사점"))
    assert set(terms("미국")) <= set(terms("美 스탠퍼드대"))
    assert "한국" not in terms("우리 회사의 나라별 매출")  # 우리 and 나라 apart are not Korea


def test_an_ordinal_matches_however_it_is_written():
    second = "2번째"
    for written in ("두 번째 시나리오", "2번째 시나리오", "둘째, 시나리오", "시나리오 ②", "⑵ 시나리오", "❷ 시나리오",
                    "두 번째 LLM"):  # Kiwi reads 번째 as two morphemes or, here, as one
        assert second in terms(written), written
    # an ordinal that states a rank is the rank reports write: "second-most" is 2위
    assert "2위" in terms("두 번째로 많은 특허") and "2위" in terms("세계 2위") and "9위" in terms("조사 대상 중 9번째였다")
    assert "1번째" in terms("첫 번째로, 정부는") and "1위" not in terms("첫 번째로, 정부는")  # "firstly," enumerates
    assert "1번째" in terms("첫 번째 방안") and "1번째" in terms("첫째로")
    # a statute's paragraph: a citation writes 제1항, the article itself ①
    assert "1번째" in terms("공무원연금법 제65조 제1항 제1호") and "1번째" in terms("① 공무원이었던 사람이")
    # not ordinals: a count (두 번, twice), the first week (첫 주), a rank (a term of its own), an amount, a
    # footnote mark, a fraction
    for text in ("두 번 방문했다", "첫 주 동안", "세계 2위", "2억 달러", "반면²⁸⁾ 오픈AI는", "½ 이상"):
        assert not [t for t in terms(text) if t.endswith("번째")], text


def test_a_letter_spaced_line_head_is_read_as_its_words():
    # how judgments set their header lines: the question's words find them
    header = "제 1 심 판 결 서울중앙지방법원 2023. 2. 2. 선고\n변 론 종 결 2023. 11. 21.\n판 결 선 고 2023. 12. 6."
    assert {"판결", "변론", "종결", "선고"} <= set(terms(header))
    assert {"주문", "이유"} <= set(terms("주 문\n1. 피고의 항소를 기각한다.\n이 유"))
    assert "법원" in terms("  서 울 고 등 법 원")
    # a PDF's lines joined: the heading stands inside the text
    assert {"변론", "종결", "판결", "선고"} <= set(terms("민현아제 1 심 판 결 서울중앙지방법원 변 론 종 결 2023. 7. 11. 판 결 선 고"))
    # single syllables a space apart in a sentence are words of their own: joined, they make no noun
    for text in ("그 결과 인구 만 명 당 3명", "이는 작년의 두 배", "이를 알 수 있다", "또 그 중 하나", "인구 1만 명 당 3명",
                 "이는 이 전 과정을 거친다", "수익은 중 간 수준"):  # two letters inside a line: words of their own
        joined = [t for t in terms(text) if len(t) >= 2 and not t.endswith("다") and not any(t in w for w in text.split())]
        assert not joined, (text, joined)
    assert not [t for t in terms("1 2 3 4") if len(t) > 1]  # digits alone are no heading


def test_language_detection():
    assert is_korean("2024 Global AI Index에서 대한민국의 종합 점수는?")
    assert not is_korean("How much did Korea invest in AI?")


def test_a_bullet_opening_the_next_item_on_the_same_line_goes_with_that_item():
    from ragqa.korean import split_sentences

    text = "미리 예비인가를 신청할 수 있다. ㅇ 예비인가제도는 가능성을 확인하려는 취지이다. * 통상 외부평가위원회를 운영한다."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "미리 예비인가를 신청할 수 있다.", "ㅇ 예비인가제도는 가능성을 확인하려는 취지이다.", "* 통상 외부평가위원회를 운영한다."]
