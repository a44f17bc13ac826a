from __future__ import annotations

from dragoman.ingest import parse_html

PAGE = """<!doctype html>
<html><head><title>Rivermouth water accord - Wikipedia</title>
<meta property="og:site_name" content="Wikipedia">
<link rel="canonical" href="https://example.org/wiki/Rivermouth">
<style>.x { color: red }</style><script>var tracker = "Jump";</script></head>
<body>
<a class="mw-jump-link" href="#content">Jump to content</a>
<nav id="mw-navigation"><ul><li>Main menu</li><li>Donate</li></ul></nav>
<h1 id="firstHeading">Rivermouth water accord</h1>
<div id="siteSub">From Wikipedia, the free encyclopedia</div>
<p>The accord split the Sava basin&#39;s water between Valdoria and Ostmark.<sup class="reference"><a href="#cite_note-1">[1]</a></sup>
It was signed in Kessel.<sup class=reference><a href="#cite_note-2"><span class="cite-bracket">[</span>2<span class="cite-bracket">]</span></a></sup></p>
<div class="mw-heading mw-heading2"><h2 id="Terms">Terms</h2><span class="mw-editsection">[<a href="#">edit</a>]</span></div>
<p>The envoys agreed on:</p>
<ul><li>A shared gauge station</li><li>Dry-season quotas:<sup class="reference"><a>[2]</a></sup></li></ul>
<h3>Why did Ostmark sign?</h3>
<p>Drought.</p>
<table class="infobox"><tr><td>Signed</td><td>2031</td></tr></table>
<div class="mw-heading mw-heading2"><h2 id="References">References</h2></div>
<div class="reflist"><ol class="references">
<li id="cite_note-1"><span class="mw-cite-backlink">^ <a href="#r1a"><span class="cite-accessibility-label">Jump up to: </span><sup><i><b>a</b></i></sup></a> <a href="#r1b"><sup><i><b>b</b></i></sup></a></span>
<span class="reference-text">Marten, Ilse (May 4, 2031). <a href="https://example.org/a">"Valdoria and Ostmark sign"</a>. <i>The Kessel Courier</i>. Retrieved May 6, 2031.</span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#r2">^</a></b></span> <span class="reference-text">"آب و دیپلماسی". <i>Sava Daily</i> (in Persian). 5 May 2031.</span></li>
</ol></div>
<div class="catlinks">Categories: Water treaties</div>
<footer>This page was last edited on 1 June 2031.</footer>
</body></html>"""


def test_html_layout_and_metadata() -> None:
    doc = parse_html(PAGE, "page")
    assert doc.title == "Rivermouth water accord"
    assert doc.outlet == "Wikipedia"
    assert doc.url == "https://example.org/wiki/Rivermouth"
    blocks = [(b.kind, doc.text[b.start : b.end], b.section) for b in doc.blocks]
    assert blocks == [
        ("heading", "Rivermouth water accord", None),
        ("paragraph", "The accord split the Sava basin's water between Valdoria and Ostmark.[1] "
                      "It was signed in Kessel.[2]", None),
        ("heading", "Terms", "Terms"),
        ("paragraph", "The envoys agreed on:", "Terms"),
        ("list_item", "A shared gauge station", "Terms"),
        ("list_item", "Dry-season quotas:[2]", "Terms"),
        ("heading", "Why did Ostmark sign?", "Why did Ostmark sign?"),
        ("paragraph", "Drought.", "Why did Ostmark sign?"),
    ]


def test_html_drops_scripts_styles_and_chrome() -> None:
    doc = parse_html(PAGE, "page")
    for gone in ("tracker", "color: red", "Jump to content", "Main menu", "Donate", "From Wikipedia",
                 "edit", "Categories", "last edited", "Signed"):
        assert gone not in doc.text


def test_html_markers_and_references() -> None:
    doc = parse_html(PAGE, "page")
    assert [m.key for m in doc.markers] == ["1", "2", "2"]
    assert all(doc.text[m.start : m.end] == f"[{m.key}]" for m in doc.markers)
    first, second = doc.references
    assert (first.key, first.uses, first.author, first.outlet, first.published, first.retrieved) == (
        "1", 2, "Marten, Ilse", "The Kessel Courier", "2031-05-04", "2031-05-06")
    assert first.title == "Valdoria and Ostmark sign"
    assert (second.key, second.uses, second.language, second.outlet, second.published) == (
        "2", 1, "fa", "Sava Daily", "2031-05-05")


def test_reference_list_without_heading_still_becomes_references() -> None:
    html = "<p>One claim.<sup class=reference>[1]</sup></p><ol class=references><li>^ \"Source\". Wire. 2030.</li></ol>"
    doc = parse_html(html, "bare")
    assert [r.outlet for r in doc.references] == ["Wire"]
    assert [doc.text[b.start : b.end] for b in doc.blocks] == ["One claim.[1]"]


def test_page_title_used_without_h1_and_arguments_win() -> None:
    html = "<html><head><title>Dock strike ends</title></head><body><p>Workers returned.</p></body></html>"
    assert parse_html(html, "t").title == "Dock strike ends"
    assert parse_html(html, "t", title="Given", outlet="Courier").outlet == "Courier"


def test_short_html_paragraph_is_not_a_heading() -> None:
    doc = parse_html("<p>First part.</p><p>Quiet days</p><p>Then more.</p>", "p")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "paragraph"]
    assert doc.title is None
