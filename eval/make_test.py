"""The test split, eval/test.jsonl: questions written from the passages eval/sample_passages.py drew at
random (its pid is each question's `passage`), before the system was run on any of them.

Kinds as in the tuning split: numeric, fact, table, multi (several facts), conflict (reports disagree),
english (asked in English where the sampler said so) and unanswerable (near-misses where the sampler said
so: a real entity, year or figure next to the passage that no report gives; checked by grep, see `ABSENT`).
Skipped passages are listed with the reason. Every gold quote is checked verbatim against the corpus.

    python eval/make_test.py   # -> eval/test.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

T, N, D, S, Y = ("2024_ai_global_trends.txt", "nia_the_ai_report_2024.txt", "ddaily_ai_index_2025.txt",
                 "spri_hyperscale_ai_models_2024.txt", "yonhap_ai_index_2024.txt")
Q: list[dict] = []
SKIPPED: dict[str, str] = {}
ABSENT: dict[str, list[str]] = {}  # question id -> strings that must not occur in the corpus (near-miss check)


def g(doc, *quotes):
    return [{"doc": doc, "quote": q} for q in quotes]


def q(pid, type_, question, answer, must, gold):
    Q.append({"id": f"t{len(Q) + 1:03d}", "passage": pid, "type": type_, "question": question, "answer": answer,
              "must_include": must, "gold": gold})


def na(pid, question, why, absent=()):
    """An unanswerable near-miss; `absent` are strings whose absence from the corpus was checked."""
    q(pid, "unanswerable", question, why, [], [])
    ABSENT[Q[-1]["id"]] = list(absent)


def skip(pid, reason):
    SKIPPED[pid] = reason


# ---- 2024_ai_global_trends.txt
q("p001", "numeric", "영국의 AI 종합점수는 2021년에서 2024년 사이 어떻게 바뀌었나?", "40.9에서 29.9로 하락", ["29.9"], g(T, "영국(40.9→29.9)"))
na("p002", "Tortoise Media 지표에서 싱가포르의 2022년 AI 종합점수는 얼마였나?", "2022년도 지수는 발표되지 않았다(미발표)", ["싱가포르(2022", "2022년 싱가포르"])
q("p003", "numeric", "2023년 영국에 대한 민간 AI 투자 규모는 얼마였나?", "38억 달러", ["38억"], g(T, "영국(38억 달러)"))
q("p004", "english", "Which Anthropic model released in June 2024 does the trends report compare with GPT-4o?", "클로드 3.5 ('24.06)", ["클로드 3.5"], g(T, "클로드 3.5(앤스로픽, '24.06)"))
na("p005", "국내 AI 유망기업 가운데 금융·마케팅 분야의 평균 매출은 2022년 대비 몇 % 늘었나?", "요약은 컨텐츠·교육, AI 인프라, 헬스케어, 모빌리티의 증가율만 제시한다", ["금융·마케팅(+"])
q("p006", "fact", "AI 헬스케어 기업들의 영업이익이 낮은 까닭은 무엇인가?", "의료분야 특성상 R&D 비용이 높기 때문", ["R&D 비용"], g(T, "의료분야 특성상 R&D 비용이 높아 영업이익은 낮은 편"))
q("p007", "english", "In which fields is system intelligence being applied, according to the trends report?", "스마트 시티, 스마트 에너지, 스마트 공장 등", ["스마트 시티"], g(T, "시스템 지능화는 스마트 시티, 스마트 에너지, 스마트 공장 등 다양한 분야에서 적용되고 있으며"))
q("p008", "english", "How does the trends report define natural language processing?", "인간의 언어(자연어)를 이해하고 상호작용하기 위한 기술", ["자연어"], g(T, "자연어 처리는 인간의 언어(자연어)를 이해하고 상호작용하기 위한 기술로"))
na("p009", "Tortoise Media 2024 지표에서 일본의 종합점수는 얼마인가?", "표에 일본이 없다", ["일본\t"])
q("p010", "fact", "Tortoise Media 경쟁력 분포 그림에서 Intensity는 무엇을 뜻하나?", "인구 또는 경제지표로 나눈 수치", ["인구 또는 경제지표"], g(T, "Intensity: 인구 또는 경제지표로 나눈 수치"))
q("p011", "numeric", "2023년에 첨단 AI 모델을 두 번째로 많이 개발한 나라와 그 수는?", "중국, 15개", ["15"], g(T, "미국(61개), 중국(15개), 프랑스(8개) 순"))
q("p012", "conflict", "2023년 중국의 민간 AI 투자액은 얼마로 보고되었나?", "해외경제연구소 78억 달러, 연합뉴스 72억6천만 달러", ["78억", "72억6천만"], g(T, "미국(672억 달러), 중국(78억), 영국(38억) 순이며") + g(Y, "중국(72억6천만달러)이 뒤를 이었다"))
q("p013", "numeric", "2013년 이후 누적 민간 AI 투자에서 중국의 누적액은?", "1,037억 달러(2위)", ["1,037억"], g(T, "중국(1,037억)"))
q("p014", "fact", "2018년까지 주목할 만한 AI 모형의 출시를 주도한 쪽은 어디인가?", "학계", ["학계"], g(T, "출시를 학계가 주도했으"))
q("p015", "fact", "스탠포드 연구진은 어떤 모델을 주목할 만한(notable) AI 모형으로 선정하나?", "피인용 1,000건 이상이거나 역사적으로 중요·중요한 기술적 발전이 있는 모델", ["1,000건"], g(T, "피인용 수 1,000건 이상인 경우"))
q("p016", "table", "2023년 주요 AI 모델 표에서 Claude의 출시일과 개발사는?", "3.14, Anthropic", ["3.14", "Anthropic"], g(T, "3.14\tClaude\tLLM\tAnthropic"))
q("p017", "table", "Stable Diffusion v2는 기존 모델을 어떻게 개선했나?", "텍스트-이미지 변환 모델을 개선해 더 높은 해상도의 이미지를 생성", ["해상도"], g(T, "변환 모델을 개선하여 더 높은 해상도의 이미지를 생성"))
q("p018", "table", "Segment Anything은 이미지에서 물체를 어떻게 분리하나?", "제로샷(zero-shot) 일반화를 사용", ["제로샷"], g(T, "Segment Anything은 제로샷(zero-shot) 일반화를"))
na("p019", "How large is the context window of Inflection-2, according to the trends report?", "Only Claude 2.1's 200K window is given", ["Inflection-2의 컨텍스트"])
q("p020", "numeric", "MMLU에서 2023년 AI의 성능과 인간 수준은 각각 몇 %였나?", "90.4%, 인간 89.8%", ["90.4", "89.8"], g(T, "'23년에는 90.4%로 인간수준(89.8%)을 넘어선"))
q("p021", "table", "Chatbot Arena Leaderboard에서 폐쇄형과 개방형 최고 모델의 점수는?", "1,252 대 1,149", ["1,252", "1,149"], g(T, "Chatbot Arena Leaderboard\t1,252\t1,149"))
q("p022", "table", "알체라의 2023년 매출액은 얼마인가?", "103.8억 원", ["103.8"], g(T, "알체라\t이미지·비디오 가공\t16.06\tY(20.12)\t71.5\t103.8\t-189.0\t200"))
q("p023", "numeric", "모비젠은 2023년에 영업손실을 얼마나 냈나?", "10.7억 원", ["10.7"], g(T, "영업손실 10.7억원을 기록"))
q("p024", "english", "How many employees does Agilesoda (애자일소다) have?", "162", ["162"], g(T, "애자일소다\tML기반 분석솔루션\t15.04\tN\t0.7\t71.0\t-51.8\t162"))
q("p025", "english", "What was Platia's (플래티어) 2023 operating income?", "-45.4억 원", ["45.4"], g(T, "플래티어\t광고, 미디어\t05.02\tY(21.08)\t423.8\t332.9\t-45.4\t273"))
q("p026", "numeric", "스트라드비젼의 SVNet은 2023년 누적 몇 대를 넘었나?", "124만 대", ["124만"], g(T, "'23년 누적 124만 대를 돌파하였으며"))
q("p027", "table", "펀진의 종업원 수는 몇 명인가?", "65명", ["65"], g(T, "펀진\t교통, 운송\t06.06\tN\t64.5\t140.8\t4.2\t65"))
q("p028", "fact", "AI 데이터 구축은 어떤 작업으로 데이터 품질과 정확성을 보장하나?", "데이터 라벨링, 데이터 분류", ["라벨링"], g(T, "데이터 라벨링 작업, 데이터 분류 등을 통하여 데이터 품질과 정확성을 보장"))
q("p029", "numeric", "이파피루스의 2023년 영업이익은?", "25억 원", ["25억"], g(T, "영업이익은 25억 원으로"))
q("p030", "table", "모레의 2023년 매출액과 영업이익은 각각 얼마인가?", "매출 275.6억 원, 영업이익 -89.1억 원", ["275.6", "89.1"], g(T, "모레\tAl솔루션/ 플랫폼\t20.09\tN\t97.4\t275.6\t-89.1\t70"))
q("p031", "fact", "퓨리오사와 리벨리온은 왜 AI 인프라 유망기업 그림에서 빠졌나?", "매출이 적어서", ["매출이 적어"], g(T, "퓨리오사, 리벨리온은 매출이 적어 그림에서 제외"))
na("p032", "솔트룩스의 2022년 매출액은 얼마였나?", "표는 2023년 매출(306.0억 원)만 준다", ["솔트룩스는 '22년"])
q("p033", "numeric", "셀바스 에이아이의 2023년 매출액은?", "233.6억 원", ["233.6"], g(T, "'23년 기준 매출액 233.6억 원"))
q("p034", "english", "What was Konan Technology's 2023 operating income?", "-109.0억 원", ["109"], g(T, "코난 테크놀로지\t자연어처리\t99.04\tY(22.07)\t-\t244.0\t-109.0\t222"))
q("p035", "fact", "AI 기반 헬스케어 기업들은 어떤 솔루션과 서비스를 제공하나?", "의료 데이터를 기반으로 한 진단 지원 솔루션과 분석 서비스", ["진단 지원"], g(T, "의료 데이터를 기반으로 한 진단 지원 솔루션과 분석 서비스를 제공"))
q("p036", "numeric", "루닛의 2023년 매출액과 영업손실은?", "매출 250억 원, 영업손실 408억 원", ["250억", "408억"], g(T, "'23년 매출액 250억 원을 달성하였으나, 영업손실 408억 원의 영업손실 기록"))
q("p037", "conflict", "GPT-4의 학습 비용은 얼마로 보고되었나?", "해외경제연구소 약 1억 달러(Wired 추정), 연합뉴스 7천835만2천34달러(1천92억원)", ["1억 달러", "7천835만"], g(T, "GPT-4와 Gemini Ultra의 학습비용은 각각 1억 달러, 1.9억 달러로 추정") + g(Y, "GPT-4 훈련에는 7천835만2천34달러(1천92억원)가 들었다"))
q("p038", "english", "How much did it cost to train an advanced AI model (RoBERTa) in 2019?", "약 16만 달러", ["16만"], g(T, "학습비용은 약 16만 달러 수준이었으나"))
na("p039", "How many employees does Rebellions (리벨리온) have, according to the trends report?", "Rebellions is left out of the figures for its small revenue; no headcount is given", ["리벨리온\t"])
q("p040", "fact", "한국 AI 산업의 약점으로 지적된 것은 무엇인가?", "작은 시장규모와 인력", ["시장규모"], g(T, "작은 시장규모·인력이 약점으로 지적"))
na("p041", "Artificial Intelligence Index Report 2024의 편집장(editor-in-chief)은 누구인가?", "참고문헌은 저자 목록만 준다", ["editor-in-chief", "편집장"])
q("p042", "fact", "해외경제연구소 보고서의 전문가 인터뷰 대상은 누구인가?", "소프트웨어정책연구소 AI정책연구실 장진철 선임연구원", ["장진철"], g(T, "소프트웨어정책연구소 AI정책연구실 장진철 선임연구원"))

# ---- ddaily_ai_index_2025.txt
q("p043", "fact", "AI 인덱스 2025 보고서를 낸 기관은 어디인가?", "스탠퍼드대학교 인간중심AI연구소(HAI)", ["인간중심AI연구소"], g(D, "스탠퍼드대학교 인간중심AI연구소(HAI)가 최근 발간한"))
q("p044", "numeric", "에포크AI가 2024년 선정한 주목할 만한 AI 모델 중 미국 소재 기관의 모델은 몇 개였나?", "40개", ["40"], g(D, "미국 소재 기관들이 40개"))
q("p045", "numeric", "2023년 AI 등록 특허 수는 전년 대비 몇 % 늘었나?", "29.6%", ["29.6"], g(D, "2023년의 경우 전년 대비 29.6% 많았다"))
q("p046", "numeric", "미국의 AI 등록 특허 비중이 가장 높았던 해와 그 비중은?", "2015년 42.8%", ["42.8"], g(D, "미국은 2015년 42.8%를 정점으로"))
q("p047", "english", "By how much did LLM inference prices fall per year, depending on the task?", "연간 9배에서 900배", ["900"], g(D, "LLM 추론 가격은 작업에 따라 연간 9배에서 900배까지 떨어졌다"))
na("p048", "구글 제미나이1.5플래시 8B의 2023년 백만 토큰당 비용은 얼마였나?", "2022년(20달러)과 2024년(0.07달러)만 나온다", ["2023년 백만 토큰당"])
na("p049", "MMLU 기준 미중 AI 모델 성능 차이는 2022년 말 얼마였나?", "2023년 말(17.5%p)과 2024년 말(0.3%p)만 나온다", ["2022년 말"])
q("p050", "fact", "소프트웨어정책연구소는 AI가 앞으로 어떤 형태로 이식될 것으로 예측했나?", "로봇과 같은 피지컬(Physical) AI", ["피지컬"], g(D, "로봇과 같은 피지컬(Physical) AI로의 이식이 널리 이뤄질 것"))
q("p051", "fact", "연구소는 미·중 AI 연구 격차가 좁혀지면 미국이 어떻게 할 것으로 봤나?", "중국 견제 및 규제 정책을 지속", ["규제"], g(D, "향후 미국의 중국 견제 및 규제 정책이 지속될 것"))
q("p052", "fact", "연구소가 꼽은 한국 AI의 의미 있는 성과는 무엇인가?", "일인당 AI 특허 1위, 주목할 만한 AI 모델 1건", ["특허 1위"], g(D, "일인당 AI 특허 1위, 주목할 만한 AI 모델 1건 등 의미 있는 성과를 보였다"))
q("p053", "fact", "기사는 우리나라에 무엇에 대한 적극적인 투자가 시급하다고 했나?", "AI 분야 R&D와 인프라 및 데이터 확보", ["데이터 확보"], g(D, "AI 분야 R&D와 이를 위한 인프라 및 데이터 확보에 대한 적극적인 투자가 시급한"))
q("p054", "fact", "연구소는 우리 기업의 글로벌 진출 전략을 어떻게 모색하라고 제언했나?", "글로벌 AI 생태계의 가치사슬을 고려해 공략할 수 있는 영역에 집중", ["가치사슬"], g(D, "글로벌 AI 생태계의 가치사슬을 고려해, 우리나라가 공략할 수 있는 영역에 집중하면서"))
q("p055", "fact", "연구소는 글로벌 시장 개척을 위해 어떤 협약을 맺으라고 했나?", "우호국·동맹국 등과의 산학연 기술·연구·인력교류 협약", ["인력교류"], g(D, "산학연 기술‧연구‧인력교류 협약"))

# ---- spri_hyperscale_ai_models_2024.txt
q("p150", "numeric", "2024년에 출시된 초거대 AI 모델은 몇 개이고 전년보다 몇 개 늘었나?", "122개, 13개 증가", ["122", "13"], g(S, "2024년에는 전년 대비 13개가 늘어난 122개의 초거대 AI 모델이 출시된"))
q("p151", "fact", "2024년에 처음 등장한 초거대 AI 모델은 어떤 종류인가?", "초거대 AI 추론 모델", ["추론 모델"], g(S, "초거대AI 추론 모델이 처음 등장함"))
q("p152", "multi", "민간 기업이 개발한 초거대 AI 모델 비중은 2022년과 2023년에 각각 얼마였나?", "2022년 89.7%, 2023년 93.6%", ["89.7", "93.6"], g(S, "2022년 89.7%, 2023년 93.6%"))
q("p153", "fact", "2024년 초거대 AI 모델을 출시한 주요 기업/기관은 어느 나라 국적 순으로 많았나?", "미국, 중국, 한국, 프랑스", ["미국, 중국, 한국, 프랑스"], g(S, "2024년 주요 기업/기관은 미국, 중국, 한국, 프랑스 국적 순으로 많았음"))
q("p154", "fact", "초거대 AI 모델을 3건 이상 출시한 기업/기관 수에서 한국은 어느 나라와 같은가?", "프랑스(동률)", ["프랑스"], g(S, "세 번째로 많이 보유한 국가임(프랑스와 동률)"))
q("p155", "fact", "SPRi는 딥시크 사례가 무엇의 중요성을 보여줬다고 판단했나?", "‘거대한 AI 모델’의 중요성", ["거대한 AI 모델"], g(S, "‘거대한 AI 모델’의 중요성도 보여준 사례라고 판단됨"))
q("p156", "fact", "딥시크를 둘러싼 논란은 무엇인가?", "AI 개발비용 측정방법, AI 신뢰성·안전성", ["측정방법"], g(S, "딥시크의 AI 개발비용 측정방법, AI 신뢰성·안전성 등에 논란이 있음"))
q("p157", "fact", "DeepSeek-R1은 어떤 기술로 개발되었나?", "대형 AI 모델을 활용하는 ‘지식 증류’", ["지식 증류"], g(S, "‘지식 증류’ 기술로 개발된 것"))
q("p158", "fact", "SPRi는 앞으로 어떤 AI 개발 시도가 활발해질 것으로 전망했나?", "높은 컴퓨팅 파워를 기반으로 한 대형 AI 모델 개발", ["대형 AI 모델"], g(S, "높은 컴퓨팅 파워를 기반으로 한 대형 AI 모델 개발 시도가 활발해지고"))
q("p159", "fact", "딥시크는 최근 출시한 모델들에 대해 무엇을 발표해 화제가 되었나?", "적은 비용으로 당시 최고 수준의 AI 성능을 상회하는 모델을 개발했다고 발표", ["적은 비용"], g(S, "적은 비용으로 당시 최고 수준의 AI성능을 상회하는 모델을 개발했다고 발표하여"))
q("p160", "english", "Which Korean company developed Korea's first LLM, and when?", "네이버, 2021년 9월", ["네이버"], g(S, "한국(2021년 9월(네이버))"))
q("p161", "fact", "미국 다음으로 LLM을 개발한 나라의 기관과 시점은?", "이스라엘 AI21 Labs, 2021년 8월", ["AI21"], g(S, "이스라엘(2021년 8월(AI21 Labs))"))
q("p162", "fact", "딥시크는 어떤 구조를 고안해 혁신을 이뤘나?", "AI 연산 효율성과 데이터 활용도를 극대화하는 구조", ["연산 효율성"], g(S, "AI 연산 효율성과 데이터 활용도를 극대화할 수 있는 구조를 고안하여"))
na("p163", "SPRi ISSUE REPORT IS-199는 언제 발간되었나?", "글에는 IS-198(2025.02.14.)만 나온다", ["IS-199"])
q("p164", "fact", "이 글은 SPRi의 어떤 보고서에 실린 것인가?", "[ISSUE REPORT/IS-198] (2025.02.14.)", ["IS-198"], g(S, "[ISSUE REPORT/IS-198] (2025.02.14.)"))
na("p165", "SPRi는 2025년에 초거대 AI 모델이 몇 개 출시될 것으로 전망했나?", "2022~2024년 실적만 있고 전망치는 없다", ["2025년에는 초거대", "2025년 전망"])

# ---- yonhap_ai_index_2024.txt
q("p166", "numeric", "2022년 인구 10만명당 AI 특허 수 2위 국가와 그 수치는?", "룩셈부르크 8.73", ["8.73"], g(Y, "2위 룩셈부르크(8.73)"))
na("p167", "How many foundation models did Korea develop in 2022, according to the AI Index 2024 article?", "The article only says Korea developed none last year (2023)", ["2022년 파운데이션"])
q("p168", "numeric", "AI 인재 이동 지표가 가장 높은 나라와 그 값은?", "룩셈부르크 3.67", ["3.67"], g(Y, "룩셈부르크(3.67)와 아랍에미리트(1.48) 순으로 높고"))
q("p169", "numeric", "인도의 AI 인재 이동 지표는 얼마였나?", "-0.76", ["-0.76"], g(Y, "인도(-0.76)"))
q("p170", "english", "How many foundation models did Meta release last year, according to the Yonhap article?", "11개", ["11"], g(Y, "메타(11개)와 마이크로소프트(9개), 오픈AI(7개) 순이었다"))
na("p171", "AI 인덱스 2024에 따르면 앤트로픽은 지난해 파운데이션 모델을 몇 개 내놓았나?", "구글·메타·마이크로소프트·오픈AI의 수만 나온다", ["앤트로픽(", "Anthropic("])
q("p172", "numeric", "MMMU 벤치마크에서 GPT-4의 정답률은?", "56.80%", ["56.8"], g(Y, "GPT-4 56.80%의 정답률을 나타냈다"))
na("p173", "What was Claude's accuracy on the MMMU benchmark, according to the Yonhap article?", "Only Gemini Ultra and GPT-4 are given", ["클로드의 MMMU"])
q("p174", "fact", "MMMU 벤치마크는 어떤 능력을 시험하나?", "과학과 아트, 엔지니어링 등 AGI(범용인공지능)의 기능", ["엔지니어링"], g(Y, "과학과 아트, 엔지니어링 등 AGI(범용인공지능)의 기능을 시험하는 MMMU 벤치마크"))
skip("p175", "same text as p174 (MMMU sentence and the site's news list): nothing further to ask")
for pid in ("p176", "p177", "p178", "p179"):
    skip(pid, "web-page chrome: an unrelated list of news headlines")

# ---- nia_the_ai_report_2024.txt
q("p056", "fact", "NIA 보고서가 AI 글로벌 시장 규모 전망에 인용한 Statista 보고서는 무엇인가?", "Insights Compass 2023", ["Insights Compass"], g(N, "Statista의 “Insights Compass 2023¹⁾” 보고서"))
q("p057", "fact", "THE AI REPORT 2024 IV장의 결론 절 제목은 무엇인가?", "강점을 살린 전략적 접근의 필요성", ["강점을 살린"], g(N, "4. 결론 : 강점을 살린 전략적 접근의 필요성"))
q("p058", "numeric", "보수적 시나리오에서 AI 시장은 2023년부터 2030년까지 얼마나 커지나?", "1.11조 달러에서 12.14조 달러로 약 11배", ["12.14조"], g(N, "2023년 1.11조 달러에서 2030년 12.14조 달러로 약 11배 성장"))
q("p059", "numeric", "맥킨지는 2025년 기업 업무의 자동화 비율을 어떻게 전망했나?", "50% 초과", ["50%"], g(N, "2025년에는 자동화 비율이 50%를 초과할 것으로 전망"))
q("p060", "fact", "NIA 보고서는 생성형 AI 모델 개발을 이끄는 AI 스타트업으로 어떤 곳들을 들었나?", "OpenAI, Anthropic, Stability AI, Hugging Face", ["Hugging Face"], g(N, "OpenAI, Anthropic, Stability AI, Hugging Face와 같은 AI 스타트업들은"))
na("p061", "한국직업능력연구원은 2040년에 전체 일자리의 몇 %가 AI에 대체될 위험이 있다고 봤나?", "2030년 전망(9.5%)만 나온다", ["2040"])
na("p062", "1970년대 ATM 도입 이후 은행 출납 사무원 일자리는 몇 명 늘었나?", "늘었다는 서술만 있고 수치는 없다", ["명 늘었", "명 증가"])
na("p063", "조선일보 2023년 3월 8일 기사에서 AI가 예측한 한국의 2030년 실업률은?", "보고서는 기사 제목만 인용한다", ["실업률"])
q("p064", "fact", "NIA 보고서는 AI가 GDP 성장에 기여하는 무엇으로 발전하고 있다고 보나?", "핵심 인프라", ["핵심 인프라"], g(N, "GDP 성장에 기여하는 핵심 인프라로 발전하고 있다"))
q("p065", "fact", "맥킨지는 생성형 AI의 가치 사슬을 몇 가지 범주로 나눴나?", "6가지(컴퓨터 하드웨어, 클라우드 플랫폼, 파운데이션 모델, 모델 허브 및 MLOps, 애플리케이션, 서비스)", ["6가지"], g(N, "6가지 범주로 구분하였다"))
q("p066", "fact", "AI 서비스 개발 및 배포 단계에서 AI는 어떤 형태의 서비스로 제공되나?", "공용(Public)과 상용(Private) 서비스, AI 기반 솔루션과 AI부가형(AI-added) 서비스", ["AI부가형"], g(N, "공용(Public)과 상용(Private) 서비스, AI 기반 솔루션과 AI부가형(AI-added) 서비스"))
q("p067", "fact", "NIA 보고서가 예로 든 데이터 전처리 작업은 무엇인가?", "레이블링(labeling), 클렌징(cleansing)", ["클렌징"], g(N, "데이터 레이블링(labeling), 클렌징(cleansing) 같은 전처리 작업이 필요하며"))
q("p068", "fact", "앤스로픽이 클로드3 이후 고성능과 경량화를 함께 이뤄 내놓은 모델은?", "소넷3.5(Sonnet3.5)", ["3.5"], g(N, "소넷3.5(Sonnet3.5)를 출시했다"))
q("p069", "table", "오픈AI의 소라(Sora)는 언제 유료 가입자 누구나 쓸 수 있게 공개되었나?", "2024년 12월", ["12월"], g(N, "12월에는 유료 가입자는 누구나 활용할 수 있게 공개됨"))
q("p070", "table", "클링AI는 어디서 개발되었고 초기에 무엇으로 유명했나?", "중국; 물리법칙이 적용되지 않는 윌 스미스 영상", ["중국"], g(N, "중국에서 개발된 클링AI(Kling AI)은 초기에 물리법칙이 적용되지 않는 월 스미스 영상으로 유명했었는데"))
na("p071", "오픈AI의 2022년 매출은 얼마였나?", "2023년 매출(16억 달러)과 2024년 목표(34억 달러)만 나온다", ["2022년 매출"])
q("p072", "fact", "아마존의 세이지메이커(SageMaker)는 어떤 플랫폼인가?", "데이터 준비부터 모델 학습, 배포까지 전 과정을 지원하는 머신러닝 플랫폼", ["머신러닝 플랫폼"], g(N, "데이터 준비부터 모델 학습, 배포까지 전 과정을 지원하는 머신러닝 플랫폼이다"))
q("p073", "fact", "버티컬AI(Vertical AI)는 무엇인가?", "특정 산업의 문제를 해결하기 위해 최적화된 AI 솔루션", ["특정 산업"], g(N, "버티컬AI는 특정 산업의 문제를 해결하기 위해 최적화된 AI 솔루션으로"))
q("p074", "fact", "NIA 보고서가 인용한 기사는 2년 안에 무엇이 고갈된다고 했나?", "LLM 학습 데이터", ["학습 데이터"], g(N, "2년 내 LLM 학습 데이터 고갈"))
q("p075", "english", "What did Google develop that laid the groundwork for models such as GPT?", "트랜스포머(Transformer)", ["트랜스포머"], g(N, "트랜스포머(Transformer)를 개발하여 언어 모델 연구를 이끌어"))
q("p076", "fact", "구글의 TPU는 어떤 종류의 칩인가?", "ASIC(Application Specific IC): 특정 용도에 맞게 설계된 칩", ["ASIC"], g(N, "TPU는 특히 ASIC(Application Specific IC)"))
na("p077", "구글의 칩 설계 AI 알파칩(AlphaChip)은 언제 처음 공개되었나?", "공개 시점은 나오지 않는다", ["알파칩은 20", "AlphaChip은 20"])
q("p078", "numeric", "6세대 TPU는 TPU v5e보다 에너지 효율이 얼마나 좋아졌나?", "67% 향상", ["67"], g(N, "에너지 효율 67% 향상됨"))
q("p079", "fact", "구글의 팔리젤마(PaliGemma)는 어떤 모델인가?", "다목적 경량화된 비전-언어 모델", ["비전-언어"], g(N, "다목적 경량화된 비전-언어 모델로"))
na("p080", "When did Google release its Chirp speech model?", "Only its 100+ languages are given, no release date", ["처프는 20", "Chirp는 20"])
q("p081", "fact", "구글 클라우드는 머신러닝 시스템에 어떤 MLOps를 적용하나?", "지속적 통합(CI), 지속적 전달(CD), 지속적 학습(CT)을 구현·자동화", ["지속적 학습"], g(N, "지속적 통합(CI), 지속적 전달(CD), 지속적 학습(CT)을 구현하고 자동화하는 MLOps"))
q("p082", "table", "구글의 공개 모델 가운데 코드 생성용 모델은 무엇인가?", "CodeGemma", ["CodeGemma"], g(N, "CodeGemma(지능형 코드 완성 및 생성, 다중 언어 지원)"))
q("p083", "fact", "메타AI(Meta AI)는 메타의 어떤 서비스에 적용되었나?", "페이스북, 인스타그램, 왓츠앱", ["인스타그램"], g(N, "페이스북, 인스타그램, 왓츠앱 등 메타의 다양한 서비스"))
q("p084", "fact", "메타는 AI 컴퓨팅 인프라를 어떻게 구성하나?", "AI 반도체를 직접 개발해 쓰고 NVIDIA GPU도 활용", ["NVIDIA GPU"], g(N, "AI 반도체를 직접 개발하여 활용할 뿐만 아니라, NVIDIA GPU도 활용해 AI 컴퓨팅 인프라를 구성"))
q("p085", "numeric", "라마(Llama)의 누적 다운로드 수는 얼마인가?", "총 3.5억 건(전년동기 대비 10배)", ["3.5억"], g(N, "총3.5억 D/L의 라마(Llama)"))
na("p086", "SAM2는 기존 SAM보다 처리 속도가 몇 배 빨라졌나?", "개선됐다는 서술만 있고 배수는 없다", ["SAM2는 기존 SAM 대비 약"])
q("p087", "fact", "SAM(Segment Anything Model)은 무엇을 하는 모델인가?", "이미지나 비디오에서 특정 객체를 정확하게 구분", ["객체"], g(N, "SAM은 이미지나 비디오에서 특정 객체를 정확하게 구분할 수 있도록 설계된 모델로"))
q("p088", "fact", "메타AI 에이전트로 사용자는 무엇을 할 수 있나?", "음성으로 질문하거나 이미지를 올리고 설명을 들을 수 있다", ["음성"], g(N, "음성 인터페이스로 질문을 하거나 이미지를 업로드하고 그에 대한 설명을 들을 수 있으며"))
q("p089", "fact", "MS는 누구와 협력해 고성능 AI 데이터 센터를 준비하나?", "오픈AI와 엔비디아(NVIDIA)", ["엔비디아"], g(N, "오픈AI뿐만 아니라 엔비디아(NVIDIA)와의 협력을 통해 고성능 AI 데이터 센터를 준비하고"))
na("p090", "MS의 소형 언어 모델 Phi-3-mini의 매개변수는 몇 개인가?", "버전 이름만 있고 매개변수 수는 없다", ["Phi-3-mini는", "Phi-3-mini(3"])
q("p091", "fact", "MS는 에저(Azure) 외에 어떤 제품군에 AI를 적용했나?", "오피스(Office) 제품군", ["오피스"], g(N, "MS의 오피스 제품군에도 AI 기술이 적용되어"))
q("p092", "fact", "GPT-4o 출시와 동시에 MS Azure가 내놓은 서비스는?", "'GPT-4o on Azure'", ["GPT-4o on Azure"], g(N, "'GPT-4o on Azure' 서비스를 제공함"))
na("p093", "AMD Instinct MI300 시리즈의 메모리 용량은 얼마인가?", "MI300의 용도만 나오고 사양은 없다", ["MI300X", "192GB"])
q("p094", "table", "엔비디아가 제공하는 GPU 가속 라이브러리는 무엇인가?", "CUDA, cuDNN", ["cuDNN"], g(N, "CUDA(Compute Unified Device Architecture), cuDNN(CUDA Deep Neural Network)"))
q("p095", "table", "엔비디아의 DGX는 무엇인가?", "NVIDIA GPU로 가속화된 AI 워크스테이션 및 서버 제품군", ["워크스테이션"], g(N, "DGX는 NVIDIA GPU로 가속화된 AI 워크스테이션 및 서버 제품군임"))
na("p096", "엔비디아 블랙웰 GPU 한 개의 가격은 얼마인가?", "가격은 나오지 않는다", ["블랙웰 GPU 가격", "블랙웰의 가격"])
na("p097", "블랙웰 아키텍처 GPU에 탑재된 HBM 메모리 용량은 몇 GB인가?", "트랜지스터 수(2,080억 개)는 나오지만 메모리 용량은 없다", ["블랙웰 GPU는 192"])
q("p098", "table", "블랙웰의 2세대 트랜스포머 엔진은 어떤 부동 소수점 AI를 구현하나?", "4비트 부동 소수점(FP4)", ["FP4"], g(N, "4비트 부동 소수점(FP4) AI를 구현"))
q("p099", "numeric", "GB200 NVL72는 Grace CPU와 블랙웰 GPU를 각각 몇 개 연결하나?", "Grace CPU 36개, 블랙웰 GPU 72개", ["36", "72"], g(N, "36개 Grace CPU, 72개의 블랙웰 GPU를 연결함"))
q("p100", "numeric", "인텔과 삼성 메디슨의 AI 초음파 기기는 AI 처리 속도를 얼마나 높였나?", "20%", ["20%"], g(N, "AI 처리 속도를 20% 향상시켰다"))
q("p101", "fact", "인텔이 AI PC를 주도하려고 내놓은 제품은 무엇인가?", "루나 레이크(Lunar Lake)", ["루나 레이크"], g(N, "루나 레이크(Lunar Lake) 출시"))
na("p102", "ARM의 Ethos NPU는 몇 TOPS의 연산 성능을 내나?", "성능 수치는 없다", ["TOPS"])
q("p103", "english", "How much did Amazon spend on data-center capex in Q2 2024?", "176억 달러", ["176억"], g(N, "2024년 2분기 기준 아마존은 176억 달러"))
q("p104", "numeric", "아마존 AWS는 몇 개 지역과 몇 개 이상의 가용 커버리지를 갖고 있나?", "34개 지역, 105개 이상", ["34", "105"], g(N, "34개 지역과 105개 이상의 가용한 커버리지를 보유하고"))
q("p105", "numeric", "MS Azure의 활성 지역은 몇 개인가?", "40개 이상(커버리지 120개 이상)", ["40"], g(N, "MS Azure는 전 세계적으로 40개 이상의 활성 지역과 120개 이상의 가용한 커버리지를 보유하고 있다"))
q("p106", "fact", "글로벌 클라우드 사업자들이 AI 데이터 센터에 막대하게 투자하는 주된 이유는?", "AI 모델 학습과 실시간 추론을 위한 고성능 컴퓨팅 환경 조성", ["고성능 컴퓨팅"], g(N, "AI 모델 학습과 실시간 추론을 위한 고성능 컴퓨팅 환경을 조성하기 위함이다"))
na("p107", "앤스로픽의 연간 매출은 얼마인가?", "앤스로픽의 매출은 나오지 않는다", ["앤스로픽의 매출", "앤스로픽의 연간 매출"])
na("p108", "클로드 3.0 하이쿠(Haiku)는 언제 출시되었나?", "출시일은 나오지 않는다", ["하이쿠(Haiku)는 20"])
q("p109", "english", "Through which fund did Naver invest in Mistral AI?", "코렐리아캐피탈의 유럽 특화 K-펀드2", ["K-펀드2"], g(N, "코렐리아캐피탈의 유럽 특화 K-펀드2를 통해 미스트랄AI에 투자했다"))
na("p110", "How much did Mistral AI raise in its Series B round?", "Only its founding funding (1.05억$) and 2023 valuation (20억$) are given", ["시리즈B", "시리즈 B", "Series B"])
q("p111", "numeric", "코히어는 2024년 7월 얼마를 어떤 기업 가치로 유치했나?", "5억 달러, 기업 가치 약 55억 달러", ["5억", "55억"], g(N, "'24.07. 5억 달러를 약 55억 기업 가치로 유치했음"))
na("p112", "스테이블 비디오 4D로 비디오 한 편을 변환하는 데 몇 초가 걸리나?", "0.5초는 스테이블 패스트3D의 수치이고 비디오 4D의 시간은 없다", ["비디오 4D는 약"])
q("p113", "fact", "스테빌리티AI의 ‘스테이블 비디오 4D’는 어떤 기술인가?", "단일 객체 비디오를 여러 각도와 시점의 새로운 관점 비디오로 변환", ["여러 각도"], g(N, "단일 객체 비디오를 여러 각도와 시점에서 새로운 관점의 비디오로 변환하는 기술이다"))
q("p114", "fact", "초기 AI 서비스의 중심은 무엇이었나?", "‘보편적 AI’ 형태의 챗GPT 같은 대화형 AI", ["대화형 AI"], g(N, "‘보편적 AI’ 형태의 챗GPT와 같은 대화형 AI가 중심이었지만"))
q("p115", "table", "허깅 페이스의 공간(Spaces)은 무엇을 제공하나?", "개발자가 모델을 빌드, 호스팅하고 ML 커뮤니티와 공유하는 플랫폼", ["호스팅"], g(N, "개발자가 모델을 빌드, 호스팅 및 ML 커뮤니티와 공유할 수 있는 Spaces라는 플랫폼 제공"))
q("p116", "fact", "의료 분야 버티컬 AI인 에이브릿지(Abridge)는 무엇을 하나?", "의사와 환자 간 대화 내용을 자동으로 기록하고 분석", ["대화 내용"], g(N, "의사와 환자 간 대화 내용을 자동으로 기록하고 분석하여"))
q("p117", "fact", "법률 AI 하비(Harvey)는 어떤 모델을 기반으로 하나?", "오픈AI의 GPT-4", ["GPT-4"], g(N, "하비는 오픈AI의 GPT-4 모델을 기반으로 하며"))
q("p118", "numeric", "하비는 2024년 7월 시리즈C에서 얼마를 유치했고 기업 가치는 얼마로 평가받았나?", "1억 달러, 기업 가치 15억 달러", ["1억", "15억"], g(N, "1억 달러 규모의 투자 유치에 성공했으며, 이로써 기업 가치는 15억 달러로 평가받고 있다"))
q("p119", "fact", "하비의 시리즈C 펀딩을 주도한 곳은 어디인가?", "구글 벤처스(Google Ventures)", ["구글 벤처스"], g(N, "구글 벤처스(Google Ventures)가 주도한 시리즈C 펀딩"))
q("p120", "fact", "악시온 레이의 2024년 3월 시리즈 A 라운드를 주도한 곳은?", "Bessemer Venture Partners", ["Bessemer"], g(N, "Bessemer Venture Partners가 주도한"))
q("p121", "fact", "금융사 백 오피스에서 AI 자동화는 무엇을 가져올 것으로 기대되나?", "급진적인 운영 비용 절감", ["운영 비용"], g(N, "백 오피스에서는 AI를 통한 자동화가 급진적인 운영 비용 절감을 가져올 것으로 기대된다"))
q("p122", "numeric", "퍼플렉시티 AI는 2024년 얼마의 자금을 조달했나?", "약 1.65억 달러(기업가치 10억 달러 이상)", ["1.65억"], g(N, "약 1.65억\\$의 자금을 조달했음"))
q("p123", "fact", "퍼플렉시티 AI의 투자자로 누가 언급되나?", "제프 베조스, 엔비디아, SKT", ["SKT"], g(N, "아마존 창업자인 제프 베조스, 엔비디아 및 SKT도 있음"))
q("p124", "fact", "거대 AI 기업들이 급속히 성장한 이유는 무엇인가?", "고성능 GPU, 대규모 데이터 처리 능력, 뛰어난 연구 인력 확보", ["연구 인력"], g(N, "고성능 GPU와 대규모 데이터 처리 능력, 그리고 뛰어난 연구 인력을 확보했기 때문이다"))
q("p125", "fact", "대규모 투자와 자원 집중의 결과물로 든 대규모 언어 모델은?", "GPT, 클로드(Claude), 미스트랄(Mistral)", ["미스트랄"], g(N, "GPT, 클로드(Claude), 미스트랄(Mistral)과 같은 대규모 언어 모델은 이러한 노력의 결과물이다"))
q("p126", "fact", "일본 휴대폰 기업들이 자국 시장에만 집중하다 글로벌 트렌드를 놓친 현상을 무엇이라 부르나?", "갈라파고스 증후군", ["갈라파고스"], g(N, "‘갈라파고스 증후군’으로 불리는 이 현상"))
q("p127", "fact", "스마트폰 시대에 삼성전자는 어떤 OS를 빠르게 채택했나?", "안드로이드OS", ["안드로이드"], g(N, "삼성전자가 빠르게 안드로이드OS를 채택하고"))
q("p128", "numeric", "UBS는 2027년까지 AI 애플리케이션 계층의 매출을 얼마로 전망했나?", "3,950억 달러", ["3,950억"], g(N, "애플리케이션 계층(AI 서비스)이 3,950억 달러로 가장 큰 비중을 차지할 것"))
q("p129", "fact", "한국어와 한국 문화에 맞는 AI 모델을 효율적으로 만드는 방법으로 무엇을 제시했나?", "오픈소스 AI 모델을 활용한 전이학습(Transfer Learning)", ["전이학습"], g(N, "전이학습(Transfer Learning)을 통해 한국어와 한국 문화에 최적화된 AI 모델을 효율적으로 구축"))
q("p130", "english", "Which consumers should Korean AI services meet first after a fast launch, according to the NIA report?", "한국 내 변화를 좋아하는 초기 수용자(Early Adopter)와 글로벌 소비자", ["초기 수용자"], g(N, "한국 내 변화를 좋아하는 초기 수용자(Early Adopter) 소비자뿐만 아니라 글로벌 소비자들과 만나며"))
q("p131", "numeric", "2023년 기준 HBM 시장에서 한국 기업의 점유율은?", "약 90%", ["90%"], g(N, "2023년 기준 약 90% 수준의 시장 독보적인 경쟁력을 보유"))
q("p132", "fact", "NIA 보고서는 장기적인 독자 생태계를 위해 어떤 전략이 필요하다고 했나?", "단기적인 협력과 경쟁 촉진", ["협력과 경쟁"], g(N, "단기적인 협력과 경쟁 촉진을 통해 장기적인 독자 생태계를 구축하는 전략이 필요하다"))
q("p133", "fact", "세 번째 시나리오는 무엇을 목표로 하나?", "중장기적으로 경쟁력 있는 ‘소버린 AI’와 자립적 AI 산업 기반", ["소버린 AI"], g(N, "중장기적으로 경쟁력 있는 ‘소버린 AI’를 목표로 자립적인 AI 산업 기반을 구축하는 방안이다"))
na("p134", "NIA 보고서는 소버린 AI 달성에 필요한 정부 예산을 얼마로 추산했나?", "예산 추정은 없다", ["소버린 AI 예산"])
q("p135", "english", "What is scenario 2 among the NIA report's scenarios for AI competitiveness?", "국내 AI 기업의 자생적 성장 환경 구축", ["자생적"], g(N, "【 국내 AI 기업의 자생적 성장 환경 구축 】"))
for n in range(136, 150):
    skip(f"p{n:03d}", "reference list (bibliography entries), skipped by the rule stated in sample_passages.py")


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    texts = {p.name: p.read_text(encoding="utf-8") for p in (root / "corpus").glob("*.txt")}
    corpus = "\n".join(texts.values())
    passages = {json.loads(line)["pid"]: json.loads(line) for line in
                (root / "eval" / "test_passages.jsonl").read_text(encoding="utf-8").splitlines()}
    problems = []
    for item in Q:
        for gold in item["gold"]:
            if gold["quote"] not in texts[gold["doc"]]:
                problems.append(f"{item['id']} ({item['passage']}): quote not in {gold['doc']}: {gold['quote']!r}")
        for s in ABSENT.get(item["id"], []):
            if s in corpus:
                problems.append(f"{item['id']} ({item['passage']}): near-miss string occurs in the corpus: {s!r}")
    covered = {item["passage"] for item in Q} | set(SKIPPED)
    missing = sorted(set(passages) - covered)
    if missing:
        problems.append(f"passages with neither a question nor a skip reason: {missing}")
    if problems:
        sys.exit("\n".join(problems))
    out = root / "eval" / "test.jsonl"
    out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in Q), encoding="utf-8")
    kinds = {}
    for x in Q:
        kinds[x["type"]] = kinds.get(x["type"], 0) + 1
    print(f"{len(Q)} questions -> {out}; {len(SKIPPED)} passages skipped; {kinds}")


if __name__ == "__main__":
    main()
