"""Speed of the place resolver: cold start, names per second, text throughput.

    python benchmarks/bench_gazetteer.py

Prints:
  cold start    `geomap geocode Kirkuk` as a whole new process (index already compiled), median of 7 runs
  first run     compiling the shipped tables into the local index (once per install)
  names/s       geocode() on 100,000 names: a realistic mix (2,000 distinct names, repeated), and 100,000 draws
                from all Iraqi and Syrian place names, one by one and in one geocode_many() batch
  text MB/min   find_places() over news text (the sample reports, repeated)
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gazetteer import Gazetteer, find_places, geocode, geocode_many
from gazetteer.index import DATA_DIR, compile_index

ROOT = Path(__file__).resolve().parent.parent


def cold_start(runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geomap", "geocode", "Kirkuk"], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def first_run() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        compile_index(DATA_DIR, Path(tmp) / "index.sqlite")
        return time.perf_counter() - t


def names_per_second(gazetteer: Gazetteer, names: list[str], batch: bool = False) -> float:
    t = time.perf_counter()
    if batch:
        geocode_many(names, gazetteer)
    else:
        for name in names:
            geocode(name, gazetteer)
    return len(names) / (time.perf_counter() - t)


def sample_names(gazetteer: Gazetteer, n: int, seed: int = 7) -> list[str]:
    rows = gazetteer._db.execute("SELECT name FROM entries WHERE kind = 'place' AND country IN ('IQ', 'SY') "
                                 "ORDER BY id").fetchall()
    rng = random.Random(seed)
    return [rng.choice(rows)[0] for _ in range(n)]


def text_throughput(gazetteer: Gazetteer) -> float:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "reports").glob("*.txt"))]
    size = sum(len(t.encode()) for t in texts)
    t = time.perf_counter()
    for text in texts:
        find_places(text, gazetteer)
    elapsed = time.perf_counter() - t
    return size / 1e6 / (elapsed / 60)


def main() -> None:
    gazetteer = Gazetteer.load()
    print(f"cold start (geomap geocode Kirkuk, whole process): {cold_start():.2f} s")
    print(f"first run (compile the index once):               {first_run():.1f} s")
    distinct = sample_names(gazetteer, 2000)
    mix = [distinct[i % len(distinct)] for i in range(100_000)]
    random.Random(1).shuffle(mix)
    fresh = Gazetteer.load()
    print(f"warm geocode, 100k names from 2,000 distinct:      {names_per_second(fresh, mix):,.0f} names/s")
    fresh = Gazetteer.load()
    many = sample_names(fresh, 100_000, 3)
    print(f"warm geocode, 100k names, one by one:              {names_per_second(fresh, many):,.0f} names/s")
    fresh = Gazetteer.load()
    rate = names_per_second(fresh, many, batch=True)
    print(f"warm geocode_many, the same 100k names:            {rate:,.0f} names/s")
    find_places("warm up in Kirkuk", gazetteer)
    print(f"find_places on news text:                          {text_throughput(gazetteer):.2f} MB/min")


if __name__ == "__main__":
    main()
