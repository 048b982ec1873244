"""Static files as production serves them: collected with hashed names (the manifest storage, as in the tests)."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage

import danvan

STATIC_TAG = re.compile(r"""\{%\s*static\s+["']([^"']+)["']\s*%\}""")
TEMPLATES = sorted(Path(danvan.__file__).parent.glob("*/templates/**/*.html"))


def static_references() -> list[tuple[str, str]]:
    return [
        (str(template.relative_to(Path(danvan.__file__).parent)), name)
        for template in TEMPLATES
        for name in STATIC_TAG.findall(template.read_text())
    ]


def test_templates_name_static_files_with_the_static_tag():
    assert len(static_references()) > 20


@pytest.mark.parametrize(("template", "name"), static_references())
def test_every_static_file_a_template_names_is_collected_with_a_hashed_name(template, name):
    url = staticfiles_storage.url(name)
    stem = Path(name).stem
    assert re.search(rf"/{re.escape(stem)}\.[0-9a-f]{{12}}\.", url), f"{template}: {name} → {url}"


def test_the_icon_font_the_icons_stylesheet_names_is_collected():
    css = Path(
        staticfiles_storage.path(
            staticfiles_storage.stored_name("vendor/bootstrap-icons/bootstrap-icons.min.css")
        )
    )
    fonts = re.findall(r"url\(\"?([^\")?]+)", css.read_text())
    assert fonts, "the stylesheet names its font"
    for font in fonts:
        assert (css.parent / font).is_file(), font
