"""The Thai analyzer: segmentation, inner words, normalisation, digits, eras, romanisation."""

import pytest

from culturalmap.search import analysis
from culturalmap.search.analysis import (
    english_analyzer,
    other_era,
    roman_analyzer,
    romanize,
    thai_analyzer,
    words,
)


def index_terms(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text, mode="index")]


def query_terms(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text, mode="query")]


def test_a_thai_name_is_cut_into_words_and_its_inner_words_at_index_time():
    terms = index_terms(thai_analyzer(), "วัดพระธาตุลำปางหลวง")
    assert {"วัด", "พระธาตุ", "ลำปาง", "หลวง"} <= set(terms)


def test_the_inner_words_of_a_heritage_compound_are_indexed_too():
    # newmm keeps หนังตะลุง and ผีตาโขน whole; a visitor may type only the second half.
    assert {"หนังตะลุง", "ตะลุง"} <= set(index_terms(thai_analyzer(), "การแสดงหนังตะลุง"))
    assert {"ผีตาโขน", "ตา", "โขน"} <= set(index_terms(thai_analyzer(), "ประเพณีผีตาโขน"))


def test_a_catalogue_name_becomes_a_dictionary_word_so_the_whole_name_is_one_term():
    name = "ตลาดนัดคนเดินกาดกองต้าเก่า"
    assert name not in index_terms(thai_analyzer(), name)
    analysis.DICTIONARY.add_names([name])
    terms = index_terms(thai_analyzer(), name)
    assert name in terms
    assert {"ตลาด", "กาด"} <= set(terms)  # and its inner words are still there


def test_queries_are_segmented_without_inner_words():
    assert query_terms(thai_analyzer(), "ลำปางหลวง") in (["ลำปางหลวง"], ["ลำปาง", "หลวง"])


def test_words_keep_offsets_into_the_original_text():
    text = "ชม วัดพระธาตุลำปางหลวง 2567"
    for word in words(text):
        assert text[word.start : word.end] == word.text
        for part, start, end in word.parts:
            assert text[start:end] == part


def test_thai_spelling_is_normalised_and_offsets_still_point_at_the_original():
    # Two Sara E typed for Sara Ae, and a doubled tone mark.
    text = "ผ้าเเปลกใหม่่"
    cleaned, _ = analysis.normalize(text)
    assert cleaned == "ผ้าแปลกใหม่"
    found = words(text)
    assert "แปลก" in {w.text for w in found} | {p for w in found for p, _, _ in w.parts}
    assert all(text[w.start : w.end].replace("เเ", "แ").startswith(w.text[:2]) for w in found)


def test_thai_digits_read_as_arabic_digits_in_every_field():
    assert "2567" in index_terms(thai_analyzer(), "ปี ๒๕๖๗")
    assert "2567" in index_terms(english_analyzer(), "year ๒๕๖๗")
    assert "123" in query_terms(thai_analyzer(), "๑๒๓")


@pytest.mark.parametrize(
    ("text", "both"),
    [
        ("พ.ศ. 2567", {"2567", "2024"}),
        ("ค.ศ. 2024", {"2024", "2567"}),
        ("สร้างเมื่อ พ.ศ. ๒๑๐๐", {"2100", "1557"}),  # an old BE year, marked
        ("ในปี 1350", {"1350", "807"}),  # unmarked and old in Thai text: Buddhist Era
    ],
)
def test_a_year_is_indexed_in_both_eras_in_thai_text(text, both):
    assert both <= set(index_terms(thai_analyzer(), text))


def test_a_year_in_english_text_is_indexed_in_both_eras():
    assert {"1592", "2135"} <= set(index_terms(english_analyzer(), "the elephant duel of 1592"))
    assert {"2100", "1557"} <= set(index_terms(english_analyzer(), "built in B.E. 2100"))


def test_the_other_era_is_added_at_index_time_only():
    assert query_terms(thai_analyzer(), "2567") == ["2567"]


def test_numbers_that_are_not_years_get_no_other_era():
    assert other_era("306") is None
    assert other_era("12345") is None
    assert other_era("2024") == "2567"
    assert other_era("2567") == "2024"


@pytest.mark.parametrize(
    ("thai", "roman"),
    [
        ("ลำปาง", "lampang"),
        ("หลวง", "luang"),
        ("ทุ่งสง", "thungsong"),
        ("ตรอกสุ่ย", "troksui"),
        ("เชียงใหม่", "chiangmai"),
        ("ยะลา", "yala"),
        ("ตลาด", "talat"),
        ("สงกรานต์", "songkran"),
    ],
)
def test_royal_institute_romanisation_runs_offline(thai, roman):
    assert romanize(thai) == roman


def test_the_romanised_field_holds_each_thai_word_romanised_at_its_thai_offsets():
    tokens = [
        (t.text, t.startchar, t.endchar)
        for t in roman_analyzer()("วัดพระธาตุลำปางหลวง", mode="index", chars=True)
    ]
    assert ("lampang", 10, 15) in tokens
    assert ("luang", 15, 19) in tokens


def test_english_fields_are_stemmed():
    assert query_terms(english_analyzer(), "festivals") == query_terms(english_analyzer(), "festival")


def test_a_lone_thai_letter_is_not_a_word():
    assert "พ" not in index_terms(thai_analyzer(), "พ.ศ. 2567")


@pytest.mark.parametrize(
    "analyzer",
    [thai_analyzer(), thai_analyzer(inner="compounds"), english_analyzer(), roman_analyzer()],
)
def test_the_rebuilds_chunk_memo_makes_the_analyzers_own_terms(analyzer):
    """IndexTerms (the rebuild's analysis) gives what the analyzer gives, years in either era included,
    whatever text came before."""
    terms = analysis.IndexTerms(analyzer)
    texts = [
        "วัดพระธาตุลำปางหลวง สร้างเมื่อ พ.ศ. 1800 บูรณะ ค.ศ. 2024",
        "founded 1350 A.D. 1350, restored B.E. 2567 and 2567",
        "หนังตะลุง บ้านถ้ำ ๒๕๖๗ ปี2567 ก่่อน เเม่น้ำ",
        "วัดพระธาตุลำปางหลวง สร้างเมื่อ 1800",  # the same chunks again, from the memo
    ]
    for text in texts:
        assert terms(text) == index_terms(analyzer, text)
