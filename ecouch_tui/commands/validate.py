"""`ecouch validate`: check course content and print every problem, as text or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from ecouch_tui.content.validate import validate_paths
    from ecouch_tui.paths import modules_dir

    targets = [Path(p) for p in args.paths] or [modules_dir(getattr(args, "modules", None))]
    report = validate_paths(targets)
    for problem in report.problems:
        print(problem)
    if report.errors:
        print(f"{report.errors} error(s) in {report.files} file(s)", file=sys.stderr)
        return 1
    print(report.summary())
    if getattr(args, "stats", False):
        from ecouch_tui.content.stats import module_stats

        print(f"{'week':>4}  {'module':34} {'pages':>5} {'words':>6} {'minutes':>7} {'grade':>5}")
        for module in sorted(report.modules, key=lambda m: m.week):
            stats = module_stats(module)
            print(
                f"{module.week:>4}  {module.title[:34]:34} {len(module.pages):>5} "
                f"{stats.words:>6} {stats.minutes:>7.0f} {stats.grade:>5.1f}"
            )
    return 0
