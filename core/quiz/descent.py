"""Descent page questions: what the page's run will do, w and b after one step, and whether one step lowers J."""

from core.lessons import descent as lesson
from core.neuron.model import LOSSES
from core.quiz.question import choice, data_tag, fixed, number

TOLERANCE = 0.01  # answers "to two decimals" may be off by one in the last digit
SMALL_RATES = tuple(a for a in lesson.LEARNING_RATES if 0.01 <= a <= 5)  # rates whose one step is readable
VERDICTS = ("converging", "stalled", "oscillating", "runaway", "diverging")  # core.lessons.descent.diagnose's kinds


def _path(settings):
    return lesson.run_path(settings["X"], settings["Y"], settings["w0"], settings["b0"], settings["rate"],
                           settings["iterations"], settings["loss"])


def verdict(rng, settings) -> object:
    """The page's own run: converge, stall, oscillate, run away or diverge? (``settings["path"]``, when given,
    is the page's own run_path for these settings, so it is not run again.)"""
    path = settings["path"] if "path" in settings else _path(settings)
    d = lesson.diagnose(path)
    return choice("descent_verdict", {"loss": LOSSES[settings["loss"]].label, "rate": f"{settings['rate']:g}",
                                      "iterations": str(settings["iterations"]),
                                      "data": data_tag(settings["X"], settings["Y"]),
                                      "w0": fixed(settings["w0"], 1), "b0": fixed(settings["b0"], 1)},
                  d.kind, VERDICTS,
                  rf"J_0 = {fixed(path.cost[0], 4)} \to J_{{{settings['iterations']}}} = {path.cost[-1]:.4g};"
                  rf"\quad \text{{rises}} = {d.rises},\ \text{{flips}} = {d.flips},\ "
                  rf"\frac{{|(w, b)|_{{\text{{end}}}}}}{{\max(1, |(w, b)|_{{\text{{start}}}})}} = {d.growth:.3g}")


def _step(rng, settings):
    rate = SMALL_RATES[int(rng.integers(0, len(SMALL_RATES)))]
    return lesson.take_step(settings["X"], settings["Y"], settings["w0"], settings["b0"], rate, settings["loss"])


def step_w(rng, settings) -> object:
    """From the page's start point with a drawn α: w after one step, given dJ/dw."""
    s = _step(rng, settings)
    return number("descent_step_w", {"w": fixed(s.w, 2), "dw": fixed(s.dw, 4), "rate": f"{s.rate:g}"}, s.w_new,
                  TOLERANCE, rf"w := w - \alpha\,\frac{{\partial J}}{{\partial w}} = {fixed(s.w, 2)} - {s.rate:g}"
                             rf" \cdot ({fixed(s.dw, 4)}) = {fixed(s.w_new, 4)}")


def step_b(rng, settings) -> object:
    """From the page's start point with a drawn α: b after one step, given dJ/db."""
    s = _step(rng, settings)
    return number("descent_step_b", {"b": fixed(s.b, 2), "db": fixed(s.db, 4), "rate": f"{s.rate:g}"}, s.b_new,
                  TOLERANCE, rf"b := b - \alpha\,\frac{{\partial J}}{{\partial b}} = {fixed(s.b, 2)} - {s.rate:g}"
                             rf" \cdot ({fixed(s.db, 4)}) = {fixed(s.b_new, 4)}")


def step_lower(rng, settings) -> object:
    """From the page's start point with a drawn α (any of the page's rates): is J lower after one step?"""
    rate = lesson.LEARNING_RATES[int(rng.integers(0, len(lesson.LEARNING_RATES)))]
    s = lesson.take_step(settings["X"], settings["Y"], settings["w0"], settings["b0"], rate, settings["loss"])
    lower = s.cost_new < s.cost
    return choice("descent_lower", {"rate": f"{rate:g}", "w0": fixed(s.w, 1), "b0": fixed(s.b, 1)},
                  "yes" if lower else "no", ("yes", "no"),
                  rf"J({fixed(s.w, 2)}, {fixed(s.b, 2)}) = {fixed(s.cost, 4)} \to "
                  rf"J({fixed(s.w_new, 3)}, {fixed(s.b_new, 3)}) = {s.cost_new:.4g}")


KINDS = (verdict, step_w, step_b, step_lower)  # the first asks about the page's own result
