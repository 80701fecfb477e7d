"""More unanswerable near-misses for the tuning split: eval/tuning_nearmiss.jsonl.

eval/questions.jsonl has 12 unanswerable questions, too few to fit the abstention model on. These
are written like the test split's near-misses (a real entity, year or figure next to what a passage
says, which no report gives) from passages drawn at random with another seed (777), skipping any
passage the test split was written from, reference lists and web chrome. They belong to the tuning
split: the abstention model is fitted on them, never on eval/test.jsonl.

    python eval/make_tuning_nearmiss.py   # -> eval/tuning_nearmiss.jsonl (checks every absence)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

Q: list[dict] = []


def na(question: str, why: str, absent: list[str]) -> None:
    Q.append({"id": f"u{len(Q) + 1:03d}", "type": "unanswerable", "question": question, "answer": why,
              "must_include": [], "gold": [], "absent": absent})


na("애자일소다의 2022년 매출액은 얼마였나?", "2023년 수치만 있다", ["애자일소다의 2022", "'22년 매출액 71"])
na("플래티어의 최대 고객사는 어디인가?", "다수의 국내 유통기업이라고만 한다", ["플래티어의 최대 고객"])
na("AgentBench에서 2022년 최고 모델의 점수는?", "폐쇄형·개방형 최고 점수(4.01, 0.96)만 있다", ["AgentBench 2022"])
na("와이즈넛의 2022년 영업이익은 얼마였나?", "2023년 수치만 있다", ["와이즈넛의 2022"])
na("DALL-E 3의 매개변수는 몇 개인가?", "매개변수 수는 없다", ["DALL-E 3는 약", "DALL-E 3의 매개변수"])
na("데미스 허사비스는 노벨화학상을 누구와 공동 수상했나?", "공동 수상자는 나오지 않는다", ["공동 수상"])
na("인피닉의 2022년 매출액은?", "2023년 수치만 있다", ["인피닉의 2022"])
na("디지털데일리의 AI 인덱스 2025 기사를 쓴 기자는 누구인가?", "기사에 기자 이름이 없다", ["기자"])
na("a16z 자료에서 챗GPT 모바일 앱의 월간 활성 사용자 수는 몇 명인가?", "사용자 수는 없다", ["월간 활성 사용자 수는", "억 명"])
na("메타AI의 월간 이용자 수는 몇 명인가?", "이용자 수는 없다", ["메타AI의 월간", "억 명"])
na("2024년 3분기 엔비디아의 데이터센터 부문 매출은 얼마인가?", "그림 출처로만 언급된다", ["데이터센터 부문 매출"])
na("테슬라 도조(Dojo)의 연산 성능은 몇 엑사플롭스인가?", "성능 수치는 없다", ["엑사플롭", "EFLOPS"])
na("AI 가치 사슬에서 데이터 수집·처리 시장의 규모는 얼마인가?", "시장 규모는 없다", ["데이터 수집 시장 규모", "데이터 수집·처리 시장"])
na("Nidhi Chappell은 언제 MS에 합류했나?", "직함만 나온다", ["Chappell은"])
na("스케일AI의 2023년 기업가치는 얼마였나?", "2021년(73억$)과 2024년(140억$)만 있다", ["'23년 기업가치", "2023년 기업가치"])
na("2012년 한국 기업의 세계 스마트폰 시장 점유율은 몇 %였나?", "스마트폰 침투율과 사용률만 있다", ["스마트폰 시장 점유율"])
na("악시온 레이의 AI는 고객사의 리콜 비용을 몇 % 줄였나?", "리콜을 방지한다는 서술만 있다", ["리콜 비용을"])
na("2021년에 출시된 초거대 AI 모델은 몇 개인가?", "2022~2024년 연도별 수와 2020~2024년 누적만 있다", ["2021년에는", "2021년 출시"])
na("2021년 민간 기업이 개발한 초거대 AI 모델의 비중은?", "2022년부터만 있다", ["2021년 89", "2021년 90"])
na("딥시크의 2024년 매출은 얼마인가?", "매출은 나오지 않는다", ["딥시크의 매출", "딥시크의 2024년 매출"])
na("Segment Anything 모델의 학습에 쓰인 이미지는 몇 장인가?", "학습 데이터 규모는 없다", ["Segment Anything 학습", "장의 이미지"])
na("제프리 힌튼은 몇 년에 구글을 떠났나?", "노벨상 수상만 나온다", ["구글을 떠"])
na("크라우드웍스의 2022년 매출액은 얼마였나?", "2023년 매출(239억 원)과 배수(2.2배)만 있다", ["크라우드웍스의 2022", "'22년 매출액"])
na("THE AI REPORT 2024의 작성에 참여한 외부 자문위원은 몇 명인가?", "자문위원은 나오지 않는다", ["자문위원"])
na("2030년 한국의 AI 시장 규모 전망치는 얼마인가?", "세계 시장 전망과 2024년 국내 시장 규모만 있다", ["2030년 국내", "2030년 한국의 AI 시장"])


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in (root / "corpus").glob("*.txt"))
    found = [f"{q['id']}: {s!r} occurs in the corpus" for q in Q for s in q["absent"] if s in corpus]
    if found:
        sys.exit("\n".join(found))
    out = root / "eval" / "tuning_nearmiss.jsonl"
    out.write_text("".join(json.dumps({k: v for k, v in q.items() if k != "absent"}, ensure_ascii=False) + "\n"
                           for q in Q), encoding="utf-8")
    print(f"{len(Q)} near-misses -> {out}")


if __name__ == "__main__":
    main()
