"""The broadcasting lab's "reproduce this" script: plain NumPy, the shapes on screen, printed results."""

from core.lessons.broadcasting import MATMUL, is_small

HEADER = '''"""Broadcasting lab, reproduced: the shapes from Logit Lab, checked by NumPy itself."""
import numpy as np

'''

ELEMENTWISE = '''shapes = {shapes}
op = {op_name}  # the operator on the page: {op}

# Rule 1: pad every shape on the left with 1s to the longest rank.
rank = max(len(s) for s in shapes)
padded = [(1,) * (rank - len(s)) + s for s in shapes]
print("padded:", padded)

# Rules 2-3: per axis, the size that is not 1 (all others must be 1 or equal to it).
try:
    print("result shape:", np.broadcast_shapes(*shapes))  # allocates nothing
except ValueError as err:
    print("error:", err)
'''

REAL_RUN = '''
# Small enough to really compute: operand k holds (1, 2, 3, ...) * 10**k.
arrays = [((np.arange(np.prod(s, dtype=int)) + 1) * 10**k).reshape(s) for k, s in enumerate(shapes)]
try:
    result = arrays[0]
    for a in arrays[1:]:
        result = op(result, a)
    print("real result shape:", result.shape)
    print(result)
except ValueError as err:
    print("real error:", err)
'''

MATMUL_SCRIPT = '''a_shape, b_shape = {a}, {b}
# Zero-stride views: shapes without memory for the operands (NumPy may still copy them for BLAS).
a = np.broadcast_to(0.0, a_shape)
b = np.broadcast_to(0.0, b_shape)
try:
    print("result shape:", np.matmul(a, b).shape)  # (n, k) @ (k, m) -> (n, m)
except ValueError as err:
    print("error:", err)
'''

OP_NAMES = {"+": "np.add", "-": "np.subtract", "*": "np.multiply", "/": "np.divide"}


def broadcasting_script(shapes, op: str = "+") -> str:
    """A standalone script that prints the result shape (or NumPy's error) for these shapes and op."""
    shapes = [tuple(int(n) for n in s) for s in shapes]
    if op == MATMUL:
        return HEADER + MATMUL_SCRIPT.format(a=shapes[0], b=shapes[1])
    body = ELEMENTWISE.format(shapes=shapes, op_name=OP_NAMES[op], op=op)
    return HEADER + body + (REAL_RUN if is_small(shapes) else "")
