"""Measure one command in a fresh process: wall and CPU time, peak memory of its process tree, the machine's other load.

Linux only: reads /proc and pins processes with sched_setaffinity.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SAMPLE_EVERY = 0.5
"""Seconds between memory samples of a running command (each process's peak is exact: the kernel keeps it)."""


QUIET_WINDOW = 2.0
"""Seconds over which the machine's load is read before a measure starts."""


class Failed(Exception):
    """A measured command failed or ran out of time; the message says how."""


@dataclass(frozen=True)
class Sample:
    """One timed command: wall and CPU seconds, peak memory in MB, and the machine's other load in cores."""

    wall: float
    cpu: float
    parent_mb: float = 0.0
    """Peak resident set of the command's own process."""
    worker_mb: float = 0.0
    """Largest peak resident set of its child processes (pool workers)."""
    tree_mb: float = 0.0
    """Peak sum of proportional set sizes (shared pages split) of the whole process tree, sampled."""
    others: float = 0.0
    """CPU used meanwhile by everything else on the machine, in cores (noise: other jobs on a shared machine)."""


def descendants(pid: int) -> list[int]:
    """Return a process and all its descendants."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                todo += [int(c) for c in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except OSError:
            continue
    return out


def peak_kb(pid: int) -> int:
    """Return a process's peak resident set so far (VmHWM), in kB."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("VmHWM:")), 0)


def pss_kb(pid: int) -> int:
    """Return a process's proportional set size (shared pages split between their sharers), in kB."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)


class Sampler(threading.Thread):
    """Poll a process tree: each process's peak resident set and the tree's peak total."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peaks, self.tree_kb = pid, {}, 0
        self.done = threading.Event()

    def run(self) -> None:
        """Sample until stopped."""
        while not self.done.wait(SAMPLE_EVERY):
            self.sample()

    def sample(self) -> None:
        """Record one reading of every process of the tree."""
        pids = descendants(self.pid)
        for pid in pids:
            self.peaks[pid] = max(self.peaks.get(pid, 0), peak_kb(pid))
        self.tree_kb = max(self.tree_kb, sum(pss_kb(pid) for pid in pids))

    def stop(self) -> tuple[float, float, float]:
        """Stop; return the parent's peak, the largest child's peak and the tree's peak, in MB."""
        self.done.set()
        self.join()
        children = [kb for pid, kb in self.peaks.items() if pid != self.pid]
        return self.peaks.get(self.pid, 0) / 1024, max(children, default=0) / 1024, self.tree_kb / 1024


def busy_seconds() -> float:
    """Return the CPU seconds every process of the machine has used since boot."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit: float, patience: float) -> float:
    """Wait until the machine's load over a short window drops below limit cores, at most patience seconds.

    Return the seconds waited. On a shared machine this lets bursts of other work pass before a measure starts.
    """
    start = time.perf_counter()
    while time.perf_counter() - start < patience:
        busy = busy_seconds()
        time.sleep(QUIET_WINDOW)
        if (busy_seconds() - busy) / QUIET_WINDOW < limit:
            break
    return time.perf_counter() - start


def cores() -> int:
    """Return the cores this process may use."""
    return len(os.sched_getaffinity(0))


def one_cpu() -> set[int]:
    """Return the CPU that one-core measures are pinned to."""
    return {max(os.sched_getaffinity(0))}


def first_line(data: bytes) -> str:
    """Return the first non-empty line of a command's messages, shortened."""
    lines = [line.strip() for line in data.decode(errors="replace").splitlines() if line.strip()]
    return (lines[0] if lines else "no message")[:300]


class Deadline:
    """Kill a process group (the measured command and its workers) when its time is up."""

    def __init__(self, pgid: int, seconds: float | None):
        self.pgid, self.fired = pgid, threading.Event()
        self.timer = threading.Timer(seconds or 0, self.fire)
        if seconds:
            self.timer.start()

    def fire(self) -> None:
        """Kill the group."""
        self.fired.set()
        try:
            os.killpg(self.pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def cancel(self) -> None:
        """Stop the clock."""
        self.timer.cancel()


def run(cmd: list[str], *, cwd: Path | None = None, pinned: bool = False, timeout: float | None = None) -> Sample:
    """Run a command (on one CPU if pinned) and measure it; raise Failed on error or timeout."""
    cpus = one_cpu() if pinned else None
    with tempfile.TemporaryFile() as err:
        busy, start = busy_seconds(), time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
            preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
        )
        sampler = Sampler(proc.pid)
        sampler.start()
        timer = Deadline(proc.pid, timeout)
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        wall, others = time.perf_counter() - start, busy_seconds() - busy
        proc.returncode = os.waitstatus_to_exitcode(status)
        parent, child, tree = sampler.stop()
        if timer.fired.is_set():
            raise Failed(f"not finished after {timeout:.0f} s")
        if proc.returncode:
            err.seek(0)
            raise Failed(f"fails: {first_line(err.read())}")
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, parent, child, tree, max(0.0, others - cpu) / wall)


def in_process(work, *, pinned: bool) -> Sample:
    """Time a function in this process (on one CPU if pinned): wall and CPU seconds, and the other load."""
    saved = os.sched_getaffinity(0)
    if pinned:
        os.sched_setaffinity(0, one_cpu())
    try:
        busy, start, cpu = busy_seconds(), time.perf_counter(), time.process_time()
        work()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        others = busy_seconds() - busy - cpu
    finally:
        os.sched_setaffinity(0, saved)
    return Sample(wall, cpu, others=max(0.0, others) / wall)
