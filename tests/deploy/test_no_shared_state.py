"""Replicas share nothing, and the code keeps it so: no module of the app writes to disk, keeps a
process-wide mutable container that functions change, or uses `global`; a cached function never
reads or writes a session's own state (a shared cache holding one student's data would follow
them nowhere after a reconnect to another replica, and leak to others on this one).

The shipped model is read from core/assets; uploads and a student's own model live in their
session (st.session_state). The only writer is the command-line trainer's model file
(core/neuron/model_file.py, used by `make model`), which the app never calls.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_FILES = sorted([ROOT / "app.py", *(ROOT / "core").rglob("*.py"), *(ROOT / "ui").rglob("*.py"),
                    *(ROOT / "pages").rglob("*.py")])
MODEL_WRITER = "core/neuron/model_file.py"
CLI_WRITERS = {MODEL_WRITER}  # writes the model file for `python -m core.train --out`; never the app
APP_SIDE = ("app.py", "ui/", "pages/")  # what the server runs per session
WRITER_FUNCTIONS = {"save_model"}  # the CLI writer's entry point, never called from the app side
MUTABLE_BUILDERS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "remove", "discard",
            "clear", "appendleft", "__setitem__"}
WRITE_METHODS = {"write_text", "write_bytes", "mkdir", "touch", "unlink", "rmdir", "symlink_to", "hardlink_to"}
WRITE_CALLS = {("np", "save"), ("np", "savez"), ("np", "savez_compressed"), ("np", "savetxt"), ("os", "makedirs"),
               ("os", "mkdir"), ("os", "remove"), ("os", "rename"), ("os", "replace"), ("shutil", "copy"),
               ("shutil", "copyfile"), ("shutil", "move"), ("shutil", "rmtree"), ("shutil", "copytree")}
WRITE_MODE_LETTERS = set("wax+")  # open() modes that write
CACHE_DECORATORS = {"cache_data", "cache_resource", "lru_cache", "cache"}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _mutable(value: ast.expr) -> bool:
    if isinstance(value, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp | ast.SetComp):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name in MUTABLE_BUILDERS
    return False


def _module_mutables(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) \
            else []
        if node_value := getattr(node, "value", None):
            names |= {t.id for t in targets if isinstance(t, ast.Name) and _mutable(node_value)}
    return names


def _root_name(node: ast.expr) -> str:
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _mutations(func: ast.AST, shared: set[str]) -> list[str]:
    found = []
    for node in ast.walk(func):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del) and \
                _root_name(node) in shared:
            found.append(f"line {node.lineno}: item assignment into module-level {_root_name(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in shared:
            found.append(f"line {node.lineno}: {node.func.value.id}.{node.func.attr}() on a module-level container")
    return found


def _open_mode(node: ast.Call) -> str:
    func = node.func
    position = 1 if isinstance(func, ast.Name) else 0  # open(path, mode) vs Path(...).open(mode)
    args = [kw.value for kw in node.keywords if kw.arg == "mode"] or node.args[position:position + 1]
    return args[0].value if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str) else "r"


def _memory_buffers(tree: ast.Module) -> set[str]:
    """Names bound to an in-memory file (io.BytesIO / StringIO): writing into them is not disk."""
    def in_memory(value) -> bool:
        func = value.func if isinstance(value, ast.Call) else None
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name in ("BytesIO", "StringIO")

    return {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign) and in_memory(node.value)
            for t in node.targets if isinstance(t, ast.Name)}


def _disk_writes(tree: ast.Module) -> list[str]:
    found, buffers = [], _memory_buffers(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
        if name == "open" and set(_open_mode(node)) & WRITE_MODE_LETTERS:
            found.append(f"line {node.lineno}: open(…, {_open_mode(node)!r})")
        elif isinstance(func, ast.Attribute) and (name in WRITE_METHODS or (owner, name) in WRITE_CALLS):
            first = node.args[0] if node.args else None
            if owner == "np" and isinstance(first, ast.Name) and first.id in buffers:
                continue  # np.savez into a BytesIO: bytes in memory (e.g. to hand to a worker process)
            found.append(f"line {node.lineno}: {owner + '.' if owner else ''}{name}()")
    return found


def _cached_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    def cache_decorator(dec: ast.expr) -> bool:
        target = dec.func if isinstance(dec, ast.Call) else dec
        return (target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")) in CACHE_DECORATORS

    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
            and any(cache_decorator(dec) for dec in node.decorator_list)]


def problems(source: str, rel: str) -> list[str]:
    """Everything in one module that would make a replica depend on state outside its sessions."""
    tree = ast.parse(source)
    found = [f"line {n.lineno}: global {', '.join(n.names)}" for n in ast.walk(tree) if isinstance(n, ast.Global)]
    shared = _module_mutables(tree)
    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        found += _mutations(func, shared)
    if rel not in CLI_WRITERS:
        found += _disk_writes(tree)
    for func in _cached_functions(tree):
        if any(isinstance(n, ast.Attribute) and n.attr == "session_state" for n in ast.walk(func)):
            found.append(f"line {func.lineno}: cached {func.name}() touches st.session_state")
    if rel.startswith(APP_SIDE):
        found += [f"line {n.lineno}: calls {n.id}" for n in ast.walk(tree)
                  if isinstance(n, ast.Name) and n.id in WRITER_FUNCTIONS]
    return found


@pytest.mark.parametrize("path", APP_FILES, ids=_rel)
def test_module_keeps_no_state_outside_the_session(path):
    assert problems(path.read_text(encoding="utf-8"), _rel(path)) == []


def test_the_shipped_model_is_read_only_data_inside_the_app():
    assert (ROOT / "core" / "assets" / "cat_model.npz").is_file()
    assert problems((ROOT / MODEL_WRITER).read_text(), MODEL_WRITER) == []  # allowed writer, else clean
    assert _disk_writes(ast.parse((ROOT / MODEL_WRITER).read_text()))  # …and it does write: the CLI's file


@pytest.mark.parametrize(("source", "what"), [
    ("COUNT = 0\ndef f():\n    global COUNT\n    COUNT += 1\n", "global COUNT"),
    ("_SEEN = {}\ndef remember(sid, x):\n    _SEEN[sid] = x\n", "item assignment into module-level _SEEN"),
    ("from collections import defaultdict\nLOG = defaultdict(list)\ndef f(k):\n    LOG.setdefault(k, [])\n",
     "LOG.setdefault()"),
    ("from pathlib import Path\ndef f(b):\n    Path('/tmp/u.png').write_bytes(b)\n", "write_bytes()"),
    ("def f(b):\n    with open('/tmp/u.png', 'wb') as fh:\n        fh.write(b)\n", "open(…, 'wb')"),
    ("import numpy as np\ndef f(w):\n    np.save('w.npy', w)\n", "np.save()"),
    ("import streamlit as st\n@st.cache_data\ndef f(x):\n    return st.session_state[x]\n", "touches st.session_state"),
])
def test_the_scan_catches_shared_state(source, what):
    assert any(what in problem for problem in problems(source, "ui/example.py"))


def test_the_scan_leaves_reading_local_containers_and_memory_buffers_alone():
    source = ("import io\nfrom pathlib import Path\nimport numpy as np\nLIMITS = {'a': 1}\n"
              "def f(p):\n    seen = {}\n    seen['x'] = LIMITS['a']\n"
              "    buf = io.BytesIO()\n    np.savez(buf, a=1)\n"
              "    with Path(p).open('rb') as fh:\n        return fh.read(), seen, buf.getvalue()\n")
    assert problems(source, "ui/example.py") == []
