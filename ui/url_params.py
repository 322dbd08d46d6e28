"""Every link parameter of every page, declared once: key, kind, allowed values and default.

ui/url_state.py checks links against it, tests round-trip every entry, and the README's parameter
table is generated from it (``python -m ui.url_table``). A new URL-bound control needs one line here.
Values are plain, language-free names: a Chinese and an English link differ only in ``lang=``.
"""

import math
import re
from dataclasses import dataclass

from core.course import ITERATIONS, LEARNING_RATE, MAJORITY
from core.data.features import DATASETS, REAL_DEFAULT
from core.data.image import FITS
from core.data.toy_data import TOY_KINDS, TOY_M
from core.lessons import descent as descent_lesson
from core.lessons import graph, rank_one, vectorization
from core.lessons.loss import W_LIMIT as LOSS_W_LIMIT
from core.lessons.sigmoid import Z_LIMIT
from core.neuron.model import LOSS_NAMES
from core.quiz import SEED_CAP

MAX_CHARS = 64  # longest value any parameter accepts (a shape such as "(12288, 209)" needs 12)
INT_PATTERN = re.compile(r"[+-]?[0-9]{1,12}")  # a whole number as a link writes it (no exponent, no point)
BOOL_NAMES = ("true", "false")  # how Streamlit writes a toggle's state into a link


@dataclass(frozen=True)
class Param:
    """One link parameter.

    kind: "float" / "int" (a number in [low, high]), "choice" (one of ``choices``), "bool", "text"
    (at most ``max_len`` characters). ``by_page``: the page writes it itself (url_state.keep) because
    Streamlit's binding would put a translated label into the link; otherwise the widget is bound.
    ``widget_value`` turns a link value into what the widget holds (a float for a numeric choice).
    ``needs``: other link values under which the control is on screen (a tab, the graph's last step).
    ``note``: what the README table adds (a default that depends on the data, a range that depends on a split).
    """

    key: str
    kind: str
    default: str
    low: float = 0.0
    high: float = 0.0
    choices: tuple = ()
    max_len: int = MAX_CHARS
    by_page: bool = False
    widget_value: type = str
    sample: str = ""  # a valid value other than the default, for tests and examples ("" = derived)
    needs: tuple = ()  # ((key, value), ...)
    note: str = ""  # README text
    high_when: tuple = ()  # ((key, value, high), ...): a smaller maximum when another control has that value
    labels: str = ""  # catalogue key pattern of the shown label, e.g. "cat.tab_{}" (tabs and translated choices)
    tab: bool = False  # a tab bar: the widget holds the label, the link the name
    needs_data: bool = False  # the control is only on screen when the course photos are installed

    def accepts(self, raw: str, link: dict | None = None) -> bool:
        """True when ``raw`` (a link value) is allowed, given the rest of the ``link`` (for ``high_when``)."""
        if len(raw) > self.max_len:
            return False
        if self.kind in ("choice", "bool"):
            return raw.lower() in self.choices if self.kind == "bool" else raw in self.choices
        if self.kind == "int":
            return bool(INT_PATTERN.fullmatch(raw)) and self.low <= int(raw) <= self.highest(link)
        if self.kind == "float":
            return _finite_in(raw, self.low, self.highest(link))
        return raw.isprintable()

    def highest(self, link: dict | None = None) -> float:
        """The upper limit, lowered by ``high_when`` when the link chooses that value of another control."""
        return next((high for key, value, high in self.high_when if (link or {}).get(key) == value), self.high)

    @staticmethod
    def shown(number: float) -> str:
        """A limit as a link writes it: 10 for 10.0, 0.001 for 0.001."""
        return f"{number:g}"

    def example(self) -> str:
        """A valid, non-default link value."""
        if self.sample:
            return self.sample
        if self.kind in ("choice", "bool"):
            return next(c for c in self.choices if c != self.default)
        return self.shown(self.high)


def _finite_in(raw: str, low: float, high: float) -> bool:
    try:
        value = float(raw)
    except ValueError:
        return False
    return math.isfinite(value) and low <= value <= high


def number(key, low, high, default, **kw) -> Param:
    """A float parameter (slider or number input)."""
    return Param(key, "float", Param.shown(default), low=low, high=high, widget_value=float, **kw)


def whole(key, low, high, default, **kw) -> Param:
    """An integer parameter."""
    return Param(key, "int", str(default), low=low, high=high, widget_value=int, **kw)


def choice(key, names, default, **kw) -> Param:
    """One of a few plain names."""
    return Param(key, "choice", str(default), choices=tuple(str(n) for n in names), **kw)


def toggle(key, default: bool = False, **kw) -> Param:
    """An on/off switch (default off unless ``default``)."""
    return Param(key, "bool", "true" if default else "false", choices=BOOL_NAMES, widget_value=_is_true, **kw)


def _is_true(name: str) -> bool:
    return name == "true"


def _numbers(values) -> tuple:
    return tuple(f"{v:g}" for v in values)


# Page-specific limits (also imported by the pages, so the widget and the schema cannot disagree).
SIG_W_LIMIT, SIG_B_LIMIT = 5.0, 5.0  # sigmoid page: w and b sliders span [−5, 5]
SIG_DEFAULT_W = 1.0  # a gentle upward curve to start from
SIG_BIG_Z_LIMIT = 5000.0  # the stability input accepts z ∈ [−5000, 5000]
SIG_DEFAULT_BIG_Z = -1000.0  # far beyond −709, where e^(−z) overflows float64
LOSS_B_LIMIT = 4.0  # loss page: b in [−4, 4] (w spans core.lessons.loss.W_LIMIT)
LOSS_DEFAULT_W = 1.0  # a reasonable model to start from
SURF_SPAN_MIN, SURF_SPAN_MAX = 2.0, 20.0  # surface page: grid half-width for w and b
SURF_DEFAULT_SPAN = 10.0  # wide enough for every dataset's minimum
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)  # descent animation speed multipliers
CG_INPUT_LIMIT = 10.0  # every graph input lies in [−10, 10]: |z| ≤ 210, far from any overflow
CG_DEFAULTS = {"x1": 1.0, "w1": 0.5, "x2": 2.0, "w2": -0.5, "b": 0.2}  # the example the graph opens with
CG_ALPHA_MAX, CG_ALPHA_DEFAULT = 10.0, 0.5  # learning-rate input: upper bound, start
CG_SEED_MAX = 9999  # largest seed for the m-example data
BC_DEFAULTS = {"bc_a": "(3, 1)", "bc_b": "(1, 4)", "bc_c": ""}  # the shapes the lab opens with
BC_OPERATORS = ("+", "-", "*", "/", "@")  # broadcasting operators and matmul, written as in Python
CAT_TABS = ("photo", "inside", "explore", "train")  # the cat page's tabs, in order
CAT_LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.005, 0.01, 0.03)  # log-spaced choices of α
CAT_DEFAULT_RATE = LEARNING_RATE  # the course's choice for this dataset
CAT_MIN_ITERATIONS, CAT_MAX_ITERATIONS = 100, 3000  # bounds of the training iterations slider
CAT_DEFAULT_ITERATIONS = ITERATIONS  # the course's number of steps
CAT_MAX_L2 = 20.0  # upper bound of λ
CAT_DEFAULT_EXAMPLE = 1  # a test-set cat the shipped model gets right
CAT_PER_PAGE = 12  # thumbnails per page of the dataset explorer
CAT_TRAIN_M, CAT_TEST_M = MAJORITY["train"][1], MAJORITY["test"][1]  # photos per course split
BYOD_KINDS = ("zip", "h5")  # what a student uploads to train on: a zip of photos or the two .h5 files
DESCENT_VIEWS = ("contour", "surface")  # the descent animation's two tabs
NO_COURSE = "overlapping without the course photos"  # README note of the dataset defaults

ON_GRAPH_END = (("cg_step", str(len(graph.STEPS))),)  # shown once the backward pass is complete
ON_TRAIN_TAB, ON_EXPLORE_TAB = (("cat_tab", "train"),), (("cat_tab", "explore"),)

PAGES: dict[str, dict[str, Param]] = {slug: {p.key: p for p in params} for slug, params in {
    "": (toggle("home_rows"),),
    "sigmoid": (
        number("sig_z", -Z_LIMIT, Z_LIMIT, 0.0),
        choice("sig_kind", TOY_KINDS, TOY_KINDS[0], by_page=True, labels="sigmoid.kind_{}"),
        number("sig_w", -SIG_W_LIMIT, SIG_W_LIMIT, SIG_DEFAULT_W),
        number("sig_b", -SIG_B_LIMIT, SIG_B_LIMIT, 0.0),
        number("sig_big_z", -SIG_BIG_Z_LIMIT, SIG_BIG_Z_LIMIT, SIG_DEFAULT_BIG_Z),
    ),
    "loss": (
        choice("loss_kind", TOY_KINDS, TOY_KINDS[0], by_page=True, labels="loss.kind_{}"),
        number("loss_w", -LOSS_W_LIMIT, LOSS_W_LIMIT, LOSS_DEFAULT_W),
        number("loss_b", -LOSS_B_LIMIT, LOSS_B_LIMIT, 0.0),
        whole("loss_example", 0, TOY_M - 1, 0),
    ),
    "surface": (
        choice("surf_dataset", DATASETS, REAL_DEFAULT, by_page=True, note=NO_COURSE, sample="separable",
               labels="surface.dataset_{}"),
        choice("surf_loss", LOSS_NAMES, LOSS_NAMES[0], by_page=True),
        number("surf_span", SURF_SPAN_MIN, SURF_SPAN_MAX, SURF_DEFAULT_SPAN),
        toggle("surf_compare"),
    ),
    "descent": (
        choice("gd_dataset", DATASETS, REAL_DEFAULT, by_page=True, note=NO_COURSE, sample="separable",
               labels="surface.dataset_{}"),
        choice("gd_loss", LOSS_NAMES, LOSS_NAMES[0], by_page=True),
        choice("gd_learning_rate", _numbers(descent_lesson.LEARNING_RATES), f"{descent_lesson.DEFAULT_RATE:g}",
               widget_value=float, sample="20"),
        whole("gd_iterations", 1, descent_lesson.MAX_ITERATIONS, descent_lesson.DEFAULT_ITERATIONS),
        number("gd_w0", -descent_lesson.START_LIMIT, descent_lesson.START_LIMIT, descent_lesson.DEFAULT_START[0]),
        number("gd_b0", -descent_lesson.START_LIMIT, descent_lesson.START_LIMIT, descent_lesson.DEFAULT_START[1]),
        choice("gd_speed", _numbers(SPEEDS), "1", widget_value=float),
        choice("gd_view", DESCENT_VIEWS, DESCENT_VIEWS[0], by_page=True, labels="descent.tab_{}", tab=True),
        toggle("gd_race"),
    ),
    "graph": (
        *(number(f"cg_{name}", -CG_INPUT_LIMIT, CG_INPUT_LIMIT, CG_DEFAULTS[name]) for name in graph.INPUTS),
        choice("cg_y", ("0", "1"), "1", widget_value=int),
        whole("cg_step", 0, len(graph.STEPS), 0, by_page=True),
        number("cg_alpha", 0.0, CG_ALPHA_MAX, CG_ALPHA_DEFAULT, needs=ON_GRAPH_END),
        whole("cg_m", 1, graph.M_MAX, graph.M_DEFAULT, needs=ON_GRAPH_END),
        whole("cg_seed", 0, CG_SEED_MAX, 0, needs=ON_GRAPH_END),
    ),
    "vectorization": (
        whole("vec_n", vectorization.DOT_N_MIN, vectorization.DOT_N_MAX, vectorization.DOT_N_DEFAULT,
              sample="2000"),
        whole("vec_features", vectorization.LOOP_FEATURES_MIN, vectorization.LOOP_FEATURES_MAX,
              vectorization.LOOP_FEATURES_DEFAULT, sample="32"),
    ),
    "broadcasting": (
        *(Param(key, "text", default, sample="(2, 3)") for key, default in BC_DEFAULTS.items()),
        choice("bc_op", BC_OPERATORS, BC_OPERATORS[0], note="write + as %2B in a typed link"),
    ),
    "rank_one": (
        whole("r1_n", rank_one.N_MIN, rank_one.N_MAX, rank_one.N_DEFAULT),
        whole("r1_seed", 0, rank_one.SEED_MAX, 0),
    ),
    "cat_classifier": (
        choice("cat_tab", CAT_TABS, CAT_TABS[0], by_page=True, labels="cat.tab_{}", tab=True),
        whole("cat_example", 0, CAT_TEST_M - 1, CAT_DEFAULT_EXAMPLE, needs_data=True),
        choice("cat_fit", FITS, FITS[0], by_page=True, labels="cat.fit_{}"),
        toggle("cat_overlay", default=True, needs_data=True),
        choice("cat_split", ("train", "test"), "train", by_page=True, needs=ON_EXPLORE_TAB, needs_data=True,
               labels="cat.split_{}"),
        toggle("cat_only_wrong", needs=ON_EXPLORE_TAB, needs_data=True),
        whole("cat_page", 1, math.ceil(CAT_TRAIN_M / CAT_PER_PAGE), 1, needs=ON_EXPLORE_TAB, needs_data=True,
              high_when=(("cat_split", "test", math.ceil(CAT_TEST_M / CAT_PER_PAGE)),),
              note="fewer pages with cat_only_wrong=true"),
        whole("cat_inspect", 0, CAT_TRAIN_M - 1, 0, needs=ON_EXPLORE_TAB, needs_data=True,
              high_when=(("cat_split", "test", CAT_TEST_M - 1),)),
        choice("cat_lr", _numbers(CAT_LEARNING_RATES), f"{CAT_DEFAULT_RATE:g}", widget_value=float,
               needs=ON_TRAIN_TAB),
        whole("cat_iterations", CAT_MIN_ITERATIONS, CAT_MAX_ITERATIONS, CAT_DEFAULT_ITERATIONS, needs=ON_TRAIN_TAB,
              sample="500"),
        number("cat_l2", 0.0, CAT_MAX_L2, 0.0, needs=ON_TRAIN_TAB),
        toggle("cat_compare", needs=ON_TRAIN_TAB, needs_data=True),
        choice("cat_byod_kind", BYOD_KINDS, BYOD_KINDS[0], by_page=True, needs=ON_TRAIN_TAB, labels="cat.byod_kind_{}"),
    ),
}.items()}

# Parameters every page accepts (read by ui/sidebar.py): the language and presenter mode.
GLOBALS = {p.key: p for p in (
    choice("lang", ("en", "zh"), "en"),
    Param("present", "bool", "0", choices=("1", "0", "true", "false", "yes", "no", "on", "off")),
    whole("quiz", 0, SEED_CAP - 1, 0, note="Check yourself: the quiz number"),
    Param("predict", "bool", "0", choices=("1", "0"), note="Check yourself: predict first"),
)}
GLOBAL_KEYS = frozenset(GLOBALS)
# Keys other features put into links and check themselves: add them here and every page keeps them.
KEEP_KEYS: frozenset = frozenset()
