"""The public sites' template tags: `{% site_url 'article' story.slug %}` — a page of the site in the context, at
/trang/<site>/… or at the root of the site's own host when the visitor came through it."""

from django import template

from danvan.portal.seo import on_own_host, site_path

register = template.Library()


@register.simple_tag(takes_context=True)
def site_url(context, name, *args):
    request = context.get("request")
    return site_path(context["site"], name, *args, host_mode=request is not None and on_own_host(request))

