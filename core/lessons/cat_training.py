"""Around training on the cat page (the training itself is core.neuron.trainer, its baselines
core.neuron.baseline): a training history as CSV.

Notation follows the course: X is (n_x, m), Y is (1, m).
"""


def history_csv(cost_steps, costs) -> str:
    """A training history as CSV text: iteration,cost (full precision, so it reads back exactly)."""
    lines = ["iteration,cost"]
    lines += [f"{int(step)},{float(cost)!r}" for step, cost in zip(cost_steps, costs, strict=True)]
    return "\n".join(lines) + "\n"
