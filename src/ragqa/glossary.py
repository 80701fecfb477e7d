"""English -> Korean names of the entities these reports are about (countries, companies,
institutions), so an English question can be checked and matched against Korean text.

A glossary, not a translator: it only maps names. Extend it for a new domain.
"""

from __future__ import annotations

import re

NAMES: dict[str, tuple[str, ...]] = {
    "south korea": ("한국", "대한민국"), "korea": ("한국", "대한민국"), "korean": ("한국",),
    "united states": ("미국",), "u.s.": ("미국",), "us": ("미국",), "usa": ("미국",), "america": ("미국",),
    "american": ("미국",), "china": ("중국",), "chinese": ("중국",), "japan": ("일본",), "japanese": ("일본",),
    "india": ("인도",), "germany": ("독일",), "france": ("프랑스",), "french": ("프랑스",),
    "united kingdom": ("영국",), "uk": ("영국",), "britain": ("영국",), "israel": ("이스라엘",),
    "singapore": ("싱가포르", "싱가폴"), "canada": ("캐나다",), "uae": ("아랍에미리트", "UAE"),
    "europe": ("유럽",), "luxembourg": ("룩셈부르크",),
    "google": ("구글",), "meta": ("메타",), "microsoft": ("마이크로소프트", "MS"), "openai": ("오픈AI", "OpenAI"),
    "anthropic": ("앤스로픽", "Anthropic"), "nvidia": ("엔비디아", "NVIDIA"), "samsung": ("삼성전자", "삼성"),
    "sk hynix": ("SK 하이닉스", "SK하이닉스"), "hynix": ("하이닉스",), "naver": ("네이버",), "kakao": ("카카오",),
    "apple": ("애플",), "amazon": ("아마존",), "intel": ("인텔",), "amd": ("AMD",), "arm": ("ARM",),
    "mistral": ("미스트랄",), "cohere": ("코히어",), "perplexity": ("퍼플렉시티",), "alibaba": ("Alibaba", "알리바바"),
    "deepseek": ("딥시크", "DeepSeek"), "lg": ("LG",), "stanford": ("스탠퍼드", "스탠포드"),
    "mckinsey": ("맥킨지", "McKinsey"), "statista": ("Statista",),
}
_PATTERN = re.compile(r"\b(" + "|".join(sorted((re.escape(k) for k in NAMES), key=len, reverse=True)) + r")\b", re.I)


def korean_names(text: str) -> list[tuple[str, ...]]:
    """For each known name in an English text, the Korean spellings (any one may match)."""
    seen, out = set(), []
    for m in _PATTERN.finditer(text):
        key = m.group(1).lower()
        if key == "us" and m.group(1) != "US":  # the pronoun "us"
            continue
        if NAMES[key] not in seen:
            seen.add(NAMES[key])
            out.append(NAMES[key])
    return out
