"""A seventh tuning set, English questions only, written from passages drawn at random: eval/tuning_english.jsonl.

The test split refused English questions most (false abstention 0.33 of 15 at stop 35) while the tuning split held
25 answerable English questions and 9 English near-misses: too few for the abstention model to learn how an English
question's answer looks. Drawn by `eval/sample_passages.py --seed 20261207 --answerable 36 --english 1.0 --near-miss
0.3 --out eval/tuning_passages5.jsonl --exclude eval/test_passages.jsonl` (14 passages, every one asked in English,
6 marked for a near-miss); like the sixth draw it may overlap a tuning passage, never a test passage, and a question
here asks what no earlier tuning or test question asks. Written before the system was run on them. Tuning split only.

    python eval/make_tuning_english.py   # -> eval/tuning_english.jsonl (checks every quote and absence)
"""

from __future__ import annotations

from questionset import ROOT, QuestionSet, g

N = "nia_the_ai_report_2024.txt"
T = "2024_ai_global_trends.txt"
_SET = QuestionSet("e")
q, na, skip = _SET.q, _SET.na, _SET.skip

q("p001", "english", "How did China's overall AI index score change from 2021 to 2024?", "from 62.9 to 53.9",
  ["62.9", "53.9"], g(T, "중국(62.9→53.9)"))
q("p002", "english", "Which cloud platforms does the report say give companies an easy way to use AI?",
  "Amazon's AWS, Microsoft's Azure and Google's GCP", ["AWS", "GCP"],
  g(N, "아마존의 AWS, MS의 애저(Azure), 구글의 GCP 등은 기업들이 손쉽게 AI 기술을 활용할 수 있는 환경을 제공하고 있다"))
na("p002", "How much did Google spend on AI infrastructure and staff in 2023?",
   "only OpenAI's spending (about 8.5 billion dollars) is given, and Pichai's remark without an amount",
   ["구글은 2023년 기준", "구글의 인프라 및 인건비", "Google spent"])
q("p003", "english", "Which core elements of the AI industry does the NIA report examine from the value-chain "
  "perspective?", "data, algorithms, hardware and services", ["데이터", "알고리즘", "하드웨어"],
  g(N, "데이터, 알고리즘, 하드웨어, 서비스 등 핵심 요소를 검토한다"))
na("p003", "What budget does the NIA report propose for its three policy scenarios?",
   "the scenarios are named, no budget is given", ["시나리오 예산", "시나리오별 예산", "시나리오에 필요한 예산"])
q("p004", "english", "Besides IoT, which devices does the report name as a channel for collecting AI training data?",
  "smartphones", ["스마트폰"], g(N, "사물인터넷(IoT), 스마트폰 등 다양한 경로로 수집된 데이터"))
q("p005", "english", "Through what does Scale AI provide its data annotation and labeling service?", "the Scale API",
  ["Scale API"], g(N, "주요 서비스 : Scale API를 통한 데이터 주석 및 라벨링"))
q("p006", "english", "What growth factors does the report list for Scale AI?",
  "growing demand for AI data, partnerships with tech companies, innovative technology", ["데이터 수요", "파트너십"],
  g(N, "성장요인: AI 데이터 수요 증가, 기술 기업 파트너십, 혁신기술"))
na("p006", "How many employees does Scale AI have?", "its business model, clients and valuation only",
   ["스케일AI의 직원", "스케일AI 직원", "Scale AI employees", "스케일AI의 임직원"])
q("p007", "english", "Which two models does the report give as representative hyperscale AI models built on "
  "pre-trained language models?", "GPT and Llama", ["GPT", "라마"],
  g(N, "대표적으로 GPT와 라마(Llama)와 같은 초거대 AI 모델이 있다"))
q("p008", "english", "Which approach, calling several expert models as the situation requires, is widely adopted in "
  "GPT-4 and other recent large models?", "Mixture of Experts", ["Mixture of Experts"],
  g(N, "전문가 믹스(Mixture of Experts) 방식을 통해 여러 전문 모델을 상황에 맞게 호출하는 기술"))
q("p009", "english", "How many NVIDIA DGX A100 systems did Meta's cluster have as of May 2023?", "2,000",
  ["2,000"], g(N, "'23.05. NVIDIA DGX A100 2,000개, NVIDIA A100 GPU 16,000개"))
na("p009", "How many NVIDIA DGX A100 systems did Meta's research cluster have in 2021?",
   "the counts of January 2022 and May 2023 only", ["'21. NVIDIA DGX", "2021년 DGX", "'21년 DGX", "'21.12. NVIDIA"])
q("p010", "english", "What multimodal and real-time capabilities does the report list for Meta AI as of 2024?",
  "voice interface, image recognition and editing, automatic translation and dubbing, AI content generation, "
  "personalization, enterprise use", ["음성 인터페이스", "번역"],
  g(N, "①음성 인터페이스, ②이미지 인식 및 편집, ③자동 번역 및 더빙, ④AI 콘텐츠 생성, ⑤개인화, ⑥기업용"))
na("p010", "How many monthly active users does Meta AI have?", "its features and the services it runs in only",
   ["Meta AI 사용자", "메타AI 사용자", "Meta AI의 월간", "메타 AI 사용자", "메타AI의 월간"])
q("p011", "english", "How are advertisements delivered in Perplexity's answers?",
  "integrated directly into the answers in a natural form", ["응답에 직접 통합"],
  g(N, "광고는 응답에 직접 통합되어 자연스러운 형태로 제공된다"))
na("p011", "How much does a Perplexity Pro subscription cost per month?", "the Pro tier's benefits only, no price",
   ["프로 요금", "Pro 요금", "월 20달러", "구독료는"])
q("p012", "english", "In what year did Samsung Electronics commercialize the world's first 5G smartphone?", "2019",
  ["2019"], g(N, "삼성전자는 2019년 세계 최초로 5G 스마트폰을 상용화하는"))
na("p012", "In what year did Samsung Electronics stop developing its Bada OS?",
   "it says Samsung developed Bada OS and switched to Android, with no year",
   ["바다OS 개발을 중단", "바다OS를 포기", "바다OS 지원을 종료", "바다OS를 중단"])
q("p013", "english", "What was the global smartphone penetration rate in 2012?", "about 15%", ["15%"],
  g(N, "2012년 글로벌 스마트폰의 침투율이 15% 수준"))
q("p014", "english", "Which AI services does the report suggest commercializing in Korea first before expanding "
  "globally?", "personalized education, healthcare and smart-city solutions", ["교육", "헬스케어", "스마트시티"],
  g(N, "AI 기반의 개인화된 교육 서비스, AI를 활용한 헬스케어 서비스, AI 기반의 스마트시티 솔루션 등을 국내에서 먼저 상용화하고"))


def main() -> None:
    _SET.write(ROOT / "eval" / "tuning_passages5.jsonl", ROOT / "eval" / "tuning_english.jsonl")


if __name__ == "__main__":
    main()
