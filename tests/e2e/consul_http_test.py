#!/usr/bin/env python3
"""End-to-end test of `entryc apply --backend consul-http` (docs/backends.md,
"Live apply") against two `entryc serve` clusters over loopback, each behind
a fault-injecting proxy (fault_proxy.py):

  - the seed scenario applied live: peering ACTIVE on both sides, the export
    imported on the peer, the intention allowed; a second apply changes
    nothing and sends no write; `plan --refresh` finds no drift;
  - drift made out of band is found by `plan --refresh` and repaired by apply;
  - a concurrent out-of-band write between refresh and write is reported as a
    CAS conflict and not overwritten; the next apply converges;
  - faults mid-plan: 503 and 429 are retried, 500 is not (a clear per-op
    report, the rest still applied), a hung request times out and is retried,
    the server killed mid-plan fails the remaining operations; re-running
    converges;
  - no ACL token and no peering token in any output.

ENTRYC names the binary."""
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fault_proxy import Fault, FaultProxy  # noqa: E402
from serve_process import ServeProcess  # noqa: E402

ENTRYC = os.environ.get("ENTRYC", "entryc")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(ROOT, "samples", "seed-two-clusters")
TOKEN = "mgmt-%032x" % random.SystemRandom().getrandbits(128)
# A peering token is base64 of a JSON object: it starts with "eyJ".
PEERING_TOKEN = re.compile(r"eyJ[A-Za-z0-9+/=]{40,}")

failures = []
outputs = []  # every stdout/stderr, for the secret search


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


class Serve(ServeProcess):
    """serve for the project's two clusters, with the management token in a 0600 file."""

    def __init__(self, project, state_dir=None, clusters=("cluster-01", "cluster-02")):
        tf = os.path.join(os.path.dirname(project), "..", "token")
        with open(tf, "w") as f:
            f.write(TOKEN + "\n")
        os.chmod(tf, 0o600)
        super().__init__(ENTRYC, project, clusters, token_file=tf, state_dir=state_dir)

    def stop(self):
        rc = super().stop()
        outputs.append(self.text())
        self.remove_log()
        return rc


def http(port, method, path, body=None):
    data = None if body is None else (body if isinstance(body, str) else json.dumps(body)).encode()
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=data, method=method)
    req.add_header("X-Consul-Token", TOKEN)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def curl_write(port, entry):
    """An out-of-band write, as an operator would make it."""
    out = subprocess.run(["curl", "-sS", "-X", "PUT", "-H", "@-", "--data-binary", json.dumps(entry),
                          "http://127.0.0.1:%d/v1/config" % port],
                         input="X-Consul-Token: %s\n" % TOKEN, capture_output=True, text=True, timeout=30)
    return out.stdout.strip()


def entryc(project, *args, env=None, timeout=300):
    e = dict(os.environ, **(env or {}))
    p = subprocess.run([ENTRYC, *args, "--project", project], capture_output=True, text=True, env=e, timeout=timeout)
    outputs.append(p.stdout + p.stderr)
    return p


class Rig:
    """Serve for both clusters, a proxy in front of each, the environment that points entryc at them."""

    def __init__(self, project, state_dir=None):
        self.project = project
        self.serve = Serve(project, state_dir)
        self.proxy = {c: FaultProxy("127.0.0.1", p) for c, p in self.serve.ports.items()}
        for p in self.proxy.values():
            p.start()
        self.env = {"CONSUL_HTTP_ADDR_CLUSTER_01": self.proxy["cluster-01"].url,
                    "CONSUL_HTTP_ADDR_CLUSTER_02": self.proxy["cluster-02"].url,
                    "DC1_CONSUL_TOKEN": TOKEN, "CONSUL_HTTP_TOKEN_CLUSTER_02": TOKEN,
                    "ENTRYC_HTTP_BACKOFF_MS": "20"}

    def port(self, cluster):
        return self.serve.ports[cluster]

    def apply(self, extra_env=None):
        return entryc(self.project, "apply", "--backend", "consul-http", "--auto-approve",
                      env=dict(self.env, **(extra_env or {})))

    def writes(self):
        return [e for p in self.proxy.values() for e in p.entries() if e[0] != "GET"]

    def stop(self):
        for p in self.proxy.values():
            p.stop()
        return self.serve.stop()


def copy_seed(tmp, name):
    d = os.path.join(tmp, name, "project")
    shutil.copytree(SEED, d, ignore=shutil.ignore_patterns("emit", "*.expected", ".entryc"))
    return os.path.join(d, "entryc.hcl")


def intention(rig):
    return http(rig.port("cluster-01"), "GET", "/v1/config/service-intentions/backend-service")


def decide(rig):
    st, body = http(rig.port("cluster-01"), "GET",
                    "/v1/entryc/decide?source=cluster-02/frontend-service&destination=cluster-01/backend-service")
    return st == 200 and isinstance(body, dict) and body.get("Allowed") is True


def seed_scenario(tmp):
    rig = Rig(copy_seed(tmp, "seed"))
    try:
        p = rig.apply()
        check(p.returncode == 0 and "Apply complete: 5 applied, 0 failed, 0 skipped." in p.stdout,
              "seed: apply --backend consul-http applies the 5 operations (exit %d)" % p.returncode)
        for cluster, peer in (("cluster-01", "cluster-02"), ("cluster-02", "cluster-01")):
            st, body = http(rig.port(cluster), "GET", "/v1/peering/" + peer)
            check(st == 200 and body.get("State") == "ACTIVE", "seed: %s's peering '%s' is ACTIVE" % (cluster, peer))
        st, body = http(rig.port("cluster-01"), "GET", "/v1/exported-services")
        check(st == 200 and any(s.get("Service") == "backend-service" and "cluster-02" in s["Consumers"]["Peers"]
                                for s in body), "seed: cluster-01 exports backend-service to peer cluster-02")
        st, body = http(rig.port("cluster-02"), "GET", "/v1/peering/cluster-01")
        check("backend-service" in (body.get("StreamStatus") or {}).get("ImportedServices", []),
              "seed: cluster-02 imports backend-service from its peer")
        check(decide(rig), "seed: frontend-service (cluster-02) -> backend-service (cluster-01) is allowed")
        st, body = http(rig.port("cluster-01"), "GET",
                        "/v1/connect/intentions/match?by=destination&name=backend-service")
        check(st == 200 and any(i.get("SourcePeer") == "cluster-02" for i in body.get("backend-service", [])),
              "seed: the intention from peer cluster-02 matches backend-service")
        st, body = http(rig.port("cluster-02"), "GET", "/v1/acl/policy/name/frontend-sidecar")
        check(st == 200 and "frontend-service" in body.get("Rules", ""), "seed: the sidecar policy is on cluster-02")

        before = len(rig.writes())
        p = rig.apply()
        check(p.returncode == 0 and "No changes" in p.stdout, "seed: a second apply changes nothing")
        check(len(rig.writes()) == before, "seed: ... and sends no write (%d new)" % (len(rig.writes()) - before))
        p = entryc(rig.project, "plan", "--refresh", "--backend", "consul-http", "--detailed-exitcode", env=rig.env)
        check(p.returncode == 0, "seed: plan --refresh finds no drift (exit %d)" % p.returncode)

        # Drift made out of band: the intention now denies.
        st, entry = intention(rig)
        entry["Sources"][0]["Action"] = "deny"
        check(curl_write(rig.port("cluster-01"), entry) == "true", "drift: an out-of-band curl write")
        check(not decide(rig), "drift: the call is now denied")
        p = entryc(rig.project, "plan", "--refresh", "--backend", "consul-http", "--detailed-exitcode", env=rig.env)
        check(p.returncode == 2 and "service-intentions/backend-service" in p.stdout,
              "drift: plan --refresh shows the intention to update (exit %d)" % p.returncode)
        p = rig.apply()
        check(p.returncode == 0 and "1 applied" in p.stdout and decide(rig), "drift: apply repairs it")
        p = entryc(rig.project, "plan", "--refresh", "--backend", "consul-http", "--detailed-exitcode", env=rig.env)
        check(p.returncode == 0, "drift: none left")
    finally:
        check(rig.stop() == 0, "seed: serve stops cleanly")


def cas_conflict(tmp):
    project = copy_seed(tmp, "cas")
    rig = Rig(project)
    try:
        check(rig.apply().returncode == 0, "cas: the seed is applied")
        # The project changes the intention; between apply's refresh and its
        # write, someone else changes it too.
        path = os.path.join(os.path.dirname(project), "cluster-01", "peering-intentions.hcl")
        with open(path, "a") as f:
            f.write('Meta = { owner = "platform" }\n')
        st, theirs = intention(rig)
        theirs["Meta"] = {"changed-by": "operator"}

        def out_of_band():
            check(curl_write(rig.port("cluster-01"), theirs) == "true", "cas: the concurrent write lands first")

        rig.proxy["cluster-01"].add(Fault(method="PUT", path_prefix="/v1/config?cas=", action="before",
                                          hook=out_of_band, times=1))
        p = rig.apply()
        check(p.returncode == 3, "cas: apply exits 3 (got %d)" % p.returncode)
        check("CAS conflict: Config entry not updated: service-intentions/backend-service" in p.stdout and
              "nothing was overwritten" in p.stdout, "cas: the conflict is reported for the operation")
        st, now = intention(rig)
        check(now.get("Meta") == {"changed-by": "operator"}, "cas: the concurrent write was not overwritten")
        p = rig.apply()
        check(p.returncode == 0 and "1 applied" in p.stdout, "cas: the next apply converges")
        st, now = intention(rig)
        check(now.get("Meta") == {"owner": "platform"}, "cas: ... to the project's entry")
        check("No changes" in rig.apply().stdout, "cas: then nothing is left to do")
    finally:
        rig.stop()


def faults(tmp):
    project = copy_seed(tmp, "faults")
    state = os.path.join(tmp, "faults", "serve-state")
    rig = Rig(project, state)
    c1, c2 = rig.proxy["cluster-01"], rig.proxy["cluster-02"]
    try:
        # 503 twice on the first config write, 429 with Retry-After once on
        # the policy, the token request hangs once (timeout, then retried).
        busy = Fault(method="PUT", path_prefix="/v1/config", action="status", status=503, body="busy", times=2)
        slow = Fault(method="PUT", path_prefix="/v1/acl/policy", action="status", status=429, body="slow down",
                     retry_after="1", times=1)
        hang = Fault(method="POST", path_prefix="/v1/peering/token", action="hang", times=1)
        c1.add(busy)
        c1.add(hang)
        c2.add(slow)
        p = rig.apply({"ENTRYC_HTTP_TIMEOUT": "2"})
        check(p.returncode == 0 and "5 applied" in p.stdout,
              "faults: 503 x2, 429 and a hung request are retried and the apply completes (exit %d)" % p.returncode)
        check(busy.fired == 2 and slow.fired == 1 and hang.fired == 1, "faults: each fault fired")
        c1.clear()
        c2.clear()

        # 500 is Consul refusing: not retried, reported, the rest applied.
        with open(os.path.join(os.path.dirname(project), "cluster-01", "peering-config.hcl"), "a") as f:
            f.write('Meta = { rev = "2" }\n')
        with open(os.path.join(os.path.dirname(project), "cluster-01", "peering-intentions.hcl"), "a") as f:
            f.write('Meta = { rev = "2" }\n')
        refuse = Fault(method="PUT", path_prefix="/v1/config", action="status", status=500,
                       body="rpc error: boom", times=1)
        c1.add(refuse)
        p = rig.apply()
        check(p.returncode == 3 and
              "500: Error writing config entry exported-services/default: rpc error: boom" in p.stdout,
              "faults: a 500 fails its operation with Consul's text")
        check(refuse.matched == 1 and "0 applied, 1 failed, 1 skipped" in p.stdout and
              "it depends on config.write:cluster-01/default:exported-services/default, which failed" in p.stdout,
              "faults: the 500 is not retried; the intention that depends on the export is skipped")
        c1.clear()
        p = rig.apply()
        check(p.returncode == 0 and "2 applied" in p.stdout, "faults: re-running applies what failed")

        # The server dies mid-plan: what was sent before stays, the rest
        # fails with a clear message; a restarted server and a re-run converge.
        for f in ("peering-config.hcl", "peering-intentions.hcl"):
            with open(os.path.join(os.path.dirname(project), "cluster-01", f), "a") as fh:
                fh.write('# rev 3\nMeta = { rev = "3" }\n')

        def kill():
            rig.serve.proc.send_signal(signal.SIGKILL)
            rig.serve.proc.wait()

        c1.add(Fault(method="PUT", path_prefix="/v1/config", action="before", hook=kill, skip=1, times=1))
        p = rig.apply({"ENTRYC_HTTP_RETRIES": "2"})
        check(p.returncode == 3 and "1 applied, 1 failed" in p.stdout,
              "faults: the server killed after the first write: 1 applied, 1 failed (exit %d)" % p.returncode)
        check("502" in p.stdout and "3 attempts" in p.stdout, "faults: the failure says what happened, after retries")
        rig.stop()
        rig2 = Serve(project, state)
        env = dict(rig.env, CONSUL_HTTP_ADDR_CLUSTER_01="http://127.0.0.1:%d" % rig2.ports["cluster-01"],
                   CONSUL_HTTP_ADDR_CLUSTER_02="http://127.0.0.1:%d" % rig2.ports["cluster-02"])
        p = entryc(project, "apply", "--backend", "consul-http", "--auto-approve", env=env)
        check(p.returncode == 0 and "1 applied" in p.stdout, "faults: after a restart, re-running converges")
        p = entryc(project, "apply", "--backend", "consul-http", "--auto-approve", env=env)
        check("No changes" in p.stdout, "faults: nothing left")

        # Nothing listens: every read fails after its retries, exit 2.
        check(rig2.stop() == 0, "faults: the restarted server stops cleanly")
        p = entryc(project, "plan", "--refresh", "--backend", "consul-http", env=dict(env, ENTRYC_HTTP_RETRIES="1"))
        check(p.returncode == 2 and "cannot read what the clusters hold" in p.stderr and "2 attempts" in p.stderr,
              "faults: no server: plan --refresh says so (exit %d)" % p.returncode)
    finally:
        for p in (c1, c2):
            p.stop()


def enterprise(tmp):
    """Partitions and a namespaced entry: the refresh reads every namespace
    (`ns=*`) and Consul's `Partition` in the answers is not a difference."""
    d = os.path.join(tmp, "ent", "project")
    shutil.copytree(os.path.join(ROOT, "samples", "ent-partitions"), d,
                    ignore=shutil.ignore_patterns("emit", "*.expected", ".entryc"))
    project = os.path.join(d, "entryc.hcl")
    serve = Serve(project, clusters=("east", "west"))
    try:
        env = {"CONSUL_HTTP_ADDR_EAST": "http://127.0.0.1:%d" % serve.ports["east"],
               "CONSUL_HTTP_ADDR_WEST": "http://127.0.0.1:%d" % serve.ports["west"]}
        p = entryc(project, "apply", "--backend", "consul-http", "--auto-approve", env=env)
        check(p.returncode == 0 and "7 applied" in p.stdout, "ent: the partitions sample applies live")
        st, body = http(serve.ports["east"], "GET", "/v1/config/service-intentions/billing?partition=finance&ns=payments")
        check(st == 200 and body.get("Namespace") == "payments", "ent: the namespaced intention is in its namespace")
        p = entryc(project, "plan", "--refresh", "--backend", "consul-http", "--detailed-exitcode", env=env)
        check(p.returncode == 0, "ent: then plan --refresh finds nothing to do (exit %d)%s" %
              (p.returncode, "" if p.returncode == 0 else "\n" + p.stdout))
    finally:
        serve.stop()


def configuration_errors(tmp):
    project = copy_seed(tmp, "config")
    p = entryc(project, "plan", "--refresh", "--backend", "consul-http",
               env={"CONSUL_HTTP_ADDR_CLUSTER_01": "http://127.0.0.1:9", "DC1_CONSUL_TOKEN": ""})
    check(p.returncode == 2 and "has ACLs enabled: put its token in $DC1_CONSUL_TOKEN" in p.stderr,
          "config: a cluster with ACLs and no token is refused before anything is sent")
    p = entryc(project, "plan", "--refresh", "--backend", "consul-http",
               env={"CONSUL_HTTP_ADDR_CLUSTER_01": "ftp://x", "DC1_CONSUL_TOKEN": TOKEN})
    check(p.returncode == 2 and "must start with http:// or https://" in p.stderr, "config: a bad address")
    p = entryc(project, "plan", "--refresh", "--backend", "consul-http",
               env={"CONSUL_HTTP_ADDR_CLUSTER_01": "http://127.0.0.1:9", "DC1_CONSUL_TOKEN": TOKEN,
                    "ENTRYC_HTTP_RETRIES": "many"})
    check(p.returncode == 2 and "$ENTRYC_HTTP_RETRIES must be a whole number" in p.stderr, "config: a bad tuning value")


def main():
    tmp = tempfile.mkdtemp(prefix="entryc-consul-http-")
    try:
        seed_scenario(tmp)
        cas_conflict(tmp)
        faults(tmp)
        enterprise(tmp)
        configuration_errors(tmp)
        leaks = [o for o in outputs if TOKEN in o or PEERING_TOKEN.search(o)]
        check(not leaks, "secrets: no ACL or peering token in %d outputs" % len(outputs))
        for o in leaks[:3]:
            print(o[:2000], file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("consul_http_test: %d failed" % len(failures), file=sys.stderr)
        return 1
    print("consul_http_test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
