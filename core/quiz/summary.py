"""A student's quiz summary as CSV: one row per checked answer, safe to open in a spreadsheet."""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet reads a cell starting so as a formula
CSV_HEADER = ("page", "question", "your_answer", "right_answer", "verdict")


def _cell(value) -> str:
    """A cell as text; typed text that a spreadsheet would run as a formula is prefixed with '."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def summary_csv(rows: list[dict]) -> str:
    """CSV text with CSV_HEADER; each row a dict with those keys (untrusted values are defused)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([_cell(row[key]) for key in CSV_HEADER])
    return out.getvalue()
