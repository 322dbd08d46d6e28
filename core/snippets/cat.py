'''"Reproduce this" for the cat classifier: a standalone NumPy script that recomputes one prediction.

The photo's 64×64×3 model input is baked into the script (zlib + base64, standard library only);
the weights are read from the model file (a plain .npz, no pickles). The script prints
``name = value`` lines (repr floats) that a test compares with core.lessons.explain's numbers.
'''

import base64
import textwrap
import zlib

import numpy as np

from core.course import THRESHOLD

WRAP = 96  # characters per line of the embedded pixel string
ZLIB_LEVEL = 9  # smallest script


def pixels_literal(image: np.ndarray) -> str:
    """A (64, 64, 3) uint8 image as a wrapped base64 string of its zlib-compressed bytes."""
    packed = base64.b64encode(zlib.compress(np.ascontiguousarray(image, dtype=np.uint8).tobytes(), ZLIB_LEVEL))
    lines = textwrap.wrap(packed.decode("ascii"), WRAP)
    return "(\n" + "\n".join(f'    "{line}"' for line in lines) + "\n)"


def prediction_script(image: np.ndarray, model_path: str) -> str:
    """The script for p(cat), z and its parts for one model input ``image`` and the model at ``model_path``."""
    return f'''"""Logit Lab · Cat classifier: recompute this prediction with NumPy only.

Run it from the Logit Lab folder, or pass the model file: python this_script.py path/to/cat_model.npz
"""
import base64
import sys
import zlib

import numpy as np

MODEL = sys.argv[1] if len(sys.argv) > 1 else {model_path!r}
PIXELS = {pixels_literal(image)}  # the 64x64x3 model input (uint8), zlib-compressed, base64

image = np.frombuffer(zlib.decompress(base64.b64decode(PIXELS)), dtype=np.uint8).reshape(64, 64, 3)
x = image.reshape(1, -1).T / 255.0  # (12288, 1): the course's flatten, divided by 255
with np.load(MODEL, allow_pickle=False) as f:
    w, b = f["w"], float(f["b"])  # w: (12288, 1)

terms = (w * x).ravel()  # w_i * x_i, one per input value
z = float((w.T @ x)[0, 0] + b)
e = np.exp(-abs(z))  # stable sigmoid: the exponent is never positive
p = 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)
print("positive =", repr(float(terms[terms > 0].sum())))
print("negative =", repr(float(terms[terms < 0].sum())))
print("b =", repr(b))
print("z =", repr(z))
print("p_cat =", repr(float(p)))
print("label =", "cat" if p > {THRESHOLD!r} else "non-cat")
'''
