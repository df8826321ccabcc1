from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="session")
def gazetteer():
    from gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The open data and seed pages beside the project; tests that need them skip without them."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"needs {SHARED} (the seed pages and open data beside the project)")
    return SHARED


@pytest.fixture(scope="session")
def examples() -> Path:
    return ROOT / "examples" / "reports"
