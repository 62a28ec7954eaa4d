"""Time the book's HTML build per language: cold, no-op rebuild, and rebuild after one page changed.

For a translated edition it also times the rebuild after one message of that page's catalog
changed, as a translator changes it (:func:`edit_message`): the status page, which depends on
every catalog, is read again too.

Usage: ``python benchmarks/build_bench.py [--page kubernetes/dra] [--langs en zh_CN] [--runs 2]
[--before REF] [--side-by-side]``.

The sources of the last commit (``book/``, ``locales/``, ``examples/``, ``src/``) are first
extracted into a temporary folder, so edits made in the checkout (committed or not) while the
benchmark runs do not change what is measured.
Each figure is one ``sphinx-build`` run as ``make html-<lang>`` runs it. Each cold build
(``--cold-runs``, two by default) is into a fresh build folder, the notebook cache included, so it
executes every notebook; the rebuilds run in the first one's folder and reuse its cache. Wall-clock seconds are printed with the CPU seconds of the build process (user +
system), which a machine shared with other jobs disturbs much less; the targets of issue 18 are
compared on wall-clock time and, for zh_CN against en, as a ratio taken in the same run.
The no-op and one-page rebuilds of all languages (and of both commits, with ``--before``) take
turns run by run, so that the ratios between them are taken under the same conditions.
``--before REF`` also times commit *REF* the same way and prints after/before ratios. Each build runs the extensions of its own sources
(``src/`` first on ``PYTHONPATH``; before 6 December 2026 the builds ran the checkout's
editable install whatever the sources). ``--side-by-side`` also times a cold build of every
language the way ``make html`` did (one language after the other, one shared notebook cache) against the way it does now (``--jobs``
languages at a time, one shared notebook cache locked by ``book_tools.ext.notebook_cache``), each
in a fresh folder, in the same run (``--side-runs`` of each, two by default, taking turns in ABBA
order; the means are compared), and, when the per-language figures ran too, against the sum
of each language's own cold build above (fresh folder, its own notebook cache: the way issue 18
counted "the serial sum"), and with ``--before`` against *REF*'s side-by-side build;
``--skip-rebuilds`` leaves out the per-language figures.
"""

from __future__ import annotations

import argparse
import os
import queue
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from book_tools.languages import discover

COPIED = ("book", "locales", "examples", "src")
TARGET_ONE_PAGE = 3.0
TARGET_NOOP = 1.5
TARGET_ZH_RATIO = 1.2
TARGET_SIDE_BY_SIDE = 0.6


@dataclass(frozen=True)
class Timing:
    """One build: wall-clock and CPU seconds."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:6.2f} ({self.cpu:5.2f})"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(source: Path, lang: str, out: Path, cache: Path | None = None) -> list[str]:
    """The ``sphinx-build`` command line of ``make html-<lang>`` for *source* into *out*.

    The notebook cache is *cache*, or ``out/.jupyter_cache``.
    """
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-D",
        f"language={lang}",
        "-D",
        f"nb_execution_cache_path={cache or out / '.jupyter_cache'}",
        "-d",
        str(out / "doctrees" / lang),
        str(source / "book"),
        str(out / "html" / lang),
    ]


def environment(source: Path) -> dict[str, str]:
    """The build's environment: the extensions of *source* (its ``src/`` ahead of the checkout's
    editable install), reproducible time stamps, Python warnings off."""
    epoch = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], check=False, capture_output=True, text=True, cwd=REPO
    ).stdout.strip()
    return dict(
        os.environ,
        PYTHONPATH=str(source / "src"),
        PYTHONWARNINGS="ignore",
        SOURCE_DATE_EPOCH=epoch or "0",
    )


def build(source: Path, lang: str, out: Path, cache: Path | None = None) -> Timing:
    """Run one HTML build of *lang*; return its wall-clock and CPU seconds."""
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        command(source, lang, out, cache),
        check=False,
        capture_output=True,
        cwd=source,
        env=environment(source),
    )
    if result.returncode:
        raise SystemExit(
            f"the {lang} build of {source} failed:\n{result.stderr.decode(errors='replace')}"
        )
    return Timing(time.perf_counter() - start, _children_cpu() - cpu)


def serial(source: Path, langs: list[str], out: Path) -> Timing:
    """Cold-build every language one after the other into one notebook cache (the old way)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    for lang in langs:
        build(source, lang, out / lang, out / ".jupyter_cache")
    return Timing(time.perf_counter() - start, _children_cpu() - cpu)


def side_by_side(source: Path, langs: list[str], out: Path, jobs: int) -> Timing:
    """Cold-build every language, *jobs* at a time, into one notebook cache (``make html``)."""
    todo: queue.Queue[str] = queue.Queue()
    for lang in langs:
        todo.put(lang)
    failures: list[str] = []

    def worker() -> None:
        while True:
            try:
                lang = todo.get_nowait()
            except queue.Empty:
                return
            result = subprocess.run(
                command(source, lang, out / lang, out / ".jupyter_cache"),
                check=False,
                capture_output=True,
                cwd=source,
                env=environment(source),
            )
            if result.returncode:
                failures.append(f"{lang}: {result.stderr.decode(errors='replace')}")

    cpu = _children_cpu()
    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit("side-by-side build failed:\n" + "\n".join(failures))
    return Timing(time.perf_counter() - start, _children_cpu() - cpu)


def touch(path: Path) -> None:
    """Mark *path* as changed for Sphinx (a newer modification time, same content)."""
    now = time.time()
    os.utime(path, (now, now))


MARK = "\u00b7"
"""What :func:`edit_message` appends to a translation and takes away again."""


def edit_message(po: Path) -> None:
    """Change one translation of the catalog *po* the way a translator would: the first
    one-line ``msgstr`` of a message gets :data:`MARK` at its end, or loses it if it has it."""
    lines = po.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        if number > 0 and line.startswith('msgstr "') and line != 'msgstr ""':
            if lines[number - 1].startswith('msgid ""'):
                continue  # the header, or a message that spans lines
            if number + 1 < len(lines) and lines[number + 1].startswith('"'):
                continue
            text = line[len('msgstr "') : -1]
            text = text[: -len(MARK)] if text.endswith(MARK) else text + MARK
            lines[number] = f'msgstr "{text}"'
            po.write_text("\n".join(lines), encoding="utf-8")
            return
    raise SystemExit(f"{po}: no one-line translation to edit")


def snapshot(tmp: Path, worktree: bool = False, ref: str = "HEAD", name: str = "src-copy") -> Path:
    """The sources of commit *ref* (``git archive``) or the checkout's, copied into *tmp*, with
    their modules byte-compiled (:func:`byte_compile`)."""
    root = tmp / name
    if worktree:
        for folder in COPIED:
            shutil.copytree(
                REPO / folder,
                root / folder,
                symlinks=True,
                ignore=shutil.ignore_patterns("__pycache__", ".jupyter_cache", "examples"),
            )
    else:
        root.mkdir()
        archive = subprocess.run(
            ["git", "archive", "--format=tar", ref, *COPIED],
            check=True,
            capture_output=True,
            cwd=REPO,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    byte_compile(root / "src")
    return root


def byte_compile(src: Path) -> None:
    """Byte-compile the modules under *src*, as ``make html`` does before its first build (the
    Makefile's ``$(BYTECODE)`` since 7 December 2026). Where ``PYTHONDONTWRITEBYTECODE`` is set,
    as on this machine, a build would otherwise compile the book's modules from source every
    time. Both commits of ``--before`` are compiled alike, whatever their Makefile did."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True)


def in_turn[T](items: list[T], run: int) -> list[T]:
    """*items* in the order of round *run*: as given in even rounds, reversed in odd ones (ABBA
    over two rounds), so that a machine that speeds up or slows down weighs on each alike."""
    return items if run % 2 == 0 else items[::-1]


def ok(flag: bool) -> str:
    """``ok`` or ``OVER``."""
    return "ok" if flag else "OVER"


def main() -> int:
    """Print cold / no-op / one-page rebuild times for each language, with the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="kubernetes/dra", help="docname to touch")
    parser.add_argument("--langs", nargs="*", help="languages (default: all)")
    parser.add_argument("--runs", type=int, default=2, help="no-op and one-page runs")
    parser.add_argument("--cold-runs", type=int, default=2, help="cold builds of each language")
    parser.add_argument("--side-by-side", action="store_true")
    parser.add_argument("--jobs", type=int, default=2, help="languages at a time, side by side")
    parser.add_argument(
        "--side-runs", type=int, default=2, help="builds of each way, with --side-by-side"
    )
    parser.add_argument("--skip-rebuilds", action="store_true", help="only --side-by-side")
    parser.add_argument(
        "--worktree", action="store_true", help="copy the checkout as it is, not the last commit"
    )
    parser.add_argument(
        "--before",
        metavar="REF",
        help="also time commit REF, alternating with the last commit run by run (no-op and "
        "one page), and print after/before ratios",
    )
    args = parser.parse_args()
    langs = args.langs or [lang.code for lang in discover(REPO / "locales")]
    results: dict[str, dict[str, list[Timing]]] = {}
    before: dict[str, dict[str, list[Timing]]] = {}
    with tempfile.TemporaryDirectory(prefix="build-bench-") as name:
        tmp = Path(name)
        source = snapshot(tmp, worktree=args.worktree)
        sides = [("after", source, results)]
        if args.before:
            old_source = snapshot(tmp, ref=args.before, name="src-before")
            sides.append(("before", old_source, before))
        print("seconds: wall-clock (CPU of the build process); sources in", source)
        if args.before:
            print(f"before: {args.before}, sources in {old_source}; runs alternate")
        print(
            f"{'language':<16} {'cold':>33}  {'no-op':>33}  {'one page':>33}  {'one message':>33}"
        )
        measured = [] if args.skip_rebuilds else langs
        # every language and side takes turns, run by run (the order reversed every other run),
        # so that a machine that speeds up or slows down during the benchmark weighs on every
        # language alike and the ratios between them stay fair: the cold builds (each into a
        # fresh folder; the first one's folder is where the rebuilds run) and the rebuilds
        turns = [(lang, side) for lang in measured for side in sides]
        for lang, (_side, _root, store) in turns:
            store[lang] = {"cold": [], "noop": [], "one": [], "message": []}
        for run in range(args.cold_runs):
            for lang, (_side, root, store) in in_turn(turns, run):
                out = tmp / ("serial" if run == 0 else f"cold-{run}") / _side / lang
                store[lang]["cold"].append(build(root, lang, out))
                if run:
                    shutil.rmtree(out)
        for kind in ("noop", "one", "message"):
            for run in range(args.runs):
                for lang, (_side, root, store) in in_turn(turns, run):
                    if kind == "one":
                        touch(root / "book" / f"{args.page}.md")
                    if kind == "message":
                        if lang == "en":
                            continue  # a translator's edit: the translated editions only
                        edit_message(root / "locales" / lang / "LC_MESSAGES" / f"{args.page}.po")
                    store[lang][kind].append(build(root, lang, tmp / "serial" / _side / lang))
        for lang in measured:
            for side, _root, store in sides:
                figures = store[lang]
                label = f"{lang} {side}" if args.before else lang
                print(
                    f"{label:<16} {', '.join(map(str, figures['cold'])):>33}  "
                    f"{', '.join(map(str, figures['noop'])):>33}  "
                    f"{', '.join(map(str, figures['one'])):>33}  "
                    f"{', '.join(map(str, figures['message'])) or '-':>33}",
                    flush=True,
                )
        print()
        for lang, figures in results.items():
            noop = max(t.wall for t in figures["noop"])
            one = max(t.wall for t in figures["one"])
            line = (
                f"{lang}: no-op {noop:.2f} s (target <= {TARGET_NOOP}: {ok(noop <= TARGET_NOOP)}); "
                f"one page {one:.2f} s (target <= {TARGET_ONE_PAGE}: {ok(one <= TARGET_ONE_PAGE)})"
            )
            if figures["message"]:
                message = max(t.wall for t in figures["message"])
                line += (
                    f"; one message {message:.2f} s "
                    f"(target <= {TARGET_ONE_PAGE}: {ok(message <= TARGET_ONE_PAGE)})"
                )
            print(line)
        if "en" in results:
            for lang in (code for code in results if code != "en"):
                for kind, label in (("one", "one-page rebuild"), ("cold", "cold build")):
                    wall = _mean(results[lang][kind], "wall") / _mean(results["en"][kind], "wall")
                    cpu = _mean(results[lang][kind], "cpu") / _mean(results["en"][kind], "cpu")
                    print(
                        f"{lang}/en {label}: {wall:.2f}x wall, {cpu:.2f}x CPU "
                        f"(target <= {TARGET_ZH_RATIO}x: {ok(wall <= TARGET_ZH_RATIO)})"
                    )
        for lang in before:
            kinds = [("cold", "cold"), ("noop", "no-op"), ("one", "one page")]
            if results[lang]["message"] and before[lang]["message"]:
                kinds.append(("message", "one message"))
            for kind, label in kinds:
                wall = _mean(results[lang][kind], "wall") / _mean(before[lang][kind], "wall")
                cpu = _mean(results[lang][kind], "cpu") / _mean(before[lang][kind], "cpu")
                print(f"{lang} {label}, after/before: {wall:.2f}x wall, {cpu:.2f}x CPU")
        if args.side_by_side:
            # the two ways take turns too (ABBA: one after the other, side by side, side by
            # side, one after the other, ...), each into a fresh folder, and the means are
            # compared: a machine that slows down during the minutes they take weighs on both
            olds: list[Timing] = []
            news: list[Timing] = []
            ways: dict[str, tuple[list[Timing], Callable[[Path], Timing]]] = {
                "serial": (olds, lambda out: serial(source, langs, out)),
                "side": (news, lambda out: side_by_side(source, langs, out, args.jobs)),
            }
            for run in range(args.side_runs):
                for way in in_turn(list(ways), run):
                    store, build_all = ways[way]
                    out = tmp / f"{way}-{run}"
                    store.append(build_all(out))
                    shutil.rmtree(out)
            old = Timing(_mean(olds, "wall"), _mean(olds, "cpu"))
            new = Timing(_mean(news, "wall"), _mean(news, "cpu"))
            print(
                "cold, all languages one after the other (old make html): "
                f"{', '.join(map(str, olds))}; mean {old}",
                flush=True,
            )
            print(
                f"cold, all languages {args.jobs} at a time (make html): "
                f"{', '.join(map(str, news))}; mean {new}"
            )
            ratio = new.wall / old.wall
            print(
                f"side by side / one after the other: {ratio:.2f}x wall, {new.cpu / old.cpu:.2f}x CPU "
                f"(target <= {TARGET_SIDE_BY_SIDE}x: {ok(ratio <= TARGET_SIDE_BY_SIDE)})"
            )
            if args.before:
                try:
                    prev = side_by_side(old_source, langs, tmp / "side-by-side-before", args.jobs)
                except SystemExit as failed:  # commits before the notebook lock could crash
                    first = str(failed).splitlines()[:2]
                    print(f"{args.before} could not build side by side: {' '.join(first)}")
                else:
                    print(f"cold, all languages {args.jobs} at a time, {args.before}: {prev}")
                    print(
                        f"side by side, after/before: {new.wall / prev.wall:.2f}x wall, "
                        f"{new.cpu / prev.cpu:.2f}x CPU"
                    )
            if set(langs) <= results.keys():
                # the issue's own measure: against the sum of each language's cold build in a
                # fresh folder, notebooks executed by each (the way the issue was filed)
                alone = sum(_mean(results[lang]["cold"], "wall") for lang in langs)
                ratio = new.wall / alone
                print(
                    f"side by side / sum of the cold builds above, mean of each ({alone:.2f} s): {ratio:.2f}x wall "
                    f"(target <= {TARGET_SIDE_BY_SIDE}x: {ok(ratio <= TARGET_SIDE_BY_SIDE)})"
                )
    return 0


def _mean(timings: list[Timing], field: str) -> float:
    return sum(getattr(t, field) for t in timings) / len(timings)


if __name__ == "__main__":
    sys.exit(main())
