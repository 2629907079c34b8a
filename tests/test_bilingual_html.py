"""The built pages' language marks (_ext/bilingual.py), on small pieces of HTML."""

from bilingual import mark_html_languages


def test_korean_outside_a_language_block_is_marked_korean():
    out = mark_html_languages("<p>Loss · 손실 함수</p>")
    assert '<span lang="ko">손실 함수</span>' in out


def test_tex_with_korean_stays_one_string_for_mathjax():
    tex = r'<span class="math notranslate nohighlight">\(-\log \hat{y}_{\text{정답}}\)</span>'
    out = mark_html_languages(f'<p class="lang-ko">손실은 {tex}입니다.</p>')
    assert tex in out


def test_a_korean_word_with_brackets_does_not_break():
    out = mark_html_languages('<p class="lang-ko">입력 형식(10개)입니다.</p>')
    assert '<span class="ko-word">형식(10개)입니다.</span>' in out
