"""The system-package checker and installer (``src/book_tools/sysdeps.py``).

Every test looks at a fake machine: a PATH that is a temporary folder of stub programs (``fc-list``
and ``kpsewhich`` stubs that know one font or file), an environment of its own, and injected answers
to "am I root" and "can I sudo without a password". ``apt-get`` and ``sudo`` are stubs that write
their arguments to a log, so nothing is ever installed. Expected outputs are written out by hand.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from book_tools import sysdeps
from book_tools.sysdeps import Machine
from conftest import REPO

DATA = """\
# a small list for the tests
[graphviz]
tasks = html, pdf, test
commands = dot

[gettext]
tasks = po, test
commands = msgfmt, msgmerge

[fonts-noto-cjk]
tasks = pdf, test
fonts = Noto Serif CJK SC

[fonts-texgyre]
tasks = pdf, test
tex-files = texgyretermes-regular.otf

[python3-venv]
tasks = venv
python-modules = ensurepip

[chromium]
tasks = test
commands = chromium
env = BOOK_CHROMIUM
"""

EVERY_COMMAND = ("dot", "msgfmt", "msgmerge", "chromium")
CHMOD = shutil.which("chmod")  # the stubs' PATH is the fake one


class FakeMachine:
    """A folder of stub programs used as the whole PATH, with logs for apt-get and sudo."""

    def __init__(self, root: Path) -> None:
        self.bin = root / "bin"
        self.bin.mkdir()
        self.apt_log = root / "apt-get.log"
        self.sudo_log = root / "sudo.log"
        self.data = root / "system-packages.ini"
        self.data.write_text(DATA, encoding="utf-8")
        # fontconfig knows one family, the TeX tree one file
        self.stub("fc-list", '[ "$1" = -q ] && [ "$2" = "Noto Serif CJK SC" ]')
        self.stub("kpsewhich", '[ "$1" = lmodern.sty ]')

    def stub(self, name: str, body: str = "exit 0") -> Path:
        path = self.bin / name
        path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        path.chmod(0o755)
        return path

    def fake_apt(self) -> None:
        """apt-get that logs its arguments (and DEBIAN_FRONTEND), and on install makes ``dot``."""
        self.stub(
            "apt-get",
            f'echo "$DEBIAN_FRONTEND $*" >> {self.apt_log}\n'
            f'if [ "$1" = install ]; then printf "#!/bin/sh\\n" > {self.bin}/dot; '
            f"{CHMOD} 755 {self.bin}/dot; fi",
        )

    def machine(self, *, root: bool, sudo: bool, environ: dict[str, str] | None = None) -> Machine:
        return Machine(
            path=str(self.bin),
            environ=dict(environ or {}),
            python=str(self.bin / "python3"),
            is_root=lambda: root,
            can_sudo=lambda: sudo,
        )

    def run(self, tasks: list[str], machine: Machine, *, install: bool = True) -> tuple[int, str]:
        lines: list[str] = []
        packages = sysdeps.load(self.data)
        status = sysdeps.run(tasks, install, machine, packages, out=lines.append)
        return status, "\n".join(lines)

    def apt_calls(self) -> list[str]:
        if not self.apt_log.exists():
            return []
        return self.apt_log.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def fake(tmp_path: Path) -> FakeMachine:
    return FakeMachine(tmp_path)


def test_names_exactly_the_missing_tools_and_the_apt_command(fake: FakeMachine) -> None:
    fake.fake_apt()
    fake.stub("sudo")
    fake.stub("chromium")
    status, out = fake.run(["test"], fake.machine(root=False, sudo=False))
    assert status == 1
    assert out == (
        "make test needs what this machine lacks:\n"
        "  command dot  (Debian package graphviz)\n"
        "  command msgfmt  (Debian package gettext)\n"
        "  command msgmerge  (Debian package gettext)\n"
        "  TeX file texgyretermes-regular.otf  (Debian package fonts-texgyre)\n"
        "Install them (this needs root, or sudo without a password) with:\n"
        "  sudo apt-get update && sudo apt-get install --no-install-recommends"
        " graphviz gettext fonts-texgyre"
    )
    assert fake.apt_calls() == []


def test_a_task_checks_only_its_own_packages(fake: FakeMachine) -> None:
    """make html needs Graphviz only: the absent gettext and TeX file are not its business."""
    fake.fake_apt()
    fake.stub("sudo")
    status, out = fake.run(["html"], fake.machine(root=False, sudo=False))
    assert status == 1
    assert out.splitlines() == [
        "make html needs what this machine lacks:",
        "  command dot  (Debian package graphviz)",
        "Install them (this needs root, or sudo without a password) with:",
        "  sudo apt-get update && sudo apt-get install --no-install-recommends graphviz",
    ]


def test_everything_present_installs_nothing(fake: FakeMachine) -> None:
    fake.fake_apt()
    for command in EVERY_COMMAND:
        fake.stub(command)
    fake.stub("kpsewhich")  # finds every file
    status, out = fake.run(["test"], fake.machine(root=True, sudo=True))
    assert (status, out) == (0, "")
    assert fake.apt_calls() == []


def test_as_root_installs_only_the_missing_package(fake: FakeMachine) -> None:
    fake.fake_apt()
    for command in ("msgfmt", "msgmerge", "chromium"):
        fake.stub(command)
    status, out = fake.run(["html"], fake.machine(root=True, sudo=False))
    assert status == 0
    assert out.splitlines() == [
        "make html needs what this machine lacks:",
        "  command dot  (Debian package graphviz)",
        "Installing 1 package(s): apt-get install -y -q --no-install-recommends graphviz",
    ]
    assert fake.apt_calls() == [
        "noninteractive update -q",
        "noninteractive install -y -q --no-install-recommends graphviz",
    ]


def test_passwordless_sudo_installs_through_sudo(fake: FakeMachine) -> None:
    """Not root, but ``sudo -n`` works (GitHub's runner): apt-get runs through sudo."""
    fake.stub(
        "sudo",
        f'echo "$*" >> {fake.sudo_log}\n'
        f'case "$*" in *" install "*) printf "#!/bin/sh\\n" > {fake.bin}/dot; '
        f"{CHMOD} 755 {fake.bin}/dot;; esac",
    )
    fake.fake_apt()
    status, out = fake.run(["html"], fake.machine(root=False, sudo=True))
    assert status == 0, out
    assert fake.sudo_log.read_text(encoding="utf-8").splitlines() == [
        "-n env DEBIAN_FRONTEND=noninteractive apt-get update -q",
        (
            "-n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends"
            " graphviz"
        ),
    ]
    assert fake.apt_calls() == []  # only ever through sudo


def test_without_sudo_at_all_the_command_uses_su(fake: FakeMachine) -> None:
    fake.fake_apt()
    status, out = fake.run(["html"], fake.machine(root=False, sudo=False))
    assert status == 1
    assert out.splitlines()[-1] == (
        "  su -c 'apt-get update && apt-get install --no-install-recommends graphviz'"
    )
    assert fake.apt_calls() == []


def test_check_reports_and_never_installs_even_as_root(fake: FakeMachine) -> None:
    fake.fake_apt()
    fake.stub("sudo")
    status, out = fake.run(["html"], fake.machine(root=True, sudo=True), install=False)
    assert status == 1
    assert out.splitlines()[-2:] == [
        "Install them with:",
        "  sudo apt-get update && sudo apt-get install --no-install-recommends graphviz",
    ]
    assert fake.apt_calls() == []


def test_a_machine_without_apt_gets_the_debian_names(fake: FakeMachine) -> None:
    status, out = fake.run(["html"], fake.machine(root=True, sudo=False))
    assert status == 1
    assert out.splitlines()[-1] == (
        "Install these with your system's package manager: graphviz (Debian names)."
    )


def test_a_browser_named_by_book_chromium_counts_as_present(
    fake: FakeMachine, tmp_path: Path
) -> None:
    """GitHub's runner: no Debian chromium on PATH, Google Chrome named by BOOK_CHROMIUM."""
    fake.fake_apt()
    for command in ("dot", "msgfmt", "msgmerge"):
        fake.stub(command)
    fake.stub("kpsewhich")
    chrome = tmp_path / "google-chrome"
    chrome.write_text("#!/bin/sh\n", encoding="utf-8")
    chrome.chmod(0o755)
    machine = fake.machine(root=True, sudo=False, environ={"BOOK_CHROMIUM": str(chrome)})
    assert fake.run(["test"], machine) == (0, "")
    assert fake.apt_calls() == []


def test_a_book_chromium_that_is_not_a_program_stops_without_installing(
    fake: FakeMachine, tmp_path: Path
) -> None:
    fake.fake_apt()
    for command in ("dot", "msgfmt", "msgmerge", "chromium"):
        fake.stub(command)
    fake.stub("kpsewhich")
    absent = tmp_path / "no-such-browser"
    machine = fake.machine(root=True, sudo=False, environ={"BOOK_CHROMIUM": str(absent)})
    status, out = fake.run(["test"], machine)
    assert status == 1
    assert out.splitlines() == [
        "make test needs what this machine lacks:",
        f"  BOOK_CHROMIUM={absent} (not an executable file)",
        "Fix the variable above (apt cannot); nothing was installed.",
    ]
    assert fake.apt_calls() == []


def test_command_line_checks_the_python_that_creates_the_venv(
    fake: FakeMachine, capsys: pytest.CaptureFixture[str]
) -> None:
    """Debian's python3 without python3-venv cannot import ensurepip."""
    fake.fake_apt()
    fake.stub("sudo")
    python = fake.stub("python3.12", "exit 1")  # every import fails
    args = ["check", "--task", "venv", "--python", str(python), "--data", str(fake.data)]
    status = sysdeps.main(args, machine=fake.machine(root=False, sudo=False))
    assert status == 1
    assert capsys.readouterr().out.splitlines() == [
        "creating .venv needs what this machine lacks:",
        f"  Python module ensurepip ({python})  (Debian package python3-venv)",
        "Install them with:",
        "  sudo apt-get update && sudo apt-get install --no-install-recommends python3-venv",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[graphviz]\ntasks = html\ncommand = dot\n", "3: command: unknown key"),
        ("[graphviz]\ncommands = dot\ntasks = html, docs\n", "3: tasks: unknown task 'docs'"),
        ("# x\n[graphviz]\ncommands = dot\n", "2: tasks: missing for graphviz"),
        ("[graphviz]\ntasks = html\n", "1: graphviz has nothing to check"),
        ("[a]\ntasks = html\ncommands = a\n\n[a]\n", "5: package a is listed twice"),
        ("tasks = html\n", "1: expected [package] or key = value"),
        ("[b]\ntasks = html\nfonts = X\nenv = B\n", "4: env: stands in for commands"),
    ],
)
def test_a_bad_package_list_is_named_by_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    data = tmp_path / "bad.ini"
    data.write_text(text, encoding="utf-8")
    status = sysdeps.main(["packages", "--task", "html", "--data", str(data)])
    assert status == 2
    assert capsys.readouterr().err.startswith(f"error: {data}:{message}")


def test_runs_with_the_standard_library_alone(fake: FakeMachine) -> None:
    """``-I -S``: no site-packages and no PYTHONPATH, as the machine's python3 runs it."""
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            str(REPO / "src" / "book_tools" / "sysdeps.py"),
            "packages",
            "--task",
            "pdf",
            "--data",
            str(fake.data),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "graphviz fonts-noto-cjk fonts-texgyre\n",
        "",
    )


# -- the package list is the only one -------------------------------------------------------------

CALLERS = (".ci/run", "Makefile", ".github/workflows/publish.yml")


def package_names() -> list[str]:
    return [package.name for package in sysdeps.load()]


def names_in(line: str) -> set[str]:
    return {
        name
        for name in package_names()
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", line)
    }


def test_names_in_finds_a_list_and_not_a_longer_word() -> None:
    assert names_in("apt-get install graphviz fonts-lmodern") == {"graphviz", "fonts-lmodern"}
    assert names_in("cd node_modules && npm ci; texlive-xetex-extra") == {"npm"}


@pytest.mark.parametrize("path", CALLERS)
def test_callers_keep_no_package_list_of_their_own(path: str) -> None:
    """One package name on a line is a command or a target (``npm ci``, ``gettext:``); two are a
    list. No caller runs apt itself: each goes through sysdeps.py."""
    text = (REPO / path).read_text(encoding="utf-8")
    lists = [line for line in text.splitlines() if len(names_in(line)) > 1]
    assert lists == []
    assert not re.search(r"\bapt(-get)? +install\b", text)
    assert "src/book_tools/sysdeps.py" in text


def test_read_the_docs_installs_what_the_html_needs() -> None:
    """Read the Docs cannot run a program before its apt step, so its list is compared here."""
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    html = [package.name for package in sysdeps.for_tasks(sysdeps.load(), ["html"])]
    assert config["build"]["apt_packages"] == html


def test_the_readme_names_every_package() -> None:
    """The README tells a newcomer what the two commands install: a package added to the list
    and not to the README fails here."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = names_in(readme)
    assert [name for name in package_names() if name not in named] == []
