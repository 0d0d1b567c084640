"""Processes behind the index's lock files: who holds a lock, whether it still lives, and children that die with it.

A lock file names its holder as ``<pid> <host>``. The pid says something only on the holder's own host: on another
machine sharing the index directory, whether that process lives cannot be told, and it counts as alive.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass

# From <linux/prctl.h>: deliver a signal to this process when the thread that forked it ends.
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str

    def alive(self) -> bool:
        """Return whether the holder still runs; True when it runs on another host (no way to tell from here)."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # another user's process
            return True
        return True

    def __str__(self) -> str:
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"pid {self.pid}{where}"


def holder_line() -> str:
    """Return what this process writes into a lock file it takes."""
    return f"{os.getpid()} {socket.gethostname()}\n"


def holder_parse(text: str) -> Holder | None:
    """Return the holder a lock file names, or None when it names none (empty, or written by an older version).

    >>> holder_parse("4242 arsip-1\\n")
    Holder(pid=4242, host='arsip-1')
    >>> holder_parse("") is None
    True
    """
    parts = text.split()
    if len(parts) != 2 or not parts[0].isdigit():
        return None
    return Holder(pid=int(parts[0]), host=parts[1])


# The thread whose forks die with it, and its process, while children_die_with_parent() runs; one rebuild at a time
# per process (the rebuild lock).
_guard: dict[str, int | None] = {"thread": None, "pid": None}


def _after_fork_in_child() -> None:
    # The child's only thread is the one that forked, with the parent's thread id.
    if _guard["thread"] != threading.get_ident():
        return
    _guard["thread"] = None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
    except (OSError, AttributeError):  # not Linux: no prctl; the rebuild lock's holder check still clears the lock
        return
    if os.getppid() != _guard["pid"]:
        os._exit(1)  # the parent died between the fork and prctl: no signal will come


os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def children_die_with_parent():
    """Make the processes this thread forks inside the block receive SIGKILL when it ends (Linux).

    Whoosh's parallel writer forks sub-writers that wait on a pipe for their next batch; if the rebuild is killed,
    they would wait for ever, holding the rebuild lock they inherited.
    """
    _guard.update(thread=threading.get_ident(), pid=os.getpid())
    try:
        yield
    finally:
        _guard.update(thread=None, pid=None)
