"""Loss page questions: which loss is larger for the page's example, L(ŷ, y), p(y | x) and a chord of J(w)."""

from core.lessons.loss import CHORD_TOLERANCE, W_LIMIT, chord, example_walkthrough
from core.neuron.model import LOSS_NAMES, LOSSES, cross_entropy
from core.quiz.question import choice, data_tag, fixed, number

TOLERANCE = 0.01  # answers "to two decimals" may be off by one in the last digit
Y_HAT_STEPS = 20  # ŷ is drawn as k/20 for k in 1 … 19
CHORD_MAX_GAP = 8  # a chord spans at most this many units of w


def larger(rng, settings) -> object:
    """The page's example: is cross-entropy or ½(ŷ − y)² the larger loss?"""
    ex = example_walkthrough(settings["w"], settings["b"], settings["X"], settings["Y"], settings["index"])
    answer = "loss_cross_entropy" if ex.loss >= ex.sq_loss else "loss_squared_error"
    relation = r"\ge" if ex.loss >= ex.sq_loss else "<"
    y_hat, y = fixed(ex.y_hat, 4), ex.y
    params = {"y_hat": y_hat, "y": str(y), "data": data_tag(settings["X"], settings["Y"])}
    return choice("loss_larger", params, answer, ("loss_cross_entropy", "loss_squared_error"),
                  rf"L = -\bigl({y} \log {y_hat} + (1 - {y}) \log(1 - {y_hat})\bigr) = {fixed(ex.loss, 4)}"
                  rf"\; {relation} \;\tfrac{{1}}{{2}}({y_hat} - {y})^2 = {fixed(ex.sq_loss, 4)}")


def loss_value(rng, settings) -> object:
    """L(ŷ, y) for a drawn ŷ and y."""
    y_hat, y = int(rng.integers(1, Y_HAT_STEPS)) / Y_HAT_STEPS, int(rng.integers(0, 2))
    loss = float(cross_entropy(y_hat, y))
    shown = fixed(y_hat, 2)
    term = rf"\log {shown}" if y == 1 else rf"\log(1 - {shown})"
    return number("loss_value", {"y_hat": shown, "y": str(y)}, loss, TOLERANCE,
                  rf"L({shown}, {y}) = -\bigl({y} \log {shown} + (1 - {y}) \log(1 - {shown})\bigr) = -{term}"
                  rf" = {fixed(loss, 4)}")


def likelihood(rng, settings) -> object:
    """p(y | x) = ŷ^y (1 − ŷ)^(1 − y) for a drawn example of the page's set."""
    index = int(rng.integers(0, settings["X"].shape[1]))
    ex = example_walkthrough(settings["w"], settings["b"], settings["X"], settings["Y"], index)
    y_hat, y = fixed(ex.y_hat, 4), ex.y
    return number("loss_likelihood", {"i": str(index), "y_hat": y_hat, "y": str(y)}, ex.p, TOLERANCE,
                  rf"p({y} \mid x^{{({index})}}) = {y_hat}^{{{y}}}\,(1 - {y_hat})^{{1 - {y}}} = {fixed(ex.p, 4)}")


def convex_chord(rng, settings) -> object:
    """For the page's b: does J's chord between two drawn w stay above the curve at its midpoint?"""
    loss = LOSS_NAMES[int(rng.integers(0, len(LOSS_NAMES)))]
    half = int(rng.integers(1, CHORD_MAX_GAP // 2 + 1))  # the gap 2·half is even, so the midpoint is whole
    w1 = int(rng.integers(-int(W_LIMIT), int(W_LIMIT) - 2 * half + 1))
    w2 = w1 + 2 * half
    ch = chord(float(w1), float(w2), settings["b"], settings["X"], settings["Y"], loss)
    above = ch.violation <= CHORD_TOLERANCE
    relation = r"\le" if above else ">"
    sub = LOSSES[loss].tag
    words = {"loss": LOSSES[loss].label, "w1": str(w1), "w2": str(w2), "b": fixed(settings["b"], 1)}
    return choice("loss_chord", words,
                  "yes" if above else "no", ("yes", "no"),
                  rf"J_{{{sub}}}({fixed(ch.mid_w, 1)}) = {fixed(ch.mid_curve, 4)} \; {relation} \;"
                  rf"\dfrac{{{fixed(ch.j1, 4)} + {fixed(ch.j2, 4)}}}{{2}} = {fixed(ch.mid_chord, 4)}")


KINDS = (larger, loss_value, likelihood, convex_chord)  # the first asks about the page's own result
