"""A tuning set of table questions: eval/tuning_tables.jsonl, one answerable question and one near-miss per table.

The other sets hold few table questions (8 in eval/questions.jsonl, 3 in eval/tuning_random.jsonl), while tables
are where the test split's answers are refused most. The passages are not drawn by the writer: they are every
table chunk the chunker makes of the five reports that no test passage (eval/test_passages.jsonl) overlaps, in
document order (eval/tuning_table_passages.jsonl, written here). A figure layout already asked about in an
earlier tuning set is skipped. Each table gets a question its cells answer and a near-miss asking for a year,
a figure or an attribute next to what the table gives, in the reports' own words; every quote is checked
verbatim and every near-miss string checked absent from the corpus. Tuning split only.

    python eval/make_tuning_tables.py   # -> eval/tuning_table_passages.jsonl, eval/tuning_tables.jsonl
"""

from __future__ import annotations

import json
import sys

from questionset import ROOT, QuestionSet, g
from sample_passages import passage_spans

sys.path.insert(0, str(ROOT / "src"))

G = "2024_ai_global_trends.txt"
N = "nia_the_ai_report_2024.txt"
PASSAGES = ROOT / "eval" / "tuning_table_passages.jsonl"


def table_passages() -> list[dict]:
    """Every table chunk of the corpus that overlaps no test passage, in document order."""
    from ragqa import korean
    from ragqa.chunking import chunk_document
    from ragqa.config import ChunkConfig
    from ragqa.ingest import load_corpus

    taken = passage_spans([ROOT / "eval" / "test_passages.jsonl"])
    docs, _ = load_corpus(ROOT / "corpus")
    out = []
    for doc in sorted(docs, key=lambda d: d.source):
        for c in chunk_document(doc, ChunkConfig(), korean.split_sentences):
            if c.kind == "table" and not any(s < c.end and e > c.start for s, e in taken.get(c.source, [])):
                out.append({"pid": f"b{len(out) + 1:02d}", "doc": c.source, "start": c.start, "end": c.end,
                            "text": c.text})
    return out


_SET = QuestionSet("b")
q, na, skip = _SET.q, _SET.na, _SET.skip

# 2024_ai_global_trends.txt
q("b01", "table", "국내 시스템 지능화 유망기업 표에서 해줌의 2023년 매출액은 얼마인가?", "209.3억원", ["209.3"],
  g(G, "해줌\t스마트 에너지\t12.09\tN\t153.5\t209.3"))
na("b01", "국내 시스템 지능화 유망기업 표에서 시즐의 2022년 매출액은 얼마였나?", "표는 '23년 매출액만 준다",
   ["시즐의 2022년", "시즐의 매출"])
q("b02", "table", "국내 헬스케어 분야 유망기업 중 루닛의 2023년 영업이익은 얼마인가?", "-407.9억원", ["407.9"],
  g(G, "루닛\t헬스케어\t13.08\tY(22.07)\t2,382.7\t250.8\t-407.9\t261"))
na("b02", "헬스케어 분야 유망기업 루닛의 2024년 매출액 전망치는 얼마인가?", "'23년 실적만 있고 전망치는 없다",
   ["루닛의 2024년", "루닛의 매출 전망"])
# nia_the_ai_report_2024.txt
q("b03", "table", "스케일AI의 주요 고객으로 꼽힌 기업들은?", "오픈AI, 핀터레스트, AirBnB, 도어대쉬, 리프트", ["핀터레스트"],
  g(N, "• 고객: 오픈AI, 핀터레스트, AirBnB, 도어대쉬, 리프트 등"))
na("b03", "스케일AI의 2023년 매출은 얼마인가?", "사업 모델과 고객만 있고 매출은 없다", ["스케일AI의 매출", "스케일AI의 2023년"])
q("b04", "table", "구글의 AI 개요 그림에서 구글은 무엇을 통해 AI 인프라를 제공한다고 했나?", "GCP", ["GCP"],
  g(N, "GCP를 통해 AI 인프라 제공"))
na("b04", "구글의 텐서(Tensor) 칩은 몇 나노미터 공정으로 생산되나?", "칩 개발 사실만 있고 공정은 없다",
   ["텐서 칩의 공정", "나노미터"])
skip("b05", "[그림 15] is asked about in eval/tuning_random2.jsonl (s001-s003)")
q("b06", "numeric", "메타가 '22년 1월 발표한 RSC에는 NVIDIA A100 GPU가 총 몇 개 들어갔나?", "6,080개", ["6,080"],
  g(N, "NVIDIA A100 GPU 총 6,080개"))
na("b06", "메타의 RSC(Research Super Cluster) 구축 비용은 얼마인가?", "GPU 수만 있고 비용은 없다",
   ["RSC 구축 비용", "구축 비용"])
q("b07", "table", "메타의 AI 모델 포트폴리오에서 음성합성·편집 모델은?", "Voicebox", ["Voicebox"],
  g(N, "Voicebox(음성합성·편집)"))
na("b07", "메타의 SeamlessM4T는 몇 개 언어의 번역을 지원하나?", "다국어 번역이라는 설명뿐 언어 수는 없다",
   ["개 언어"])
q("b08", "numeric", "라마 파생모델은 몇 건 이상 있다고 했나?", "6만건 이상", ["6만"], g(N, "라마 파생모델만 6만건 이상이 있음"))
na("b08", "라마3.1 출시 후 첫 주 동안의 다운로드 수는?", "출시 후 1달 동안의 다운로드(2천만 건)만 있다", ["첫 주"])
q("b09", "table", "메타AI는 메타의 어떤 서비스들에 적용되었나?", "Facebook, Instagram, Whatsapp 등", ["Instagram"],
  g(N, "Meta에서 개발한 AI Agent로 메타의 Facebook, Instagram, Whatsapp 등 다양한 서비스들에 적용"))
na("b09", "메타AI의 월간 활성 사용자 수는 몇 명인가?", "적용 서비스와 특징만 있고 이용자 수는 없다",
   ["메타AI의 월간", "메타AI 이용자", "Meta AI의 월간"])
q("b10", "numeric", "'24.10. 투자 라운딩에서 오픈AI는 얼마의 기업 가치를 인정받았나?", "1,570억$", ["1,570억"],
  g(N, "오픈AI는 1,570억\\$ 기업 가치로 투자 라운딩을 마감함"))
na("b10", "오픈AI가 '19년 영리 법인 오픈AI LP를 설립할 때 MS가 투자한 금액은?", "MS의 누적 130억$와 추가 7.5억$만 있고 '19년 투자액은 없다",
   ["'19년 MS", "LP 설립 당시"])
q("b11", "numeric", "GPT-4o는 GPT-4 대비 비용을 얼마나 줄였나?", "50% 감소", ["50%"], g(N, "비용 50% 감소"))
na("b11", "오픈AI의 Sora가 생성할 수 있는 영상의 최대 길이는?", "Text to Video 모델이라는 설명뿐 길이는 없다",
   ["최대 길이", "최대 1분"])
q("b12", "table", "버티컬AI 확대 예시에서 법률 분야 기업 Harvey의 AI 솔루션은 무엇인가?", "법률 문서 분석", ["법률 문서 분석"],
  g(N, "법률\tHarvey\t법률 문서 분석"))
na("b12", "버티컬AI 예시의 Abridge를 도입한 병원은 몇 곳인가?", "기능과 기대 효과만 있고 도입 병원 수는 없다", ["병원"])


def main() -> None:
    passages = table_passages()
    PASSAGES.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in passages), encoding="utf-8")
    for p in passages:
        print(p["pid"], p["doc"], p["start"], p["text"].splitlines()[0][:60], file=sys.stderr)
    _SET.write(PASSAGES, ROOT / "eval" / "tuning_tables.jsonl")


if __name__ == "__main__":
    main()
