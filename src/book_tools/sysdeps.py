"""The system packages a task of the book needs: which are missing, and installing them.

``python3 src/book_tools/sysdeps.py install --task html`` checks what ``make html`` needs and, when
something is missing, installs it with apt (as root, or through ``sudo`` that asks no password),
after saying what it installs; when it cannot, it stops at once with the one command to run. The
Makefile, ``.ci/run`` and the publishing workflow all call it, and it reads the packages from
``requirements/system-packages.ini``, the only list. ``check`` reports without installing and
``packages`` prints a task's package names.

It runs before ``.venv`` exists, with the machine's own ``python3``: Python 3.9 or newer, the
standard library only, nothing imported from the rest of the package.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "requirements" / "system-packages.ini"
TASKS = ("venv", "html", "pdf", "po", "test")
LIST_KEYS = ("tasks", "commands", "fonts", "tex-files", "python-modules")
KEYS = (*LIST_KEYS, "env")
WHAT = {
    "venv": "creating .venv",
    "html": "make html",
    "pdf": "make pdf",
    "po": "make check-po and make update-po",
    "test": "make test",
}


class DataError(Exception):
    """A mistake in the package list, located as ``file:line: message``."""


@dataclass(frozen=True)
class Package:
    """One Debian package and the checks that tell whether what it provides is present."""

    name: str
    line: int
    tasks: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()
    fonts: tuple[str, ...] = ()
    tex_files: tuple[str, ...] = ()
    python_modules: tuple[str, ...] = ()
    env: str = ""


@dataclass(frozen=True)
class Missing:
    """Something a task needs that is absent, and the package that provides it."""

    what: str
    package: str


def load(path: Path = DATA) -> list[Package]:
    """Read the package list (an INI-style file: ``[package]`` sections of ``key = a, b``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataError(f"{path}: cannot read the package list ({error.strerror})") from None
    sections: list[tuple[str, int, dict[str, tuple[int, str]]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = re.fullmatch(r"\[([a-z0-9][a-z0-9+.-]*)\]", line)
        if header:
            if any(name == header[1] for name, _, _ in sections):
                raise DataError(f"{path}:{number}: package {header[1]} is listed twice")
            sections.append((header[1], number, {}))
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not sections:
            raise DataError(f"{path}:{number}: expected [package] or key = value, got {line!r}")
        if key not in KEYS:
            raise DataError(f"{path}:{number}: {key}: unknown key (known: {', '.join(KEYS)})")
        fields = sections[-1][2]
        if key in fields:
            raise DataError(f"{path}:{number}: {key}: given twice for {sections[-1][0]}")
        fields[key] = (number, value.strip())
    return [_package(path, name, number, fields) for name, number, fields in sections]


def _package(path: Path, name: str, number: int, fields: dict[str, tuple[int, str]]) -> Package:
    lists: dict[str, tuple[str, ...]] = {}
    for key in LIST_KEYS:
        line, value = fields.get(key, (number, ""))
        items = tuple(item.strip() for item in value.split(",") if item.strip())
        if key in fields and not items:
            raise DataError(f"{path}:{line}: {key}: empty")
        lists[key] = items
    if not lists["tasks"]:
        raise DataError(f"{path}:{number}: tasks: missing for {name}")
    for task in lists["tasks"]:
        if task not in TASKS:
            line = fields["tasks"][0]
            raise DataError(
                f"{path}:{line}: tasks: unknown task {task!r} (known: {', '.join(TASKS)})"
            )
    if not any(lists[key] for key in LIST_KEYS if key != "tasks"):
        raise DataError(f"{path}:{number}: {name} has nothing to check (commands, fonts, ...)")
    env = fields.get("env", (number, ""))
    if env[1] and not lists["commands"]:
        raise DataError(f"{path}:{env[0]}: env: stands in for commands, and {name} has none")
    return Package(
        name=name,
        line=number,
        tasks=lists["tasks"],
        commands=lists["commands"],
        fonts=lists["fonts"],
        tex_files=lists["tex-files"],
        python_modules=lists["python-modules"],
        env=env[1],
    )


def for_tasks(packages: Sequence[Package], tasks: Sequence[str]) -> list[Package]:
    """The packages any of *tasks* needs, in the list's order."""
    return [package for package in packages if set(package.tasks) & set(tasks)]


@dataclass
class Machine:
    """What the checks look at. Tests give their own PATH, environment, root and sudo answers."""

    path: str | None = None
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    python: str = sys.executable
    is_root: Callable[[], bool] = lambda: os.geteuid() == 0
    can_sudo: Callable[[], bool] | None = None

    def which(self, command: str) -> str | None:
        """The program *command* on this machine's PATH."""
        return shutil.which(command, path=self.path)

    def succeeds(self, *args: str) -> bool:
        """Whether the program ``args[0]`` (looked up on PATH) exits with 0."""
        program = self.which(args[0]) if os.sep not in args[0] else args[0]
        if program is None:
            return False
        env = dict(self.environ)
        if self.path is not None:
            env["PATH"] = self.path
        try:
            result = subprocess.run(
                [program, *args[1:]],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                check=False,
                timeout=60,
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
        return result.returncode == 0

    def sudo_works(self) -> bool:
        """Whether ``sudo`` runs a command without asking for a password."""
        if self.can_sudo is not None:
            return self.can_sudo()
        return self.succeeds("sudo", "-n", "true")


def missing(packages: Sequence[Package], machine: Machine) -> list[Missing]:
    """What the packages provide that *machine* lacks, one entry per failed check."""
    found: list[Missing] = []
    for package in packages:
        stand_in = machine.environ.get(package.env, "") if package.env else ""
        if stand_in:
            if not (Path(stand_in).is_file() and os.access(stand_in, os.X_OK)):
                found.append(Missing(f"{package.env}={stand_in} (not an executable file)", ""))
            continue
        for command in package.commands:
            if machine.which(command) is None:
                found.append(Missing(f"command {command}", package.name))
        for family in package.fonts:
            if not machine.succeeds("fc-list", "-q", family):
                found.append(Missing(f"font {family}", package.name))
        for name in package.tex_files:
            if not machine.succeeds("kpsewhich", name):
                found.append(Missing(f"TeX file {name}", package.name))
        for module in package.python_modules:
            if not machine.succeeds(machine.python, "-c", f"import {module}"):
                found.append(Missing(f"Python module {module} ({machine.python})", package.name))
    return found


def to_install(absent: Sequence[Missing]) -> list[str]:
    """The packages to install for *absent*, each once, in the list's order."""
    names: list[str] = []
    for item in absent:
        if item.package and item.package not in names:
            names.append(item.package)
    return names


def apt_command(names: Sequence[str], prefix: Sequence[str] = ()) -> list[list[str]]:
    """The apt-get commands that install *names* without questions (as root or through sudo)."""
    run = [*prefix, "env", "DEBIAN_FRONTEND=noninteractive"] if prefix else []
    return [
        [*run, "apt-get", "update", "-q"],
        [*run, "apt-get", "install", "-y", "-q", "--no-install-recommends", *names],
    ]


def manual_command(names: Sequence[str], machine: Machine) -> str:
    """The one command a person without root runs to install *names*."""
    install = f"apt-get install --no-install-recommends {' '.join(names)}"
    if machine.which("sudo") is None:
        return f"su -c 'apt-get update && {install}'"
    return f"sudo apt-get update && sudo {install}"


def report(tasks: Sequence[str], absent: Sequence[Missing]) -> str:
    """What is missing, one line per check, under the tasks that need it."""
    lines = [f"{' and '.join(WHAT[task] for task in tasks)} needs what this machine lacks:"]
    for item in absent:
        lines.append(
            f"  {item.what}" + (f"  (Debian package {item.package})" if item.package else "")
        )
    return "\n".join(lines)


def run(
    tasks: Sequence[str],
    install: bool,
    machine: Machine,
    packages: Sequence[Package],
    out: Callable[[str], None] = print,
) -> int:
    """Check *tasks*, install what is missing when allowed and possible; the exit status."""
    needed = for_tasks(packages, tasks)
    absent = missing(needed, machine)
    if not absent:
        return 0
    out(report(tasks, absent))
    unfixable = [item for item in absent if not item.package]
    names = to_install(absent)
    if unfixable:
        out("Fix the variable above (apt cannot); nothing was installed.")
        return 1
    if machine.which("apt-get") is None:
        out(f"Install these with your system's package manager: {' '.join(names)} (Debian names).")
        return 1
    prefix: list[str] | None = None
    if machine.is_root():
        prefix = []
    elif machine.which("sudo") is not None and machine.sudo_works():
        prefix = ["sudo", "-n"]
    if not install or prefix is None:
        why = "" if not install else " (this needs root, or sudo without a password)"
        out(f"Install them{why} with:\n  {manual_command(names, machine)}")
        return 1
    commands = apt_command(names, prefix)
    out(f"Installing {len(names)} package(s): {shlex.join(commands[-1])}")
    env = dict(machine.environ, DEBIAN_FRONTEND="noninteractive")
    if machine.path is not None:
        env["PATH"] = machine.path
    for command in commands:
        program = machine.which(command[0]) or command[0]
        if subprocess.run([program, *command[1:]], env=env, check=False).returncode != 0:
            out(f"Failed: {shlex.join(command)}")
            return 1
    still = missing(needed, machine)
    if still:
        out("Still missing after the install:\n" + report(tasks, still).split("\n", 1)[1])
        return 1
    return 0


def main(argv: Sequence[str] | None = None, machine: Machine | None = None) -> int:
    """Command line: ``check``, ``install`` or ``packages``, for one or more ``--task``."""
    parser = argparse.ArgumentParser(
        prog="sysdeps.py", description="The system packages each task of the book needs."
    )
    parser.add_argument("action", choices=("check", "install", "packages"))
    parser.add_argument("--task", action="append", choices=TASKS, required=True)
    parser.add_argument("--python", help="the Python that creates .venv (task venv)")
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        packages = load(args.data)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.action == "packages":
        print(" ".join(package.name for package in for_tasks(packages, args.task)))
        return 0
    machine = machine or Machine()
    if args.python:
        machine.python = args.python
    return run(args.task, args.action == "install", machine, packages)


if __name__ == "__main__":
    sys.exit(main())
