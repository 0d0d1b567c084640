"""Run a command against a throwaway PostgreSQL server: made in a temporary directory, on a free loopback port.

Usage: .venv/bin/python scripts/with_postgres.py [--replica] COMMAND [ARG...]
e.g.   .venv/bin/python scripts/with_postgres.py .venv/bin/python -m pytest

The command runs with ARSIP_DATABASE_URL pointing at the server (user and database "arsip", trust authentication on
127.0.0.1 only), and its exit status is this script's. With --replica a second server, a hot standby streaming from
the first (pg_basebackup -R -X stream), runs on another free port, and the command also gets
ARSIP_DATABASE_REPLICA_URL pointing at it (README, "Several web nodes"). The servers are stopped and their directories
removed afterwards, also when the command fails or the script is interrupted. Durability is switched off (fsync,
synchronous_commit): the data lives only as long as the command.

Needs Debian's PostgreSQL server binaries (`make test` installs the package postgresql when ARSIP_TEST_POSTGRES=1).
PostgreSQL refuses to run as root; as root, the server runs as the user "postgres" that the package creates.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

USER = "arsip"
START_TIMEOUT = 60


class PostgresError(Exception):
    pass


def server_bin_dir() -> Path:
    """Return the newest installed server's bin directory (initdb, pg_ctl, postgres)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise PostgresError("PostgreSQL's server is not installed (no initdb): install Debian's package postgresql.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A PostgreSQL cluster in a temporary directory, running until stop()."""

    def __init__(self) -> None:
        self.bin = server_bin_dir()
        self.dir = Path(tempfile.mkdtemp(prefix="arsip-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = free_port()
        self.run_as = None
        if os.geteuid() == 0:
            try:
                self.run_as = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.dir, ignore_errors=True)
                raise PostgresError("As root, the server runs as 'postgres', a user Debian's package makes.") from None
            os.chown(self.dir, self.run_as.pw_uid, self.run_as.pw_gid)
        self.started = False

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as.pw_name, "--", *command]
        try:
            # A little over pg_ctl's own -t, so that pg_ctl reports first.
            result = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT + 15, cwd=self.dir)
        except subprocess.TimeoutExpired as error:
            raise PostgresError(f"{' '.join(args[:2])} did not finish in {START_TIMEOUT + 15} s") from error
        if result.returncode:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            output = result.stderr + result.stdout
            raise PostgresError(f"{' '.join(args[:2])} failed ({result.returncode}):\n{output}{log}")
        return result

    def start(self, *, replicated: bool = False) -> None:
        """Make a new cluster and start it; ``replicated``: ready to stream its changes to a replica."""
        self._run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                  "--no-instructions")
        # PostgreSQL's defaults since 10, spelled out: the replica needs the WAL of a replica and a sender for it.
        self._pg_ctl_start(["-c wal_level=replica", "-c max_wal_senders=4"] if replicated else [])
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, USER)

    def start_replica_of(self, primary: Server) -> None:
        """Copy the running ``primary`` and start the copy as a hot standby that streams its changes.

        pg_basebackup -R writes standby.signal and the primary's address (initdb's trust rules let the replication
        connection in from 127.0.0.1); -X stream copies the WAL written during the copy alongside it.
        """
        self._run("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", USER, "-D", str(self.data),
                  "-R", "-X", "stream", "--checkpoint=fast")
        self._pg_ctl_start(["-c hot_standby=on"])

    def _pg_ctl_start(self, extra: list[str]) -> None:
        options = " ".join([
            f"-p {self.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={self.dir}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=200",  # a hot standby needs at least its primary's
            *extra,
        ])
        self.started = True  # from here on, stop() must stop a server that may be running, even if start failed
        # -w: for a hot standby, until it accepts read-only connections.
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", str(START_TIMEOUT),
                  "start")

    @property
    def url(self) -> str:
        return f"postgres://{USER}@127.0.0.1:{self.port}/{USER}"

    def stop(self) -> None:
        """Stop the server (killing it if pg_ctl cannot) and remove its directory; report problems, never raise."""
        pid_file = self.data / "postmaster.pid"
        if self.started and pid_file.exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            except PostgresError as error:
                print(f"with_postgres: {error}; killing the server", file=sys.stderr)
                with contextlib.suppress(OSError, ValueError, IndexError):
                    os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
        shutil.rmtree(self.dir, ignore_errors=True)


def main(argv: list[str]) -> int:
    replicated = argv[:1] == ["--replica"]
    argv = argv[1:] if replicated else argv
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 2
    servers = []
    # A TERM (CI's time limit, a kill) stops the servers too: turn it into the exit that runs the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        started = time.monotonic()
        servers.append(primary := Server())
        primary.start(replicated=replicated)
        env = {**os.environ, "ARSIP_DATABASE_URL": primary.url}
        ports = f"127.0.0.1:{primary.port}"
        if replicated:
            servers.append(replica := Server())
            replica.start_replica_of(primary)
            env["ARSIP_DATABASE_REPLICA_URL"] = replica.url
            ports += f" (replica on 127.0.0.1:{replica.port})"
        print(f"PostgreSQL ({primary.bin.parent.name}) on {ports}, started in {time.monotonic() - started:.1f} s; "
              f"running: {' '.join(argv)}", flush=True)
        return subprocess.call(argv, env=env)
    except PostgresError as error:
        print(f"with_postgres: {error}", file=sys.stderr)
        return 1
    finally:
        for server in reversed(servers):
            server.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
