"""Data baked into a reproduce script: the one way every snippet writes an array."""

import textwrap

import numpy as np

WRAP = 96  # characters per line of an embedded array literal (100 with its indent)


def array_literal(values) -> str:
    """A NumPy array literal holding ``values`` exactly (repr floats), wrapped for reading."""
    body = ", ".join(repr(float(v)) for v in np.ravel(values))
    return "np.array([\n" + textwrap.indent(textwrap.fill(body, WRAP), "    ") + "\n])"


def one_feature_header(title: str, X, Y) -> str:
    """A one-feature script's first lines: its docstring ``title``, the NumPy import and the data set."""
    return f'"""{title}"""\nimport numpy as np\n\n' + one_feature_data(X, Y)


def one_feature_data(X, Y) -> str:
    """The lines ``x = np.array([...])`` and ``y = np.array([...])`` of a one-feature data set, commented."""
    return (f"# the single feature of each example (m values)\nx = {array_literal(X)}\n"
            f"# labels: 1 = cat, 0 = non-cat\ny = {array_literal(Y)}")
