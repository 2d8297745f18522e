"""Article cleaning: metadata recognised, boilerplate ranges found, offsets untouched."""

from __future__ import annotations

import json

import pytest

from nlp_pipeline.components.cleaning import FURNITURE_FILE, ArticleCleaner, clean_article

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
    text = (
        "China said on Monday it would send aid to North Korea. "
        "The offer came after talks in Beijing, officials said."
    )
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
    text = (
        "Kim Jong Un speaks at a meeting in Pyongyang. Photo: AP\n\n"
        "North Korea said on Monday it would expand its nuclear program"
    )
    doc = nlp(text)
    starts = [s.start_char for s in doc.sents]
    assert text.index("North Korea said") in starts


# -- page furniture: bylines, credits and related-content links name no actor ----------
# three pages written for these tests (invented reporters, portals and events), each laid
# out the way a different kind of portal scrapes to text
WIRE_PAGE = """Home | World | Asia
Tuesday Apr 02, 2024

Chile and Peru agree to share border patrol data

By Amal Haddad and Tomas Lind, Harbor Press Service | Updated Apr 2, 2024, 14:10
Chilean Foreign Minister Alberto van Klaveren said on Tuesday that Chile and Peru would share data from their border patrols every week, after a meeting in Lima.

READ MORE: Argentina and Bolivia close a river crossing after floods

Peruvian officials said the first exchange would take place in May and that Ecuador had been invited to join later in the year.
(Reporting by Amal Haddad in Lima; Editing by Greta Holm)

Subscribe to our newsletter
(c) 2024 Harbor Press Service. All rights reserved."""

COLUMN_PAGE = """Kenya pledges police for Haiti mission despite court ruling

Elena Marsh, Senior Correspondent
Kenyan President William Ruto speaks at State House in Nairobi on Monday. Photo: Reuters

Kenyan President William Ruto said on Monday that his government would still send police officers to Haiti, days after a court in Nairobi ruled the deployment unlawful.

Related stories
Uganda and Tanzania open a new railway link
Ethiopia names a new central bank governor

Ruto said the mission had the support of the United Nations and that Kenya would not abandon the people of Haiti.

Tags: Kenya Haiti Ruto police
Share this article"""

SPLIT_PAGE = """Norway and Sweden to buy ammunition together

By
Ingrid Falk
Norway and Sweden signed an agreement on Thursday to buy artillery ammunition together, their defense ministers said after talks in Oslo.

• See also: Finland raises its defense budget for next year
• Also read: Denmark orders new frigates

The two governments said the first joint order would be placed before the end of the year and that Finland could join it later.
Source: Norwegian Ministry of Defence"""


def _covered(text: str, ranges: list[tuple[int, int]], part: str) -> bool:
    at = text.index(part)
    return any(s <= at and at + len(part) <= e for s, e in ranges)


def _touched(text: str, ranges: list[tuple[int, int]], part: str) -> bool:
    at = text.index(part)
    return any(s < at + len(part) and at < e for s, e in ranges)


@pytest.mark.parametrize(
    ("page", "furniture", "story"),  # the title first, then the furniture
    [
        (
            WIRE_PAGE,
            [
                "Chile and Peru agree to share border patrol data",
                "By Amal Haddad and Tomas Lind, Harbor Press Service | Updated Apr 2, 2024, 14:10",
                "READ MORE: Argentina and Bolivia close a river crossing after floods",
                "(Reporting by Amal Haddad in Lima; Editing by Greta Holm)",
            ],
            ["Chilean Foreign Minister", "Peruvian officials said"],
        ),
        (
            COLUMN_PAGE,
            [
                "Kenya pledges police for Haiti mission despite court ruling",
                "Elena Marsh, Senior Correspondent",
                "Photo: Reuters",
                "Related stories",
                "Uganda and Tanzania open a new railway link",
                "Ethiopia names a new central bank governor",
            ],
            [
                "Kenyan President William Ruto speaks",
                "Kenyan President William Ruto said",
                "Ruto said the mission",
            ],
        ),
        (
            SPLIT_PAGE,
            [
                "Norway and Sweden to buy ammunition together",
                "By\nIngrid Falk",
                "• See also: Finland raises its defense budget for next year",
                "• Also read: Denmark orders new frigates",
                "Source: Norwegian Ministry of Defence",
            ],
            ["Norway and Sweden signed", "The two governments said"],
        ),
    ],
)
def test_page_furniture_is_boilerplate_and_the_story_is_not(page, furniture, story):
    meta, ranges = clean_article(page)
    assert meta["title"] == furniture[0]
    for part in furniture[1:]:
        assert all(_covered(page, ranges, line) for line in part.split("\n")), part
    for part in story:
        assert not _touched(page, ranges, part), part


# a real story line that starts like furniture stays story
STORY = """Pakistan and India hold talks on water sharing

Pakistani and Indian officials met in Lahore on Monday to discuss the sharing of river water under a decades-old treaty, the foreign ministry said.

{line}

The officials said they would meet again next month in New Delhi to continue the talks."""


@pytest.mark.parametrize(
    "line",
    [
        "Related talks are expected in Islamabad later this year, officials said.",
        "By Monday, the talks had collapsed.",
        "By then, Pakistan had recalled its envoy.",
        "More than 300 farmers protested outside the venue.",
        "Reported by Dawn, the meeting was the first in two years.",
        "Written by hand, the letter reached the ministry on Friday.",
        "See also the ministry's statement on the treaty.",
        "Read more about the treaty in the commission's report.",
        "WATCH What The Commission Said About The Treaty",
        "Water, Treaty and Trust",
        "The ministry said via Twitter that the talks would resume.",
    ],
)
def test_story_lines_that_start_like_furniture_are_not_boilerplate(line):
    page = STORY.format(line=line)
    _, ranges = clean_article(page)
    assert not _touched(page, ranges, line)


@pytest.mark.parametrize("credit", ["Amira Saleh via Getty Images.", "Getty."])
def test_photo_credit_is_boilerplate(nlp, credit):
    # a photo's credit line between paragraphs: the photographer and the agency are no actors
    page = STORY.format(line=credit)
    _, ranges = clean_article(page)
    assert _covered(page, ranges, credit)
    doc = nlp(page)
    names = {s.text for s in doc.spans["actors"]}
    assert not names & {"Amira Saleh", "Getty", "Getty Images"}


def test_a_clean_story_on_several_lines_has_no_boilerplate():
    # a clean story on several lines (the shape of the VOA stories) keeps every line
    text = "\n".join(STORY.format(line="Pakistan said the talks were useful.").split("\n")[2:])
    assert clean_article(text)[1] == []


def test_furniture_words_are_saved_with_the_pipeline(nlp, tmp_path):
    cleaner = nlp.get_pipe("article_cleaner")
    cleaner.to_disk(tmp_path)
    data = json.loads((tmp_path / FURNITURE_FILE).read_text(encoding="utf-8"))
    assert "read more" in data["related_cues"]
    page = COLUMN_PAGE.replace("Related stories", "Dig deeper")
    assert not _covered(page, clean_article(page, cleaner.furniture)[1], "Dig deeper")
    data["related_cues"].append("dig deeper")
    (tmp_path / FURNITURE_FILE).write_text(json.dumps(data), encoding="utf-8")
    loaded = ArticleCleaner(nlp).from_disk(tmp_path)
    doc = loaded(nlp.make_doc(page))
    assert _covered(page, doc._.boilerplate, "Ethiopia names a new central bank governor")


def test_reporter_and_linked_states_are_no_actors(nlp):
    doc = nlp(WIRE_PAGE)
    names = {s.text for s in doc.spans["actors"]}
    assert {"Alberto van Klaveren", "Chile", "Peru", "Ecuador"} <= names
    assert not names & {"Amal Haddad", "Tomas Lind", "Greta Holm", "Argentina", "Bolivia"}
    doc = nlp(COLUMN_PAGE)
    names = {s.text for s in doc.spans["actors"]}
    assert {"William Ruto", "Kenya", "Haiti"} <= names
    assert not names & {"Elena Marsh", "Reuters", "Uganda", "Tanzania", "Ethiopia"}
