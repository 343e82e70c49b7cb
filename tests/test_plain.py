"""Data shown as data: the two helpers of clusterlab/ui/plain.py on hostile text (the browser test,
test_hostile_browser.py, checks what Chromium then draws)."""
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from clusterlab.ui.plain import WORD_JOINER, chart_text, escape_markdown, plain_figure

HOSTILE = "**bold** [link](http://example.com) ![x](http://example.com/x.png) <img src=x> <b>b</b> :red[r] $x$"


def test_every_markup_character_is_escaped_and_bare_addresses_are_broken():
    escaped = escape_markdown(HOSTILE)
    unescaped = escaped.replace("\\", "").replace(WORD_JOINER, "")
    assert unescaped == HOSTILE, "the text reads the same"
    for c in "*[]()!<>:$":
        assert c not in escaped.replace("\\" + c, ""), c  # every one of them escaped
    assert "http" + WORD_JOINER in escaped and "http:" not in escaped.replace("\\", "")
    assert escape_markdown("a@b.org www.x.org") == f"a@{WORD_JOINER}b\\.org www{WORD_JOINER}\\.x\\.org"
    assert escape_markdown("Prix du lait") == "Prix du lait"


def test_chart_text_turns_tags_into_entities():
    assert chart_text("<b>b</b> & <a href='x'>") == "&lt;b&gt;b&lt;/b&gt; &amp; &lt;a href='x'&gt;"


def test_plain_figure_escapes_the_data_and_leaves_the_page_own_markup():
    data = pd.DataFrame({"problem": ["<b>b</b>", "Prix"], "actors": [3, 2], "kind": ["<i>i</i>", "x"]})
    fig = px.bar(data, x="actors", y="problem", color="kind", text="problem", title="<a href='http://e'>t</a>")
    fig.add_trace(go.Sankey(node={"label": ["<b>s</b>"]}, link={"source": [], "target": [], "value": []}))
    fig.add_annotation(text="<b>ours</b>", x=0, y=0)
    plain_figure(fig)
    bars = [t for t in fig.data if t.type == "bar"]
    assert {t.name for t in bars} == {"&lt;i&gt;i&lt;/i&gt;", "x"}
    assert "&lt;b&gt;b&lt;/b&gt;" in list(bars[0].y) + list(bars[1].y)
    assert all("<" not in str(v) for t in bars for v in [*t.y, *t.text])
    assert fig.data[-1].node.label == ("&lt;b&gt;s&lt;/b&gt;",)
    assert fig.layout.title.text == "&lt;a href='http://e'&gt;t&lt;/a&gt;"
    assert fig.layout.annotations[0].text == "<b>ours</b>", "the page's own markup stays"
    assert list(bars[0].x) == [3] or list(bars[0].x) == [2], "numbers are left alone"
