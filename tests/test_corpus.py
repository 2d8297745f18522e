"""Corpus reading: every supported input, and bad input as flagged records, not exceptions."""

from __future__ import annotations

import io
import json
import sys

import pytest

from nlp_pipeline.corpus import REPLACED, CorpusError, count_records, read_corpus

TEXT = "Iran said on Friday it would resume talks.\r\nThe IAEA welcomed the move.\n"


def test_txt_file_matches_read_text(tmp_path):
    path = tmp_path / "iran.txt"
    path.write_bytes(TEXT.encode())
    [rec] = list(read_corpus(path))
    assert (rec.doc_id, rec.status, rec.error) == ("iran", "ok", "")
    # offsets must index the text exactly as Path.read_text returns it (universal newlines)
    assert rec.text == path.read_text(encoding="utf-8")
    assert "\r" not in rec.text


def test_directory_is_recursive_with_relative_ids(tmp_path):
    (tmp_path / "2025" / "march").mkdir(parents=True)
    (tmp_path / "2025" / "march" / "a.txt").write_text("Japan protested to China.")
    (tmp_path / "b.txt").write_text("Germany and France signed a treaty.")
    (tmp_path / "notes.md").write_text("not part of the corpus")
    recs = list(read_corpus(tmp_path))
    assert [r.doc_id for r in recs] == ["2025/march/a", "b"]
    assert [r.seq for r in recs] == [0, 1]
    assert count_records(tmp_path) == 2


def test_jsonl_fields_and_date_fallback(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [
        {"id": 7, "text": "Kenya sent police to Haiti.", "title": "Haiti", "date": "2025-01-02"},
        {"id": "x", "text": "Chile elected a president.", "published": "2025-01-03", "url": "u"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n")
    a, b = read_corpus(path)
    assert (a.doc_id, a.title, a.date, a.status) == ("7", "Haiti", "2025-01-02", "ok")
    assert (b.doc_id, b.date, b.url) == ("x", "2025-01-03", "u")
    assert count_records(path) == 2


def test_csv_with_and_without_text_column(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text('id,text,title\n1,"Egypt, Qatar and the U.S. mediated.",Gaza\n2,,empty\n')
    a, b = read_corpus(good)
    assert (a.doc_id, a.text, a.title, a.status) == (
        "1",
        "Egypt, Qatar and the U.S. mediated.",
        "Gaza",
        "ok",
    )
    assert (b.status, b.error) == ("skipped", "empty text")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,Peru and Bolivia\n")
    [rec] = read_corpus(bad)
    assert rec.status == "error" and "no 'text' column" in rec.error and "body" in rec.error


def test_stdin_is_jsonl(monkeypatch):
    data = json.dumps({"id": "s1", "text": "Canada expelled a diplomat."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    [rec] = read_corpus("-")
    assert (rec.doc_id, rec.text) == ("s1", "Canada expelled a diplomat.")


def test_bad_files_become_flagged_records(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Peña Nieto met the Mexican cabinet.".encode("latin-1"))
    recs = {r.doc_id: r for r in read_corpus(tmp_path)}
    assert (recs["empty"].status, recs["empty"].error) == ("skipped", "empty text")
    assert recs["binary"].status == "error" and "binary" in recs["binary"].error
    latin = recs["latin1"]
    assert (latin.status, latin.error) == ("ok", REPLACED)
    assert latin.text == "Pe\ufffda Nieto met the Mexican cabinet."


def test_bad_jsonl_lines_and_duplicates(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Cuba freed prisoners."}\n'
        b"{not json\n"
        b'["a", "list"]\n'
        b'{"id": "b", "title": "no text"}\n'
        b'{"id": "c", "text": 42}\n'
        b'{"id": "a", "text": "Cuba freed more prisoners."}\n'
        b'{"id": "d", "text": "Caf\xe9 owners in Paris protested."}\n'
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
    ]
    assert "not valid JSON" in recs[1].error and "not a JSON object" in recs[2].error
    assert "no 'text'" in recs[3].error and "not a string" in recs[4].error
    assert recs[5].error.startswith("duplicate id") and recs[5].text == ""
    assert recs[6].error == REPLACED and "\ufffd" in recs[6].text
    assert all("\n" not in r.error for r in recs)


def test_missing_path_raises_one_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="corpus not found"):
        list(read_corpus(tmp_path / "nope.jsonl"))
