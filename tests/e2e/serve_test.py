#!/usr/bin/env python3
"""End-to-end test of `entryc serve` (docs/serve.md): two clusters of
samples/seed-two-clusters on ephemeral loopback ports, driven with raw HTTP
(urllib and sockets only). ENTRYC names the binary."""
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import ServeProcess  # noqa: E402

ENTRYC = os.environ.get("ENTRYC", "entryc")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROJECT = os.path.join(ROOT, "samples", "seed-two-clusters", "entryc.hcl")
TOKEN = "e2e-%032x" % random.SystemRandom().getrandbits(128)

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


class Serve(ServeProcess):
    """A running `entryc serve` for the seed's two clusters; its log in self.lines."""

    def __init__(self, state_dir, token_file, extra=()):
        super().__init__(ENTRYC, PROJECT, token_file=token_file, state_dir=state_dir, extra=extra)


def http(port, method, path, body=None, token=TOKEN, headers=None):
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else (body if isinstance(body, str) else json.dumps(body)).encode()
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=data, method=method)
    if token is not None:
        req.add_header("X-Consul-Token", token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), dict(e.headers)


def raw(port, data, timeout=2.0):
    """Sends bytes, half-closes, returns what came back (b'' on nothing)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    out = b""
    try:
        s.sendall(data)
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except (socket.timeout, ConnectionResetError, BrokenPipeError):
        pass
    finally:
        s.close()
    return out


def main():
    plan = os.path.join(ROOT, "samples", "seed-two-clusters", "plan.json.expected")
    ops = {o["step"]: o for o in json.load(open(plan))["ops"]}
    with tempfile.TemporaryDirectory() as tmp:
        token_file = os.path.join(tmp, "token")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        os.chmod(token_file, 0o600)
        state = os.path.join(tmp, "state")

        # Usage errors: no token for an ACL cluster, a remote address.
        r = subprocess.run([ENTRYC, "serve", "--project", PROJECT, "--cluster", "cluster-01", "--listen",
                            "127.0.0.1:0"], capture_output=True, text=True, env={**os.environ, "ENTRYC_SERVE_TOKEN": ""})
        check(r.returncode == 2 and "management token" in r.stderr, "no token: exit 2 (%d %s)" % (r.returncode, r.stderr))
        r = subprocess.run([ENTRYC, "serve", "--project", PROJECT, "--cluster", "cluster-01", "--listen",
                            "0.0.0.0:0", "--token-file", token_file], capture_output=True, text=True)
        check(r.returncode == 2 and "--allow-remote" in r.stderr, "non-loopback refused (%s)" % r.stderr)

        srv = Serve(state, token_file)
        p1, p2 = srv.ports["cluster-01"], srv.ports["cluster-02"]

        # A second server on the same state directory is refused (the lock).
        r = subprocess.run([ENTRYC, "serve", "--project", PROJECT, "--cluster", "cluster-01", "--listen",
                            "127.0.0.1:0", "--state-dir", state, "--token-file", token_file],
                           capture_output=True, text=True, timeout=60)
        check(r.returncode == 2, "second serve on the same state dir refused (%d %s)" % (r.returncode, r.stderr))

        # The four peering steps.
        st, body, _ = http(p1, "POST", "/v1/peering/token", {"PeerName": "cluster-02"})
        check(st == 200 and "PeeringToken" in json.loads(body), "generate token: %d %s" % (st, body))
        peering_token = json.loads(body)["PeeringToken"]
        st, body, _ = http(p2, "POST", "/v1/peering/establish", {"PeerName": "cluster-01", "PeeringToken": peering_token})
        check((st, body) == (200, "{}"), "establish: %d %s" % (st, body))
        st, body, _ = http(p2, "POST", "/v1/peering/establish", {"PeerName": "cluster-01", "PeeringToken": peering_token})
        check(st == 403 and "invalid peering establishment secret" in body, "token reuse: %d %s" % (st, body))
        st, body, _ = http(p1, "PUT", "/v1/config", ops["export"]["body"])
        check((st, body) == (200, "true"), "export: %d %s" % (st, body))
        st, body, _ = http(p1, "PUT", "/v1/config", ops["authorize"]["body"])
        check((st, body) == (200, "true"), "intentions: %d %s" % (st, body))
        st, body, _ = http(p2, "PUT", "/v1/acl/policy", ops["acl"]["body"])
        check(st == 200 and json.loads(body).get("Name") == "frontend-sidecar", "acl policy: %d %s" % (st, body))
        policy_id = json.loads(body).get("ID", "") if st == 200 else ""

        # Reads.
        for port, peer in ((p1, "cluster-02"), (p2, "cluster-01")):
            st, body, _ = http(port, "GET", "/v1/peerings")
            got = json.loads(body) if st == 200 else []
            check(st == 200 and [(p["Name"], p["State"]) for p in got] == [(peer, "ACTIVE")],
                  "peerings on %d: %d %s" % (port, st, body))
            check("Secret" not in body, "no secrets in peerings")
        st, body, _ = http(p1, "GET", "/v1/peering/cluster-02")
        check(st == 200 and json.loads(body)["State"] == "ACTIVE", "read peering: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/peering/nope")
        check((st, body) == (404, 'Peering not found for "nope"'), "missing peering: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/exported-services")
        check(st == 200 and json.loads(body) == [{"Service": "backend-service", "Consumers": {"Peers": ["cluster-02"]}}],
              "exported-services: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/entryc/decide?source=cluster-02/frontend-service&destination=cluster-01/backend-service")
        check(st == 200 and json.loads(body)["Allowed"] is True, "decide frontend → backend: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/entryc/decide?source=cluster-02/reporting-service&destination=cluster-01/backend-service")
        check(st == 200 and json.loads(body)["Allowed"] is False, "decide reporting → backend: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/connect/intentions/check?source=frontend-service&destination=backend-service")
        check((st, body) == (200, '{"Allowed":false}'), "local frontend not allowed (deny default): %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/connect/intentions/check?source=peer:cluster-02/frontend-service&destination=backend-service")
        check(st == 500 and body == 'source "peer:cluster-02/frontend-service" is invalid: cannot specify a peer here',
              "check with a peer source: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/connect/intentions/check?destination=backend-service")
        check((st, body) == (500, "required query parameter 'source' not set"), "check without source: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/connect/intentions/match?by=destination&name=backend-service")
        m = json.loads(body) if st == 200 else {}
        check(st == 200 and [(i["SourceName"], i.get("SourcePeer"), i["Action"]) for i in m.get("backend-service", [])]
              == [("frontend-service", "cluster-02", "allow")], "match: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/config/service-intentions/backend-service")
        check(st == 200 and json.loads(body)["Sources"][0]["Peer"] == "cluster-02", "get entry: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/config/service-intentions")
        check(st == 200 and len(json.loads(body)) == 1, "list entries: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/config/service-defaults/nope")
        check((st, body) == (404, 'Config entry not found for "service-defaults" / "nope"'), "missing entry: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/config/bogus-kind/x")
        check((st, body) == (500, "invalid config entry kind: bogus-kind"), "bad kind: %d %s" % (st, body))
        st, body, _ = http(p2, "GET", "/v1/acl/policy/" + policy_id)
        check(st == 200 and json.loads(body)["Name"] == "frontend-sidecar", "policy by id: %d %s" % (st, body))
        st, body, _ = http(p2, "GET", "/v1/acl/policy/name/frontend-sidecar")
        check(st == 200 and json.loads(body)["ID"] == policy_id, "policy by name: %d %s" % (st, body))
        st, body, _ = http(p2, "GET", "/v1/acl/policies")
        check(st == 200 and [p["Name"] for p in json.loads(body)] == ["frontend-sidecar"] and "Rules" not in body,
              "policies: %d %s" % (st, body))
        st, body, _ = http(p2, "PUT", "/v1/acl/policy", {"Name": "x", "Rulez": ""})
        check((st, body) == (400, 'Policy decoding failed: json: unknown field "Rulez"'), "strict policy: %d %s" % (st, body))
        st, body, _ = http(p2, "PUT", "/v1/acl/policy", {"ID": policy_id, "Name": "y"})
        check((st, body) == (400, "Cannot specify the ID when creating a new policy"), "create with ID: %d %s" % (st, body))
        st, body, _ = http(p2, "PUT", "/v1/acl/policy", {"Name": "temp", "Rules": 'node_prefix "" { policy = "read" }'})
        tmp_id = json.loads(body)["ID"] if st == 200 else ""
        st, body, _ = http(p2, "PUT", "/v1/acl/policy/" + tmp_id, {"Name": "temp2", "Rules": ""})
        check(st == 200 and json.loads(body)["ID"] == tmp_id and json.loads(body)["Name"] == "temp2", "rename: %d %s" % (st, body))
        st, body, _ = http(p2, "DELETE", "/v1/acl/policy/" + tmp_id)
        check((st, body) == (200, "true"), "delete policy: %d %s" % (st, body))
        st, body, _ = http(p2, "DELETE", "/v1/acl/policy/" + tmp_id)
        check((st, body) == (404, "Cannot find policy to delete"), "delete missing policy: %d %s" % (st, body))

        # CAS.
        st, body, _ = http(p1, "GET", "/v1/config/exported-services/default")
        entry = json.loads(body)
        idx = entry["ModifyIndex"]
        changed = dict(ops["export"]["body"])
        changed["Meta"] = {"changed": "yes"}
        st, body, _ = http(p1, "PUT", "/v1/config?cas=%d" % (idx - 1), changed)
        check((st, body) == (200, "false"), "stale CAS: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/config/exported-services/default")
        check(json.loads(body) == entry, "entry unchanged after a stale CAS")
        st, body, _ = http(p1, "PUT", "/v1/config?cas=%d" % idx, changed)
        check((st, body) == (200, "true"), "CAS with the current index: %d %s" % (st, body))
        st, body, _ = http(p1, "DELETE", "/v1/config/exported-services/default?cas=1")
        check((st, body) == (200, "false"), "stale CAS delete: %d %s" % (st, body))
        st, body, _ = http(p1, "PUT", "/v1/config", ops["export"]["body"])
        check((st, body) == (200, "true"), "export rewritten: %d %s" % (st, body))

        # ACLs.
        st, body, _ = http(p1, "GET", "/v1/peerings", token=None)
        check(st == 403 and body.startswith("Permission denied: anonymous token lacks permission 'peering:read'"),
              "no token: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/peerings", token="wrong")
        check((st, body) == (403, "ACL not found"), "wrong token: %d %s" % (st, body))
        st, body, _ = http(p1, "GET", "/v1/peerings", token=None, headers={"Authorization": "Bearer " + TOKEN})
        check(st == 200, "bearer token: %d %s" % (st, body))
        st, body, _ = http(p1, "PUT", "/v1/config", ops["export"]["body"], token=None)
        check(st == 403 and "'mesh:write'" in body, "anonymous write: %d %s" % (st, body))

        # The HTTP layer.
        st, body, _ = http(p1, "PUT", "/v1/config", "{not json")
        check(st == 400 and body.startswith("Request decoding failed: invalid character"), "malformed JSON: %d %s" % (st, body))
        st, body, _ = http(p1, "PUT", "/v1/config", '{"Kind": "exported-services", "Name": "default", "Meta": {"n": 1e999}}')
        check((st, body) == (400, "Request decoding failed: json: cannot unmarshal number 1e999 into Go value of type "
                                  "float64"), "number beyond float64: %d %s" % (st, body))
        st, body, _ = http(p1, "POST", "/v1/peering/token", b"")
        check((st, body) == (400, "Body decoding failed: EOF"), "empty body: %d %s" % (st, body))
        st, body, _ = http(p1, "POST", "/v1/peering/token", {})
        check((st, body) == (400, "PeerName is required in the payload when generating a new peering token."),
              "no PeerName: %d %s" % (st, body))
        st, body, _ = http(p1, "PUT", "/v1/config", "[" * 100000)
        check(st == 400, "deep nesting: %d" % st)
        st, body, _ = http(p1, "GET", "/v1/nothing-here")
        check(st == 404, "unknown path: %d" % st)
        st, body, hdrs = http(p1, "DELETE", "/v1/peerings")
        check(st == 405 and hdrs.get("Allow") == "GET", "wrong method: %d %s" % (st, hdrs))
        st, body, _ = http(p1, "GET", "/v1/peerings?partition=other")
        check((st, body) == (400, 'Invalid query parameter: "partition" - Partitions are a Consul Enterprise feature'),
              "CE partition: %d %s" % (st, body))
        big = b"PUT /v1/config HTTP/1.1\r\nHost: x\r\nX-Consul-Token: " + TOKEN.encode() + \
              b"\r\nContent-Length: 2000000\r\n\r\n" + b"x" * 1000
        out = raw(p1, big)
        check(out.startswith(b"HTTP/1.1 413"), "oversize: %r" % out[:40])

        # Fuzz: random request lines, headers and bodies over raw sockets.
        rng = random.Random(6)
        methods = [b"GET", b"PUT", b"POST", b"DELETE"] * 4 + [b"PATCH", b"G\x00T", b"", b"\xff\xfe"]
        paths = [b"/v1/config", b"/v1/config/service-intentions/x", b"/v1/peering/token", b"/v1/peering/establish",
                 b"/v1/peerings", b"/v1/acl/policy", b"/v1/acl/policy/name/%ff", b"/v1/connect/intentions/check?source=%",
                 b"/v1/connect/intentions/match?by=destination&name=a/b/c/d", b"/v1/exported-services?partition=\xc3",
                 b"/v1/config?cas=-1", b"/v1/config?cas=abc", b"/v1/entryc/decide?source=x/&destination=/", b"*", b""]
        bodies = [b"", b"{}", b"null", b"[]", b'{"Kind":"service-intentions","Name":"x","Sources":[{"Name":"*","Action":"allow"}]}',
                  b'{"Kind":"exported-services","Name":"default","Services":[{"Name":"*","Consumers":[{"Peer":"cluster-02"}]}]}',
                  b'{"PeerName":"x","PeeringToken":"AAAA"}', b'{"PeerName":"\xff"}', b'{"Name":"p","Rules":"service {"}',
                  b'"\\ud800"', b"{" * 70, b'{"a":' * 40]
        statuses = {}
        for i in range(int(os.environ.get("SERVE_FUZZ_N", "400"))):
            kind = rng.random()
            if kind < 0.3:
                data = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
            else:
                body = rng.choice(bodies)
                if rng.random() < 0.3:
                    body = bytes(b if rng.random() > 0.1 else rng.getrandbits(8) for b in body)
                hdrs = [b"Host: x", b"X-Consul-Token: " + (TOKEN.encode() if rng.random() < 0.7 else b"bad")]
                if rng.random() < 0.8:
                    hdrs.append(b"Content-Length: %d" % (len(body) if rng.random() < 0.9 else rng.randint(0, 5000)))
                if rng.random() < 0.1:
                    hdrs.append(b"Transfer-Encoding: chunked")
                if rng.random() < 0.05:
                    hdrs.append(bytes(rng.getrandbits(8) for _ in range(20)))
                data = rng.choice(methods) + b" " + rng.choice(paths) + b" HTTP/1." + rng.choice([b"1"] * 8 + [b"0", b"x"]) + \
                    b"\r\n" + b"\r\n".join(hdrs) + b"\r\n\r\n" + body
            out = raw(rng.choice([p1, p2]), data, timeout=1.0)
            m = re.match(rb"HTTP/1\.1 (\d+)", out)
            statuses[m.group(1).decode() if m else "none"] = statuses.get(m.group(1).decode() if m else "none", 0) + 1
            if srv.proc.poll() is not None:
                break
        print("fuzz: %d requests, responses by status: %s" % (i + 1, dict(sorted(statuses.items()))))
        check(srv.proc.poll() is None, "the server survived the fuzz loop")
        st, body, _ = http(p1, "GET", "/v1/peerings")
        check(st == 200, "server answers after the fuzz loop: %d" % st)

        rc = srv.stop()
        check(rc == 0, "SIGTERM: exit %d" % rc)
        log = "".join(srv.lines)
        check(TOKEN not in log, "the token never appears in the log")
        print("log: %d lines" % len(srv.lines))
        for line in srv.lines:
            if " 500 " in line:
                print("  " + line.rstrip())
        check(peering_token not in log, "the peering token never appears in the log")
        check(re.search(r"^entryc serve: POST /v1/peering/token 200 \d+\.\dms$", log, re.M) is not None,
              "one log line per request")
        check("?" + "cas" not in log, "queries are not logged")

        # What serve wrote, read by `entryc state list`.
        r = subprocess.run([ENTRYC, "state", "list", "--project", PROJECT, "--state-dir", state],
                           capture_output=True, text=True, timeout=60)
        keys = r.stdout.split()
        for k in ("cluster-01/default/peering/cluster-02", "cluster-02/default/peering/cluster-01",
                  "cluster-01/default/config/exported-services/default/default",
                  "cluster-01/default/config/service-intentions/default/backend-service",
                  "cluster-02/default/acl-policy/frontend-sidecar"):
            check(k in keys, "state list shows %s (%s %s)" % (k, r.stdout, r.stderr))
        check("cluster-02/default/acl-policy/temp2" not in keys, "deleted policy gone")

        # A restart loads the state: the peering is still ACTIVE.
        srv = Serve(state, token_file)
        st, body, _ = http(srv.ports["cluster-01"], "GET", "/v1/peering/cluster-02")
        check(st == 200 and json.loads(body)["State"] == "ACTIVE", "after a restart: %d %s" % (st, body))
        check(srv.stop() == 0, "second SIGTERM: exit 0")

    if failures:
        print("%d failure(s)" % len(failures), file=sys.stderr)
        return 1
    print("serve_test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
