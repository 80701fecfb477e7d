"""Write eval/baseline.json from a run's summary.json: `python eval/update_baseline.py runs/eval-latest`.

Update it deliberately, and say why in the commit message."""

import json
import sys
from pathlib import Path

HEADLINE = ("hit@1", "recall@5", "mrr", "correct", "correct_concise", "faithfulness", "citation_precision",
            "abstention_accuracy")

run = Path(sys.argv[1])
payload = json.loads((run / "summary.json").read_text("utf-8"))
overall = payload["summary"]["overall"]
baseline = {"backend": payload["config"].get("backend"), "tolerance": 0.03,
            "metrics": {k: round(overall[k], 4) for k in HEADLINE if overall.get(k) is not None},
            "false_abstention_max": round(overall.get("false_abstention", 0.0) + 0.03, 4)}
Path(__file__).with_name("baseline.json").write_text(json.dumps(baseline, indent=1) + "\n", "utf-8")
print(json.dumps(baseline, indent=1))
