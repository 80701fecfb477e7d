"""More tuning questions, written from passages drawn at random: eval/tuning_random.jsonl.

eval/questions.jsonl was written early, the system was tuned on it, and its answerable questions
match their passages more closely than a new user's do; the abstention model fitted on it was
over-confident about near-misses and too doubtful about ordinary questions. These questions are
written like the test split's, from the passages `eval/sample_passages.py --seed 20261202 --answerable
150 --out eval/tuning_passages.jsonl --exclude eval/test_passages.jsonl` drew (none overlaps a test
passage; the three short reports lie under the test draws, so these come from the two long ones). The
sampler marks which passages are asked in English and which get a near-miss. They belong to the tuning
split: the abstention model is fitted on them, never on eval/test.jsonl. Passages that state nothing
askable (reference lists, footnote runs) are skipped with the reason.

    python eval/make_tuning_random.py   # -> eval/tuning_random.jsonl (checks every quote and absence)
"""

from __future__ import annotations

from questionset import ROOT, QuestionSet, g

T, N = "2024_ai_global_trends.txt", "nia_the_ai_report_2024.txt"
_SET = QuestionSet("r")
q, na, skip = _SET.q, _SET.na, _SET.skip

q("p001", "fact", "프랑스가 글로벌 AI 인덱스에서 경쟁력 순위가 급등한 데 기여한 스타트업은?", "미스트랄 AI", ["미스트랄"],
  g(T, "AI 스타트업 '미스트랄 AI'를 통해 EU의 AI 리더로 자리잡으며"))
q("p001", "numeric", "대한민국의 사업환경 지표 순위는 전년도 11위에서 몇 위로 떨어졌나?", "35위", ["35위"],
  g(T, "사업환경(35위) 지표는 AI 법안과 AI 인력 고용유연성이 추가되어 전년도 11위에서 크게 하락"))
q("p002", "numeric", "'23년 기준 AI 인재 집중도가 가장 높은 국가와 그 수치는?", "이스라엘 1.1%", ["이스라엘", "1.1%"],
  g(T, "AI 인재 집중도3가 가장 높은 국가는 이스라엘(1.1%)"))
q("p002", "fact", "근로자의 AI 활용 역량 보유율에서 한국은 세계 몇 위인가?", "9위(1.35)", ["9위"],
  g(T, "한국은 세계 9위(1.35) 기록"))
q("p003", "english", "Into how many fields were the 38 selected Korean AI companies classified?", "7 fields", ["7개"],
  g(T, "선정된 38개 기업에 대하여 사업영역 특성에 따라 총 7개 분야로 분류"))
q("p004", "table", "국내 AI 유망기업 중 헬스케어 분야로 분류된 기업은?", "뉴로핏, 딥노이드, 루닛, 뷰노, 제이엘케이, 쓰리빌리언",
  ["루닛", "뷰노"], g(T, "헬스케어: 뉴로핏, 딥노이드, 루닛, 뷰노, 제이엘케이, 쓰리빌리언"))
q("p005", "numeric", "국내 AI 유망기업 중 헬스케어 분야의 평균 매출은 '22년 대비 몇 % 성장했나?", "+55.9%", ["55.9"],
  g(T, "헬스케어(+55.9%)"))
q("p005", "fact", "국내 주요 AI 스타트업 분야별 매출 분석은 어떤 데이터를 기반으로 작성되었나?", "KISVALUE 기업데이터",
  ["KISVALUE"], g(T, "출처: KISVALUE 기업데이터를 기반으로 해외경제연구소 작성"))
na("p006", "OpenAI가 2022년에 인프라 및 인건비로 지출한 금액은 얼마인가?", "2023년 기준(약 85억 달러)만 있다",
   ["2022년 기준, 연간", "OpenAI는 2022년"])
q("p006", "numeric", "OpenAI가 2023년 기준 연간 인프라 및 인건비로 지출하는 금액은?", "약 85억 달러", ["85억"],
  g(N, "OpenAI는 2023년 기준, 연간 약 85억 달러(약 12조 2,019억 원)를 인프라 및 인건비로 지출하는 것으로 알려졌다"))
skip("p007", "footnotes and a source list")
na("p008", "대한민국 정부가 2024년 AI 산업에 투입한 예산은 얼마인가?", "이 부분은 전략을 묻는 문장뿐, 예산은 없다",
   ["정부가 2024년 AI 산업에 투입", "AI 예산은"])
q("p009", "english", "What was Scale AI's valuation in 2024?", "14 billion dollars ('24년 140억$)", ["140억"],
  g(N, "기업가치: '24년 140억\\$ '21년 73억\\$"))
q("p010", "fact", "스케일AI는 어디에서 설립되었나?", "샌프란시스코('16년)", ["샌프란시스코"], g(N, "'16년 샌프란시스코 설립됨"))
q("p011", "fact", "스케일AI의 도전 과제로 꼽힌 것은?", "윤리적 문제, 데이터 보안, 경쟁 심화", ["데이터 보안"],
  g(N, "도전과제: 윤리적 문제, 데이터 보안, 경쟁 심화"))
q("p012", "numeric", "메타는 2024년 말까지 몇 개의 엔비디아 H100 GPU에 해당하는 컴퓨팅 파워를 목표로 하나?", "600,000개",
  ["600,000"], g(N, "2024년 말까지 600,000개의 엔비디아(NVIDIA) H100 GPU에 해당하는 컴퓨팅 파워"))
na("p013", "메타가 라마3 훈련에 사용한 GPU 클러스터를 구축하는 데 든 비용은 얼마인가?", "클러스터 규모만 있고 비용은 없다",
   ["클러스터 구축 비용", "클러스터를 구축하는 데"])
q("p013", "numeric", "MS와 오픈AI가 계획 중인 데이터 센터 프로젝트의 규모는?", "최대 1,000억 달러", ["1,000억"],
  g(N, "MS와 오픈AI는 최대 1,000억 달러 규모의 데이터 센터 프로젝트를 계획 중"))
q("p014", "fact", "사전 학습된 언어 모델을 기반으로 각광받는 학습 방식은?", "전이 학습(Transfer Learning)", ["전이 학습"],
  g(N, "사전 학습된 언어 모델(Pre-trained Language Model)을 기반으로 한 전이 학습(Transfer Learning)이 각광받고 있으며"))
q("p015", "fact", "AI 모델의 대형화와 함께 학습 비용 문제에 대응해 시도되고 있는 것은?", "경량화", ["경량화"],
  g(N, "학습에 막대한 연산량과 비용이 소요되는 문제와 함께 경량화도 시도되고 있다"))
q("p016", "fact", "엔비디아와 구글이 제공하는 개발 프레임워크로 언급된 것은?", "쿠다(CUDA), 텐서플로우(TensorFlow)",
  ["CUDA", "TensorFlow"], g(N, "쿠다(CUDA), 텐서플로우(TensorFlow) 등 개발 프레임워크와 클라우드 서비스까지 제공하며"))
q("p017", "english", "Which companies are accelerating the race to release high-performance AI chips?", "NVIDIA, Google",
  ["엔비디아", "구글"], g(N, "엔비디아, 구글 등이 고성능 AI 칩 출시 경쟁을 가속화하고 있다"))
q("p018", "fact", "구글이 AI 컴퓨팅 인프라 분야에서 추론에 특화해 개발한 칩은?", "텐서(Tensor) 칩", ["텐서"],
  g(N, "추론에 특화된 텐서(Tensor) 칩 개발"))
na("p019", "메타의 RSC 슈퍼컴퓨터가 소비하는 전력은 몇 메가와트인가?", "GPU 수만 있고 전력은 없다",
   ["메가와트", "RSC의 전력", "전력 소비량"])
q("p019", "numeric", "메타가 2022년에 발표한 연구용 슈퍼컴퓨터 RSC에는 엔비디아 DGX A100 GPU가 몇 개 들어갔나?", "6,080개",
  ["6,080"], g(N, "엔비디아(NVIDIA)의 DGX A100 GPU 6,080개로"))
na("p020", "메타의 MTIA 칩은 어느 파운드리에서 생산되나?", "생산처는 나오지 않는다", ["MTIA는 TSMC", "MTIA를 생산"])
q("p020", "fact", "메타의 차세대 데이터 센터가 에너지 소비를 줄이기 위해 사용하는 것은?", "액체 냉각 시스템", ["액체 냉각"],
  g(N, "액체 냉각 시스템을 사용해 에너지 소비를 줄이고 있다"))
q("p021", "table", "메타의 AI 모델 포트폴리오에서 코드 특화 모델은?", "CodeLlama", ["CodeLlama"],
  g(N, "CodeLlama(코드특화)"))
na("p022", "메타 AI의 2024년 월간 활성 사용자 수는 몇 명인가?", "이용자 수는 없다", ["메타 AI의 월간", "Meta AI의 월간"])
q("p022", "fact", "Meta AI는 어떤 모델을 기반으로 운영되나?", "라마를 포함한 메타의 LLM", ["Llama"],
  g(N, "Llama를 포함한 메타의 LLM(Large Language Model)을 기반으로 운영됨"))
na("p023", "MS가 OpenAI에 처음 투자한 금액은 얼마인가?", "협력의 출발('18년 아이디어 제시)만 있다",
   ["처음 투자한", "최초 투자"])
q("p024", "fact", "OpenAI는 언제 MS에 AI 시스템 구축 아이디어를 제시했나?", "'18년", ["18년"],
  g(N, "'18년 OpenAI에서 사람들이 컴퓨터와 상호작용하는 방식을 변화시킬 AI 시스템 구축에 대한 아이디어를 MS에 제시함"))
q("p025", "fact", "엔비디아가 GPU에 포함할 가능성이 크다고 본 기능은?", "NPU나 추론에 특화된 ASIC의 기능", ["ASIC"],
  g(N, "GPU에 NPU나 추론에 특화된 ASIC의 기능을 포함(Convergence)할 가능성도 크다"))
q("p026", "numeric", "GB200 NVL72는 몇 개의 Grace CPU와 몇 개의 블랙웰 GPU를 연결하나?", "36개 CPU, 72개 GPU", ["36", "72"],
  g(N, "36개의 Grace CPU와 72개의 블랙웰 GPU를 연결하여"))
na("p027", "AMD Instinct MI300 시리즈의 출시 가격은 얼마인가?", "가격은 나오지 않는다", ["MI300 시리즈의 가격", "MI300의 가격"])
q("p027", "fact", "AMD의 데이터센터용 CPU 시리즈 이름은?", "EPYC", ["EPYC"], g(N, "AMD의 CPU인 EPYC 시리즈"))
na("p028", "SK 하이닉스의 2024년 HBM 매출은 얼마인가?", "HBM 경쟁력 서술뿐 매출은 없다",
   ["HBM 매출", "하이닉스의 2024년 매출"])
q("p029", "english", "With which company did SK hynix sign an MoU for HBM4 development in 2024?", "TSMC", ["TSMC"],
  g(N, "SK 하이닉스는 TSMC와의 협력을 강화하여"))
q("p030", "fact", "삼성전자가 AI 반도체 시장 주도권을 위해 내세우는 공정은?", "GAA(Gate-All-Around) 공정", ["GAA"],
  g(N, "GAA(Gate-All-Around) 공정과 첨단 패키징 기술"))
na("p031", "오픈AI 소라의 월 구독료는 얼마인가?", "제한된 기업만 사용 가능하다는 서술뿐", ["소라의 구독", "Sora 구독료"])
q("p031", "numeric", "2024년 10월 기준 오픈AI가 투자 라운딩을 마감한 기업 가치는?", "1,570억 달러", ["1,570억"],
  g(N, "2024년 10월 기준 오픈AI는 1,570억 달러의 기업 가치로 투자 라운딩을 마감하였으며"))
q("p032", "multi", "오픈AI의 최근 투자 라운딩에서 MS, 엔비디아, 소프트뱅크는 각각 얼마를 투자했나?",
  "MS 7.5억 달러, 엔비디아·소프트뱅크 각 5억 달러", ["7.5억", "5억"],
  g(N, "MS가 그중 7.5억 달러의 추가 투자를 통해", "엔비디아와 소프트뱅크도 각각 5억 달러를 투자하며"))
q("p033", "english", "How much cheaper is GPT-4o mini than GPT-3.5 Turbo?", "more than 60% cheaper", ["60%"],
  g(N, "GPT-3.5 Turbo 보다 60% 이상 저렴하게 활용 가능함"))
na("p034", "코히어 Command R+의 파라미터 수는 몇 개인가?", "파라미터 수는 없다", ["Command R+의 파라미터", "R+는 1040억"])
q("p034", "fact", "코히어의 주요 서비스는 무엇인가?", "코히어 커맨드 R+(Command R+)", ["Command R+"],
  g(N, "코히어의 주요 서비스로는 코히어 커맨드 R+(Command R+)가 있다"))
q("p035", "fact", "허깅페이스의 주요 서비스로 꼽힌 것은?", "트랜스포머 라이브러리, 모델 허브, 스페이스, API, 자동 학습",
  ["트랜스포머"], g(N, "트랜스포머 라이브러리, 모델 허브(Hub), 스페이스(Spaces), API, 자동 학습(AutoTrain) 등이 있다"))
q("p036", "table", "금융 AI 활용 사례 중 리스크 관리·컴플라이언스 영역에 속하는 것은?", "이상거래탐지(FDS), 자금세탁방지(AML) 등",
  ["FDS"], g(N, "이상거래탐지(FDS)"))
q("p037", "fact", "a16z 자료에서 상위를 차지한 AI 모바일 앱으로 언급된 것은?", "챗GPT, MS 엣지 브라우저, 포토매스",
  ["포토매스"], g(N, "특히 챗GPT, MS 엣지 브라우저, 포토매스(Photomath)와 같은 앱들이 상위를 차지하고 있으며"))
q("p038", "fact", "퍼플렉시티 AI를 설립한 사람은 누구인가?", "스리니바스와 데니스 야라츠 등", ["스리니바스"],
  g(N, "오픈AI 출신 스리니바스(Srinivas)와 메타 AI 연구원 출신인 데니스 야라츠(Denis Yarats) 등이 설립한"))
q("p039", "numeric", "퍼플렉시티 AI는 2024년 10월 기준 얼마 이상의 기업 가치로 자금 유치를 진행 중인가?", "80억$ 이상",
  ["80억"], g(N, "퍼플렉시티 AI는 2024년 10월 기준으로 80억\\$(약 11조원) 이상의 기업 가치"))
q("p040", "english", "What is Perplexity's core technology?", "RAG (Retrieval-Augmented Generation)", ["RAG"],
  g(N, "퍼플렉시티의 주요 기술은 RAG(Retrieval-Augmented Generation) 시스템이다"))
q("p041", "fact", "퍼플렉시티의 수익 모델은 무엇으로 구성되나?", "프로 등 구독모델 버전과 광고 기반 모델", ["광고"],
  g(N, "‘프로(Pro) 등 구독모델(Subscription) 버전’과 광고 기반 모델로 구성된다"))
q("p042", "numeric", "삼성전자와 SK하이닉스의 메모리 반도체 세계 시장 점유율은?", "69% 수준", ["69%"],
  g(N, "메모리 반도체 분야에서 세계 시장 점유율 69% 수준을 차지하며"))
for pid in ("p043", "p044", "p045", "p046", "p047", "p048", "p049", "p050"):
    skip(pid, "the report's reference list")


def main() -> None:
    _SET.write(ROOT / "eval" / "tuning_passages.jsonl", ROOT / "eval" / "tuning_random.jsonl")


if __name__ == "__main__":
    main()
