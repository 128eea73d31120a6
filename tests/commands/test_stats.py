from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden" / "stats"


def test_stats_text_and_json_golden(run_cli, golden) -> None:
    folder = str(ROOT / "examples" / "laptop-online")
    golden(GOLDEN / "laptop.txt", run_cli("stats", folder, expect=0).stdout)
    text = run_cli("stats", folder, "--format", "json", expect=0).stdout
    golden(GOLDEN / "laptop.json", text)
    figures = json.loads(text)
    (journey,) = figures["journeys"]
    assert journey["touchpoints"] == 17 and journey["lowest_emotion"] == -2
    assert journey["largest_drop_off"] == {"stage": "consideration", "drop_off": 0.62}
    assert journey["evidence_coverage"] == 1.0 and journey["critical"] == ["cart", "data-transfer"]
    assert [h["emotion_drop"] > 0 for h in journey["handoffs"]].count(True) == 4
    # Ana skips the phone order, Marcus the friend's referral and the online payment.
    assert journey["personas"]["ana"]["touchpoints"] == 16 and journey["personas"]["marcus"]["touchpoints"] == 15
    makers = {(h["from"], h["to"]): h["personas"] for h in journey["handoffs"]}
    assert makers[("friend-referral", "product-page")] == ["ana"] and makers[("cart", "phone-order")] == ["marcus"]
    assert ("social-ad", "friend-referral") not in makers or makers[("social-ad", "friend-referral")] == ["ana"]
    assert ("payment", "phone-order") not in makers  # the two ways at the cart are alternatives, not a sequence
    assert [f["remaining"] for f in journey["funnel"][:3]] == [1.0, 0.38, 0.2052]
    assert journey["blueprint"]["frontstage"] == 3 and journey["blueprint"]["unsupported_frontstage"] == []


def test_stalest_first(run_cli, tmp_path: Path) -> None:
    for name, reviewed in (("a", "2026-01-01"), ("b", None), ("c", "2025-01-01")):
        line = f"reviewed: {reviewed}\n" if reviewed else ""
        (tmp_path / f"{name}.yaml").write_text(
            f"kind: journey\nid: {name}\ntitle: {name}\n{line}personas: [p]\nstages: [{{id: s, name: S}}]\n"
        )
    (tmp_path / "p.yaml").write_text("kind: persona\nid: p\nname: P\n")
    figures = json.loads(run_cli("stats", str(tmp_path), "-f", "json", expect=0).stdout)
    assert [j["id"] for j in figures["stalest"]] == ["b", "c", "a"]
