"""Write eval/baseline.json from eval runs of both splits:

    python eval/update_baseline.py runs/<tuning run> runs/<test run>

(runs of `ragqa eval eval/questions.jsonl` and `ragqa eval eval/test.jsonl`). Update it deliberately,
and say why in the commit message."""

import json
import sys
from pathlib import Path

HEADLINE = ("hit@1", "answer@1", "recall@5", "mrr", "correct", "correct_concise", "faithfulness", "citation_precision",
            "citation_hit", "abstention_accuracy")
SPLITS = (("tuning", "eval/questions.jsonl"), ("test", "eval/test.jsonl"))

if len(sys.argv) != 3:
    sys.exit(__doc__)
baseline = {"backend": None, "tolerance": 0.03, "splits": {}}
for (name, questions), run in zip(SPLITS, sys.argv[1:]):
    payload = json.loads((Path(run) / "summary.json").read_text("utf-8"))
    overall = payload["summary"]["overall"]
    baseline["backend"] = payload["config"].get("backend")
    baseline["splits"][name] = {
        "questions": questions,
        "metrics": {k: round(overall[k], 4) for k in HEADLINE if overall.get(k) is not None},
        "false_abstention_max": round(overall.get("false_abstention", 0.0) + 0.03, 4)}
Path(__file__).with_name("baseline.json").write_text(json.dumps(baseline, indent=1) + "\n", "utf-8")
print(json.dumps(baseline, indent=1))
