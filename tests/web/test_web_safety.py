"""A shared server's safety: bad parameters are 4xx with one clear line, limits hold, nothing else is loaded."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web extras are not installed: pip install 'dragoman[web]'")

LONG = "2" * 300


@pytest.mark.parametrize(
    "url,status,says",
    [
        ("/api/events?actor=ZZZ", 404, "actor=ZZZ: no event in this store has an actor with that code or country"),
        ("/api/events?actor=irn", 400, "actor='irn' is not an actor code"),
        ("/api/events?actor=IRN'%20OR%20'1'='1", 400, "is not an actor code"),
        ("/api/events?actor=IRN%3B%20DROP%20TABLE%20events%3B--", 400, "is not an actor code"),
        ("/api/events?since=2025-13-01", 400, "since='2025-13-01' is not a real date"),
        ("/api/events?since=yesterday", 400, "since='yesterday' is not an ISO date"),
        ("/api/events?until=2025-02-30", 400, "until='2025-02-30' is not a real date"),
        (f"/api/events?since={LONG}", 400, "String should have at most 200 characters"),
        ("/api/events?limit=1000000", 400, "limit='1000000': should be less than or equal to 1000"),
        ("/api/events?limit=0", 400, "limit='0': should be greater than or equal to 1"),
        ("/api/events?limit=ten", 400, "limit='ten': should be a valid integer"),
        ("/api/events?offset=-1", 400, "offset='-1': should be greater than or equal to 0"),
        ("/api/events?offset=99999999999999999999", 400, "offset="),
        ("/api/events?cursor=not-a-cursor", 400, "is not a cursor this store made"),
        ("/api/events?cursor=WyJkIiwiZG9jLWEiXQ", 400, "is not a cursor this store made"),  # a document cursor
        ("/api/events?root=1%3BDROP", 400, "root='1;DROP' is not a CAMEO root"),
        ("/api/events?root=99", 400, "root=99 is not a CAMEO root"),
        ("/api/events?modality=rumoured", 400, "no modality 'rumoured'; use one of: asserted"),
        ("/api/events?all=maybe", 400, "all='maybe': should be a valid boolean"),
        ("/api/events?doc=x'%3B%20DROP%20TABLE%20events%3B--", 404, "doc=\"x'; DROP TABLE events;--\": no such document"),
        ("/api/events/nope", 404, "no event 'nope' in this store"),
        ("/api/events/'%20OR%20'1'='1", 404, "no event \"' OR '1'='1\" in this store"),
        ("/api/documents/nope", 404, "no document 'nope' in this store"),
        ("/api/documents?limit=5000", 400, "limit='5000': should be less than or equal to 1000"),
        ("/api/documents?cursor=abc", 400, "is not a cursor this store made"),
        ("/api/dyads?limit=1001", 400, "limit='1001'"),
        ("/api/dyads/USA/XYZ/series", 404, "b=XYZ: no event in this store"),
        ("/api/dyads/USA/USA/series", 400, "a and b are both USA"),
        ("/api/dyads/usa/IRN/series", 400, "a='usa' is not an actor code"),
        ("/api/dyads/USA/IRN/series?bin=month", 400, "bin='month'"),
        ("/api/dyads/USA/IRN/series?turning_points=-2", 400, "turning_points='-2'"),
        ("/api/actors?offset=-5", 400, "offset='-5'"),
        ("/api/nothing-here", 404, "no page or API route /api/nothing-here"),
    ],
)
def test_bad_parameters_get_a_clear_4xx(client, url, status, says):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == ["detail"] and isinstance(body["detail"], str)
    assert says in body["detail"]
    assert "Traceback" not in response.text and 'File "' not in response.text


def test_sql_in_a_filter_changes_nothing(client):
    assert client.get("/api/events?doc=doc-a'%20OR%20'1'='1").status_code == 404
    assert client.get("/api/events").json()["total"] == 8


def test_bad_parameters_on_pages_get_an_html_page_with_the_message(client):
    response = client.get("/timeline?since=2025-99")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "since=&#x27;2025-99&#x27; is not a real date" in response.text or "since='2025-99' is not a real date" in response.text
    assert "Traceback" not in response.text
    assert client.get("/documents/nope").status_code == 404
    assert client.get("/trajectory?pair=USA").status_code == 400
    assert client.get("/trajectory?pair=USA-ZZZ").status_code == 404


def test_only_reading_is_allowed(client):
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)("/api/events")
        assert response.status_code == 405
        assert response.json() == {"detail": f"{method.upper()} is not allowed here: this server only reads (use GET)"}


def test_no_cors_unless_configured(make_client, client):
    plain = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in plain.headers
    open_to_one = make_client(cors_origins=("https://notebook.example",))
    allowed = open_to_one.get("/api/events", headers={"Origin": "https://notebook.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://notebook.example"
    other = open_to_one.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_each_client_has_a_rate_limit(make_client):
    clock = FakeClock()
    client = make_client(rate_limit=3, clock=clock)
    assert [client.get("/api/record").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/record")
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "20"  # 3 a minute: one more every 20 seconds
    assert refused.json() == {"detail": "too many requests: at most 3 a minute from one client; try again in 20 s"}
    assert client.get("/static/app.css").status_code == 200  # the app's own files are not counted
    clock.now += 20
    assert client.get("/api/record").status_code == 200
    assert client.get("/api/record").status_code == 429


def test_pages_load_only_the_apps_own_scripts_and_styles(client):
    for path in ("/timeline", "/trajectory", "/record", "/actors", "/documents", "/documents/doc-a", "/events/a1threat"):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.text
        sources = re.findall(r'<(?:script|link|img)[^>]*?(?:src|href)="([^"]+)"', html)
        assert sources and all(s.startswith("/static/") or s.startswith("data:") for s in sources), (path, sources)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_plotly_js_comes_from_the_plotly_package(client):
    import plotly

    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.content.startswith(b"/**\n* plotly.js v")
    from importlib import resources

    assert response.content == resources.files(plotly).joinpath("package_data", "plotly.min.js").read_bytes()


def test_the_interactive_docs_that_would_load_a_cdn_are_off(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
