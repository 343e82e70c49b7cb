"""A real PostgreSQL server for the tests: Debian's `postgresql` package, `initdb` in a temporary folder, a free
port on 127.0.0.1, stopped at the end (tests/conftest.py: the session's `pg_server`; each test its own database,
a copy of a migrated template, `pg_url`). Missing binaries skip the tests, except on CI (CI=true), where they fail.

The superuser `postgres` has a password (host connections ask for one, so that a wrong one is refused);
its URL carries it."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

SUPERUSER, PASSWORD = "postgres", "pg-test-secret"


def binaries() -> Path | None:
    """The folder of initdb/pg_ctl/psql: Debian's newest, else whatever PATH has."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` system user."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class Server:
    bin: Path
    folder: Path
    port: int
    durable: bool = False  # fsync as a real server does (the benchmark); the tests do without
    names: count = field(default_factory=lambda: count(1))

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, db: str, user: str = SUPERUSER, password: str | None = PASSWORD) -> str:
        secret = f":{password}" if password is not None else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        fast = "" if self.durable else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(_as_owner([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                                  "-w", "-t", "60", "-o", f"-p {self.port} -k {self.folder} "
                                  f"-c listen_addresses=127.0.0.1 -c max_connections=300{fast}", "start"]),
                       check=True, capture_output=True)

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(_as_owner([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]),
                       check=False, capture_output=True)

    def psql(self, sql: str, db: str = "postgres") -> str:
        """Run `sql` as the superuser over the server's socket (no password: local connections are trusted)."""
        done = subprocess.run([str(self.bin / "psql"), "-h", str(self.folder), "-p", str(self.port), "-U", SUPERUSER,
                               "-d", db, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(done.stderr)
        return done.stdout.strip()

    def new_database(self, template: str | None = None) -> str:
        name = f"t{os.getpid()}_{next(self.names)}"
        self.psql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name


def start(durable: bool = False) -> Server:
    """initdb in a fresh temporary folder and start the server on a free port."""
    bin_ = binaries()
    if bin_ is None:
        raise FileNotFoundError("PostgreSQL's binaries (Debian's package postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="clusterlab-pg-"))
    (folder / "pw").write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (folder, folder / "pw"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    subprocess.run(_as_owner([str(bin_ / "initdb"), "-D", str(folder / "data"), "-U", SUPERUSER, "--auth-local=trust",
                              "--auth-host=scram-sha-256", f"--pwfile={folder / 'pw'}", "-E", "UTF8",
                              "--locale=C.UTF-8"]), check=True, capture_output=True)
    server = Server(bin_, folder, free_port(), durable)
    server.start()
    return server


def remove(server: Server) -> None:
    server.stop("immediate")
    shutil.rmtree(server.folder, ignore_errors=True)
