"""The gradient-descent page's "reproduce this" script: NumPy only, data embedded, path printed."""

from core.snippets.literal import one_feature_header

DESCENT_LOOP = '''
def cost_and_grads(w, b, loss):
    """J(w, b) and its derivatives dJ/dw, dJ/db over all m examples."""
    z = w * x + b
    a = np.exp(-np.logaddexp(0.0, -z))  # σ(z) without overflow
    if loss == "cross_entropy":
        cost = np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z))
        dz = a - y
    else:
        cost = np.mean(0.5 * (a - y) ** 2)
        dz = (a - y) * a * (1 - a)
    return cost, np.mean(dz * x), np.mean(dz)


for i in range(iterations + 1):
    cost, dw, db = cost_and_grads(w, b, loss)
    if i % report_every == 0 or i == iterations:
        print(f"iteration {i}: w = {float(w)!r}, b = {float(b)!r}, cost = {float(cost)!r}")
    if i < iterations:
        w, b = w - alpha * dw, b - alpha * db  # w := w − α·dJ/dw, b := b − α·dJ/db
'''
REPORT_LINES = 10  # the script prints about this many lines of the path


def descent_script(X, Y, w0: float, b0: float, rate: float, iterations: int, loss: str) -> str:
    """A standalone script that runs the same gradient descent and prints (w, b, cost) along the way."""
    return "\n".join([
        one_feature_header("Logit Lab, gradient descent on one feature, recomputed with NumPy alone.", X, Y),
        f"w, b = {float(w0)!r}, {float(b0)!r}  # start point",
        f"alpha = {float(rate)!r}  # learning rate",
        f"iterations = {int(iterations)}",
        f"loss = {loss!r}",
        f"report_every = {max(1, int(iterations) // REPORT_LINES)}",
        DESCENT_LOOP,
    ])
