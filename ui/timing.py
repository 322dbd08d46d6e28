"""How a measured time is shown: best run, its spread (best–median, how many runs) and the conditions."""

from core.timing import Machine, Timing, format_duration
from ui.i18n import t


def spread_text(timing: Timing) -> str:
    """"best of 7 runs: 14.2 µs · median 15.1 µs" in the current language."""
    return t("timing.spread", repeats=timing.repeats, best=format_duration(timing.best_s),
             median=format_duration(timing.median_s))


def conditions_text(machine: Machine) -> str:
    """Where and under what load a timing was taken: CPU cores, architecture, Python, NumPy and its threads, load."""
    params = {"cpus": machine.cpus, "arch": machine.arch, "python": machine.python, "numpy": machine.numpy,
              "threads": machine.threads}
    if machine.load is None:
        return t("timing.conditions_no_load", **params)
    return t("timing.conditions", load=f"{machine.load:.1f}", **params)
