"""What pages stop loading (_ext/lean_pages.py), on small pieces of HTML and CSS."""

from lean_pages import icon_codepoints, lighten

HEAD = """<head>
  <script defer="" src="../_static/scripts/fontawesome.js?digest=55c2"></script>
  <script src="../_static/searchtools.js"></script>
  <script src="../_static/language_data.js"></script>
  <script src="../searchindex.js"></script>
  <script defer="" src="../_static/scripts/bootstrap.js?digest=55c2"></script>
</head>"""


def test_a_page_loses_the_icon_script_and_the_search_index_and_keeps_the_rest():
    out, missing = lighten(HEAD, "chapters/x")
    assert missing == []
    assert "fontawesome" not in out and "search" not in out
    assert 'src="../_static/scripts/bootstrap.js?digest=55c2"' in out


def test_the_search_page_keeps_its_index_and_a_changed_theme_is_reported():
    out, missing = lighten(HEAD, "search")
    assert "searchindex.js" in out and "fontawesome" not in out and missing == []
    _, missing = lighten("<head></head>", "chapters/x")
    assert missing == ["fontawesome.js", "the search index"]


def test_icon_codepoints_come_from_icon_rules_and_the_themes_own_rules():
    css = ('.fa-bars:before{content:"\\f0c9"}.fa-a:before,.fa-b:before{content:"\\f002"}'
           ':root{--pst-icon-bell:"\uf0f3";--pst-color:#fff}.admonition>.title:after{content:"\\f05a"}'
           '.fa-0:before{content:"\\30"}p{color:red}')
    classes, own = icon_codepoints(css)
    assert classes == {"fa-bars": 0xF0C9, "fa-a": 0xF002, "fa-b": 0xF002}
    assert own == {0xF0F3, 0xF05A}
