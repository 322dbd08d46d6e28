"""Chinese typography: full-width punctuation next to Chinese characters in every zh catalogue.

Half-width , : ; ( ) ? ! stay where they belong: inside formulas ($…$ and LaTeX), code spans (`…`),
placeholders ({name}, %{x}), URLs and notation such as (12288, 209). Anywhere else, a half-width mark
touching a Chinese character, half-width parentheses around Chinese text, or (in Chinese text) a mark
glued to the next word as in "σ(z):Sigmoid", is a finding.
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
GLUED = re.compile(r"[,:;?!](?=[A-Za-z])")  # a mark with a letter right after it: neither English (a space
# follows) nor notation (3,1 has digits), so in Chinese text it is a half-width mark that should be full-width


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
    if CJK.search(masked):
        found += [text[max(0, m.start() - 6):m.end() + 6] for m in GLUED.finditer(masked)]
    return found


def test_every_zh_catalogue_file_is_checked():
    files = sorted(p.stem for p in (LOCALES / "zh").glob("*.toml"))
    assert sorted({key.split(".")[0] for key in catalogue("zh")}) == files and len(files) > 1


def test_zh_catalogues_use_full_width_punctuation_next_to_chinese():
    findings = {key: found for key, text in catalogue("zh").items() if (found := typography_findings(text))}
    assert findings == {}


def test_checker_catches_half_width_marks_beside_chinese():
    assert typography_findings("两者相同,差值很小") == ["两者相同,差值很小"]
    assert len(typography_findings("代价函数(cost)下降:很快!对吗?")) == 5  # ( ) : ! ?
    assert typography_findings("形状为 (float 是一个数)") == ["t 是一个数)", "(float 是一个数)"]  # ")", the pair
    assert typography_findings("输出 ŷ = σ(z):Sigmoid 把它变成概率") == ["= σ(z):Sigmoi"]
    assert typography_findings("{name}:{count} 步") == ["{name}:{count"]


def test_checker_leaves_formulas_code_placeholders_and_notation_alone():
    for text in ("公式 $f(x, y)$ 的值", "运行 `np.dot(w, x)` 即可", "共 {n} 个", "%{x}<br>%{y:.3g} 毫秒",
                 "形状为 (12288, 209)。", "学习率 α = 0.01，比值 1:2。", "写成 3,1 也行", r"\text{损失}(a, y)",
                 "见 https://a.b/c?d=1。", "English text: fine, here; (not Chinese)!"):
        assert typography_findings(text) == [], text


def test_checker_accepts_full_width_punctuation():
    assert typography_findings("两者相同，差值很小（只在最后几位）：对吗？对！") == []
