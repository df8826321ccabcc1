"""Helpers every part of the index build uses."""

from __future__ import annotations

import gzip
from pathlib import Path

from gazetteer.normalize import fold, is_arabic


def useful_name(name: str) -> bool:
    """Latin or Arabic script names only: others never appear in the news we read."""
    if is_arabic(name):
        return True
    folded = fold(name)
    return bool(folded) and all(ord(c) < 0x250 or c in "ʿʾ’‘ḩḨţŢẕẓḑḍḥṣṭẒĀāīĪūŪ" for c in name) and len(folded) > 1


def write_gz(path: Path, text: str) -> None:
    # mtime=0 keeps the bytes identical between rebuilds.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(text.encode("utf-8"))
