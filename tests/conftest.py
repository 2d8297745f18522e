"""Shared fixtures: one pipeline per test session (loading costs about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

import nlp_pipeline

ROOT = Path(__file__).resolve().parents[1]
# a scraped news page written for these tests, with the seed article's difficulties
# (see tests/data/scraped_article.md for what a careful reader extracts from it)
SCRAPED = ROOT / "tests" / "data" / "scraped_article.txt"


@pytest.fixture(scope="session")
def nlp():
    return nlp_pipeline.load()


@pytest.fixture(scope="session")
def scraped_text() -> str:
    return SCRAPED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def scraped_doc(nlp, scraped_text):
    return nlp(scraped_text)
