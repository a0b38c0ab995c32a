"""Vietnamese-like test documents, generated (no corpus text in the repository)."""

from __future__ import annotations

import random

_SUBJECTS = ["Ủy ban nhân dân tỉnh", "Sở Giáo dục", "Công ty điện lực", "Hội nông dân xã"]
_VERBS = ["đã tổ chức", "đã hoàn thành", "tiếp tục triển khai", "chưa thực hiện"]
_OBJECTS = [
    "hội nghị tổng kết công tác năm",
    "kế hoạch xây dựng nông thôn mới",
    "chương trình chuyển đổi số",
    "dự án nâng cấp đường giao thông",
    "đợt kiểm tra an toàn thực phẩm",
]
_TAILS = ["với nhiều kết quả tích cực.", "trong quý tới.", "theo đúng tiến độ.", "vì thiếu vốn."]


def make_texts(count: int, seed: int = 0) -> list[str]:
    """Vietnamese-like documents of 1 to 8 sentences, varied, reproducible."""
    rng = random.Random(seed)
    texts = []
    for number in range(count):
        sentences = [
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
            f"số {number}-{k} {rng.choice(_TAILS)}"
            for k in range(rng.randint(1, 8))
        ]
        texts.append(" ".join(sentences))
    return texts
