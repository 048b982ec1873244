"""The layout of documents in the Party's format (Hướng dẫn 36-HD/VPTW, 16-HD/VPTW), shared by every app that
prints one: the report documents (`reporting.documents`) and the minutes and conclusion notices of meetings
(`activities.documents`). It knows units and words, never what a document is about.

- `names`: units and committees as a heading names them ("TỈNH ỦY CAO BẰNG", "Huyện ủy Cầu Kè"), the place, the
  date written out ("ngày 05 tháng 02 năm 2026").
- `word`: python-docx helpers (imported where used): one typeface for every script, paragraphs and runs, borderless
  tables, the A4 page, the heading block and the signature block.
- `pdf`: Liberation Serif 2.x checked for the Vietnamese letters, HTML → PDF with WeasyPrint; the template
  `documents/base.html` holds the page, the typeface, the heading block and the signature block.
"""
