"""Values: the figures of indicators stated in report prose, as observations (MODEL.md, "Observations").

The extractor holds only grammar; every word it recognises as an indicator, unit,
value kind or qualifier comes from the code lists (skos:hiddenLabel cue phrases).

How one number becomes an observation
-------------------------------------
1. The text is cut into *logical sentences*: sentences, with a sentence that a page
   break cut in two (footnotes in between, the rest starting in lower case or with a
   number) put together again.
2. Quantities are found by `quantities.QuantityGrammar` (number, scale word, unit,
   qualifier, range, achieved/total fraction); dates, years, document numbers,
   durations and ordinals are masked first.
3. Each quantity gets a *role* from the words around it: a level ("đạt 7,17%",
   "là 45.481 tỷ đồng"), a share of the plan ("đạt 131% dự toán"), a change
   ("tăng 25,8% so với cùng kỳ", "giảm 2,66%"), or something that is not a value
   (a comparative "cao hơn 1,53%", an equivalent "tương đương 2.302 USD", an
   absolute change "tăng 1,3 triệu đồng", "bằng 35,2% cùng kỳ").
4. The indicator comes from the nearest (then longest) cue phrase before the
   number, with these refinements: a cue right after a count ("1.200 doanh nghiệp
   được thành lập mới") is used when the number's own segment has none; a cue does
   not reach past "trong đó"/"riêng" (components need their own cue) or past ';'
   into a clause with words of its own; a cue is used by one level only, unless a
   new period is named in between ("năm 2021 đạt …; năm 2022 đạt …"); a breakdown
   concept (skos:broader) needs its parent named first; a generic concept
   ('với tổng vốn đăng ký') is narrowed to the skos:related concept that also
   relates to the figure just before. The unit must fit the indicator's default unit.
5. Period, value kind, qualifier, subject and comparison period come from the same
   sentence; a period missing there is taken from the nearest earlier sentence of
   the paragraph (or of the paragraphs it continues: "Cụ thể, …", "Theo đó, …") that
   names one, for a footnote from the sentence that carries its mark, else from the
   nearest heading line, the title or the lead ("Ước tính 6 tháng đầu năm 2020, …");
   months and quarters without a year take the latest year the text has named. In a
   report on part of a year, a realised figure whose own sentence names no period takes
   the report's months. Never from the publication date; a figure nothing dates (a
   project's size) is stated as at the text's dateline, flagged. Otherwise the value is
   skipped and an Issue recorded.
6. The subject is the source's jurisdiction, unless the figure is about a project
   (project indicators in a sentence about a project), a district or body named at
   the head of its clause, or the nation ("cả nước"). A district's share of a project
   figure ("Địa phận huyện X …") is not the project's: it is the district's own figure.
7. What the cue phrases leave (`extractor.ValueExtractor.fallback`) is emitted under an indicator named by the
   text's own words (`extract/indicator_label.py`, minted uncurated by the graph builder): a
   number with a unit, or a count of the noun after it where the genre counts that noun
   (code list scheme:counted-noun) or a value verb names the count; a change (tăng, cao hơn, "+x%"),
   a decrease (giảm, thấp hơn, "-x%", kept positive as the genre prints it), a multiple
   ("gấp 2,7 lần"), a share of a plan; cells of a table flattened into "|" lines take
   their column's header. Ranks, dates, document numbers, counts of administrative
   units, documents and gates, of delegates, speakers, gifts, meetings and delegations
   are no values.

One module a step: `sentences` (1), `cues`, `roles` (3), `choice` and `catalogue` (4), `periods`,
`kinds` and `subjects` (5, 6), `words` and `counts` (7); `extractor` takes each figure through them.
"""

from .extractor import extract_observations

__all__ = ["extract_observations"]
