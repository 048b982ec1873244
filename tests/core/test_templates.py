"""Templates: Django's `{# … #}` comment ends on its own line; one spread over lines is printed on the page as text
(seen on the data-entry grid), so a longer comment is `{% comment %}`."""

from pathlib import Path

import danvan

SOURCE = Path(danvan.__file__).resolve().parent


def test_no_template_comment_spans_lines():
    unclosed = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.glob("**/templates/**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert not unclosed, f"{{# … #}} không đóng trên cùng dòng (dùng {{% comment %}}): {unclosed}"
