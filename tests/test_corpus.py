"""Corpus reading: every supported input, and bad input as flagged records, not exceptions."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from nlp_pipeline.run.corpus import UNDECODABLE, CorpusError, count_records, read_corpus, read_stdin
from nlp_pipeline.run.inputs import decode, iso_date

TEXT = "Iran said on Friday it would resume talks.\r\nThe IAEA welcomed the move.\n"
PAGE = Path(__file__).resolve().parent / "data" / "news_page.html"
# deterministic bytes that are no text in any encoding (no NUL, so not "binary")
_RNG = random.Random(7)
NOISE = bytes(_RNG.randrange(1, 256) for _ in range(4000))


def stdin(data: bytes) -> io.BufferedReader:
    return io.BufferedReader(io.BytesIO(data))


def test_txt_file_matches_read_text(tmp_path):
    path = tmp_path / "iran.txt"
    path.write_bytes(TEXT.encode())
    [rec] = list(read_corpus(path))
    assert (rec.doc_id, rec.status, rec.error, rec.origin) == ("iran", "ok", "", "")
    # offsets must index the text exactly as Path.read_text returns it (universal newlines)
    assert rec.text == path.read_text(encoding="utf-8")
    assert "\r" not in rec.text


def test_directory_is_recursive_with_relative_ids(tmp_path):
    (tmp_path / "2025" / "march").mkdir(parents=True)
    (tmp_path / "2025" / "march" / "a.txt").write_text("Japan protested to China.")
    (tmp_path / "b.txt").write_text("Germany and France signed a treaty.")
    (tmp_path / "c.HTML").write_bytes(PAGE.read_bytes())
    (tmp_path / "notes.md").write_text("not part of the corpus")
    recs = list(read_corpus(tmp_path))
    assert [r.doc_id for r in recs] == ["2025/march/a", "b", "c"]
    assert [r.seq for r in recs] == [0, 1, 2]
    assert recs[2].origin == "html" and recs[2].text.startswith("Japan and South Korea")
    assert count_records(tmp_path) == 3


def test_jsonl_fields_and_dates_become_iso(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [
        {"id": 7, "text": "Kenya sent police to Haiti.", "title": "Haiti", "date": "2025-01-02"},
        {"id": "x", "text": "Chile elected a president.", "published": "2025-03-14 20:30:26Z"},
        {"id": "y", "text": "Peru and Bolivia met.", "date": "Aug 11, 2022", "url": "u"},
        {"id": "z", "text": "Cuba freed prisoners.", "date": "yesterday"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n")
    a, b, c, d = read_corpus(path)
    assert (a.doc_id, a.title, a.date, a.status) == ("7", "Haiti", "2025-01-02", "ok")
    assert (b.doc_id, b.date) == ("x", "2025-03-14T20:30:26+00:00")
    assert (c.date, c.url) == ("2022-08-11", "u")
    # a relative or unreadable date is no date: a warning, never today's date
    assert (d.status, d.date) == ("ok", "") and "'yesterday' not understood" in d.error
    assert count_records(path) == 4


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2021 Jul 01", "2021-07-01"),
        ("2021 Jul 01, 10:04", "2021-07-01T10:04"),
        ("Thursday Aug 11, 2022", "2022-08-11"),
        ("Tue, 05 Mar 2024 09:30:00 GMT", "2024-03-05T09:30+00:00"),
        ("2024-03-05T09:30:15+01:00", "2024-03-05T09:30:15+01:00"),
        ("March 5, 2024 9:30 a.m.", "2024-03-05T09:30"),
        ("2021-07", "2021-07"),
        ("2021", "2021"),
        ("2021-02-30", ""),
        ("3 days ago", ""),
        ("no date at all", ""),
    ],
)
def test_iso_date(raw, iso):
    assert iso_date(raw) == iso


def test_csv_with_and_without_text_column(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(
        'id,text,title,date\n1,"Egypt, Qatar and the U.S. mediated.",Gaza,03/05/2024\n2,,empty,\n'
    )
    a, b = read_corpus(good)
    assert (a.doc_id, a.text, a.title, a.status, a.date) == (
        "1",
        "Egypt, Qatar and the U.S. mediated.",
        "Gaza",
        "ok",
        "2024-03-05",
    )
    assert (b.status, b.error) == ("skipped", "empty text")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,Peru and Bolivia\n")
    [rec] = read_corpus(bad)
    assert rec.status == "error" and "no 'text' column" in rec.error and "body" in rec.error


def test_csv_in_a_legacy_encoding_and_an_html_column(tmp_path):
    path = tmp_path / "cp1252.csv"
    rows = "id,text\n1,“Peña Nieto” met François Hollande in Paris.\n"
    path.write_bytes(rows.encode("cp1252"))
    [rec] = read_corpus(path)
    assert (rec.text, rec.origin, rec.error) == (
        "“Peña Nieto” met François Hollande in Paris.",
        "cp1252",
        "",
    )
    html = tmp_path / "pages.csv"
    page = PAGE.read_text(encoding="utf-8").replace('"', '""')
    html.write_text(f'id,html\np1,"{page}"\n', encoding="utf-8")
    [rec] = read_corpus(html)
    assert (rec.doc_id, rec.origin, rec.date) == ("p1", "html", "2024-03-05T09:30+00:00")


def test_stdin_jsonl(monkeypatch):
    data = json.dumps({"id": "s1", "text": "Canada expelled a diplomat."}) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    [rec] = read_corpus("-")
    assert (rec.doc_id, rec.text) == ("s1", "Canada expelled a diplomat.")


def test_stdin_plain_text_is_one_document():
    article = "\n\nCanada expelled a diplomat.\nOttawa said India was behind the plot.\n"
    [rec] = read_stdin(stdin(article.encode()))
    assert (rec.doc_id, rec.status, rec.text, rec.origin) == ("stdin", "ok", article, "")
    # forced: JSON-looking text is still one document; a page is reduced to its text
    [rec] = read_stdin(stdin(b'{"id": 1, "text": "x"}\n'), "text")
    assert rec.text == '{"id": 1, "text": "x"}\n'
    [rec] = read_stdin(stdin(PAGE.read_bytes()))
    assert rec.origin == "html" and "Kihara told reporters" in rec.text
    [rec] = read_stdin(stdin("Peña Nieto spoke.".encode("latin-1")))
    assert (rec.text, rec.origin) == ("Peña Nieto spoke.", "cp1252")
    with pytest.raises(CorpusError, match="stdin format"):
        list(read_stdin(stdin(b"x"), "xml"))


@pytest.mark.parametrize(
    ("text", "encoding", "detected"),
    [
        ("François Hollande said France would act.", "latin-1", "cp1252"),
        ("Peña Nieto said Mexico would act.", "latin-1", "cp1252"),
        ("Müller sagte, Österreich und die Schweiz würden handeln.", "cp1252", "cp1252"),
        ("Curly “quotes” – and dashes — from Windows.", "cp1252", "cp1252"),
        ("Wałęsa powiedział, że Polska i Czechy podpisały umowę.", "cp1250", "cp1250"),
        ("Ангела Меркель встретилась с Владимиром Путиным в Москве.", "cp1251", "cp1251"),
        ("Ελλάδα και Κύπρος υπέγραψαν συμφωνία στην Αθήνα.", "cp1253", "cp1253"),
        ("北朝鮮の金正恩総書記は月曜日、ミサイル発射を視察した。", "shift_jis", "cp932"),
        ("Kim Jong Un in Pyongyang, 평양.", "utf-16", "utf-16"),
        ("Kim Jong Un in Pyongyang, 평양.", "utf-8-sig", "utf-8"),
    ],
)
def test_encodings_are_detected(text, encoding, detected):
    got = decode(text.encode(encoding))
    assert got is not None and (got.text, got.encoding, got.warning) == (text, detected, "")


def test_bad_files_become_flagged_records(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Peña Nieto met the Mexican cabinet.".encode("latin-1"))
    (tmp_path / "noise.txt").write_bytes(NOISE)
    broken = "Café owners in Paris protested, said the café’s owner.".encode() + b"\xff"
    (tmp_path / "broken.txt").write_bytes(broken)
    (tmp_path / "nav.html").write_text(
        "<html><head><title>Site</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/w'>World</a></li></ul></nav><footer>(c) 2024 Site</footer></body></html>"
    )
    recs = {r.doc_id: r for r in read_corpus(tmp_path)}
    assert (recs["empty"].status, recs["empty"].error) == ("skipped", "empty text")
    assert recs["binary"].status == "error" and "binary" in recs["binary"].error
    latin = recs["latin1"]
    assert (latin.status, latin.error, latin.origin) == ("ok", "", "cp1252")
    assert latin.text == "Peña Nieto met the Mexican cabinet."
    assert (recs["noise"].status, recs["noise"].error) == ("error", UNDECODABLE)
    # nearly all UTF-8: the one bad byte is replaced, and the row says so
    assert recs["broken"].status == "ok" and recs["broken"].text.endswith("owner.\ufffd")
    assert "1 byte(s) not valid UTF-8" in recs["broken"].error
    assert (recs["nav"].status, recs["nav"].error) == ("skipped", "no article text in HTML")


def test_html_page_gives_main_text_title_date_and_url(tmp_path):
    [rec] = read_corpus(PAGE)
    assert (rec.doc_id, rec.status, rec.origin) == ("news_page", "ok", "html")
    assert rec.title == "Japan and South Korea agree to resume defense talks"
    assert rec.date == "2024-03-05T09:30+00:00"
    assert rec.url == "https://herald.example/world/japan-korea-talks"
    assert "Kihara told reporters after the meeting" in rec.text
    for junk in ("Subscribe", "Home", "Privacy", "All rights reserved", "Breaking"):
        assert junk not in rec.text
    assert count_records(PAGE) == 1


def test_jsonl_html_field_and_source_fields_win(tmp_path):
    path = tmp_path / "pages.jsonl"
    page = PAGE.read_text(encoding="utf-8")
    lines = [
        {"id": "p1", "html": page},
        {"id": "p2", "html": page, "title": "Own title", "date": "2024-03-06", "url": "src"},
        {"id": "p3", "text": "Japan and Korea met.", "html": page},  # text wins
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    p1, p2, p3 = read_corpus(path)
    assert (p1.origin, p1.date, p1.title[:5]) == ("html", "2024-03-05T09:30+00:00", "Japan")
    assert (p2.title, p2.date, p2.url, p2.origin) == ("Own title", "2024-03-06", "src", "html")
    assert (p3.text, p3.origin) == ("Japan and Korea met.", "")


def test_bad_jsonl_lines_and_duplicates(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Cuba freed prisoners."}\n'
        b"{not json\n"
        b'["a", "list"]\n'
        b'{"id": "b", "title": "no text"}\n'
        b'{"id": "c", "text": 42}\n'
        b'{"id": "a", "text": "Cuba freed more prisoners."}\n'
        b'{"id": "d", "text": "Caf\xe9 owners in Paris protested against Fran\xe7ois."}\n'
        + NOISE.replace(b"\n", b" ")
        + b"\n"
    )
    recs = list(read_corpus(path))
    got = [(r.doc_id, r.status) for r in recs]
    assert got == [
        ("a", "ok"),
        ("bad.jsonl:2", "error"),
        ("bad.jsonl:3", "error"),
        ("b", "error"),
        ("c", "error"),
        ("a", "skipped"),
        ("d", "ok"),
        ("bad.jsonl:8", "error"),
    ]
    assert "not valid JSON" in recs[1].error and "not a JSON object" in recs[2].error
    assert "no 'text'" in recs[3].error and "not a string" in recs[4].error
    assert recs[5].error.startswith("duplicate id") and recs[5].text == ""
    # a Latin-1 line is decoded, not mangled
    assert (recs[6].text, recs[6].origin, recs[6].error) == (
        "Café owners in Paris protested against François.",
        "cp1252",
        "",
    )
    assert UNDECODABLE in recs[7].error
    assert all("\n" not in r.error for r in recs)


def test_missing_path_raises_one_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="corpus not found"):
        list(read_corpus(tmp_path / "nope.jsonl"))


def test_folder_without_documents_names_the_table_to_give_instead(tmp_path):
    (tmp_path / "stories.jsonl").write_text('{"id": "a", "text": "Kim met Moon."}\n')
    with pytest.raises(CorpusError, match=r"no \.txt or \.html files .*stories\.jsonl"):
        list(read_corpus(tmp_path))
