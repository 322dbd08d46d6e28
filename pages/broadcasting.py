"""Broadcasting lab: type two or three shapes and see NumPy's four rules pad, compare and stretch them into one
result (or name the axis that fails), checked against NumPy itself; @ shows the different matmul rule."""

import streamlit as st

from core.errors import LogitLabError
from core.lessons.broadcasting import MATMUL, OPS, explain, explain_matmul, n_elements, picture
from core.lessons.shape_text import parse_optional_shape, parse_shape, shape_str
from core.snippets.broadcasting import broadcasting_script
from ui.exports import reproduce_block, show_chart
from ui.figures.broadcasting import stretch_figure
from ui.i18n import error_text, minus_signs, t
from ui.quiz import check_yourself, revealed, stop_until_answered

NAMES = ("A", "B", "C")  # operand names on the page
KEYS = ("bc_a", "bc_b", "bc_c", "bc_op")  # widget keys (and URL parameters): three shapes, the operator
DEFAULTS = ("(3, 1)", "(1, 4)", "")  # the shapes the lab opens with: a column plus a row
OPERATORS = (*OPS, MATMUL)  # "+", "-", "*", "/", "@": language-free labels, safe to bind to the URL
PRESETS = {  # preset key -> (A, B, C, operator): shapes from the course
    "x_plus_b": ("(12288, 209)", "()", "", "+"),
    "w_t_x": ("(1, 12288)", "(12288, 209)", "", "@"),
    "a_minus_y": ("(1, 209)", "(1, 209)", "", "-"),
    "col_sums": ("(3, 4)", "(1, 4)", "", "/"),
    "rank_one": ("(5,)", "(5, 1)", "", "+"),
}
RELATION = {"equal": "=", "stretch": "=", "zero": r"\to"}  # LaTeX between max(...) and the output size
CACHE_ENTRIES = 64  # distinct shape sets kept by the cache


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _broadcast(shapes: tuple, op: str):
    rule = explain(shapes, op)
    return rule, picture(rule, op)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _matmul(shape_a: tuple, shape_b: tuple):
    return explain_matmul(shape_a, shape_b)


def _use_preset(key: str) -> None:
    *texts, op = PRESETS[key]
    for key, value in zip(KEYS, (*texts, op), strict=True):
        st.session_state[key] = value


def _preset_buttons(row, notes: bool) -> None:
    """The preset buttons, with each preset's note as its tooltip (``notes``: a note says its result)."""
    for col, key in zip(row.columns(len(PRESETS)), PRESETS, strict=True):
        col.button(t(f"broadcasting.preset_{key}"), key=f"bc_preset_{key}", on_click=_use_preset, args=(key,),
                   help=t(f"broadcasting.note_{key}") if notes else None, width="stretch")


st.title(t("broadcasting.title"))
st.caption(t("broadcasting.caption"))

st.write(t("broadcasting.presets_label"))
preset_row = st.container()  # filled once it is known whether predict first hides the result
for key, default in zip(KEYS, (*DEFAULTS, OPERATORS[0]), strict=True):
    if key not in st.session_state and key not in st.query_params:  # first visit without a shared link
        st.session_state[key] = default
cols = st.columns(len(NAMES) + 1)
texts = [col.text_input(t(f"broadcasting.shape_{name}"), value=None, key=key, bind="query-params",
                        help=t("broadcasting.shape_help")) or ""
         for col, name, key in zip(cols[:-1], NAMES, KEYS[:-1], strict=True)]
op = cols[-1].radio(t("broadcasting.op_label"), OPERATORS, index=None, key="bc_op", horizontal=True,
                    bind="query-params") or OPERATORS[0]
shapes, failed = [], False
for name, text, parse in zip(NAMES, texts, (parse_shape, parse_shape, parse_optional_shape), strict=True):
    try:
        shapes.append(parse(text))
    except LogitLabError as err:
        st.error(f"**{name}** · {error_text(err)}")
        failed = True
if failed:
    _preset_buttons(preset_row, notes=True)
    check_yourself("broadcasting", {"shapes": None, "op": op})  # no shapes to ask about: the other questions
    st.stop()
shapes = tuple(s for s in shapes if s is not None)
quiz = {"shapes": shapes, "op": op}  # what the Check-yourself questions ask about
notes_shown = revealed("broadcasting", quiz, note=False)  # predict first: a preset's note says its result
_preset_buttons(preset_row, notes=notes_shown)
for key, (*preset_texts, preset_op) in PRESETS.items():
    if notes_shown and [tx.strip() for tx in texts] == list(preset_texts) and op == preset_op:
        st.info(t(f"broadcasting.note_{key}"))
stop_until_answered("broadcasting", quiz)  # predict first: everything below answers question 1
names = NAMES[:len(shapes)]
typed = f" {op} ".join(f"{n} {shape_str(s)}" for n, s in zip(names, shapes, strict=True))

if op == MATMUL:
    st.subheader(t("broadcasting.matmul_title", expr=typed))
    if len(shapes) > 2:
        st.warning(t("broadcasting.matmul_two_only"))
    mm = _matmul(shapes[0], shapes[1])
    st.markdown(t("broadcasting.matmul_rule"))
    st.latex(r"(n, k)\;@\;(k, m) \;\to\; (n, m)")
    if mm.shape is not None:
        st.latex(rf"{shape_str(shapes[0])}\;@\;{shape_str(shapes[1])} \;\to\; {shape_str(mm.shape)}")
        st.success(t("broadcasting.result_shape", shape=shape_str(mm.shape)))
    else:
        key = "bounds.matmul_too_large" if mm.reason == "too_large" else f"broadcasting.matmul_fail_{mm.reason}"
        st.error(t(key, inner=str(mm.inner)))
    if any(len(s) == 1 for s in shapes[:2]):
        st.caption(t("broadcasting.matmul_rank_one"))
    if mm.batch is not None:
        st.caption(t("broadcasting.matmul_batch", shape=str(mm.batch.shape)))
    if mm.numpy_shape is not None:
        st.success(t("broadcasting.numpy_agrees", shape=shape_str(mm.numpy_shape)))
    elif mm.numpy_error:
        st.markdown(t("broadcasting.numpy_says"))
        st.code(mm.numpy_error, language=None)
    else:
        st.info(t("broadcasting.numpy_skipped"))
    reproduce_block(broadcasting_script(shapes[:2], op), "broadcasting_matmul.py", key="bc_reproduce")
    check_yourself("broadcasting", quiz)
    st.stop()

rule, pic = _broadcast(shapes, op)
st.subheader(t("broadcasting.rules_title", expr=typed))
st.markdown(t("broadcasting.rule_1", padded=", ".join(
    f"{n} {shape_str(s)} → {shape_str(p)}" for n, s, p in zip(names, rule.shapes, rule.padded, strict=True))))
padded_word = t("broadcasting.padded_one")
table = {t("broadcasting.col_axis"): [minus_signs(str(step.from_right)) for step in rule.steps]}
for k, name in enumerate(names):
    table[name] = [padded_word if step.sizes[k] is None else str(step.sizes[k]) for step in rule.steps]
table[t("broadcasting.col_result")] = [str(step.out) if step.ok else "✗" for step in rule.steps]
table[t("broadcasting.col_verdict")] = [
    t(f"broadcasting.verdict_{step.verdict}", who=", ".join(n for n, s in zip(names, step.stretched, strict=True)
                                                            if s) or "-") for step in rule.steps]
if rule.steps:
    st.table(table)
st.markdown(t("broadcasting.rules_2_4"))
out_name = rf"\text{{{t('annotations.out')}}}"  # the output's name in the two formulas below
st.latex(rf"{out_name}_k = \max(a_k, b_k, \dots) \quad\text{{{t('annotations.if_each')} }} "
         rf"a_k, b_k, \dots \in \{{1, {out_name}_k\}}")
cells = [rf"\max({', '.join(map(str, step.padded))}) {RELATION['zero' if 0 in step.padded else step.verdict]} "
         rf"{step.out}" if step.ok else r" \neq ".join(sorted({str(n) for n in step.padded if n != 1}))
         for step in rule.steps]
st.latex(out_name + r" = (" + r",\; ".join(cells) + ")" if cells else out_name + r" = ()")
if any(0 in step.padded for step in rule.steps):
    st.caption(t("broadcasting.zero_note"))

if rule.shape is not None:
    st.success(t("broadcasting.result_shape", shape=shape_str(rule.shape)) + " · "
               + t("broadcasting.elements", count=f"{n_elements(rule.shape):,}"))
elif rule.too_large:  # every axis fits, but NumPy's size check refuses: say so, never a green result
    st.error(t("bounds.broadcast_too_large", shape=shape_str(tuple(step.out for step in rule.steps))))
else:
    for step in rule.failing:
        st.error(t("broadcasting.fail_axis", axis=step.from_right, sizes=", ".join(map(str, step.padded))))
st.markdown(t("broadcasting.numpy_says"))
st.code(f"np.broadcast_shapes{tuple(rule.shapes)}\n→ " + (shape_str(rule.numpy_shape) if rule.numpy_shape is not None
                                                       else f"ValueError: {rule.numpy_error}"), language=None)
if rule.run_error:
    st.code(f"{f' {op} '.join(f'np.zeros({shape_str(s)})' for s in rule.shapes)}\n→ ValueError: {rule.run_error}",
            language=None)
if rule.checked:
    st.success(t("broadcasting.checked", count=f"{n_elements(rule.shape):,}"))
elif rule.shape is not None:
    st.caption(t("broadcasting.not_checked"))

if pic is not None:
    titles = [f"{n} {shape_str(s)} → {shape_str(rule.shape)}" for n, s in zip(names, rule.shapes, strict=True)]
    show_chart(stretch_figure(pic, [*titles, typed]), f"broadcasting_{'_'.join(map(str, rule.shape))}",
               key="bc_picture")
elif rule.shape is not None:
    st.caption(t("broadcasting.no_picture"))
reproduce_block(broadcasting_script(shapes, op), "broadcasting.py", key="bc_reproduce")
check_yourself("broadcasting", quiz)
