"""The ``eqdiv`` program's entry point: repeat runs answered from the memo.

``eqdiv status`` before a meeting, ``eqdiv validate`` in a pre-commit hook: most runs
repeat the last one with nothing changed. A read-only command is looked up in the
memo (``eqdiv.store.output_memo.OutputMemo``) by a key that covers everything its output
depends on, before the command line library is even imported:

* the command line exactly as typed, and today's date (``--as-of`` defaults to it);
* every file in the records repository, by name and content (``snapshot``);
* eqdiv itself: its version, code and shipped data (``install_fingerprint``);
* where and how it prints: the current folder (paths are shown relative to it), and
  whether standard output is a terminal, its size, and the colour settings.

A hit prints what was printed before, to standard output and standard error, and
exits with the same code. A miss runs the command (reading records through the
record cache) and remembers its output if it finished with 0 or 1. ``--no-cache``
(or EQDIV_NO_CACHE=1) turns both caches off.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pathlib import Path

# Lazy imports: `eqdiv --version` imports nothing more than this module; a repeat run
# answered from the memo imports only the memo and the locator; the command line
# library is loaded only on a miss.

# Commands whose output depends only on the records, the options and the date.
MEMOIZED = {
    ("validate",),
    ("status",),
    ("actions",),
    ("eia", "list"),
    ("eia", "score"),
    ("eia", "rubric"),
    ("consultation", "list"),
    ("consultation", "coverage"),
}
_GROUPS = {"eia", "consultation", "report"}
_ENVIRONMENT = ("NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM", "COLUMNS", "LINES", "CI")


class _Tee(io.TextIOBase):
    """Writes through to a real stream and keeps a copy; a terminal stays a terminal,
    so colour and width are decided exactly as without the memo."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.copy = io.StringIO()
        # A write that failed (a pipe closed by `| head`) means the copy is not the
        # whole output: it must not be memoized, or the next run would repeat the cut.
        self.failed = False

    def write(self, text: str) -> int:
        self.copy.write(text)
        try:
            return self.stream.write(text)
        except OSError:
            self.failed = True
            raise

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError:
            self.failed = True
            raise

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if args == ["--version"]:  # asked often by scripts and CI: no need for the rest
        from eqdiv import __version__

        print(f"eqdiv {__version__}")
        sys.exit(0)
    plan = _plan(args)
    if plan is None:
        _run(args)
        return
    from eqdiv.store.known_digests import offered
    from eqdiv.store.output_memo import OutputMemo, stat_stamp

    root, key, digests, before = plan
    memo = OutputMemo.open(root)
    if memo is None:
        with offered(root, digests):
            _run(args)
        return
    found = memo.get(key)
    if found is not None:
        stdout, stderr, code = found
        sys.stdout.write(stdout)
        sys.stderr.write(stderr)
        sys.stdout.flush()
        sys.exit(code)
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        with offered(root, digests):  # each file hashed once: see known_digests
            _run(args)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        whole = not (out.failed or err.failed)
        # Findings or none (not a usage error or failure), of the files the key was
        # taken of: a file saved while the command ran made the output of its new text,
        # which its old text must never replay.
        if whole and code in (0, 1) and stat_stamp(root) == before:
            memo.put(key, out.copy.getvalue(), err.copy.getvalue(), code)
        raise
    finally:
        sys.stdout, sys.stderr = real


def _run(args: list[str]) -> None:
    from eqdiv.cli.app import app

    app(args=args, prog_name="eqdiv")


def _plan(args: list[str]) -> tuple[Path, str, dict[str, bytes], str] | None:
    """The repository and memo key for ``args``, with the digest of each file read for
    the key, or None when the memo does not apply (not a read-only command, help,
    --no-cache, or no repository to keep it in)."""
    if os.environ.get("EQDIV_NO_CACHE", "").lower() in ("1", "true", "yes"):
        return None
    if {"--no-cache", "--help", "-h", "--version"} & set(args):
        return None
    words: list[str] = []
    repo: str | None = None
    rest = iter(args)
    for arg in rest:
        if arg == "--repo":
            repo = next(rest, None)
        elif arg.startswith("--repo="):
            repo = arg.removeprefix("--repo=")
        elif not arg.startswith("-") and len(words) < 2:
            words.append(arg)
    command = tuple(words[:2]) if words and words[0] in _GROUPS else tuple(words[:1])
    if command not in MEMOIZED:
        return None
    from pathlib import Path

    from eqdiv.model.errors import RepositoryNotFound
    from eqdiv.store.locate import check_root, find_root

    try:
        root = check_root(Path(repo)) if repo else find_root(Path.cwd())
    except RepositoryNotFound:
        return None  # the command itself says so, with its hint
    from eqdiv.store.output_memo import stat_stamp

    digests: dict[str, bytes] = {}
    before = stat_stamp(root)  # before the key: a file saved after it shows in it
    return root, _key(args, root, digests), digests, before


def _key(args: list[str], root: Path, digests: dict[str, bytes]) -> str:
    import hashlib
    import shutil
    from datetime import date
    from pathlib import Path

    from eqdiv.store.database import install_fingerprint
    from eqdiv.store.output_memo import snapshot

    terminal = sys.stdout.isatty()
    parts = [
        *args,
        date.today().isoformat(),
        str(Path.cwd()),
        str(terminal),
        str(shutil.get_terminal_size() if terminal else ""),
        repr([os.environ.get(name) for name in _ENVIRONMENT]),
        install_fingerprint(),
        snapshot(root, digests),
    ]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=20).hexdigest()
