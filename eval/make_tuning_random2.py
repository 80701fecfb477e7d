"""A third tuning set, mostly near-misses, written from passages drawn at random: eval/tuning_random2.jsonl.

The near-misses the abstention model was fitted on (eval/questions.jsonl, eval/tuning_nearmiss.jsonl) often
use a word the reports never use, which makes them easy; a new user's near-miss asks, in the reports' own
words, for an attribute, year or figure next to what a passage says. These are written that way, from the
passages `eval/sample_passages.py --seed 20261203 --answerable 300 --english 0.25 --near-miss 0.7 --out
eval/tuning_passages2.jsonl --exclude eval/test_passages.jsonl eval/tuning_passages.jsonl` drew (no overlap
with a test or an earlier tuning passage; all from the long NIA report, the others being drawn out; the
draw repeats some passages, and a repeated one gets another question). The sampler marks which passages
are asked in English and which get a near-miss, so the writer does not choose. Tuning split only.

    python eval/make_tuning_random2.py   # -> eval/tuning_random2.jsonl (checks every quote and absence)
"""

from __future__ import annotations

from questionset import ROOT, QuestionSet, g

N = "nia_the_ai_report_2024.txt"
_SET = QuestionSet("s")
q, na, skip = _SET.q, _SET.na, _SET.skip

na("p001", "구글 딥마인드 CEO는 MWC 2024에서 제미나이의 출시 일정을 언제라고 밝혔나?", "구글이 뒤처진 이유만 있고 출시 일정은 없다",
   ["출시 일정"])
q("p002", "numeric", "구글은 AI 시스템을 출시하기 전에 얼마나 더 정확해야 한다고 했나?", "100배", ["100배"],
  g(N, "“100배 더 정확해야” 한다고 했지만"))
q("p003", "fact", "MWC 2024에서 언급된, 구글이 오픈AI에 뒤처진 이유는?", "구글은 기술 혁신에 집중했고 오픈AI는 먼저 시장에 서비스를 출시했다",
  ["기술 혁신에 집중"], g(N, "구글은 AI 기술 혁신에 집중했으나, OPEN AI는 먼저 시장에 서비스를 출시하고 빠른 속도로 확장했음"))
na("p004", "How many monthly active users does Instagram's AI content recommendation system serve?",
   "the recommendation system is described, no user count", ["인스타그램 월간", "인스타그램 이용자 수", "인스타그램의 월간"])
na("p005", "메타의 MSVP 칩은 몇 나노미터 공정으로 생산되나?", "MSVP의 용도만 있고 공정은 없다", ["MSVP는", "MSVP의 공정"])
na("p006", "라마 3.1의 학습에 사용된 GPU 시간은 얼마인가?", "파라미터와 토큰 수만 있고 GPU 시간은 없다", ["GPU 시간"])
q("p007", "fact", "MS가 온디바이스 환경용으로 제공하는 소형 언어 모델 시리즈는?", "파이-3(Phi-3)", ["Phi-3"],
  g(N, "MS의 파이-3(Phi-3) 시리즈는 온디바이스(On-device) 환경"))
na("p008", "How much did Microsoft spend to build the supercomputer it set up with OpenAI?",
   "the cooperation is described, no cost", ["슈퍼 컴퓨터 구축 비용", "슈퍼 컴퓨팅 인프라 구축 비용"])
na("p009", "What stake in OpenAI's for-profit entity does SoftBank hold?", "only Microsoft's 49% is given",
   ["소프트뱅크가 보유", "소프트뱅크 지분", "소프트뱅크의 지분"])
q("p010", "fact", "허깅페이스는 무엇을 목표로 하는 플랫폼인가?", "머신러닝계의 깃허브(GitHub)", ["깃허브"],
  g(N, "허깅페이스는 “머신러닝계의 깃허브(GitHub)”를 목표로 하는 플랫폼으로"))
na("p011", "에이브릿지의 2024년 매출은 얼마인가?", "기업가치와 투자 유치만 있고 매출은 없다", ["에이브릿지의 매출", "에이브릿지 매출"])
# written as a near-miss, but the passage after the drawn one gives the valuation: relabelled answerable
q("p012", "numeric", "법률 AI 하비(Harvey)의 기업가치는 얼마로 평가되었나?", "15억 달러", ["15억"],
  g(N, "이로써 기업 가치는 15억 달러로 평가받고 있다"))
na("p013", "KPMG는 AI 도입으로 금융 산업의 백 오피스 인력이 몇 % 줄어들 것으로 전망했나?", "오피스별 변화 전망만 있고 인력 감소율은 없다",
   ["백 오피스 인력", "백오피스 인력"])
q("p014", "fact", "혁신적인 AI 서비스를 개발하는 바탕으로 든 대한민국의 강점은?", "발달된 IT 인프라, 높은 스마트폰 보급률, 새로운 기술에 대한 높은 수용성",
  ["스마트폰 보급률", "수용성"], g(N, "우리나라의 발달된 IT 인프라와 높은 스마트폰 보급률, 그리고 새로운 기술에 대한 높은 수용성을 바탕으로"))
na("p015", "IoT Analytics 분석에서 2022년 데이터 센터 GPU 시장의 NVIDIA 점유율은 몇 %였나?", "2023년 시장 규모 기준(92%)만 있다",
   ["2022년 데이터 센터", "2022년 데이터센터"])
na("p016", "IoT Analytics는 생성형 AI '서비스' 시장의 1위 기업을 어디로 꼽았나?", "서비스 시장은 여러 기업이 경쟁 중이라는 서술뿐",
   ["서비스 시장 1위", "서비스 시장의 1위"])
na("p017", "AI 서비스의 글로벌 진출을 위해 정부가 조성한 펀드 규모는 얼마인가?", "전략 제안뿐 펀드는 없다",
   ["AI 서비스 펀드", "글로벌 진출 펀드", "글로벌 진출을 위한 펀드"])
q("p018", "numeric", "IoT Analytics에 따르면 생성형 AI 시장의 데이터 센터 GPU 부문에서 NVIDIA의 점유율은?", "92%", ["92%"],
  g(N, "‘데이터 센터 GPU’ 부문은 NVIDIA가 전체 시장의 92%를 차지하며"))
na("p019", "According to IoT Analytics, what share of the generative AI services market does Microsoft hold?",
   "Microsoft is named among the leaders of models and platforms, no share", ["Microsoft의 점유율", "마이크로소프트의 점유율", "MS의 점유율"])
na("p020", "한국갤럽 2018년 조사에서 향후 구입 예정 브랜드로 아이폰을 꼽은 비율은 몇 %인가?", "조사 제목만 인용되고 비율은 없다",
   ["아이폰을 꼽은", "아이폰 구입"])
q("p021", "english", "Which cultural content fields does the report cite as successes of testing at home before going global?",
  "K-POP and K-dramas", ["K-POP"], g(N, "실제로 이러한 전략은 이미 K-POP과 K-드라마 등의 문화 콘텐츠 분야에서 성공을 거두고 있다"))
na("p022", "업스테이지의 솔라 프로는 몇 개의 파라미터를 가지고 있나?", "출시와 성과만 있고 파라미터 수는 없다",
   ["솔라 프로는", "솔라의 파라미터", "솔라 프로의 파라미터"])
na("p023", "두 번째 시나리오에서 국내 AI 데이터센터 경쟁 촉진을 위해 정부가 투입할 예산은 얼마인가?", "정책 방향만 있고 예산은 없다",
   ["데이터센터 예산", "데이터센터에 투입"])
na("p024", "2024년 국내 클라우드 기업들이 AI 인프라 확충에 투자한 금액은 얼마인가?", "참여를 독려하자는 제안뿐 투자액은 없다",
   ["클라우드 기업들이 투자", "클라우드 기업의 투자"])
na("p025", "미국 의회에 2019년 발의된 알고리즘 책임법(Algorithmic Accountability Act)의 발의자는 누구인가?",
   "참고문헌에 법안 제목만 있다", ["알고리즘 책임법", "발의자"])
na("p026", "SK하이닉스가 2023년에 AI 메모리 칩 기술에 투자한 금액은 얼마인가?", "참고문헌 제목의 투자(10억$)는 2024년 3월 보도",
   ["SK하이닉스가 2023년", "SK 하이닉스가 2023년"])
q("p027", "numeric", "헬스케어 AI 스타트업 에이브릿지는 얼마의 기업가치로 투자 유치를 추진 중인가?", "25억$", ["25억"],
  g(N, "이 회사는 2024년 10월 25억\\$ 기업가치로 약 2.5억\\$의 투자 유치를 추진 중"))
na("p028", "리벨리온의 NPU는 구글 TPU보다 몇 배 빠르다고 보도되었나?", "엔비디아 GPU보다 2배라는 기사 제목뿐",
   ["TPU보다"])


def main() -> None:
    _SET.write(ROOT / "eval" / "tuning_passages2.jsonl", ROOT / "eval" / "tuning_random2.jsonl")


if __name__ == "__main__":
    main()
