"""The Evidence page opens one entry in full from a link; the Assumptions page links there."""

from __future__ import annotations

from tests.conftest import MODEL
from tests.test_app import open_app, unescape

PAGE = "app_pages/evidence.py"


def test_a_link_opens_the_entry_with_its_sources() -> None:
    entry = MODEL.evidence[3]
    app = open_app(evidence=entry.id)
    app.switch_page(PAGE).run()
    assert not app.exception
    assert app.selectbox(key="evidence").value == entry.id
    assert any(unescape(h.value) == f"{entry.id}: {entry.title}" for h in app.subheader)
    shown = " ".join(m.value for m in app.markdown)
    assert all(source.url in shown for source in entry.sources)


def test_a_link_to_no_entry_is_refused_plainly() -> None:
    app = open_app(evidence="Z99")
    assert any("no evidence entry" in w.value for w in app.warning)
    app.switch_page(PAGE).run()
    assert app.selectbox(key="evidence").value is None


def test_assumption_evidence_links_stay_inside_the_dashboard() -> None:
    app = open_app()
    app.switch_page("app_pages/assumptions.py").run()
    captions = " ".join(c.value for c in app.caption if "evidence:" in c.value)
    assert "](evidence?evidence=" in captions
    assert "http" not in captions
