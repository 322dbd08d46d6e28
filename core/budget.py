"""How much work one training run a student starts may cost on a shared server.

The cost of gradient descent is counted as the textbook loop's multiply-adds, m × n_x per step, so a
run costs m × n_x × iterations. ``core.neuron.descent.train`` never does more than that: it switches to the
Gram trainer only when building XᵀX (n_x × m² once) is cheaper than the loop. Runs above
TRAINING_BUDGET are refused with a sentence that says what fits instead.
"""

from core.errors import LogitLabError

# m·n_x·iterations of one run: the course's 209·12288·2000 ≈ 5.1·10⁹ is a quarter of it, and a
# run at the budget takes about 8 s of the textbook loop on this project's 2-core server.
TRAINING_BUDGET = 20_000_000_000


SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
SHOWN_DIGITS = 2  # significant digits of a cost in a message


def scientific(count: int) -> str:
    """A large count the way the lessons write it: 2.5·10⁸, 2·10¹⁰ (two significant digits)."""
    mantissa, exponent = f"{count:.{SHOWN_DIGITS - 1}e}".split("e")
    return f"{float(mantissa):g}·10{str(int(exponent)).translate(SUPERSCRIPTS)}"


def training_cost(m: int, n_x: int, iterations: int) -> int:
    """m × n_x × iterations, as an exact Python int."""
    return int(m) * int(n_x) * int(iterations)


def max_iterations(m: int, n_x: int) -> int:
    """The most iterations that fit in TRAINING_BUDGET for m examples of n_x features."""
    return TRAINING_BUDGET // max(1, int(m) * int(n_x))


def check_budget(m: int, n_x: int, iterations: int) -> None:
    """LogitLabError when m × n_x × iterations is above TRAINING_BUDGET."""
    cost = training_cost(m, n_x, iterations)
    if cost > TRAINING_BUDGET:
        raise LogitLabError(
            f"Training {m} photos of {n_x} values for {iterations} iterations costs {m} × {n_x} × {iterations} "
            f"= {scientific(cost)} multiply-adds, above this server's budget of {scientific(TRAINING_BUDGET)} per "
            f"run (TRAINING_BUDGET); at most {max_iterations(m, n_x)} iterations fit.",
            key="bounds.over_budget", m=m, n_x=n_x, iterations=iterations, cost=scientific(cost),
            budget=scientific(TRAINING_BUDGET), fit=max_iterations(m, n_x))
