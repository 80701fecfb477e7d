"""A fifth tuning set, written from passages drawn at random: eval/tuning_random3.jsonl.

Drawn by `eval/sample_passages.py --seed 20261204 --answerable 1000 --english 0.17 --near-miss 0.3 --out
eval/tuning_passages3.jsonl --exclude eval/test_passages.jsonl eval/tuning_passages.jsonl
eval/tuning_passages2.jsonl eval/tuning_table_passages.jsonl` (no overlap with a test or an earlier tuning
passage: the earlier draws have taken most of the corpus, so a large quota is needed and the draws cluster
in what is left, mostly the NIA report's front matter and a few sections). The sampler marks which passages
are asked in English and which get a near-miss; a passage drawn twice gets another question or is skipped
with its reason. Written before the system was run on them. Tuning split only.

    python eval/make_tuning_random3.py   # -> eval/tuning_random3.jsonl (checks every quote and absence)
"""

from __future__ import annotations

from questionset import ROOT, QuestionSet, g

N = "nia_the_ai_report_2024.txt"
T = "2024_ai_global_trends.txt"
_SET = QuestionSet("u")
q, na, skip = _SET.q, _SET.na, _SET.skip

q("p001", "table", "국내 컨텐츠·교육 분야 유망기업 표에서 뤼이드의 종업원 수는?", "119명", ["119"],
  g(T, "뤼이드\t교육\t14.05\tN\t925.3\t77.0\t-270.0\t119"))
q("p002", "numeric", "알체라의 2023년 매출액은 얼마인가?", "103.8억 원", ["103.8억"], g(T, "'23년 매출액 103.8억 원을 달성하였으나"))
q("p003", "english", "Who is listed as the publisher of The AI Report?", "황중성 (발행인)", ["황 중 성"], g(N, "▶ 발행인 : 황 중 성"))
na("p004", "The AI Report 2024를 수행하는 데 방송통신발전기금에서 얼마가 지원되었나?", "기금으로 수행했다는 사실뿐 금액은 없다",
   ["방송통신발전기금에서", "기금 지원액"])
q("p005", "numeric", "보고서는 AI 경쟁력 강화를 위해 몇 가지 정책 시나리오를 제시하나?", "세 가지", ["세 가지"],
  g(N, "AI 경쟁력 강화를 위한 세 가지 정책 시나리오를 제시한다"))
q("p006", "fact", "NIA 보고서는 AI 시대에 어떤 전략이 필요하다고 보나?", "우리의 강점을 살릴 수 있는 특정 영역에 집중하는 전략",
  ["특정 영역에 집중"], g(N, "AI 시대에는 우리의 강점을 살릴 수 있는 특정 영역에 집중하는 전략이 필요하다"))
q("p007", "fact", "보고서가 AI 경쟁력 강화 정책 시나리오의 바탕으로 삼은 과거 사례는?", "스마트폰 시대의 성공 사례", ["스마트폰"],
  g(N, "과거 스마트폰 시대의 성공 사례를 기반으로"))
na("p008", "NIA 보고서는 AI 가치 사슬 분석을 위해 몇 개 기업을 조사했나?", "조사 기업 수는 없다", ["개 기업을 조사", "개사를 조사"])
q("p009", "fact", "보고서는 그 분석이 누구에게 기초 자료로 활용되기를 기대하나?", "정책 입안자, 기업 관계자, 연구자", ["정책 입안자"],
  g(N, "정책 입안자, 기업 관계자, 연구자들이"))
q("p010", "fact", "보고서가 가치 사슬 관점에서 검토하는 AI 산업의 핵심 요소는?", "데이터, 알고리즘, 하드웨어, 서비스",
  ["알고리즘", "하드웨어"], g(N, "데이터, 알고리즘, 하드웨어, 서비스 등 핵심 요소를 검토한다"))
na("p011", "NIA 보고서는 정책 제언의 실행 기간을 몇 년으로 제시했나?", "실행 기간은 없다", ["실행 기간", "년 로드맵"])
skip("p012", "the passage of p010 drawn again; asked there")
q("p013", "fact", "보고서는 AI 기술을 무엇에 비유했나?", "거대한 레고 세트", ["레고"], g(N, "AI 기술은 마치 거대한 레고 세트와 같다"))
skip("p014", "the passage of p013 drawn again; asked there")
na("p015", "보고서가 인용한 레고 세트 비유의 원저자는 누구인가?", "비유는 보고서 자신의 것", ["레고 세트 비유"])
q("p016", "fact", "Arthur D. Little은 생성형 AI 가치 사슬을 어떤 계층으로 구분했나?", "인프라(컴퓨팅), 모델 개발, 애플리케이션",
  ["모델 개발", "애플리케이션"], g(N, "인프라(컴퓨팅), 모델 개발, 애플리케이션의 세 계층으로 구분하였다"))
na("p017", "Arthur D. Little은 2030년 생성형 AI 시장 규모를 얼마로 전망했나?", "ADL의 계층 구분만 있고 시장 전망은 없다",
   ["ADL은 2030", "Arthur D. Little은 2030", "ADL이 전망"])
q("p018", "fact", "UBS는 생성형 AI 가치 사슬에서 모델 계층을 무엇이라고 불렀나?", "인텔리전스 레이어(intelligence layer)",
  ["인텔리전스 레이어"], g(N, "인텔리전스 레이어(intelligence layer; 모델)"))
q("p019", "fact", "본 보고서는 AI 가치 사슬을 어떤 세 단계로 구분했나?", "AI 컴퓨팅 인프라, AI 모델 개발, AI 서비스 개발 및 배포",
  ["컴퓨팅 인프라", "배포"], g(N, "AI 컴퓨팅 인프라, AI 모델 개발, 그리고 AI 서비스 개발 및 배포이다"))
q("p020", "fact", "메타는 고객 정보를 AI 학습 데이터로 쓰기 위해 동의를 어떻게 유도했나?", "양식을 제출하지 않으면 자동 동의",
  ["자동 동의"], g(N, "양식을 제출하지 않으면 자동 동의로 유도하는"))
q("p021", "numeric", "HBM3는 초당 최대 얼마의 데이터를 처리할 수 있나?", "1,280GB", ["1,280GB"],
  g(N, "HBM3는 초당 최대 1,280GB의 데이터를 처리할 수 있으며"))
q("p022", "english",
  "Which benchmark does Anthropic say should test applying knowledge rather than what was learned from books?",
  "MMLU", ["MMLU"], g(N, "MMLU(추론, 역사 등 전문분야) 테스트에서 단순히 책에서 배운 내용을 확인하는 것을 넘어"))
na("p023", "How much did Mistral AI raise in its Series B round?", "only the 105 million dollars raised at founding",
   ["시리즈B", "시리즈 B"])
q("p024", "english", "When was Mistral AI founded?", "April 2023", ["2023년 4월"], g(N, "2023년 4월 설립된 미스트랄AI는"))
q("p025", "numeric", "CB Insights에 따르면 2023년 1~3분기 빅테크 기업들이 R&D에 지출한 금액은?", "1,737억 달러", ["1,737억"],
  g(N, "빅테크 기업들은 총 1,737억 달러를 연구개발(R&D)에 지출한 반면"))
q("p026", "numeric", "CB Insights 분석에서 2023년 1~3분기 미국 스타트업이 유치한 벤처 펀딩 규모는?", "1,053억 달러", ["1,053억"],
  g(N, "미국 스타트업들이 유치한 벤처 펀딩은 1,053억 달러에 그쳤다"))
q("p027", "fact", "과거 컴퓨팅 시장의 초기를 장악했던 기업은?", "IBM", ["IBM"], g(N, "IBM이 초기 시장을 장악했지만"))
q("p028", "fact", "스마트폰 시대에 대한민국이 주도권에 집착하지 않은 분야는?", "운영체제(OS)와 애플리케이션 프로세서(AP)",
  ["운영체제"], g(N, "운영체제(OS)나 애플리케이션 프로세서(AP) 주도권에 집착하지 않았다"))
na("p029", "스마트폰 시대 대한민국 기업들의 글로벌 스마트폰 시장 점유율은 몇 %였나?", "성공 전략의 서술뿐 점유율은 없다",
   ["스마트폰 시장 점유율"])
na("p030", "How many smartphones did Korean manufacturers ship worldwide in 2012?",
   "the strategy is described, no shipments",
   ["2012년 스마트폰"])
skip("p031", "the passage of p028 drawn again; asked there")
q("p032", "english", "Which Korean companies led smartphone manufacturing in the smartphone era?",
  "Samsung Electronics and LG Electronics",
  ["LG전자"], g(N, "삼성전자와 LG전자를 중심으로 한 국내 기업들은"))
skip("p033", "a reference list: titles and addresses only")
skip("p034", "the reference list of p033 drawn again")


def main() -> None:
    _SET.write(ROOT / "eval" / "tuning_passages3.jsonl", ROOT / "eval" / "tuning_random3.jsonl")


if __name__ == "__main__":
    main()
