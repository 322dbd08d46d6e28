"""The README's table of every link parameter, generated from ui/url_params.py: ``python -m ui.url_table``
prints it between its markers; tests/pages/test_url_schema.py checks the README holds exactly this."""

from ui.url_params import GLOBALS, PAGES, Param

TABLE_START, TABLE_END = "<!-- url-params:start -->", "<!-- url-params:end -->"  # README markers


def _allowed(param: Param) -> str:
    if param.kind in ("choice", "bool"):
        return " · ".join(f"`{c}`" for c in param.choices)
    if param.kind == "int":
        return f"whole number {param.shown(param.low)} … {param.shown(param.high)}"
    if param.kind == "float":
        return f"number {param.shown(param.low)} … {param.shown(param.high)}"
    return f"text, at most {param.max_len} characters"


def _row(page: str, param: Param) -> str:
    default = f"`{param.default}`" if param.default else "(empty)"
    extras = [f"at most {high} when {key}={value}" for key, value, high in param.high_when]
    extras += [param.note] if param.note else []
    extras += [f"shown when {key}={value}" for key, value in param.needs]
    extra = f" ({'; '.join(extras)})" if extras else ""
    return f"| {page} | `{param.key}` | {_allowed(param).replace('|', '&#124;')} | {default}{extra} |"


def markdown_table() -> str:
    """The README's table of every link parameter, generated from the schema."""
    rows = ["| Page | Parameter | Allowed values | Default |", "| --- | --- | --- | --- |"]
    rows += [_row("every page", param) for param in GLOBALS.values()]
    rows += [_row(f"/{slug}", param) for slug, params in PAGES.items() for param in params.values()]
    return "\n".join(rows)



if __name__ == "__main__":
    print(f"{TABLE_START}\n{markdown_table()}\n{TABLE_END}")
