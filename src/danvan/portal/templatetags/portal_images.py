"""Images of a site in templates: `{% load portal_images %}`, then
`<img src="{% rendition_url image 640 %}" srcset="{% srcset image %}" sizes="…" alt="{{ image.alt }}">`.
Both read `image.renditions.all()`: prefetch "renditions" (or "cover__renditions") for a list."""

from django import template

from danvan.portal import media

register = template.Library()


@register.simple_tag
def rendition_url(image, width=640):
    """The URL of the narrowest rendition at least `width` pixels wide (the original when none is); "" for none."""
    return media.rendition_url(image, int(width)) if image else ""


@register.simple_tag
def srcset(image):
    """ "url 320w, url 640w, …" over the renditions and the original; "" for no image."""
    return media.srcset_of(image) if image else ""
