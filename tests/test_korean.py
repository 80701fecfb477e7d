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


def test_language_detection():
    assert is_korean("2024 Global AI Index에서 대한민국의 종합 점수는?")
    assert not is_korean("How much did Korea invest in AI?")
