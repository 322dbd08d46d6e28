"""Rank-1 arrays: see live why a (5,) array is not a (5, 1) column vector, how that silently breaks .T, @ and +,
and how reshape, keepdims=True and assert keep every vector a column."""

import streamlit as st

from core.lessons.rank_one import N_DEFAULT, N_MAX, N_MIN, SEED_MAX, array_text, rank_one_arrays, shape_check
from core.snippets.rank_one import rank_one_script
from ui.i18n import t
from ui.quiz import check_yourself, reproduce_or_hidden, revealed

DIGITS = 3  # decimals printed in arrays and formulas
TERMS_PER_ROW = 3  # squares per line of the written-out sum: the result line stays inside a half-width column
CACHE_ENTRIES = 64  # (n, seed) pairs kept by the cache


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _arrays(n: int, seed: int):
    return rank_one_arrays(n, seed)


def _show(code: str, x, name: str | None = None) -> None:
    """The expression (assigned to ``name`` if given), NumPy's printout of its value, and its shape."""
    lines = [f">>> {name} = {code}", f">>> {name}"] if name else [f">>> {code}"]
    shape = f"{name}.shape" if name else f"({code}).shape"
    st.code("\n".join([*lines, array_text(x, DIGITS), f">>> {shape}", str(x.shape)]), language="python")


st.title(t("rank_one.title"))
st.caption(t("rank_one.caption"))

left, right = st.columns(2)
n = left.slider(t("rank_one.n_label"), N_MIN, N_MAX, N_DEFAULT, key="r1_n", bind="query-params",
                help=t("rank_one.n_help"))
seed = right.number_input(t("rank_one.seed_label"), 0, SEED_MAX, 0, key="r1_seed", bind="query-params",
                          help=t("rank_one.seed_help"))
r = _arrays(int(n), int(seed))
quiz = {"n": n}  # what the Check-yourself questions ask about

st.subheader(t("rank_one.vs_title", n=n))
left, right = st.columns(2)
with left:
    st.markdown(t("rank_one.rank1_words"))
    _show(f"rng.standard_normal({n})", r.a, "a")
with right:
    st.markdown(t("rank_one.col_words"))
    _show(f"a.reshape({n}, 1)", r.col, "col")

st.subheader(t("rank_one.transpose_title"))
left, right = st.columns(2)
with left:
    _show("a.T", r.a_t)
    st.warning(t("rank_one.transpose_rank1", shape=str(r.a_t.shape)))
with right:
    _show("col.T", r.row)
    st.success(t("rank_one.transpose_col", shape=str(r.row.shape)))

st.subheader(t("rank_one.matmul_title"))
left, right = st.columns(2)
with left:
    _show("a @ a.T", r.a_at)
    st.warning(t("rank_one.matmul_rank1"))
with right:
    _show("col @ col.T", r.outer)
    st.success(t("rank_one.matmul_col", n=n))

result_shown = revealed("rank_one", quiz, note=False)  # predict first: a + col (and its title) answer question 1
st.subheader(t("rank_one.silent_title" if result_shown else "quiz.r1_silent_hidden", n=n))
left, right = st.columns(2)
with left:
    if revealed("rank_one", quiz):  # (the note, where the result would be)
        _show("a + col", r.silent)
        st.error(t("rank_one.silent_words", n=n))
with right:
    _show("col + col", r.fixed)
    st.success(t("rank_one.silent_fix"))
st.page_link("pages/broadcasting.py", label=t("rank_one.to_lab"), icon="📡",
             query_params={"bc_a": f"({n},)", "bc_b": f"({n}, 1)", "bc_c": "", "bc_op": "+"})

st.subheader(t("rank_one.keepdims_title"))
st.markdown(t("rank_one.keepdims_words", n=n))
left, right = st.columns(2)
with left:
    _show("X.mean(axis=1)", r.mean_flat, "mu")
    _show("(X - mu).mean(axis=1)", r.after_flat)
    st.error(t("rank_one.keepdims_wrong"))
with right:
    _show("X.mean(axis=1, keepdims=True)", r.mean_keep, "mu")
    _show("(X - mu).mean(axis=1)", r.after_keep)
    st.success(t("rank_one.keepdims_right"))

st.subheader(t("rank_one.assert_title"))
for name, x in (("a", r.a), ("col", r.col)):
    message = shape_check(x, (n, 1))
    st.code(f">>> assert {name}.shape == ({n}, 1)" + (f"\n{message}" if message else ""), language="python")
    (st.error if message else st.success)(t("rank_one.assert_fail" if message else "rank_one.assert_pass",
                                            name=name))

st.subheader(t("rank_one.products_title"))
st.markdown(t("rank_one.products_words"))
left, right = st.columns(2)
with left:
    _show("np.dot(row, col)", r.inner)
    st.latex(r"a^{T}a = \sum_{i=1}^{n} a_i^{2}")
    squares = [f"({v:.{DIGITS}f})^{{2}}" for v in r.a]
    rows = [" + ".join(squares[i:i + TERMS_PER_ROW]) for i in range(0, len(squares), TERMS_PER_ROW)]
    st.latex(r"\begin{aligned} &" + r" \\ &+ ".join(rows) + rf" \\ &= {r.inner[0, 0]:.{DIGITS}f} \end{{aligned}}")
with right:
    _show("np.dot(col, row)", r.outer)
    st.latex(r"(a\,a^{T})_{ij} = a_i\,a_j")
    st.latex(rf"(a\,a^{{T}})_{{12}} = ({r.a[0]:.{DIGITS}f})\,({r.a[1]:.{DIGITS}f}) = {r.outer[0, 1]:.{DIGITS}f}")
st.info(t("rank_one.takeaway"))
reproduce_or_hidden(result_shown, rank_one_script(n, seed), f"rank_one_n{n}_seed{seed}.py", key="r1_reproduce")
check_yourself("rank_one", quiz)
