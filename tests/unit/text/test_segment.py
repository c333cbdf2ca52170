"""text/segment.py: sentences and clauses as spans of the text."""

from lskg.text.segment import clauses, paragraphs, sentences

# documents 004 and 003
TEXT = ("Dự án có tổng chiều dài tuyến khoảng 59,87 km. Thời gian thực hiện năm 2023 - 2026. "
        "Tổng mức đầu tư giai đoạn phân kỳ là 11.024,7 tỷ đồng.\n07 tuyến đường Quốc lộ (QL.1, QL.1B, QL.4A); đường tỉnh 235")


def test_sentences_end_at_a_full_stop_before_a_capital_and_at_a_line_break():
    spans = list(sentences(TEXT))
    assert [TEXT[s:e] for s, e in spans] == [
        "Dự án có tổng chiều dài tuyến khoảng 59,87 km.",
        "Thời gian thực hiện năm 2023 - 2026.",
        "Tổng mức đầu tư giai đoạn phân kỳ là 11.024,7 tỷ đồng.",
        "07 tuyến đường Quốc lộ (QL.1, QL.1B, QL.4A); đường tỉnh 235",  # "QL.1" ends nothing
    ]


def test_clauses_split_at_semicolons_and_paragraphs_at_line_breaks():
    s, e = list(sentences(TEXT))[-1]
    assert [TEXT[a:b] for a, b in clauses(TEXT, s, e)] == ["07 tuyến đường Quốc lộ (QL.1, QL.1B, QL.4A)", "đường tỉnh 235"]
    assert len(list(paragraphs(TEXT))) == 2
