"""Runs `openplan` commands many times over, each in its own process, with a time and a memory limit.

Starting Python and importing the command line takes a good part of a second
on a busy CI machine; the corpus needs hundreds of runs. So a small server
process imports :mod:`openplan.cli` once and forks a fresh child for each
command: the child runs the real entry point (``openplan.cli.run``) with the
given arguments, in its own folder, with stdout and stderr captured. A child
that runs past its time limit is killed and reported as a hang; one killed by
a signal (a crash in C code) is reported as a crash; memory is capped so that
runaway growth shows up as a failure rather than as a stalled machine.

Used by the bad-input, write-safety and security tests. POSIX only (fork).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 3 * 1024 ** 3  # bytes of address space per command: far above any honest run of the corpus


@dataclass
class Outcome:
    argv: list[str]
    code: int | None  # exit code; None when killed
    stdout: str
    stderr: str
    timed_out: bool = False
    signal: int | None = None  # the signal that killed the process, if any
    seconds: float = 0.0

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def describe(self) -> str:
        state = ("timed out" if self.timed_out else f"killed by signal {self.signal}" if self.signal
                 else f"exit {self.code}")
        return f"openplan {' '.join(self.argv)} -> {state}\n--- stdout\n{self.stdout[-3000:]}\n--- stderr\n" \
               f"{self.stderr[-3000:]}"


# --- the server (runs in its own process) ---------------------------------------------------------------------


def _child(request: dict, out: int, err: int) -> None:
    code = 0
    try:
        os.chdir(request["cwd"])
        stdin = os.open(request.get("stdin_file") or os.devnull, os.O_RDONLY)
        os.dup2(stdin, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
            if request.get("fsize"):  # a disk that fills up: writing past this size fails with EFBIG
                import signal

                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (request["fsize"], request["fsize"]))
        except (ImportError, ValueError, OSError):
            pass
        _inject(request.get("fault"))
        sys.stdin = open(0, encoding="utf-8", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        sys.argv = ["openplan", *request["argv"]]
        from openplan.cli import run

        run()
    except SystemExit as exc:
        if isinstance(exc.code, int):
            code = exc.code
        elif exc.code is not None:
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    except BaseException:  # what a user would see as a traceback
        import traceback

        traceback.print_exc()
        code = 70
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(code)


def _inject(fault: str | None) -> None:
    """Make the first fsync of the run fail the way a full disk or a Ctrl-C would."""
    if not fault:
        return
    import errno

    def failing_fsync(descriptor):
        if fault == "fsync-interrupt":
            raise KeyboardInterrupt
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    os.fsync = failing_fsync


def _serve_one(request: dict) -> dict:
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(request, out.fileno(), err.fileno())
        deadline = start + request["timeout"]
        status, timed_out = None, False
        delay = 0.001
        while status is None:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = raw
            elif time.monotonic() > deadline:
                os.kill(pid, 9)
                status = os.waitpid(pid, 0)[1]
                timed_out = True
            else:
                time.sleep(delay)
                delay = min(delay * 2, 0.02)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return {"code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                "signal": None if timed_out or not os.WIFSIGNALED(status) else os.WTERMSIG(status),
                "timed_out": timed_out, "seconds": seconds,
                "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")}


def _preload() -> None:
    """Import the whole package once, so that no forked command pays for its imports again."""
    import importlib
    import pkgutil

    import openplan
    import openplan.cli  # noqa: F401

    for module in pkgutil.walk_packages(openplan.__path__, "openplan."):
        if not module.name.endswith("__main__"):
            try:
                importlib.import_module(module.name)
            except Exception:  # an optional part that cannot load here; the command will say so itself
                pass


def serve() -> None:
    _preload()
    for line in sys.stdin:
        reply = _serve_one(json.loads(line))
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


# --- the client (runs in pytest) -------------------------------------------------------------------------------


class _Server:
    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", NO_COLOR="1", COLUMNS="200")
        env.pop("GITHUB_ACTIONS", None)
        self.process = subprocess.Popen([sys.executable, "-c", "from tests.badinput.runner import serve; serve()"],
                                        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, encoding="utf-8")
        self.lock = threading.Lock()

    def run(self, argv: list[str], cwd: Path, timeout: float, stdin_file: Path | None = None,
            fsize: int | None = None, fault: str | None = None) -> Outcome:
        request = {"argv": argv, "cwd": str(cwd), "timeout": timeout,
                   "stdin_file": str(stdin_file) if stdin_file else None, "fsize": fsize, "fault": fault}
        with self.lock:
            assert self.process.stdin and self.process.stdout
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            reply = json.loads(self.process.stdout.readline())
        return Outcome(argv=argv, code=reply["code"], stdout=reply["stdout"], stderr=reply["stderr"],
                       timed_out=reply["timed_out"], signal=reply["signal"], seconds=reply["seconds"])

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=30)


class Runner:
    """Runs commands on one server per core; :meth:`run_all` keeps every core busy."""

    def __init__(self, servers: int | None = None) -> None:
        count = servers or max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                      else os.cpu_count() or 1))
        self.servers = [_Server() for _ in range(count)]
        self._next = 0

    def run(self, argv: list[str], cwd: Path, timeout: float = 60, stdin_file: Path | None = None,
            fsize: int | None = None, fault: str | None = None) -> Outcome:
        """Run one command; ``fsize`` caps the size of files it may write, ``fault`` makes its fsync fail
        ("fsync-enospc": a full disk; "fsync-interrupt": Ctrl-C)."""
        server = self.servers[self._next % len(self.servers)]
        self._next += 1
        return server.run(argv, cwd, timeout, stdin_file, fsize, fault)

    def run_all(self, jobs: list[tuple[list[str], Path]], timeout: float = 60) -> list[Outcome]:
        with ThreadPoolExecutor(len(self.servers)) as pool:
            futures = [pool.submit(self.servers[n % len(self.servers)].run, argv, cwd, timeout)
                       for n, (argv, cwd) in enumerate(jobs)]
            return [future.result() for future in futures]

    def close(self) -> None:
        for server in self.servers:
            server.close()
