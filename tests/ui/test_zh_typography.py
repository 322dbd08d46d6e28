"""Chinese typography: full-width punctuation next to Chinese characters in every zh catalogue.

Half-width , : ; ( ) ? ! stay where they belong: inside formulas ($…$ and LaTeX), code spans (`…`),
placeholders ({name}, %{x}) and URLs. Anywhere else, a half-width mark touching a Chinese character,
or half-width parentheses around Chinese text, is a finding.
"""

import re

from ui.i18n import LOCALES, catalogue

HALF_WIDTH = ",:;()?!"  # the marks that have full-width forms ，：；（）？！
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # Chinese characters (CJK ideographs)
EXEMPT = re.compile(
    r"\$\$.*?\$\$|\$[^$]*\$"  # formulas
    r"|`[^`]*`"  # code spans
    r"|%?\{[^{}]*\}"  # placeholders: {name}, {x:.2f}, plotly's %{y}
    r"|https?://\S+"  # URLs
    r"|\\[A-Za-z]+(?:\{[^{}]*\})*"  # LaTeX commands with their arguments
)
LATIN_STANDIN = "x"  # what an exempt span counts as: a Latin token, never Chinese
HALF_PARENS = re.compile(r"\(([^()]*)\)")  # a half-width pair with what it encloses


def _masked(text: str) -> str:
    return EXEMPT.sub(lambda m: LATIN_STANDIN * len(m.group()), text)


def typography_findings(text: str) -> list[str]:
    """Each half-width mark touching a Chinese character, and each (…) around Chinese, as a short excerpt."""
    masked = _masked(text)
    found = []
    for i, char in enumerate(masked):
        if char in HALF_WIDTH and any(0 <= j < len(masked) and CJK.match(masked[j]) for j in (i - 1, i + 1)):
            found.append(text[max(0, i - 6):i + 7])
    found += [f"({group})" for group in HALF_PARENS.findall(masked) if CJK.search(group)]
    return found


def test_every_zh_catalogue_file_is_checked():
    files = sorted(p.stem for p in (LOCALES / "zh").glob("*.toml"))
    assert sorted({key.split(".")[0] for key in catalogue("zh")}) == files and len(files) > 1


def test_zh_catalogues_use_full_width_punctuation_next_to_chinese():
    findings = {key: found for key, text in catalogue("zh").items() if (found := typography_findings(text))}
    assert findings == {}
