"""The benchmark command runs and reports every figure (speed itself is never asserted)."""

import json

from pulih.cli import main


def test_bench_reports_every_figure__ok(capsys, tmp_path):
    assert main(["bench", "--repeat", "2", "--json", "--url", f"sqlite:///{tmp_path / 'b.db'}"]) == 0
    figures = json.loads(capsys.readouterr().out)
    for key in ("live_check_ms", "dashboards_recompute_ms", "form60_evaluate_ms", "submission_save_ms",
                "ratio_recompute_vs_live_check", "ratio_save_vs_form60_evaluate"):
        assert figures[key] > 0
