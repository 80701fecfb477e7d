"""A tenth tuning set, from passages drawn at random: eval/tuning_random6.jsonl.

`tuning_random5` was kept outside every fit as a fresh check (stop 41 to stop 47); with it taken into the abstention
fit, a fresh check of its own kind is needed, and the fit gains 40 more questions of the test's kind. Drawn by
`eval/sample_passages.py --seed 20261209 --answerable 130 --english 0.35 --near-miss 0.35 --out
eval/tuning_passages7.jsonl --exclude eval/test_passages.jsonl` (42 passages; as the sixth to eighth draws it may
overlap a tuning passage, never a test passage). A question here asks what no earlier tuning or test question asks
(each checked against their wording before writing). Near-misses name a real entity, year or figure next to what the
passage says; each absence was checked in the corpus text (the strings below are checked again by the writer).
Passages of a bibliography or a footnote list are skipped (not indexed as text to answer from). Written before the
system was run on them. Tuning split only.

    python eval/make_tuning_random6.py   # -> eval/tuning_random6.jsonl (checks every quote and absence)
"""

from __future__ import annotations

from questionset import ROOT, QuestionSet, g

N = "nia_the_ai_report_2024.txt"
T = "2024_ai_global_trends.txt"
_SET = QuestionSet("x")
q, na, skip = _SET.q, _SET.na, _SET.skip

q("p001", "fact", "중국의 AI 지표 가운데 '23년 대비 점수가 하락하지 않은 지표는?", "상용화", ["상용화"],
  g(T, "상용화를 제외한 모든 지표점수가 '23년 대비 하락"))
q("p002", "fact", "중국을 제외하고 아시아에서 가장 역동적인 AI 허브로 자리잡은 나라는?", "싱가포르", ["싱가포르"],
  g(T, "중국을 제외하고 아시아에서 가장 역동적인 AI 허브로 자리잡음"))
q("p003", "english", "Which country had the highest share of job postings requiring AI skills in 2023, and what was "
  "it?", "the United States, 1.6%", ["1.6"], g(T, "'23년 AI 채용 공고 비율²⁾은 미국(1.6%)"))
na("p003", "What share of job postings in South Korea required AI skills in 2023?",
   "only the United States (1.6%), Spain (1.4%) and Sweden (1.3%) are given", ["한국의 AI 채용", "채용 공고 비율은 한국"])
q("p004", "fact", "국내 AI 유망기업 중 AI 인프라(HW, 데이터, 플랫폼 등) 분야로 분류된 기업은?",
  "인피닉, 크라우드웍스, 모레, 쓰리아이, 이파피루스, 에스투더블유", ["크라우드웍스"],
  g(T, "AI 인프라(HW, 데이터, 플랫폼 등): 인피닉, 크라우드웍스, 모레, 쓰리아이, 이파피루스, 에스투더블유"))
na("p004", "국내 AI 유망기업 분석 대상 38개 기업 중 코넥스 상장 기업은 몇 개인가?",
   "외감기업 27개, 코스닥·K-OTC 기업 14개뿐 코넥스는 없다", ["코넥스", "KONEX"])
q("p005", "english", "Why does the report say Korean content and education AI companies have higher revenue and "
  "capital than other fields?", "demand there is relatively stable", ["안정적인 수요"],
  g(T, "비교적 안정적인 수요가 존재하는 분야로 매출과 자본금이 타 분야에 비해 높은 편"))
skip("p006", "footnote list (sources and URLs), nothing askable as text")
q("p007", "table", "스케일AI의 성장 요인으로 꼽힌 것은?", "AI 데이터 수요 증가, 기술 기업 파트너십, 혁신기술",
  ["데이터 수요"], g(N, "성장요인: AI 데이터 수요 증가, 기술 기업 파트너십, 혁신기술"))
q("p008", "table", "스케일AI의 차별화 요소는 무엇인가?",
  "인간 전문가와 AI 알고리즘의 결합으로 높은 정확도, 다양한 데이터 유형 처리 능력, 지속적인 R&D 투자", ["정확도"],
  g(N, "인간 전문가와 AI 알고리즘의 결합으로 높은 정확도 제공"))
na("p008", "스케일AI의 직원 수는 몇 명인가?", "설립, 기업가치, 사업모델뿐 직원 수는 없다", ["직원"])
q("p009", "numeric", "메타가 2024년 말까지 목표로 하는 컴퓨팅 파워는 엔비디아 H100 GPU 몇 개에 해당하나?", "600,000개",
  ["600,000"], g(N, "2024년 말까지 600,000개의 엔비디아(NVIDIA) H100 GPU에 해당하는 컴퓨팅 파워"))
na("p009", "MS와 오픈AI의 스타게이트 데이터 센터는 미국 어느 주에 건설되나?",
   "1,000억 달러 규모와 2028년 출시 예정뿐 위치는 없다", ["텍사스"])
q("p010", "fact", "딥러닝에 특화된 AI 가속기 기술이 각광받는 이유는?",
  "CPU 같은 범용 프로세서로는 처리 속도와 효율성 면에서 한계가 있기 때문", ["한계"],
  g(N, "CPU와 같은 범용 프로세서로는 처리 속도와 효율성 면에서 한계가 있기 때문에"))
q("p011", "english", "Which company developed the AI-dedicated hardware called Dojo?", "Tesla", ["테슬라"],
  g(N, "테슬라의 도조(Dojo)"))
na("p012", "How many H100-equivalent GPUs did Microsoft aim to have by the end of 2024?",
   "only Meta's 600,000 H100-equivalent target is given", ["MS는 2024년 말까지"])
q("p013", "numeric", "MS와 오픈AI가 계획 중인 데이터 센터 프로젝트의 규모는?", "최대 1,000억 달러", ["1,000억"],
  g(N, "MS와 오픈AI는 최대 1,000억 달러 규모의 데이터 센터 프로젝트를 계획 중"))
q("p014", "fact", "개방형 통신 표준 UALINK로 NVLink를 대체하려는 기업은?", "구글, MS, 메타, 인텔, AMD", ["AMD"],
  g(N, "구글, MS, 메타, 인텔, AMD 등은 개방형 통신 표준인 UALINK를 통해 NVLink를 대체하려 하고"))
q("p015", "fact", "엔비디아의 짐 팬은 AI 에이전트를 어떻게 정의했나?",
  "역동적인 세상에서 자율적으로 의사 결정을 내릴 수 있는 AI 모델과 알고리즘", ["자율적으로 의사 결정"],
  g(N, "역동적인 세상에서 자율적으로 의사 결정을 내릴 수 있는 AI 모델과 알고리즘"))
q("p016", "fact", "AI 학습용 데이터가 수집되는 경로로 보고서가 든 것은?", "웹 크롤링, IoT 센서, 모바일 기기 등",
  ["IoT 센서"], g(N, "웹 크롤링, IoT 센서, 모바일 기기 등 다양한 경로를 통해 수집되는 데이터"))
na("p016", "웹 크롤링으로 수집되는 AI 학습 데이터의 양은 연간 몇 페타바이트인가?",
   "데이터 양이 폭발적으로 증가한다는 서술뿐 수치는 없다", ["페타바이트", "PB"])
q("p017", "fact", "AI 서비스의 수익이 기대에 못 미치는 가운데 진행되고 있는 노력은?",
  "합성 데이터 생성, 새로운 데이터 소스 발굴, 학습 효율 개선 등", ["합성 데이터"],
  g(N, "합성 데이터 생성, 새로운 데이터 소스 발굴, 학습 효율 개선 등 다양한 노력이 진행되고 있다"))
q("p018", "fact", "구글의 AI 전략은 이제 무엇을 중시하는 방향으로 전환되고 있나?",
  "시장에서 얼마나 빠르게 적용되고 실제로 사용될 수 있는지", ["빠르게 적용"],
  g(N, "시장에서 얼마나 빠르게 적용되고 실제로 사용될 수 있는지를 중시하는 방향으로 전환되고 있다"))
na("p018", "구글이 챗봇 바드(Bard)를 처음 공개한 날짜는?", "MWC 2024 발언과 전략 서술뿐 바드 공개일은 없다",
   ["바드", "Bard"])
q("p019", "english", "What does the report compare Instagram's AI content recommendations to?",
  "a curator who knows the user's taste opening a personalised exhibition", ["큐레이터"],
  g(N, "마치 사용자의 취향을 잘 아는 큐레이터가 맞춤형 전시회를 열어주는 것과 같은 느낌을 준다"))
q("p020", "table", "메타 FAIR의 공개 모델 중 실시간 아바타 렌더링 모델은?", "Avatar RSC", ["Avatar RSC"],
  g(N, "Avatar RSC(실시간 아바타 렌더링)"))
q("p021", "fact", "라마 3.1을 이용해 업무 자동화와 데이터 분석에서 혁신을 이루고 있는 미국 통신사업자는?", "AT&T",
  ["AT&T"], g(N, "미국 통신사업자인 AT&T는 이 모델을 이용해 업무 자동화와 데이터 분석에서 혁신을 이루고 있다"))
q("p022", "english", "How many tokens of training data does Llama 3.1 use?", "more than 15 trillion", ["15조"],
  g(N, "학습 데이터 또한 15조 개 이상의 토큰을 포함하여"))
q("p023", "numeric", "GB200 Grace Blackwell Superchip은 일반 CPU 대비 몇 배 많은 데이터를 처리할 수 있나?", "18배",
  ["18배"], g(N, "일반 CPU 대비 18배 많은 데이터 처리가 가능하다"))
na("p023", "GB200 NVL72 한 랙의 가격은 얼마인가?", "구성과 성능뿐 가격은 없다", ["NVL72의 가격", "NVL72 가격"])
q("p024", "fact", "Arm이 제공하는 AI 컴퓨팅 라이브러리는?", "Cy AI와 Kleide AI", ["Kleide"],
  g(N, "Arm은 Cy AI와 Kleide AI라는 컴퓨팅 라이브러리 제공"))
na("p024", "2023년 HBM 시장에서 마이크론의 점유율은 몇 %인가?", "SK 하이닉스 54%(1위)와 뒤를 잇는다는 서술뿐",
   ["마이크론의 점유율", "마이크론 점유율"])
q("p025", "english", "According to the report, how much faster is DDR5 than DDR4 in data transfer?",
  "more than twice as fast", ["두 배"], g(N, "DDR5는 기존 DDR4보다 데이터 전송 속도가 두 배 이상 빨라"))
q("p026", "english", "How much had Microsoft invested in OpenAI before its additional 750 million dollars in the "
  "October 2024 round?", "13 billion dollars", ["130억"], g(N, "MS는 지금까지 130억\\$ 투자에 추가로 7.5 억\\$를 투자한"))
q("p027", "fact", "오픈AI 영리법인의 투자자에 대한 이익 배분에는 어떤 제약이 있나?", "상한선이 설정되어 있다", ["상한선"],
  g(N, "영리법인의 투자자에 대한 이익 배분에 상한선이 설정되어 있음"))
q("p028", "english", "What kind of problems does the report say the GPQA benchmark consists of?",
  "PhD-level science problems", ["박사급 과학 문제"], g(N, "GPQA\n(박사급 과학 문제)"))
q("p029", "fact", "코히어의 공동 창립자 중 \"Attention is All You Need\" 논문의 공동 저자는?", "에이단 고메즈(Aidan Gomez)",
  ["고메즈"], g(N, "공동 창립자인 에이단 고메즈(Aidan Gomez)는"))
na("p029", "코히어의 2023년 매출은 얼마인가?", "투자 유치와 기업 가치뿐 매출은 없다", ["코히어의 매출", "코히어 매출"])
q("p030", "fact", "생산성과 효율성 같은 명확한 가치가 요구되어 버티컬 AI가 큰 역할을 하는 분야로 든 것은?", "제조, 금융 등",
  ["제조"], g(N, "제조, 금융 등의 분야에서 버티컬 AI는 큰 역할을 하고 있다"))
na("p030", "2024년 버티컬 AI 시장 규모는 얼마인가?", "버티컬 AI의 의미와 예시뿐 시장 규모는 없다",
   ["버티컬 AI 시장", "버티컬AI 시장", "Vertical AI market"])
q("p031", "fact", "퍼플렉시티는 여행지를 검색할 때 장소 정보 외에 무엇을 제안하나?", "여행 계획과 추천 루트", ["추천 루트"],
  g(N, "여행 계획, 추천 루트까지도 AI가 제안해준다"))
q("p032", "fact", "스마트폰 혁명기에 대한민국이 주도권에 집착하지 않은 분야는?", "운영체제(OS)와 애플리케이션 프로세서(AP)",
  ["OS"], g(N, "우리나라는 운영체제(OS)나 애플리케이션 프로세서(AP) 주도권에 집착하지 않았다"))
na("p033", "How many smartphones did Samsung Electronics ship worldwide in 2012?",
   "only the strategy (manufacturing, components, apps) is described", ["출하량"])
q("p034", "fact", "생성형 AI '모델 및 플랫폼' 분야에서 우위를 점하고 있는 기업은?", "OpenAI와 Microsoft 등", ["OpenAI"],
  g(N, "‘모델 및 플랫폼’ 분야에서는 OpenAI와 Microsoft 등 글로벌 기업들이 우위를 점하고 있는"))
q("p035", "fact", "업스테이지는 어느 기업과의 파트너십을 통해 솔라 프로를 글로벌 시장에 출시했나?", "아마존웹서비스(AWS)",
  ["AWS"], g(N, "아마존웹서비스(AWS)와의 파트너십을 통해 글로벌 시장에 솔라 프로(Solar Pro)를 출시"))
for pid in ("p036", "p037", "p038", "p039", "p040", "p041", "p042"):
    skip(pid, "bibliography entries, nothing askable as text")

if __name__ == "__main__":
    _SET.write(ROOT / "eval" / "tuning_passages7.jsonl", ROOT / "eval" / "tuning_random6.jsonl")
