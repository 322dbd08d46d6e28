"""AppTest: every number a student reads is written with the minus sign (−), never a hyphen-minus (-),
on every page, in both languages and in presenter mode (whose tables are text), with every "Check yourself"
question answered wrong so that the feedback shows the right answer. Code (the "Reproduce" scripts, the
rank-1 session), formulas (KaTeX draws a math-mode "-" as a minus sign) and links stay as they are."""

import re

import pytest

from tests.pages.conftest import open_page
from tests.pages.page_content import page_content
from tests.pages.test_quiz_pages import ZH_DRIVABLE, _option_names, _widget, forms
from ui.lessons import LESSONS

HYPHEN_NUMBER = re.compile(r"(?<![\w.=/-])-(?=\.?\d)|(?<=\de)-(?=\d)")  # as ui.i18n.NEGATIVE finds them
NOT_PROSE = ("code", "latex", "link", "url", "href", "plotly", "figure")  # element kinds and fields left alone
WRONG_TEXT = "0"  # a typed answer that is never right on these pages' drawn questions
PAGES = {"home": None} | {lesson.slug: lesson.script for lesson in LESSONS}  # None: the app opens on Home


def _answer_everything_wrongly(at) -> None:
    for form in forms(at):
        widget = _widget(form)
        if form.text_input:
            widget.set_value(WRONG_TEXT)
        else:
            widget.set_value(_option_names(at, widget.key)[0])
        form.button[0].click().run()


@pytest.mark.parametrize("present", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("slug", list(PAGES))
def test_numbers_on_the_page_use_the_minus_sign(slug, lang, present):
    at = open_page(PAGES[slug], lang=lang, present=present)
    if lang == "en" or slug in ZH_DRIVABLE:  # a translated format_func cannot run again outside a script run
        _answer_everything_wrongly(at)
    assert not at.exception
    content = page_content(at, quiz=True)
    assert content.texts  # the page was read
    hyphens = [(where, text) for where, text in content.texts
               if not any(word in where.lower() for word in NOT_PROSE) and HYPHEN_NUMBER.search(text)]
    assert hyphens == []
    cells = [cell for table in at.table for cell in table.value.astype(str).to_numpy().ravel()]  # st.table: text
    assert [cell for cell in cells if HYPHEN_NUMBER.search(cell)] == []
