"""Text scales linearly: `geomap extract` on folders of 10,000 and 100,000 one-line report files.

    python benchmarks/bench_text.py [--files 10000,100000]

Each file holds one invented sentence (an event, a place, a date, a toll) made from a few
templates and the names of Iraqi and Syrian towns; the command runs as a new process on the
folder on disk. Prints wall time, peak memory (max RSS) and the ratio to the smallest run
(linear is 10x for 10x the files).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOWNS = ["Binnish", "Kirkuk", "Ariha", "Hawija", "Tal Afar", "Manbij", "Raqqa", "Deir ez-Zor", "Mayadin",
         "Tikrit", "Ramadi", "Fallujah", "Baiji", "Saraqib", "Jisr al-Shughur", "Daraa", "Homs", "Hama",
         "Sinjar", "Makhmour", "Tuz Khurmatu", "Khanaqin", "Abu Kamal", "Qamishli", "Kobani"]
TEMPLATES = [
    "{n} civilians were killed on {day} March 2024 when shelling hit {town}.",
    "A roadside bomb wounded {n} soldiers near {town} on {day} March 2024.",
    "Gunmen abducted {n} farmers from a village outside {town} on {day} March 2024.",
    "Hundreds protested in {town} on {day} March 2024 over power cuts.",
    "An air strike on {town} on {day} March 2024 killed {n} fighters, a monitor said.",
]


def write_reports(folder: Path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    for i in range(n):
        text = rng.choice(TEMPLATES).format(n=rng.randint(2, 9), day=rng.randint(1, 28), town=rng.choice(TOWNS))
        (folder / f"r{i:06d}.txt").write_text(text + "\n", encoding="utf-8")


def timed(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak memory (GB, max RSS) and the summary line of one new process."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _, status, rusage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{stderr}")
    return elapsed, rusage.ru_maxrss / 2**20, stderr.strip().splitlines()[-1] if stderr.strip() else ""


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", default="10000,100000")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.files.split(","))
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"reports_{n}"
            folder.mkdir()
            write_reports(folder, n)
            out = Path(tmp) / f"out_{n}.jsonl"
            elapsed, peak, summary = timed([sys.executable, "-m", "geomap", "extract", str(folder), "-o", str(out),
                                            "--reference-date", "2024-04-01"])
            base = base or (n, elapsed)
            ratio = elapsed / base[1]
            print(f"{n:>7,} one-line files: {elapsed:6.1f} s ({n / elapsed:,.0f} files/s), peak {peak:.2f} GB, "
                  f"{ratio:.1f}x the time of {base[0]:,} for {n / base[0]:.0f}x the files; {summary}", flush=True)


if __name__ == "__main__":
    main()
