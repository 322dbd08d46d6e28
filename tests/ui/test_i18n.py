"""The two catalogues are complete and consistent: same keys, same placeholders, really translated."""

import re
import string

import pytest

from core.errors import LogitLabError
from ui import i18n
from ui.i18n import LANGUAGES, LOCALES, catalogue

# Words that stay the same in Chinese text: names, code and symbols.
UNTRANSLATED_OK = re.compile(r"^[\s\W\d]*$|^(Logit Lab|NumPy|Sigmoid|Playwright|CSV|PNG)$")
ENGLISH_RUN = re.compile(r"[A-Za-z]{3,}(?:[ ,'-]+[A-Za-z]{3,}){3,}")  # four English words in a row


def _placeholders(text: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_the_same_catalogue_files():
    names = {lang: sorted(p.name for p in (LOCALES / lang).glob("*.toml")) for lang in LANGUAGES}
    assert names["zh"] == names["en"]


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_no_key_is_missing_or_extra(lang):
    en, other = catalogue("en"), catalogue(lang)
    assert sorted(set(en) - set(other)) == [], f"missing in {lang}"
    assert sorted(set(other) - set(en)) == [], f"only in {lang}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_placeholders_match_between_languages(lang):
    en, other = catalogue("en"), catalogue(lang)
    bad = {k: (_placeholders(en[k]), _placeholders(other[k])) for k in en
           if k in other and _placeholders(en[k]) != _placeholders(other[k])}
    assert bad == {}


def test_chinese_strings_are_translated_not_copied():
    en, zh = catalogue("en"), catalogue("zh")
    copied = [k for k, text in zh.items()
              if text == en.get(k) and ENGLISH_RUN.search(text) and not UNTRANSLATED_OK.match(text)]
    assert copied == []


def test_chinese_strings_contain_chinese_when_english_has_prose():
    en, zh = catalogue("en"), catalogue("zh")
    no_cjk = [k for k, text in zh.items()
              if ENGLISH_RUN.search(en.get(k, "")) and not re.search(r"[\u4e00-\u9fff]", text)]
    assert no_cjk == []


@pytest.mark.parametrize(("lang", "joined"), [("en", "JPEG, PNG, WebP"), ("zh", "JPEG、PNG、WebP")])
def test_a_list_in_an_error_is_joined_in_the_page_language(lang, joined, monkeypatch):
    monkeypatch.setattr(i18n, "current_language", lambda: lang)
    err = LogitLabError("no folders", key="errors_byod.zip_no_folders", formats=("JPEG", "PNG", "WebP"))
    assert joined in i18n.error_text(err).replace("\\", "")  # as rendered: Markdown escapes dropped
    assert i18n.listing(["JPEG", "PNG", "WebP"]) == joined
