"""Actor tagging and canonicalisation on realistic news sentences."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import DocBin

# Written for these tests: the seed's difficulties (short forms, DPRK, the North, KCNA,
# demonym titles, a dateline, a tag line and a portal footer) in new sentences.
SCRAPED = """Monday Mar 04, 2024

NKorea's Kim warns Seoul over drills as talks stall

2024 Mar 04, 09:12, SEOUL, South Korea
North Korean leader Kim Jong Un speaks at a Workers' Party plenary in Pyongyang, North Korea. Photo: AP

 North Korean leader Kim Jong Un said Monday he would answer the joint drills with force, the official Korean Central News Agency reported.

Kim sent a letter to Chinese President Xi Jinping thanking him for his support, KCNA said. The Workers' Party of Korea will meet next month.

Chinese Foreign Ministry spokesperson Mao Ning said the DPRK and China remain close. "China supports dialogue," Mao said, referring to the North by its official initials.

North Korea Kim Jong Un Xi Jinping Workers Party United States drills
Asia's Leading News Portal
Editor: Ram Bahadur
Phone +977-01-4445000 | news@example.com
© AsiaNews 2024 All rights reserved."""


def actors_of(doc):
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["actors"]]


def ids_for(doc, text):
    return {s.kb_id_ for s in doc.spans["actors"] if s.text == text}


def test_scraped_article_actors(nlp):
    doc = nlp(SCRAPED)
    found = actors_of(doc)
    assert ("Kim Jong Un", "PERSON", "person:kim-jong-un") in found
    assert ids_for(doc, "Kim") == {"person:kim-jong-un"}
    assert ids_for(doc, "Mao") == {"person:mao-ning"}
    assert ids_for(doc, "Xi Jinping") == {"person:xi-jinping"}
    assert ids_for(doc, "NKorea") == {"state:PRK"}
    assert ids_for(doc, "DPRK") == {"state:PRK"}
    assert ids_for(doc, "the North") == {"state:PRK"}
    assert ids_for(doc, "South Korea") == {"state:KOR"}
    assert ids_for(doc, "KCNA") == {"org:kcna"}
    assert ids_for(doc, "Korean Central News Agency") == {"org:kcna"}
    assert ids_for(doc, "Chinese Foreign Ministry") == {"org:chinese-foreign-ministry"}
    labels = {s.text: s.label_ for s in doc.spans["actors"]}
    assert labels["DPRK"] == "STATE" and labels["Mao"] == "PERSON"
    # demonyms are not STATE mentions; the capital in a caption is a place
    assert "North Korean" not in labels and "Chinese" not in labels
    assert not any(s.text == "Pyongyang" for s in doc.spans["actors"])


def test_tag_line_and_footer_produce_no_actors(nlp):
    doc = nlp(SCRAPED)
    footer_start = SCRAPED.index("North Korea Kim Jong Un Xi Jinping Workers")
    assert all(s.start_char < footer_start for s in doc.spans["actors"])
    assert not any("Xi Jinping Workers" in s.text for s in doc.spans["actors"])
    meta = doc._.meta
    assert meta["title"].startswith("NKorea's Kim warns Seoul")
    assert meta["dateline"].startswith("2024 Mar 04")


def test_affiliations_from_titles_and_demonyms(nlp):
    doc = nlp(SCRAPED)
    links = {(a["source_id"], a["target_id"], a["role"]) for a in doc._.affiliations}
    assert ("person:kim-jong-un", "state:PRK", "leader") in links
    assert ("person:xi-jinping", "state:CHN", "president") in links
    assert ("person:mao-ning", "org:chinese-foreign-ministry", "spokesperson") in links
    assert ("org:chinese-foreign-ministry", "state:CHN", "") in links
    assert doc._.actors["person:mao-ning"]["country"] == "CHN"


def test_pronouns_resolve_to_the_right_person(nlp):
    doc = nlp(SCRAPED)
    coref = {(s.start_char, s.kb_id_) for s in doc.spans["coref"]}
    he = SCRAPED.index("he would answer")
    him = SCRAPED.index("him for his")
    assert (he, "person:kim-jong-un") in coref
    assert (him, "person:xi-jinping") in coref


@pytest.mark.parametrize(
    ("text", "state", "expected"),
    [
        ("Pyongyang said on Tuesday it would not return to talks.", "Pyongyang", True),
        ("Talks between Washington and Beijing resumed on Friday.", "Beijing", True),
        ("The delegation arrived at a meeting in Pyongyang on Monday.", "Pyongyang", False),
        ("She flew from Moscow to Paris for a conference.", "Moscow", False),
        ("Iraqi militias are allies of Tehran, officials said.", "Tehran", True),
        ("Ankara was close to realigning with Cairo.", "Cairo", True),
        ("The U.S. vowed to defend its ally in its battle against Beijing.", "Beijing", True),
    ],
)
def test_capital_is_state_only_when_it_acts(nlp, text, state, expected):
    assert_capital_state(nlp(text), state, expected)


def assert_capital_state(doc, capital: str, expected: bool) -> None:
    hit = [s for s in doc.spans["actors"] if s.text == capital]
    assert bool(hit) is expected
    if expected:
        assert hit[0].label_ == "STATE"


# VOA sentences (dev stories and corpus stories outside the gold): the capital's shape decides
@pytest.mark.parametrize(
    ("text", "capital", "expected"),
    [
        (
            "The militia is a key ally in the Washington-led war against Islamic State.",
            "Washington",
            True,
        ),
        (
            "He was accused of collusion with foreign forces under a Beijing-imposed national "
            "security law.",
            "Beijing",
            True,
        ),
        (
            "Egypt and Turkey faced off as proxies in the Libyan civil war. Ankara military "
            "backing of the Libyan Government of National Accord averted its defeat.",
            "Ankara",
            True,
        ),
        (
            "Turkish media report Ankara testing a Russian anti-aircraft weapon system, despite "
            "threats of Washington sanctions, which previous U.S. sanctions made real.",
            "Washington",
            True,
        ),
        (
            "Russia delivered the S-400s. Ankara, too, is warning Washington of severe "
            "consequences if it has to turn to Moscow to meet its defense requirements.",
            "Moscow",
            True,
        ),
        (
            "Jeffrey Towson, owner of Beijing-based TechMoat Consulting, told VOA.",
            "Beijing",
            False,
        ),
        (
            "And as governments continue climate talks in Madrid, experts say wind and other "
            "renewable energy sources could help.",
            "Madrid",
            False,
        ),
        (
            "The journey involved another antigen test on arrival at Rome's airport.",
            "Rome",
            False,
        ),
        (
            "Putin was not entirely pleased with what happened on his trip to Beijing.",
            "Beijing",
            False,
        ),
        (
            "Lai's son was in Washington this week to meet with Trump administration officials.",
            "Washington",
            False,
        ),
    ],
)
def test_capital_acts_for_its_government_in_voa_shapes(nlp, text, capital, expected):
    assert_capital_state(nlp(text), capital, expected)


def test_capital_after_toward_or_over_needs_its_state_in_the_story(nlp):
    """``shift toward Moscow`` is Russia's government in a story about Russia; in a story
    that names neither Russia nor Russians the same words are not enough."""
    sentence = (
        "Republicans and Democrats are angry with Ankara's perceived shift toward Moscow. "
        "Incirlik has been viewed as Ankara's trump card over Washington."
    )
    bare_doc = nlp(sentence)
    bare = {s.text for s in bare_doc.spans["actors"] if s.label_ == "STATE"}
    assert bare == {"Ankara"}
    told = nlp("Turkey bought Russia's S-400 system despite U.S. objections. " + sentence)
    states = [(s.text, s.kb_id_) for s in told.spans["actors"] if s.label_ == "STATE"]
    assert ("Moscow", "state:RUS") in states
    assert ("Washington", "state:USA") in states


# written for this test: a place after `toward`/`over` in a story that names its state
@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("Israel said Hamas fired rockets toward Jerusalem on Monday.", "Jerusalem"),
        ("Afghanistan fell after the Taliban's control over Kabul was complete.", "Kabul"),
        ("Pakistan says the convoy was heading toward Islamabad.", "Islamabad"),
    ],
)
def test_capital_after_toward_or_over_as_a_place(nlp, text, capital):
    doc = nlp(text)
    assert capital not in {s.text for s in doc.spans["actors"]}


def test_cities_and_regions_are_not_states(nlp):
    doc = nlp("Officials in Texas, Bavaria and Lagos criticized NATO and the WHO on Monday.")
    found = actors_of(doc)
    assert not any(label == "STATE" for _, label, _ in found)
    assert ("NATO", "ORG", "org:nato") in found
    assert ("WHO", "ORG", "org:who") in found


def test_known_states_are_state_whatever_the_ner_said(nlp):
    doc = nlp("The DPRK rejected the offer, and the ROK said the U.S. and the UK would respond.")
    assert {(s.text, s.kb_id_) for s in doc.spans["actors"]} >= {
        ("DPRK", "state:PRK"),
        ("ROK", "state:KOR"),
        ("U.S.", "state:USA"),
        ("UK", "state:GBR"),
    }
    assert all(s.label_ == "STATE" for s in doc.spans["actors"])


def test_demonym_modifying_a_thing_is_nothing(nlp):
    doc = nlp("French cheese and Italian wine were served at the Japanese restaurant.")
    assert actors_of(doc) == []
    assert doc._.affiliations == []


def test_short_forms_and_arabic_articles(nlp):
    doc = nlp("Iraqi Prime Minister Mohammed Shia al-Sudani met reporters. Sudani said little.")
    assert ids_for(doc, "Sudani") == {"person:mohammed-shia-al-sudani"}
    links = {(a["source_id"], a["target_id"], a["role"]) for a in doc._.affiliations}
    assert ("person:mohammed-shia-al-sudani", "state:IRQ", "prime minister") in links


def test_names_with_an_elided_particle(nlp):
    # VOA 6184244: an apostrophe inside a surname is no reason to drop the name
    doc = nlp(
        "Speaking at the Atlantic Council on Tuesday, National Security Adviser Robert O’Brien "
        "said the president would meet with Kim if there is a prospect of making a deal. "
        "“If there is an opportunity to move the ball forward for the American people, he’s "
        "always willing to do that,” O’Brien said."
    )
    robert = ids_for(doc, "Robert O’Brien")
    assert len(robert) == 1 and ids_for(doc, "O’Brien") == robert
    assert {q["speaker_id"] for q in doc._.quotes} == robert
    # the NER stops at ``Martin``; the surname after it is part of the name
    doc = nlp("Former Gov. Martin O’Malley said he would run. “It is time,” O’Malley said.")
    assert ids_for(doc, "Martin O’Malley") == ids_for(doc, "O’Malley") == {"person:martin-omalley"}
    # one id whichever apostrophe the source typed, so a corpus joins the two spellings
    doc = nlp("Former Gov. Martin O'Malley said he would run.")
    assert ids_for(doc, "Martin O'Malley") == {"person:martin-omalley"}
    doc = nlp("“That is wrong,” said Mr. O'Hanlon, a scholar at the institute.")
    assert [s.text for s in doc.spans["actors"]] == ["O'Hanlon"]
    # VOA 8011115: the short form keeps its article where the tokenizer split it off
    doc = nlp(
        "The raid killed Abdallah Makki Muslih al-Rufay'i. Iraqi officials said that "
        "al-Rufay'i, also known as Abu Khadija, was killed."
    )
    full = ids_for(doc, "Abdallah Makki Muslih al-Rufay'i")
    assert len(full) == 1 and ids_for(doc, "al-Rufay'i") == full


def test_untagged_speaker_beside_a_role_is_a_person(nlp):
    # the NER tags nothing in ``Eswar Prasad`` (and gender-guesser knows no ``Eswar``): the
    # subject of ``said`` with ``a professor`` in apposition names a person
    doc = nlp(
        "Eswar Prasad, a professor of trade policy at Cornell University, said financial "
        "inflows were weak. Prasad added that the slowdown would pass."
    )
    assert ids_for(doc, "Eswar Prasad") == ids_for(doc, "Prasad") == {"person:eswar-prasad"}
    assert {q["speaker_id"] for q in doc._.quotes} == {"person:eswar-prasad"}


def test_international_body_between_state_and_role(nlp):
    doc = nlp("Iranian U.N. Ambassador Amir Saeid Iravani rejected the claim on Monday.")
    links = {(a["source_id"], a["target_id"], a["role"]) for a in doc._.affiliations}
    assert ("person:amir-saeid-iravani", "state:IRN", "ambassador") in links
    assert ("person:amir-saeid-iravani", "org:united-nations", "ambassador") in links
    assert not any(a["source_id"] == "org:united-nations" for a in doc._.affiliations)


def test_ids_are_stable_across_documents(nlp):
    a = nlp("North Korea fired a missile. Kim Jong Un watched the launch.")
    b = nlp("The DPRK said Kim Jong Un would attend.")
    assert ids_for(a, "North Korea") == ids_for(b, "DPRK") == {"state:PRK"}
    assert ids_for(a, "Kim Jong Un") == ids_for(b, "Kim Jong Un")


def test_results_survive_docbin(nlp):
    doc = nlp(SCRAPED)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = next(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert actors_of(back) == actors_of(doc)
    # msgpack gives tuples for lists: compare as JSON
    assert json.dumps(back._.actors) == json.dumps(doc._.actors)
    assert json.dumps(back._.affiliations) == json.dumps(doc._.affiliations)


def test_scraped_fixture_actors(scraped_doc):
    text = scraped_doc.text
    by_id: dict[str, set[str]] = {}
    for span in scraped_doc.spans["actors"]:
        by_id.setdefault(span.kb_id_, set()).add(span.text)
    labels = {s.kb_id_: s.label_ for s in scraped_doc.spans["actors"]}
    assert by_id["person:ri-chol-man"] == {"Ri Chol Man", "Ri"}
    assert by_id["person:pavel-orlov"] == {"Pavel Orlov"}
    assert by_id["person:irina-sokolova"] == {"Irina Sokolova", "Sokolova"}
    assert by_id["state:PRK"] == {"NKorea", "North Korea", "DPRK", "the North", "Pyongyang"}
    assert by_id["state:RUS"] == {"Russia", "Moscow"}
    assert by_id["state:KOR"] == {"South Korea"}
    assert by_id["org:kcna"] == {"KCNA", "Korean Central News Agency"}
    assert labels["org:russian-foreign-ministry"] == "ORG"
    assert labels["state:PRK"] == "STATE"
    # the government that denies is the state; the city in the photo caption is a place
    pyongyang = [s.start_char for s in scraped_doc.spans["actors"] if s.text == "Pyongyang"]
    assert pyongyang == [text.index("Pyongyang has denied")]
    # the tag line and the portal footer name no actor (the tag line is not one long PERSON)
    tag_line = text.index("North Korea Ri Chol Man Pavel Orlov")
    assert max(s.end_char for s in scraped_doc.spans["actors"]) < tag_line
    speakers = {(s.text, s.kb_id_) for s in scraped_doc.spans["coref"]}
    assert ("He", "person:ri-chol-man") in speakers  # `He gave no figures`


@pytest.mark.parametrize(
    "text",
    [
        "Hana Seo",  # the byline's reporter is no actor of the story
        "Lotus Bay News Wire",  # nor is the byline's wire service
        "AP",  # nor the agency credited for the photo
        "Japan",  # nor a state named only in a related-article link
        "Australia",
    ],
)
def test_scraped_article_page_furniture_names_no_actor(scraped_doc, text):
    spans = [*scraped_doc.spans["actors"], *scraped_doc.spans["coref"]]
    assert text in scraped_doc.text
    assert [s for s in spans if text in s.text] == []


# what a careful reader sees and the pipeline does not yet (tests/data/scraped_article.md)
@pytest.mark.xfail(strict=True, reason="known gap: `thanking him`")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("him", {"person:pavel-orlov"}),  # `a letter to ... Pavel Orlov thanking him`
    ],
)
def test_scraped_article_known_gaps(scraped_doc, text, expected):
    spans = [*scraped_doc.spans["actors"], *scraped_doc.spans["coref"]]
    assert {s.kb_id_ for s in spans if s.text == text} == expected


def test_capital_as_object_of_a_government_verb_and_secretary_of_state(nlp):
    doc = nlp(
        "U.S. Secretary of State Marco Rubio warned Pyongyang on Monday. "
        "Later he visited Pyongyang."
    )
    states = [(s.text, s.start_char) for s in doc.spans["actors"] if s.label_ == "STATE"]
    assert ("Pyongyang", doc.text.index("Pyongyang")) in states
    assert ("Pyongyang", doc.text.rindex("Pyongyang")) not in states
    assert not any(s.label_ == "ORG" for s in doc.spans["actors"])
    links = {(a["source_id"], a["target_id"], a["role"]) for a in doc._.affiliations}
    assert ("person:marco-rubio", "state:USA", "secretary of state") in links


def test_speaking_it_is_the_latest_state_or_organisation(nlp):
    doc = nlp(
        "The Chinese Foreign Ministry rejected the report on Monday. "
        "It said the claims were groundless. It was raining in Beijing."
    )
    coref = [(s.text, s.start_char, s.kb_id_) for s in doc.spans["coref"]]
    assert coref == [("It", doc.text.index("It said"), "org:chinese-foreign-ministry")]


def test_possessive_state_names_whose_ministry_it_is(nlp):
    doc = nlp(
        "China's Foreign Ministry said yes. Russia's Foreign Ministry said no. "
        "Iran's U.N. mission did not respond."
    )
    ids = [s.kb_id_ for s in doc.spans["actors"] if s.label_ == "ORG"]
    assert ids[:2] == ["org:chinese-foreign-ministry", "org:russian-foreign-ministry"]
    assert doc._.actors["org:russian-foreign-ministry"]["country"] == "RUS"
    # an international body is nobody's: no UN -> Iran affiliation
    assert not any(a["source_id"] == "org:united-nations" for a in doc._.affiliations)


def test_state_name_inside_a_party_name_is_not_a_state(nlp):
    doc = nlp(
        "The pro-Kremlin parties were United Russia and the Communists, "
        "while Russia itself stayed quiet."
    )
    found = {(s.text, s.label_) for s in doc.spans["actors"]}
    assert ("United Russia", "ORG") in found
    assert [s.start_char for s in doc.spans["actors"] if s.label_ == "STATE"] == [
        doc.text.index("Russia itself")
    ]


def test_a_speaking_name_the_ner_misread_is_a_person(nlp):
    text = (
        "Russia's envoy again dismissed the accusations at Friday's meeting. "
        '"This is completely false," Vassily Nebenzia told the council.'
    )
    doc = nlp(text)
    assert ("Vassily Nebenzia", "PERSON", "person:vassily-nebenzia") in actors_of(doc)


def test_polities_outside_iso_3166_1(nlp):
    doc = nlp(
        "The dukes of the Principality of Guria and the Crown Colony of Sarawak met envoys "
        "of the Kingdom of Spain and the Ottoman Empire, while Scotland voted."
    )
    found = {(s.text, s.kb_id_) for s in doc.spans["actors"] if s.label_ == "STATE"}
    assert found == {
        ("Principality of Guria", "state:principality-of-guria"),
        ("Crown Colony of Sarawak", "state:crown-colony-of-sarawak"),
        ("Kingdom of Spain", "state:ESP"),
        ("Ottoman Empire", "state:ottoman-empire"),
        ("Scotland", "state:GB-SCT"),
    }
    assert doc._.actors["state:GB-SCT"]["country"] == "GBR"
    assert doc._.actors["state:ottoman-empire"]["country"] == ""


def test_sites_and_people_groups_are_not_actors(nlp):
    doc = nlp(
        "The military base on Diego Garcia will stay, and Britain will lease back Diego Garcia "
        "from Mauritius. The radar base at Kurecik tracks missiles. China detained a million "
        "Uyghurs, the report said. The constitution names faiths like Christianity, Islam and "
        "Judaism. Most residents are ethnic Hazara Shi'ite Muslims. A video shows parts of the "
        "Qahira Hotel reduced to rubble."
    )
    found = {text for text, _, _ in actors_of(doc)}
    assert found == {"Britain", "Mauritius", "China"}


def test_known_organisation_is_no_short_form_of_a_person(nlp):
    # the NER reads a phrase ending in a known organisation's name as a person's name
    doc = nlp(
        "Some accounts gave their location as Wilayat Twitter. Twitter said on Friday "
        "that it had suspended them."
    )
    assert ("Twitter", "ORG", "org:twitter") in {
        (s.text, s.label_, s.kb_id_) for s in doc.spans["actors"]
    }


def test_two_part_demonyms_and_short_forms(nlp):
    g = nlp.get_pipe("actor_tagger").gazetteer
    assert g.demonyms["Bosnian"] == g.demonyms["Herzegovinian"] == "BIH"
    assert g.demonyms["Kittian"] == "KNA"
    doc = nlp("Bosnian Serb leader Milorad Dodik defied Bosnia's constitution.")
    assert ("Bosnia", "STATE", "state:BIH") in actors_of(doc)
    assert {(a["source_id"], a["target_id"]) for a in doc._.affiliations} == {
        ("person:milorad-dodik", "state:BIH")
    }


def test_state_names_inside_place_names_and_capitals_owning_places(nlp):
    doc = nlp(
        "China has claimed the South China Sea for years. Blasts hit Kabul's western "
        "Dasht-e-Barchi neighborhood. Exporters fear retaliation from Beijing, and Delhi's "
        "maritime stakes are growing."
    )
    states = [(s.text, s.kb_id_) for s in doc.spans["actors"] if s.label_ == "STATE"]
    assert states == [("China", "state:CHN"), ("Beijing", "state:CHN"), ("Delhi", "state:IND")]


# VOA stories outside the gold: a people, a camp, a vessel, a product or a weapon is no actor
@pytest.mark.parametrize(
    ("text", "not_actor", "kept"),
    [
        (
            "Australia, Canada and the United States all offered to resettle the Uyghurs.",
            "Uyghurs",
            "Canada",
        ),
        (
            "Kenya had given the U.N. Refugee Agency 14 days to present a plan to close Dadaab "
            "and Kakuma camps.",
            "Dadaab",
            "U.N. Refugee Agency",
        ),
        (
            "The other Iranian cargo ship named in the news reports, the Golbon , completed a "
            "19-day journey from eastern China to the Iranian port of Bandar Abbas.",
            "Golbon",
            "China",
        ),
        (
            "The past few weeks have seen China rolling out several new AI models, including "
            "Manus, which experts say can rival the latest model of ChatGPT.",
            "Manus",
            "China",
        ),
        (
            "Turkey tested the newly acquired Russian S-400 missile system, Turkey said.",
            "S-400",
            "Turkey",
        ),
        (
            "Kurecik is a U.S. radar base located close to Iran's border, Turkey said.",
            "Kurecik",
            "Turkey",
        ),
        (
            "Hamas fighters trained at a Hezbollah camp, Hamas said.",  # an ORG keeps its camp
            "",
            "Hezbollah",
        ),
    ],
)
def test_peoples_places_and_things_are_not_actors(nlp, text, not_actor, kept):
    assert_not_actor(nlp(text), not_actor, kept)


def assert_not_actor(doc, not_actor: str, kept: str) -> None:
    """``kept`` is tagged, and no actor holds ``not_actor`` (empty: nothing to rule out)."""
    found = {s.text for s in doc.spans["actors"]}
    assert kept in found
    assert not any(not_actor and not_actor in name for name in found)


def test_described_org_the_ner_missed(nlp):
    doc = nlp(
        "Independent Cambodian media association CamboJA said Mech Dara was released after "
        "apologizing to Senate head Hun Sen and Prime Minister Hun Manet."
    )
    assert ("CamboJA", "ORG") in {(s.text, s.label_) for s in doc.spans["actors"]}


def test_multi_word_city_is_no_person(nlp):
    doc = nlp(
        "Ralf Matthaes, founder of the Infocus Mekong Research consultancy in Ho Chi Minh "
        "City, said so."
    )
    found = {s.text for s in doc.spans["actors"]}
    assert "Ralf Matthaes" in found
    assert not any("Minh" in name for name in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Donald Trump Calls for Ceasefire in Gaza\n\nThe president spoke on Monday.",
            "Donald Trump",
        ),
        ("Emmanuel Macron Urges Calm After Protests\n\nHe spoke on Monday.", "Emmanuel Macron"),
    ],
)
def test_headline_verb_is_no_part_of_a_name(nlp, text, name):
    doc = nlp(text)
    assert (name, "PERSON") in {(s.text, s.label_) for s in doc.spans["actors"]}


@pytest.mark.parametrize(
    ("head", "name", "run_on"),
    [
        ("Donald Trump Got More Votes In Texas Than Ted Cruz.", "Donald Trump", "Votes"),
        ("Marco Rubio Rampages Through Florida.", "Marco Rubio", "Rampages"),
        ("Jeb Bush Drops Out Of Presidential Race.", "Jeb Bush", "Drops"),
    ],
)
def test_headline_name_ends_where_the_story_names_the_person(nlp, head, name, run_on):
    """The NER runs a name into a title-case headline's words; the story names the person
    in the body, and the name ends there, with no headline word linked to the person."""
    doc = nlp(head + "\n\nOn Tuesday, Donald Trump, Marco Rubio and Jeb Bush spoke.")
    found = {(s.text, s.label_) for s in doc.spans["actors"]}
    assert (name, "PERSON") in found
    assert not any(run_on in s.text for s in [*doc.spans["actors"], *doc.spans["coref"]])


@pytest.mark.parametrize(
    ("text", "outlet", "actor_id"),
    [
        ("The senator told Politico on Tuesday that he would vote no.", "Politico", "org:politico"),
        (
            "Sessions spoke to Breitbart about the border wall on Friday.",
            "Breitbart",
            "org:breitbart-news",
        ),
        ("The mayor told HuffPost that the city would appeal.", "HuffPost", "org:huffpost"),
    ],
)
def test_news_outlet_is_an_organisation(nlp, text, outlet, actor_id):
    # the NER reads a one-word outlet as a person; its founder's name stays a person's
    doc = nlp(text)
    assert (outlet, "ORG", actor_id) in {(s.text, s.label_, s.kb_id_) for s in doc.spans["actors"]}
    doc = nlp("Andrew Breitbart founded a news site in 2007.")
    assert ("Andrew Breitbart", "PERSON") in {(s.text, s.label_) for s in doc.spans["actors"]}


# dev stories: a law, a treaty, a programme or an index is named like an organisation
@pytest.mark.parametrize(
    ("text", "not_actor", "kept"),
    [
        (
            "China's legislature voted April 29 to amend the Maritime Traffic Safety Law, "
            "state-run Xinhua News Agency reported.",
            "Maritime Traffic Safety Law",
            "Xinhua News Agency",
        ),
        (
            "Ankara's purchase of the S-400 system violated U.S. Congress's Countering "
            "America's Adversaries Through Sanctions Act (CAATSA).",
            "Countering America",
            "U.S. Congress",
        ),
        (
            "Pakistan ranks second on the Global Terrorism Index, according to the Institute "
            "for Economics and Peace.",
            "Global Terrorism Index",
            "Pakistan",
        ),
        (
            "The Dayton Accords ended the war in Bosnia, the European Union said.",
            "Dayton Accords",
            "European Union",
        ),
        (  # a person's name ending in a document head (GUM)
            "Demosisto's Nathan Law earned a surprise victory as the youngest lawmaker.",
            "",
            "Nathan Law",
        ),
        (  # the same shape, an organisation: Accord is no document head
            "Fighters loyal to the Government of National Accord entered Sirte on Monday.",
            "",
            "Government of National Accord",
        ),
    ],
)
def test_documents_named_like_organisations_are_not_actors(nlp, text, not_actor, kept):
    assert_not_actor(nlp(text), not_actor, kept)


# dev stories: a place whose name holds a state name or a word a state is also called
@pytest.mark.parametrize(
    ("text", "place", "kept"),
    [
        (
            "India's construction of logistics infrastructure on Agalega Island underlines "
            "Mauritius's enduring geopolitical significance.",
            "Agalega",
            ("Mauritius", "STATE"),
        ),
        (
            "There are 95 bushfires here in the drought-hit state of New South Wales, "
            "Australia said.",
            "Wales",
            ("Australia", "STATE"),
        ),
        (
            "China challenges the rule-based maritime order in the South and East China "
            "seas, Japan said.",
            "East China",
            ("Japan", "STATE"),
        ),
        (  # the same shape, still an organisation and a state
            "Carl Thayer is an emeritus professor at the University of New South Wales. "
            "South Korea and Iceland signed the deal.",
            "",
            ("South Korea", "STATE"),
        ),
    ],
)
def test_places_holding_state_words_are_not_actors(nlp, text, place, kept):
    doc = nlp(text)
    found = {(s.text, s.label_) for s in doc.spans["actors"]}
    assert kept in found
    assert not any(place and place in name for name, _ in found)
    if not place:
        assert ("Iceland", "STATE") in found
        assert any(name.startswith("University of New South Wales") for name, _ in found)


# dev stories: X is the platform where the text posts on it, and a letter elsewhere
def test_platform_named_by_a_letter(nlp):
    doc = nlp(
        "Iraq's prime minister, posting on X, called the death a significant security "
        "achievement. In a Tuesday afternoon post on X, Alinejad said she was overwhelmed. "
        "Inmates were held in Cell Block X, officials said."
    )
    platforms = [s for s in doc.spans["actors"] if s.text == "X"]
    assert [(s.label_, s.kb_id_) for s in platforms] == [("ORG", "org:x")] * 2
    assert all(s.start_char < doc.text.index("Inmates") for s in platforms)


# unseen VOA story: a people before a state name is no party's name (Birdlife Spain is)
def test_people_before_a_state_name_is_no_organisation(nlp):
    doc = nlp(
        "Those countries should keep their offers open for the eight Uyghurs Thailand still "
        "holds, said Ramon Marti, network director for Birdlife Spain."
    )
    found = {(s.text, s.label_) for s in doc.spans["actors"]}
    assert ("Thailand", "STATE") in found
    assert not any("Uyghurs" in name for name, _ in found)
    assert ("Birdlife Spain", "ORG") in found


# dev stories: a department word before a role is part of a title (roles.json's two-word roles)
def test_department_word_before_a_role_is_a_title(nlp):
    doc = nlp(
        "The girls were taken to Gusau, the capital of Zamfara State. State Governor Bello "
        "Matawalle welcomed them. The Commerce chief also rebuffed fears of a recession, "
        "Amazon founder Jeff Bezos said."
    )
    found = {(s.text, s.label_) for s in doc.spans["actors"]}
    assert not {"State", "Commerce"} & {name for name, _ in found}
    assert ("Bello Matawalle", "PERSON") in found
    assert ("Amazon", "ORG") in found  # an organisation before a role stays one


def test_us_state_or_region_named_new_x_is_no_party_and_no_state(nlp):
    doc = nlp(
        "Gov. Susana Martinez of New Mexico vetoed the bill, and voters across New England watched."
    )
    assert_not_actor(doc, "Mexico", "Susana Martinez")
    assert_not_actor(doc, "England", "Susana Martinez")


def test_possessive_before_a_lone_head_noun_keeps_the_name_whole(nlp):
    doc = nlp("Candidates debated at St. Anselm's College in Goffstown on Saturday night.")
    assert ("St. Anselm's College", "ORG") in {(s.text, s.label_) for s in doc.spans["actors"]}
    assert "College" not in {s.text for s in doc.spans["actors"]}


def test_state_senate_is_not_the_us_senate(nlp):
    doc = nlp("The measure passed the state Senate 21-10 on Thursday.")
    assert "org:us-senate" not in {s.kb_id_ for s in doc.spans["actors"]}
    assert ids_for(doc, "state Senate") == {"org:state-senate"}


def test_a_name_after_an_indefinite_article_is_a_common_noun(nlp):
    doc = nlp("A super PAC backing Jeb Bush raised $100 million in the first half of the year.")
    assert_not_actor(doc, "PAC", "Jeb Bush")
    # a name with an organisation head, or modifying the noun after it, is still a name
    doc = nlp(
        "Four of the premiers are from a Liberal Party, and Barnett became an NDP Member of "
        "Parliament, before pulling out of an NBC/Telemundo debate."
    )
    orgs = {s.text for s in doc.spans["actors"] if s.label_ == "ORG"}
    assert {"Liberal Party", "NDP", "NBC"} <= orgs


def test_a_party_and_its_committee_by_abbreviation_and_full_name(nlp):
    doc = nlp(
        "The GOP has controlled the chamber since 2011, and the Republican Party plans to "
        "keep it. The Republican National Convention opens in Cleveland on Monday. RNC "
        "Chairman Reince Priebus said the party was united."
    )
    assert ids_for(doc, "GOP") == ids_for(doc, "Republican Party") == {"org:republican-party"}
    assert ids_for(doc, "RNC") == {"org:republican-national-committee"}


def test_a_city_named_after_its_state_owning_a_venue_is_no_state(nlp):
    doc = nlp("The play opened at Mexico City's Aldama Theater last week.")
    assert not [s for s in doc.spans["actors"] if s.label_ == "STATE"]
    doc = nlp("Beijing's Foreign Ministry said the talks would go on.")
    assert ids_for(doc, "Beijing") == {"state:CHN"}  # a body of its government: it acts


def test_titled_surname_is_the_person_of_that_gender(nlp):
    # two people of the story share the surname: the title says which one
    doc = nlp(
        "Former President Bill Clinton campaigned for Hillary Clinton in Ohio on Monday. "
        "Mrs. Clinton thanked the crowd. Mr. Clinton spoke about jobs."
    )
    said = {s.start_char: s.kb_id_ for s in doc.spans["actors"] if s.text == "Clinton"}
    assert said[doc.text.index("Mrs. Clinton") + 5] == "person:hillary-clinton"
    assert said[doc.text.index("Mr. Clinton") + 4] == "person:bill-clinton"
    # titled with one gender only: every mention of the surname is that person
    doc = nlp(
        "Benjamin Netanyahu arrived with his wife, Sara Netanyahu. Mr. Netanyahu met the "
        "president on Monday. Netanyahu left on Tuesday."
    )
    assert ids_for(doc, "Netanyahu") == {"person:benjamin-netanyahu"}
    # ``Zafrul and Fatima Rahman``: Zafrul's surname is Rahman too, and ``Zafrul`` has no
    # gender the offline list is sure of, so ``Mr. Rahman`` is not their son Tariq
    doc = nlp(
        "Zafrul and Fatima Rahman lost their son, Captain Tariq Rahman, in 2004. Mr. Rahman "
        "spoke at the convention."
    )
    assert "person:tariq-rahman" not in ids_for(doc, "Rahman")


def test_a_name_ending_in_pac_is_an_organisation(nlp):
    # the NER reads ``Hillary PAC`` as a person; ``PAC`` is an organisation's last word,
    # like ``Party`` or ``LLP``, and ``a super PAC`` is still no name
    doc = nlp(
        "Robert Mercer is launching a super PAC to defeat Hillary Clinton. The Defeat "
        "Crooked Hillary PAC will run ads."
    )
    assert ids_for(doc, "Hillary PAC") == {"org:hillary-pac"}
    assert ids_for(doc, "Hillary Clinton") == {"person:hillary-clinton"}
    doc = nlp("A conservative super PAC aimed at taking down Donald Trump spent heavily.")
    assert ids_for(doc, "PAC") == set()
