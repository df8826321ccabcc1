"""Files written whole or not at all, and never over an input or another output.

A regular file is written through a temporary file and a rename, so that an interrupted
run leaves no half file. A device or a pipe (``/dev/stdout``, ``/dev/null``, a FIFO) is
written directly: a rename would replace the device with a regular file. ``-`` is
standard output.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from geomap.errors import GeomapError, OptionError

STDOUT = "-"


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Write ``text`` to ``path``: ``-`` is standard output, a device or a pipe is written directly, a regular
    file through a temporary file and a rename (an interrupted run leaves no half file)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if str(path) == STDOUT:
        write_stdout(data)
        return Path(path)
    path = Path(path)
    direct, target = _target(path)
    if direct:
        _write_direct(path, data)
        return path
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise GeomapError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise GeomapError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _target(path: Path) -> tuple[bool, Path]:
    """(write directly?, the file to replace): a symbolic link is followed, so that the link stays a link; what
    is not a regular file (a device, a pipe, a link into /proc such as /dev/stdout) is written directly."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False, Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:
        return False, path  # the write reports it
    if not stat.S_ISREG(info.st_mode):
        return True, path
    if path.is_symlink():
        real = os.path.realpath(path)
        return real.startswith("/proc/"), Path(real)
    return False, path


def _write_direct(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as exc:
        raise GeomapError(f"{path}: cannot write ({exc.strerror or exc})") from None


def write_stdout(data: str | bytes) -> None:
    """Text or bytes to standard output; a full disk or a closed device is a one-line error."""
    try:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise GeomapError(f"cannot write to standard output ({exc.strerror or exc})") from None


def silence_stdout() -> None:
    """Point standard output at /dev/null once writing to it failed, so that the interpreter's last flush of
    what is still buffered cannot fail again (a second message, another exit code)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def check_outputs(inputs: Iterable[str | Path], outputs: dict[str, str | Path | None]) -> None:
    """Refuse, before any work, outputs that would replace an input or each other.

    Parameters
    ----------
    inputs : iterable of str or Path
        The files and folders read (``-`` for standard input).
    outputs : dict
        Each output option ("-o", "--unresolved", "--png" ...) and the path it names (None when not given).

    Raises
    ------
    OptionError
        When an output is an input file, a file a folder given as input would read, or the file another output
        names (two outputs on standard output included).
    """
    from geomap.ingest import is_read_in_folder

    named = [(option, str(path)) for option, path in outputs.items() if path is not None]
    on_stdout = [option for option, path in named if path == STDOUT]
    if len(on_stdout) > 1:
        raise OptionError(f"{' and '.join(on_stdout)} both write to standard output ('-'): give one of them a file")
    files = [(option, Path(path)) for option, path in named if path != STDOUT and not _is_device(Path(path))]
    for i, (option, path) in enumerate(files):
        for other, other_path in files[:i]:
            if _same(path, other_path):
                raise OptionError(f"{other} and {option} name the same file ({path}): give each its own")
    for raw in inputs:
        if str(raw) == STDOUT:
            continue
        source = Path(raw)
        for option, path in files:
            if _same(path, source):
                raise OptionError(f"{option} {path} is also an input: write it elsewhere")
            if source.is_dir() and path.exists() and is_read_in_folder(path, source):
                raise OptionError(f"{option} {path} would replace a file read from the input folder {source}: "
                                  "write it elsewhere")


def _is_device(path: Path) -> bool:
    """A device or a pipe: written directly, never replaced, so never in the way of another output."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    """The same file: the same inode when both exist, else the same path once links are resolved."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
