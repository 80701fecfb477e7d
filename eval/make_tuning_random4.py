"""A sixth tuning set, written from passages drawn at random: eval/tuning_random4.jsonl.

Drawn by `eval/sample_passages.py --seed 20261205 --answerable 100 --english 0.17 --near-miss 0.3 --out
eval/tuning_passages4.jsonl --exclude eval/test_passages.jsonl`: unlike the earlier tuning draws it may overlap
a tuning passage (they had taken nearly all the text no test passage holds), never a test passage; a question
here asks what no earlier tuning question asks. The sampler marks which passages are asked in English and
which get a near-miss; a passage drawn twice gets another question or is skipped with its reason. Written
before the system was run on them. Tuning split only.

    python eval/make_tuning_random4.py   # -> eval/tuning_random4.jsonl (checks every quote and absence)
"""

from __future__ import annotations

from questionset import ROOT, QuestionSet, g

N = "nia_the_ai_report_2024.txt"
T = "2024_ai_global_trends.txt"
_SET = QuestionSet("v")
q, na, skip = _SET.q, _SET.na, _SET.skip

q("p001", "numeric", "미국의 사업환경 지표 순위는 '23년 대비 '24년에 어떻게 변했나?", "28위에서 2위로 개선", ["28위", "2위"],
  g(T, "'사업환경'에 AI 법안과 고용 유연성이 추가되어 지표가 개선('23년: 28위 → '24년: 2위)"))
q("p002", "fact", "영국이 강점을 보인 AI 경쟁력 분야는?", "인재(4위)와 연구(4위)", ["인재", "연구"],
  g(T, "우수한 대학을 보유하고 있어 인재(4위)와 연구(4위) 분야에 강점이 있고"))
q("p003", "numeric", "국내 AI 유망기업 분석 대상 38개 기업 중 외감기업은 몇 개인가?", "27개", ["27개"],
  g(T, "38개 기업 (외감기업 27개, 코스닥·K-OTC 기업 14개)"))
q("p004", "english", "What share of the education market does AI currently account for in edtech?", "about 3%",
  ["3%"], g(T, "교육 시장 내 비중은 현재 약 3% 수준"))
q("p005", "fact", "매스프레소의 대표 제품은 무엇인가?", "콴다", ["콴다"], g(T, "대표 제품인 콴다를 중심으로"))
q("p006", "fact", "The AI Report 작성에 참여한 알서포트 소속 인물은?", "신동형 팀장 (전략기획팀)", ["신동형"],
  g(N, "알서포트 전략기획팀 신동형 팀장"))
na("p007", "순다르 피차이는 2024년 7월 실적 발표에서 알파벳의 AI 투자 규모를 얼마라고 밝혔나?",
   "과소투자의 위험에 대한 발언뿐 금액은 없다", ["알파벳의 AI 투자", "Alphabet의 AI 투자"])
q("p008", "numeric", "OpenAI는 2023년 기준 인프라 및 인건비로 연간 얼마를 지출하나?", "약 85억 달러", ["85억"],
  g(N, "OpenAI는 2023년 기준, 연간 약 85억 달러(약 12조 2,019억 원)를 인프라 및 인건비로 지출하는 것으로 알려졌다"))
q("p009", "table", "스케일AI의 2021년 기업가치는 얼마였나?", "73억 달러", ["73억"], g(N, "'21년 73억\\$"))
na("p010", "Who is the CEO of Scale AI?", "the company's founding, valuation and business only",
   ["스케일AI CEO", "스케일AI의 CEO", "Scale AI CEO", "Alexandr Wang", "알렉산더 왕"])
na("p011", "스케일AI의 데이터 라벨링 요금은 건당 얼마인가?", "맞춤형 견적이라고만 한다", ["라벨링 건당", "건당 요금"])
q("p012", "english", "When do MS and OpenAI plan to launch the AI supercomputer Stargate?", "in 2028", ["2028"],
  g(N, "“스타게이트(Stargate)”를 2028년에 출시할 예정이다"))
q("p013", "english", "Besides GPU computing resources, through what do cloud providers such as AWS and GCP support "
  "companies' AI adoption?", "AI development platforms and API services", ["API 서비스"],
  g(N, "AI 개발 플랫폼과 API 서비스를 통해 기업들의 AI 도입을 적극 지원하고 있다"))
na("p014", "빅테크 기업들이 AI 서비스 애플리케이션으로 올린 연간 수익은 얼마인가?", "투자액(약 6,000억 달러)뿐 수익액은 없다",
   ["AI 서비스 수익은", "애플리케이션 수익은"])
na("p015", "엔비디아의 쿠다(CUDA) 플랫폼을 쓰는 개발자는 몇 명인가?", "쿠다의 역할뿐 개발자 수는 없다",
   ["쿠다 개발자", "CUDA 개발자"])
na("p016", "메타가 MTIA 칩 개발에 투자한 금액은 얼마인가?", "MTIA의 역할뿐 개발비는 없다", ["MTIA 개발에", "MTIA에 투자"])
q("p017", "fact", "메타가 AI 컴퓨팅 인프라를 강화하기 위해 취한 세 가지 기술적 접근은?", "반도체, 슈퍼 컴퓨터, 데이터 센터",
  ["슈퍼 컴퓨터", "데이터 센터"], g(N, "반도체, 슈퍼 컴퓨터, 그리고 데이터 센터다."))
q("p018", "fact", "메타가 비디오 데이터를 효율적으로 처리하기 위해 개발한 ASIC은?", "MSVP(Meta's Scalable Video Processor)",
  ["MSVP"], g(N, "MSVP(Meta's Scalable Video Processor)라는 ASIC"))
na("p019", "메타 RSC 슈퍼컴퓨터의 연산 성능은 몇 엑사플롭스인가?", "GPU 수만 있고 연산 성능은 없다", ["엑사플롭"])
na("p020", "메타의 차세대 데이터 센터는 액체 냉각으로 에너지 소비를 몇 % 줄였나?", "냉각 방식의 설명뿐 절감률은 없다",
   ["에너지 소비를 약", "냉각으로 에너지"])
na("p021", "MS의 파이-3(Phi-3) 시리즈 중 가장 작은 모델의 파라미터 수는?", "온디바이스용이라는 설명뿐 크기는 없다",
   ["Phi-3-mini는", "Phi-3-mini의 매개변수", "Phi-3-mini의 파라미터"])
na("p022", "AMD 버살AI(Versal AI)의 전력 소비는 몇 와트인가?", "용도 설명뿐 전력은 없다", ["버살AI의 전력", "Versal AI의 전력"])
na("p023", "SK 하이닉스의 DDR5 월 생산 규모는 얼마인가?", "DDR4 대비 속도뿐 생산 규모는 없다", ["DDR5 생산", "DDR5를 월"])
q("p024", "english", "Since what year has Samsung's 3nm GAA process been in mass production?", "2022", ["2022년"],
  g(N, "3nm GAA 공정은 2022년부터 양산이 시작되었으며"))
q("p025", "fact", "미스트랄 AI가 혜택을 받고 있는 EU의 규제 환경으로 든 것은?", "AI ACT", ["AI ACT"],
  g(N, "EU의 AI ACT와 같은 규제 환경에 대응하기 위해"))
q("p026", "numeric", "MS가 보유한 오픈AI 영리법인 지분은 몇 %인가?", "49%", ["49%"],
  g(N, "현재 MS가 영리법인 지분 49%를 보유하고 있음."))
q("p027", "fact", "오픈AI가 비영리법인으로 출발할 때의 목표는?", "인류에 유익한 AI 개발", ["인류에 유익한"],
  g(N, "오픈AI는 본래 인류에 유익한 AI 개발을 목표로 비영리법인으로 출발했지만"))
na("p028", "오픈AI의 o1 모델은 몇 개의 파라미터를 가지고 있나?", "추론 중심이라는 설명뿐 크기는 없다", ["o1의 파라미터", "o1은 약"])
na("p029", "미스트랄AI는 설립 당시 직원이 몇 명이었나?", "설립 시 유치한 자금(1억 5백만 달러)뿐 직원 수는 없다",
   ["설립 당시 직원", "명의 직원으로"])
q("p030", "fact", "허깅페이스의 트랜스포머 라이브러리로 쉽게 활용할 수 있는 모델의 예는?", "BERT, GPT-2, T5", ["BERT"],
  g(N, "BERT, GPT-2, T5와 같은 모델을 쉽게 활용할 수 있도록 설계되어 있다"))
q("p031", "numeric", "a16z 자료에서 웹 기반 AI 앱의 몇 %가 콘텐츠 생성과 편집에 집중하나?", "52%", ["52%"],
  g(N, "웹 기반 AI 앱의 52%가 콘텐츠 생성과 편집에 집중하고 있다"))
q("p032", "fact", "퍼플렉시티 프로 사용자는 무료 사용자보다 어떤 혜택을 누리나?",
  "더 높은 성능의 AI 모델, 사용 횟수 제약이 거의 없음", ["더 높은 성능"],
  g(N, "더 높은 성능의 AI 모델을 활용할 수 있으며 사용 횟수의 제약이 거의 없는 환경에서"))
q("p033", "fact", "보고서가 국내에서 먼저 상용화한 뒤 글로벌로 확장할 AI 서비스의 예로 든 것은?",
  "개인화된 교육 서비스, 헬스케어 서비스, 스마트시티 솔루션", ["스마트시티"],
  g(N, "AI 기반의 스마트시티 솔루션 등을 국내에서 먼저 상용화하고"))
na("p034", "업스테이지의 솔라는 허깅페이스 오픈 LLM 리더보드에서 몇 위를 기록했나?", "상위권이라고만 한다",
   ["리더보드 1위", "리더보드에서 1위"])
skip("p035", "a reference list: titles and addresses only")
skip("p036", "a reference list: titles and addresses only")
skip("p037", "the reference list of p036 drawn again")
skip("p038", "the reference list of p036 drawn again")
skip("p039", "a reference list: titles and addresses only")
skip("p040", "a reference list: titles and addresses only")
skip("p041", "a reference list: titles and addresses only")


def main() -> None:
    _SET.write(ROOT / "eval" / "tuning_passages4.jsonl", ROOT / "eval" / "tuning_random4.jsonl")


if __name__ == "__main__":
    main()
