"""What pages stop loading (_ext/lean_pages.py), on small pieces of HTML and CSS."""


from lean_pages import icon_codepoints, lighten, prune_icon_rules, smaller_png
from PIL import Image, ImageDraw

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


def test_the_stylesheet_keeps_only_the_rules_of_icons_in_use():
    css = ('.fa-bars:before{content:"\\f0c9"}.fa-a:before,.fa-b:before{content:"\\f002"}'
           '.fa-0:before{content:"\\30 "}.fa-c:before{content:"\\f003"}p{color:red}')
    assert prune_icon_rules(css, {"fa-bars", "fa-b"}) == \
        '.fa-bars:before{content:"\\f0c9"}.fa-a:before,.fa-b:before{content:"\\f002"}p{color:red}'


def plot_like(mode: str) -> Image.Image:
    picture = Image.new(mode, (300, 200), "white")
    draw = ImageDraw.Draw(picture)
    for i, colour in enumerate(["#1f77b4", "#ff7f0e", "#2ca02c"]):
        draw.line([(10, 20 + 40 * i), (290, 180 - 30 * i)], fill=colour, width=3)
    draw.text((20, 5), "validation accuracy", fill="black")
    return picture


def test_an_opaque_figure_is_stored_with_a_palette_and_looks_the_same(tmp_path):
    path = tmp_path / "figure.png"
    original = plot_like("RGBA")
    original.save(path)
    before = path.stat().st_size
    assert smaller_png(path)
    with Image.open(path) as saved:
        assert saved.mode == "P" and path.stat().st_size < before
        assert saved.convert("RGB").tobytes() == original.convert("RGB").tobytes()  # few colours: exact
    assert not smaller_png(path)  # a second build leaves it alone


def test_a_figure_with_transparency_is_left_alone(tmp_path):
    path = tmp_path / "figure.png"
    picture = plot_like("RGBA")
    picture.putpixel((0, 0), (255, 255, 255, 0))
    picture.save(path)
    data = path.read_bytes()
    assert not smaller_png(path) and path.read_bytes() == data
