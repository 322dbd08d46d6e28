"""The cost-surface page's "reproduce this" script: NumPy only, data embedded, numbers printed."""

from core.snippets.literal import one_feature_header

COST_FUNCTION = '''
def cost(w, b, loss):
    """J(w, b) for every pair of the grid: w is (1, G, 1), b is (G, 1, 1), x and y broadcast over (1, 1, m)."""
    z = w * x + b  # (G, G, m) logits by broadcasting
    if loss == "cross_entropy":  # −y·log σ(z) − (1 − y)·log(1 − σ(z)), from z without overflow
        per_example = y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)
    else:  # ½(σ(z) − y)², with σ(z) = exp(−log(1 + e^(−z)))
        per_example = 0.5 * (np.exp(-np.logaddexp(0.0, -z)) - y) ** 2
    return per_example.mean(axis=-1)
'''


def surface_script(X, Y, loss: str, w_span: float, b_span: float, size: int) -> str:
    """A standalone script that recomputes the surface and prints its lowest grid point."""
    return "\n".join([
        one_feature_header("Logit Lab, cost surface: J(w, b) on a grid, recomputed with NumPy alone.", X, Y),
        COST_FUNCTION,
        f"loss = {loss!r}",
        f"ws = np.linspace({-float(w_span)!r}, {float(w_span)!r}, {int(size)})  # weights",
        f"bs = np.linspace({-float(b_span)!r}, {float(b_span)!r}, {int(size)})  # biases",
        "J = cost(ws[None, :, None], bs[:, None, None], loss)  # (len(bs), len(ws))",
        "i, j = np.unravel_index(np.argmin(J), J.shape)",
        'print(f"lowest on this grid: w = {float(ws[j])!r}, b = {float(bs[i])!r}, J = {float(J[i, j])!r}")',
        "",
    ])
