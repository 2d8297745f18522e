"""``benchmarks/gold.py agree-relations``: row matching between two relation passes."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("gold", ROOT / "benchmarks" / "gold.py")
gold = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gold)


def test_agree_relations_matches_on_key_and_evidence(tmp_path, monkeypatch, capsys):
    rows = json.loads((gold.GOLD_DIR / "relations_pass2" / "6181522.json").read_text())
    rows = rows["relations"]
    moved = [dict(r) for r in rows]
    # same key, evidence in another sentence: no match; a changed role still matches
    moved[0]["evidence"] = "His party took"
    moved[1]["role"] = "candidate"
    for name, rel in (("a", rows), ("b", moved[:-1])):
        (tmp_path / name).mkdir()
        (tmp_path / name / "6181522.json").write_text(json.dumps({"relations": rel}))
    monkeypatch.setattr(gold, "GOLD_DIR", tmp_path)
    gold.agree_relations("a", "b")
    out = capsys.readouterr().out
    assert "acts_on: a 2, b 1, matched 1, F1 0.667" in out
    assert "affiliated_with: a 3, b 3, matched 2, F1 0.667; same role 1/2" in out
