"""The results as a terminal table, Markdown, JSON and a log-scale PNG bar chart (the files written
atomically: under a temporary name, then renamed, :mod:`lassofast._atomic`)."""
import json
import math

from .._atomic import atomic_path, write_text_atomic
from .solvers import SOLVERS, TARGET
from .verify import REFERENCE_TIGHTENING, ROUNDING_SLACK
from .worker import short_run_rule

__all__ = [
    "COLUMNS", "FOOTNOTE", "row", "block_title", "format_text", "summary_rows", "format_summary",
    "format_markdown", "write_json", "write_markdown", "plot"
]

COLUMNS = ("rank", "solver", "time (s)", "× lassofast", "accuracy", "gap/target", "excess/target",
           "nnz", "iterations", "notes")

FOOTNOTE = (f"Every solver is asked for duality gap ≤ {TARGET:g}·||y||²/(2n) at every α (with an "
            f"intercept: of centred y and X, at the best intercept for w). accuracy: 'ok' when P(w) "
            f"minus the best dual objective — of any solver, or the reference dual (lassofast's path "
            f"solved {1 / REFERENCE_TIGHTENING:g}× tighter, after the run) — is ≤ {ROUNDING_SLACK:g}× "
            f"that target at every α; 'INACCURATE' solvers are not ranked. "
            f"gap/target: the solver's own duality gap recomputed from w (worst α); excess/target: "
            f"P(w) above the best primal objective any solver reached (worst α). Time: best of the "
            f"repeats, set-up and warm-up excluded. Passes/α: lassofast's time over 100 × one Xᵀr. "
            f"XᵀX floor (dense X with n > p): one X.T @ X, timed in the same run and as the solvers' runs are.")


def _num(value, fmt="{:.3g}"):
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else fmt.format(value)


def row(result):
    """One result as the table's cells (strings), in COLUMNS order.

    Parameters
    ----------
    result : dict
        One solver's result in a block.

    Returns
    -------
    list of str
        The cells.
    """
    check = result.get("verification", {})
    status = result["status"]
    accuracy = {"ok": "ok", "inaccurate": "INACCURATE"}.get(status, status)
    iters = result.get("n_iter")
    unit = SOLVERS[result["solver"]].iter_unit if result["solver"] in SOLVERS else ""
    notes = []
    if result.get("warmup") is not None and result["warmup"] >= 0.1:
        notes.append(f"warm-up {result['warmup']:.2g} s excluded")
    notes += result.get("warnings", [])[:1]
    if result.get("message"):
        notes.append(result["message"])
    return (str(result.get("rank", "—")), result["solver"], _num(result.get("time")),
            _num(result.get("ratio"), "{:.2f}"), accuracy, _num(check.get("gap")),
            _num(check.get("excess")), _num(result.get("nnz_last"), "{:d}"),
            "—" if iters is None else f"{iters} {unit}".strip(), "; ".join(notes))


def block_title(block):
    """The block's heading: problem, ε, grid size, the time of one pass over X and lassofast's passes.

    Parameters
    ----------
    block : dict
        One (problem, ε) block of the runner's results.

    Returns
    -------
    str
        The heading.
    """
    passes = block.get("lassofast_passes_per_alpha")
    title = (f"{block['description']} — ε={block['eps']:g}, {block['n_alphas']} α; "
             f"one pass over X (Xᵀr): {block['pass_time'] * 1e3:.3g} ms; "
             f"lassofast: {_num(passes, '{:.1f}')} passes/α")
    if block.get("gram_time") is not None:
        title += (f"; XᵀX floor (one X.T @ X): {block['gram_time'] * 1e3:.3g} ms, lassofast "
                  f"{_num(block.get('lassofast_over_gram'), '{:.2f}')}× it")
    return title


def _sorted_results(block):
    # ranked (verified) solvers first by time, then the flagged and the rest in run order
    return sorted(block["results"], key=lambda r: (r.get("rank") is None, r.get("rank") or 0))


def format_text(block):
    """The terminal table for one (problem, ε) block.

    Parameters
    ----------
    block : dict
        One (problem, ε) block of the runner's results.

    Returns
    -------
    str
        The table.
    """
    rows = [COLUMNS] + [row(r) for r in _sorted_results(block)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS) - 1)]
    lines = [block_title(block)]
    for cells in rows:
        lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths)) + "  " + cells[-1])
    return "\n".join(line.rstrip() for line in lines)


def _md_escape(text):
    return text.replace("|", "\\|")


def _cell(result):
    """A summary cell: the time of a verified run, else what happened (timeout, INACCURATE, n/a, ...)."""
    if result["status"] == "ok":
        return _num(result["time"])
    if result["status"] == "inaccurate":
        return f"{_num(result['time'])} INACCURATE"
    return result["status"]


def summary_rows(blocks):
    """One row per (problem, ε): each solver's verified time, lassofast's passes over X per α, the
    XᵀX floor (time of one X.T @ X where X is dense with n > p) and lassofast's time over it, and its
    speed-up over the fastest verified other solver (> 1: lassofast is faster).

    Parameters
    ----------
    blocks : list of dict
        The runner's (problem, ε) blocks.

    Returns
    -------
    list of tuple of str
        The header row, then one row per block.
    """
    solvers = list(dict.fromkeys(r["solver"] for block in blocks for r in block["results"]))
    head = ("problem", "ε", *solvers, "lassofast passes/α", "XᵀX floor", "lassofast / floor",
            "fastest other", "its time / lassofast's")
    rows = [head]
    for block in blocks:
        by_solver = {r["solver"]: r for r in block["results"]}
        ours = by_solver.get("lassofast")
        others = [r for r in block["results"] if r["solver"] != "lassofast" and r["status"] == "ok"]
        best = min(others, key=lambda r: r["time"], default=None)
        speedup = (best["time"] / ours["time"] if best and ours and ours["status"] == "ok" else None)
        rows.append((block["problem"], f"{block['eps']:g}",
                     *(_cell(by_solver[name]) if name in by_solver else "—" for name in solvers),
                     _num(block.get("lassofast_passes_per_alpha"), "{:.1f}"),
                     _num(block.get("gram_time")), _num(block.get("lassofast_over_gram"), "{:.2f}"),
                     best["solver"] if best else "—", _num(speedup, "{:.2f}")))
    return rows


def format_summary(blocks):
    """The summary as a Markdown table (times in seconds).

    Parameters
    ----------
    blocks : list of dict
        The runner's (problem, ε) blocks.

    Returns
    -------
    str
        The Markdown table.
    """
    rows = summary_rows(blocks)
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(_md_escape(c) for c in cells) + " |" for cells in rows[1:]]
    return "\n".join(lines)


def format_markdown(blocks, meta):
    """The whole report as Markdown: the command and machine, the summary, one table per block.

    Parameters
    ----------
    blocks : list of dict
        The runner's (problem, ε) blocks.
    meta : dict
        The run's command, date, machine, threads, repeats and time cap.

    Returns
    -------
    str
        The Markdown text.
    """
    lines = ["# lassofast bench", "", f"Command: `{meta['command']}`  ", f"Date: {meta['date']}  ",
             f"Machine: {meta['machine']} (load average {_num(meta.get('load_average_at_start'), '{:.1f}')} "
             f"at start); {meta['threads']} thread(s) per solver, best of {meta['repeats']} "
             f"({short_run_rule()}), "
             f"time cap {meta['timeout']:g} s per run.", "", "## Summary (time in seconds)", "",
             format_summary(blocks), ""]
    for block in blocks:
        lines += [f"## {block_title(block)}", "", "| " + " | ".join(COLUMNS) + " |",
                  "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(_md_escape(c) for c in row(r)) + " |" for r in _sorted_results(block)]
        lines.append("")
    lines.append(FOOTNOTE)
    return "\n".join(lines) + "\n"


def write_json(path, blocks, meta):
    """Write ``{"meta": meta, "problems": blocks}`` as JSON to ``path``.

    Parameters
    ----------
    path : str or path-like
        The file.
    blocks : list of dict
        The runner's (problem, ε) blocks.
    meta : dict
        The run's description.
    """
    with atomic_path(path) as part, open(part, "w") as fh:
        json.dump({"meta": meta, "problems": blocks}, fh, indent=1, default=_jsonable)


def write_markdown(path, blocks, meta):
    """Write :func:`format_markdown` to ``path`` (UTF-8).

    Parameters
    ----------
    path : str or path-like
        The file.
    blocks : list of dict
        The runner's (problem, ε) blocks.
    meta : dict
        The run's description.
    """
    write_text_atomic(path, format_markdown(blocks, meta))


def _jsonable(value):
    if hasattr(value, "item"):   # NumPy scalars
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def plot(path, blocks, timeout):
    """Bars of time per solver, one panel per ε, grouped by problem, on a log scale.

    Parameters
    ----------
    path : str or path-like
        The PNG file.
    blocks : list of dict
        The runner's (problem, ε) blocks.
    timeout : float
        The time cap (timeouts are drawn at it).
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def shown(result):
        return result["time"] is not None or result["status"] == "timeout"

    eps_values = sorted({b["eps"] for b in blocks}, reverse=True)
    names = list(dict.fromkeys(b["problem"] for b in blocks))
    solvers = [s for s in SOLVERS if any(r["solver"] == s and shown(r) for b in blocks for r in b["results"])]
    colours = {name: plt.cm.tab10(i % 10) for i, name in enumerate(SOLVERS)}
    slot = len(solvers) + 1
    fig, axes = plt.subplots(1, len(eps_values), sharey=True, squeeze=False,
                             figsize=(4.5 * len(eps_values) + 1.5, 1.5 + 0.16 * slot * len(names)))
    for ax, eps in zip(axes[0], eps_values):
        for block in (b for b in blocks if b["eps"] == eps):
            for result in filter(shown, block["results"]):
                pos = names.index(block["problem"]) * slot + solvers.index(result["solver"])
                timed_out, flagged = result["status"] == "timeout", result["status"] != "ok"
                width = timeout if timed_out else result["time"]
                ax.barh(pos, width, color=colours[result["solver"]], alpha=0.35 if flagged else 1.0,
                        hatch="//" if flagged else None, edgecolor="black" if flagged else None)
                if flagged:
                    ax.text(width, pos, " timeout" if timed_out else " inaccurate", va="center", fontsize=6)
        ax.set_xscale("log")
        ax.set_title(f"ε = {eps:g}", fontsize=10)
        ax.set_xlabel("time for the whole path (s)")
    axes[0][0].set_yticks([i * slot + (len(solvers) - 1) / 2 for i in range(len(names))], names)
    axes[0][0].invert_yaxis()
    fig.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=colours[n]) for n in solvers], labels=solvers,
               loc="lower center", ncol=min(len(solvers), 8), fontsize=8)
    fig.suptitle("lassofast bench: certified lasso paths, 100 α (hatched: timeout or not verified)",
                 fontsize=10)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    with atomic_path(path) as part:
        fig.savefig(part, dpi=120, format="png")
    plt.close(fig)
