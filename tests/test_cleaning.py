"""Article cleaning: metadata recognised, boilerplate ranges found, offsets untouched."""

from __future__ import annotations

from nlp_pipeline.components.cleaning import clean_article

PAGE = """Friday Jan 12, 2024

Ukraine's Zelenskyy asks allies for air defense ahead of winter

2024 Jan 12, 08:30, KYIV, Ukraine
Ukrainian President Volodymyr Zelenskyy speaks at a news conference in Kyiv. Photo: Reuters

Ukrainian President Volodymyr Zelenskyy on Friday urged Western allies to speed up deliveries of air defense systems before the winter.

"We need them now, not in spring," Zelenskyy told reporters in the capital.

Ukraine Zelenskyy air defense NATO winter
Your Trusted Daily Portal
Editor: Jane Roe
Tel: +380-44-555-0100
news@portal.example | Terms of Use
(c) 2024 Portal Media. All rights reserved."""


def test_metadata_is_recognised():
    meta, _ = clean_article(PAGE)
    assert meta["title"] == "Ukraine's Zelenskyy asks allies for air defense ahead of winter"
    assert meta["date"] == "2024-01-12T08:30"  # ISO; the dateline beats the header
    assert meta["dateline"] == "2024 Jan 12, 08:30, KYIV, Ukraine"


def test_tag_line_and_footer_are_boilerplate_and_body_is_not():
    _, ranges = clean_article(PAGE)
    covered = [PAGE[s:e] for s, e in ranges]
    assert any("Ukraine Zelenskyy air defense NATO winter" in c for c in covered)
    assert any("All rights reserved" in c for c in covered)
    body = PAGE.index("Ukrainian President Volodymyr Zelenskyy on Friday")
    quote = PAGE.index('"We need them now')
    assert all(not (s <= body < e or s <= quote < e) for s, e in ranges)
    assert all(0 <= s < e <= len(PAGE) for s, e in ranges)


def test_plain_wire_text_has_no_boilerplate():
    text = ("China said on Monday it would send aid to North Korea. "
            "The offer came after talks in Beijing, officials said.")
    meta, ranges = clean_article(text)
    assert ranges == []
    assert meta == {"title": None, "date": None, "dateline": None}


def test_cleaner_runs_in_the_pipeline_and_keeps_offsets(nlp):
    doc = nlp(PAGE)
    assert doc.text == PAGE
    assert doc._.meta["title"].startswith("Ukraine's Zelenskyy")
    footer = PAGE.index("Your Trusted Daily Portal")
    found = [(s.text, s.start_char) for s in doc.spans["actors"]]
    assert ("Volodymyr Zelenskyy", PAGE.index("Volodymyr Zelenskyy on Friday")) in found
    assert max(start for _, start in found) < footer


def test_line_breaks_end_sentences(nlp):
    text = ("Kim Jong Un speaks at a meeting in Pyongyang. Photo: AP\n\n"
            "North Korea said on Monday it would expand its nuclear program")
    doc = nlp(text)
    starts = [s.start_char for s in doc.sents]
    assert text.index("North Korea said") in starts
