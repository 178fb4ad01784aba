#!/usr/bin/env python3
"""Crash safety of live apply (issue: SIGKILL at random points during apply,
consul-http against serve): a 400-entry project is applied with
`entryc apply --backend consul-http` to two `entryc serve` clusters that keep
their state in a directory, and in each round either serve or the apply is
killed with SIGKILL at a random moment. After every kill:

  - serve starts again on the same state directory (the dead one's lock is
    taken over) and its state loads;
  - every operation the apply reported `ok` before the kill is still there
    (serve fsyncs a write before it answers, and apply reads each write back);

and a final apply converges: `plan --refresh` then finds nothing to do, and
`entryc state list` reads the directory.

ENTRYC names the binary; ENTRYC_CRASH_ROUNDS (default 8) and
ENTRYC_CRASH_SEED (default 11) tune it."""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from apply_http import TOKEN_ENV_01, Serve, generate  # noqa: E402  (the benchmark's project and serve runner)

ENTRYC = os.environ.get("ENTRYC", "entryc")
TOKEN = "crash-%032x" % random.SystemRandom().getrandbits(128)
OK_LINE = re.compile(r"^\s+\d+\. ok\s+(\S+) (\S+?)/(\S+) (.+)$")

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def get(port, path):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), headers={"X-Consul-Token": TOKEN})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, ""


def env_for(serve):
    return dict(os.environ, **{
        "CONSUL_HTTP_ADDR_CLUSTER_01": "http://127.0.0.1:%d" % serve.ports["cluster-01"],
        "CONSUL_HTTP_ADDR_CLUSTER_02": "http://127.0.0.1:%d" % serve.ports["cluster-02"],
        TOKEN_ENV_01: TOKEN, "CONSUL_HTTP_TOKEN_CLUSTER_02": TOKEN,
        "ENTRYC_HTTP_RETRIES": "1", "ENTRYC_HTTP_BACKOFF_MS": "10"})


def still_there(serve, line, rev):
    """Whether what an `ok` line reports is on the (restarted) server: an
    intention with this round's revision, anything else present."""
    m = OK_LINE.match(line)
    if not m:
        return True
    op, cluster, _, target = m.groups()
    port = serve.ports[cluster]
    if op == "config.write":
        status, body = get(port, "/v1/config/" + target)
        if status != 200:
            return False
        return rev is None or not target.startswith("service-intentions/") or \
            json.loads(body).get("Meta", {}).get("rev") == str(rev)
    if op == "acl.policy.write":
        return get(port, "/v1/acl/policy/name/" + target)[0] == 200
    if op in ("peering.generate-token", "peering.establish"):
        return get(port, "/v1/peering/" + target.split()[-1])[0] == 200
    return True


def bump(project_dir, rev):
    """A new revision of every intention: the next apply has an update for each."""
    d = os.path.join(project_dir, "cluster-01", "intentions")
    for name in os.listdir(d):
        path = os.path.join(d, name)
        with open(path) as f:
            text = re.sub(r'\nMeta = .*\n', "\n", f.read())
        with open(path, "w") as f:
            f.write(text + 'Meta = { rev = "%d" }\n' % rev)


def main():
    tmp = tempfile.mkdtemp(prefix="entryc-crash-http-")
    rng = random.Random(int(os.environ.get("ENTRYC_CRASH_SEED", "11")))
    rounds = int(os.environ.get("ENTRYC_CRASH_ROUNDS", "8"))
    try:
        project_dir = os.path.join(tmp, "project")
        generate(project_dir, 400, 20, 4)
        project = os.path.join(project_dir, "entryc.hcl")
        token_file = os.path.join(tmp, "token")
        with open(token_file, "w") as f:
            f.write(TOKEN)
        os.chmod(token_file, 0o600)
        state = os.path.join(tmp, "serve-state")
        serve = Serve(ENTRYC, project, token_file, os.path.join(tmp, "serve-0.log"), state)
        kills = {"serve": 0, "apply": 0}
        for n in range(1, rounds + 1):
            if n > 1:
                bump(project_dir, n)
            victim = rng.choice(["serve", "apply"])
            out_path = os.path.join(tmp, "apply-%d.out" % n)
            with open(out_path, "w") as out:
                apply = subprocess.Popen([ENTRYC, "apply", "--backend", "consul-http", "--auto-approve",
                                          "--project", project], stdout=out, stderr=subprocess.STDOUT,
                                         env=env_for(serve))
                time.sleep(rng.uniform(0.02, 0.5))
                target = serve.proc if victim == "serve" else apply
                if target.poll() is None:
                    target.send_signal(signal.SIGKILL)
                    kills[victim] += 1
                if victim == "serve":
                    serve.proc.wait()
                    serve.log.close()
                apply.wait(timeout=300)
            with open(out_path) as f:
                text = f.read()
            check(TOKEN not in text, "round %d: no token in the apply's output" % n)
            acked = [line for line in text.splitlines() if OK_LINE.match(line)]
            if victim == "serve":
                serve = Serve(ENTRYC, project, token_file, os.path.join(tmp, "serve-%d.log" % n), state)
                check(True, "round %d: serve killed; it restarts on its state directory" % n)
            lost = [line for line in acked if not still_there(serve, line, n if n > 1 else None)]
            check(not lost, "round %d (%s killed): all %d operations reported ok are there%s" %
                  (n, victim, len(acked), "" if not lost else ": lost " + "; ".join(lost[:3])))
        p = subprocess.run([ENTRYC, "apply", "--backend", "consul-http", "--auto-approve", "--project", project],
                           capture_output=True, text=True, env=env_for(serve), timeout=600)
        check(p.returncode == 0, "a final apply converges (exit %d)%s" % (p.returncode, "" if p.returncode == 0 else
                                                                          "\n" + p.stdout[-3000:] + p.stderr))
        p = subprocess.run([ENTRYC, "plan", "--refresh", "--backend", "consul-http", "--detailed-exitcode",
                            "--project", project], capture_output=True, text=True, env=env_for(serve), timeout=600)
        check(p.returncode == 0, "then plan --refresh finds nothing to do (exit %d)" % p.returncode)
        check(serve.stop() == 0, "serve stops cleanly")
        p = subprocess.run([ENTRYC, "state", "list", "--state-dir", state, "--project", project],
                           capture_output=True, text=True, timeout=120)
        check(p.returncode == 0 and "cluster-01/default/config/service-intentions/default/svc-0001" in p.stdout,
              "entryc state list reads serve's directory")
        if p.returncode != 0 or "svc-0001" not in p.stdout:
            print(p.stdout[:1500], p.stderr[:1500], file=sys.stderr)
        print("crash safety (consul-http): %d rounds, serve killed %d times, apply killed %d times" %
              (rounds, kills["serve"], kills["apply"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("consul_http_crash_test: %d failed" % len(failures), file=sys.stderr)
        return 1
    print("consul_http_crash_test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
