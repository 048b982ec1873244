"""The API's documentation page: Swagger UI from our own static files, under our strict CSP."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_api_docs_render_swagger_ui_from_our_static_files_under_the_csp(page, log_in, shot, live_server):
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    log_in("thucphan")
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Dân vận số API")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    shot(page, "api-docs")
    # Nothing from a CDN: every script and style came from this server.
    assert all(url.startswith(live_server.url) for url in loaded), [
        u for u in loaded if not u.startswith(live_server.url)
    ]
