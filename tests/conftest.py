"""Shared fixtures: one pipeline per test session (loading costs about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

import nlp_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "article.txt"


@pytest.fixture(scope="session")
def nlp():
    return nlp_pipeline.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("../shared/seed/article.txt is not present")
    return SEED.read_text(encoding="utf-8")
