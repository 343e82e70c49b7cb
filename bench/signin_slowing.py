"""How much wrong codes are slowed down: the cost of one check (argon2id), and how many codes one attacker can
really have checked against one account from one address, hammering the sign-in as fast as it can.

Usage:
    python bench/signin_slowing.py [--seconds 20]

Part 1 times `users.check_code` (one argon2id verification). Part 2 runs `users.sign_in` in a loop for
`--seconds` of real time with the app's own throttle (users.Throttle: three free failures, then a wait that
doubles, 1 s, 2 s, 4 s… up to 15 min) and counts the codes actually checked and the attempts refused unread.
Part 3 projects, with the same throttle on a simulated clock, how many codes get checked in an hour and a day
(the attacker retrying the instant each wait ends), against what one core checks unthrottled (1 / part 1).
Figures go to stdout and bench/out/signin_slowing.json. A report, not a test: exit 0 whatever the figures.
"""
from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clusterlab import store, users  # noqa: E402
from clusterlab.errors import Forbidden  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def checked_within(horizon_s: float, throttle_free: int = 3, cap: float = 900.0) -> int:
    """Codes checked in `horizon_s` by an attacker who retries the instant each wait ends (simulated clock)."""
    now = [0.0]
    throttle = users.Throttle(free=throttle_free, cap=cap, clock=lambda: now[0])
    keys = ("address:x", "account:x")
    n = 0
    while now[0] < horizon_s:
        n += 1
        throttle.failed(*keys)
        now[0] += max(throttle.wait(*keys), 0.0)
    return n


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    logging.getLogger("clusterlab.signin").setLevel(logging.ERROR)  # one line per failure otherwise
    with tempfile.TemporaryDirectory() as folder:
        con = store.connect(Path(folder) / "bench.duckdb")
        users.add(con, "Karim", "analyst", "le vrai code de karim")
        times = []
        for _ in range(10):
            start = time.perf_counter()
            users.check_code(con, "Karim", "une devinette")
            times.append(time.perf_counter() - start)
        one_check = statistics.median(times)
        throttle = users.Throttle()
        checked = refused = 0
        end = time.monotonic() + args.seconds
        while time.monotonic() < end:
            try:
                users.sign_in(con, "Karim", f"guess-{checked}", "10.0.0.66", throttle=throttle)
            except Forbidden as exc:
                if exc.key == "signin.wrong":
                    checked += 1
                else:
                    refused += 1
                    time.sleep(0.05)  # an attacker polling 20 times a second
        con.close()
    figures = {
        "argon2id_check_s": round(one_check, 4),
        "unthrottled_checks_per_s_one_core": round(1 / one_check, 1),
        "real_run_s": args.seconds,
        "real_codes_checked": checked,
        "real_attempts_refused_unread": refused,
        "projected_codes_checked_1_min": checked_within(60),
        "projected_codes_checked_1_h": checked_within(3600),
        "projected_codes_checked_1_day": checked_within(86400),
        "unthrottled_codes_1_day_one_core": round(86400 / one_check),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "signin_slowing.json").write_text(json.dumps(figures, indent=1))
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
