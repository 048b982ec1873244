"""Reading years of published news back into the system (issue #13): a news text (txt, html, docx; a whole saved
page) becomes a structured event (`reader`), which `importing` turns into a meeting with its attendees, period and
tasks, its "Dân vận khéo" figures, and the story itself as an archived article on the portal."""
