"""`entryc serve` as a child process, for the end-to-end tests and the
benchmarks: every listener on an ephemeral loopback port, its stderr (one
line per request, docs/serve.md) in a file that is read on demand, so a
long run never blocks on a full pipe.

    srv = ServeProcess(entryc, project, ["cluster-01", "cluster-02"], token_file=f, state_dir=d)
    srv.ports["cluster-01"], srv.url("cluster-02"), srv.lines, srv.stop()
"""
import os
import re
import signal
import subprocess
import tempfile
import time

LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+) \(cluster (\S+)\)")


class ServeProcess:
    def __init__(self, entryc, project, clusters=("cluster-01", "cluster-02"), token_file=None, state_dir=None,
                 log_path=None, cwd=None, extra=(), ports=None):
        args = [entryc, "serve", "--project", project]
        for i, c in enumerate(clusters):
            args += ["--cluster", c, "--listen", "127.0.0.1:%d" % (ports[i] if ports else 0)]
        if token_file:
            args += ["--token-file", token_file]
        if state_dir:
            args += ["--state-dir", state_dir]
        args += list(extra)
        if log_path is None:
            fd, log_path = tempfile.mkstemp(prefix="entryc-serve-", suffix=".log")
            os.close(fd)
            self._own_log = True
        else:
            self._own_log = False
        self.log_path = log_path
        self.log = open(log_path, "w+b")
        self.proc = subprocess.Popen(args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.log)
        self.ports = {}
        deadline = time.time() + 60
        while len(self.ports) < len(clusters) and time.time() < deadline and self.proc.poll() is None:
            for m in LISTENING.finditer(self.text()):
                self.ports[m.group(2)] = int(m.group(1))
            time.sleep(0.02)
        if len(self.ports) < len(clusters):
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            raise RuntimeError("entryc serve did not start:\n" + self.text())

    def url(self, cluster):
        return "http://127.0.0.1:%d" % self.ports[cluster]

    def text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    @property
    def lines(self):
        return self.text().splitlines(keepends=True)

    def stop(self, sig=signal.SIGTERM):
        """Signals serve (unless it has exited) and returns its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.log.close()
        return rc

    def remove_log(self):
        if self._own_log:
            try:
                os.unlink(self.log_path)
            except OSError:
                pass
