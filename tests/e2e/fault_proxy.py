#!/usr/bin/env python3
"""A small HTTP/1.1 reverse proxy that injects faults, for end-to-end tests
that put it between an HTTP client (curl, urllib, a generated script) and an
`entryc serve` listener. Python 3 standard library only.

    from fault_proxy import FaultProxy, Fault
    p = FaultProxy("127.0.0.1", upstream_port)   # listens on an ephemeral loopback port
    p.start()                                     # p.port, p.url ("http://127.0.0.1:PORT")
    p.add(Fault(method="PUT", path_prefix="/v1/config", action="status", status=500, body="boom", times=1))
    ...
    p.log    # [(method, path_with_query, status_or_action), ...]
    p.stop()

Faults (`Fault(...)`), checked in the order they were added; the first one
that matches a request's method and path (and is not used up) claims it:

  action="status"  answer `status` with `body` (text/plain) without forwarding;
                   `retry_after` adds a Retry-After header (e.g. 429 + "1")
  action="delay"   sleep `seconds`, then forward
  action="close"   read the whole request, then close the connection without answering
  action="hang"    read the whole request and never answer (until the proxy stops)
  action="before"  call `hook()` (any callable), then forward; for a concurrent
                   out-of-band write between the client's decision and its request

  method       None for any method (case-insensitive otherwise)
  path_prefix  matched against the request target as sent (path and query)
  skip         the first `skip` matching requests pass untouched (no other fault applies to them)
  times        how many matching requests (after `skip`) get the fault; None: all of them
  f.matched, f.fired   counters, for assertions

`p.log` holds one entry per request, appended when the request is done: the
status the client received (an int: the injected one, the upstream's, or 502
when the upstream could not be reached, 400/413 for a request the proxy could
not read), or "close" / "hang" when it received none ("hang" is logged when
the hang starts). The value of a `token` query parameter is replaced with
"redacted" in the log; headers and bodies are never logged or printed
(they hold ACL and peering tokens). Use `p.entries()` for a copy taken under
the lock.

HTTP: keep-alive with the client (any number of requests per connection,
pipelined requests too), Content-Length and chunked request bodies,
`Expect: 100-continue` answered by the proxy (and not forwarded), hop-by-hop
headers (RFC 9110 §7.6.1, plus those named in Connection) neither forwarded
nor returned; bodies are forwarded with a Content-Length. One thread per
client connection; each forwarded request opens its own upstream connection
(no upstream keep-alive, so there is never a stale connection to retry on).
A client that disconnects at any point only ends its own thread.
"""
import http.client
import re
import socket
import sys
import threading
import time

HOP_BY_HOP = frozenset(("connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
                        "te", "trailer", "trailers", "transfer-encoding", "upgrade", "expect", "content-length"))
MAX_HEAD = 64 * 1024
MAX_BODY = 64 * 1024 * 1024
ACTIONS = ("status", "delay", "close", "hang", "before")
_TOKEN_QUERY = re.compile(r"([?&]token=)[^&#]*", re.I)


class Fault:
    def __init__(self, method=None, path_prefix="/", action="status", status=500, body="", times=None, skip=0,
                 seconds=0.0, hook=None, retry_after=None, content_type="text/plain; charset=utf-8"):
        if action not in ACTIONS:
            raise ValueError("unknown fault action %r (one of %s)" % (action, ", ".join(ACTIONS)))
        if action == "before" and not callable(hook):
            raise ValueError('action "before" needs a callable hook')
        self.method = method.upper() if method else None
        self.path_prefix = path_prefix or "/"
        self.action = action
        self.status = int(status)
        self.body = body.encode() if isinstance(body, str) else bytes(body or b"")
        self.times = times
        self.skip = int(skip)
        self.seconds = float(seconds)
        self.hook = hook
        self.retry_after = retry_after
        self.content_type = content_type
        self.matched = 0  # requests it claimed: skipped ones and faulted ones (a used-up fault claims no more)
        self.fired = 0    # requests that got the fault

    def _used_up(self):
        return self.times is not None and self.fired >= self.times

    def __repr__(self):
        return "Fault(%s %s %s matched=%d fired=%d)" % (self.method or "*", self.path_prefix, self.action,
                                                      self.matched, self.fired)


class _BadRequest(Exception):
    def __init__(self, status, text):
        super().__init__(text)
        self.status = status


class _Gone(Exception):
    """The client went away, or the proxy is stopping."""


class _Conn:
    """A client socket with a read buffer; reads wake up to notice a stop."""

    def __init__(self, sock, stopping):
        self.sock = sock
        self.buf = b""
        self.stopping = stopping
        sock.settimeout(0.25)

    def _fill(self):
        while True:
            if self.stopping.is_set():
                raise _Gone()
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                raise _Gone()
            if not chunk:
                raise _Gone()
            self.buf += chunk
            return

    def read_head(self):
        """The request line and headers (without the blank line), or None on a clean EOF between requests."""
        while True:
            i = self.buf.find(b"\r\n\r\n")
            if i >= 0:
                head, self.buf = self.buf[:i], self.buf[i + 4:]
                return head
            if len(self.buf) > MAX_HEAD:
                raise _BadRequest(431, "request header fields too large")
            try:
                self._fill()
            except _Gone:
                if self.buf.strip(b"\r\n"):
                    raise
                return None

    def read_exact(self, n):
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_line(self):
        while True:
            i = self.buf.find(b"\r\n")
            if i >= 0:
                line, self.buf = self.buf[:i], self.buf[i + 2:]
                return line
            if len(self.buf) > MAX_HEAD:
                raise _BadRequest(400, "chunk line too long")
            self._fill()

    def send(self, data):
        try:
            self.sock.sendall(data)
        except OSError:
            raise _Gone()


class FaultProxy:
    def __init__(self, upstream_host, upstream_port, listen_host="127.0.0.1", listen_port=0, upstream_timeout=60.0):
        self.upstream = (upstream_host, int(upstream_port))
        self.upstream_timeout = upstream_timeout
        self.log = []
        self.errors = []        # proxy-internal failures (hook exceptions, upstream errors): short texts, no headers
        self.connections = 0    # client connections accepted
        self._faults = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._clients = set()
        self._threads = []
        self._listener = socket.socket(socket.AF_INET6 if ":" in listen_host else socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((listen_host, listen_port))
        self._listener.listen(128)
        self._listener.settimeout(0.2)
        self.host = listen_host
        self.port = self._listener.getsockname()[1]
        self.url = "http://%s:%d" % ("[%s]" % listen_host if ":" in listen_host else listen_host, self.port)
        self._acceptor = None

    # ---- public

    def start(self):
        self._acceptor = threading.Thread(target=self._accept_loop, name="fault-proxy-accept", daemon=True)
        self._acceptor.start()
        return self

    def add(self, fault):
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self):
        with self._lock:
            self._faults = []

    def entries(self):
        with self._lock:
            return list(self.log)

    def stop(self, timeout=5.0):
        self._stopping.set()
        try:
            self._listener.close()
        except OSError:
            pass
        with self._lock:
            clients = list(self._clients)
        for s in clients:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        deadline = time.time() + timeout
        if self._acceptor is not None:
            self._acceptor.join(max(0.0, deadline - time.time()))
        for t in list(self._threads):
            t.join(max(0.0, deadline - time.time()))

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ---- internals

    def _accept_loop(self):
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                if self._stopping.is_set():
                    return
                time.sleep(0.05)  # EMFILE and the like: keep the proxy alive
                continue
            with self._lock:
                self.connections += 1
                self._clients.add(sock)
                self._threads = [t for t in self._threads if t.is_alive()]
            t = threading.Thread(target=self._serve_client, args=(sock,), name="fault-proxy-conn", daemon=True)
            self._threads.append(t)
            t.start()

    def _record(self, method, target, outcome):
        with self._lock:
            self.log.append((method, _TOKEN_QUERY.sub(r"\1redacted", target), outcome))

    def _error(self, text):
        with self._lock:
            self.errors.append(text)

    def _claim(self, method, target):
        """The fault to apply to this request, or None (forward untouched)."""
        with self._lock:
            for f in self._faults:
                if f.method is not None and f.method != method:
                    continue
                if not target.startswith(f.path_prefix) or f._used_up():
                    continue
                f.matched += 1
                if f.matched <= f.skip:
                    return None
                f.fired += 1
                return f
        return None

    def _serve_client(self, sock):
        conn = _Conn(sock, self._stopping)
        try:
            while not self._stopping.is_set():
                try:
                    req = self._read_request(conn)
                except _BadRequest as e:
                    self._record("-", "-", e.status)
                    self._respond(conn, e.status, "Bad Request", [("Content-Type", "text/plain")],
                                  ("fault_proxy: %s\n" % e).encode(), close=True)
                    return
                if req is None:
                    return
                method, target, version, headers, body, keep_alive = req
                fault = self._claim(method, target)
                if fault is not None and fault.action == "close":
                    self._record(method, target, "close")
                    return
                if fault is not None and fault.action == "hang":
                    self._record(method, target, "hang")
                    self._stopping.wait()
                    return
                if fault is not None and fault.action == "status":
                    hdrs = [("Content-Type", fault.content_type)]
                    if fault.retry_after is not None:
                        hdrs.append(("Retry-After", str(fault.retry_after)))
                    self._respond(conn, fault.status, http.client.responses.get(fault.status, "Status"), hdrs,
                                  fault.body, close=not keep_alive, head=method == "HEAD")
                    self._record(method, target, fault.status)
                    if not keep_alive:
                        return
                    continue
                if fault is not None and fault.action == "delay":
                    if self._stopping.wait(fault.seconds):
                        return
                if fault is not None and fault.action == "before":
                    try:
                        fault.hook()
                    except Exception as e:  # noqa: BLE001 - reported, the proxy keeps going
                        self._error("hook raised %s: %s" % (type(e).__name__, e))
                        self._respond(conn, 502, "Bad Gateway", [("Content-Type", "text/plain")],
                                      b"fault_proxy: the before hook raised an exception\n", close=not keep_alive)
                        self._record(method, target, 502)
                        if not keep_alive:
                            return
                        continue
                status, reason, rhdrs, rbody, upstream_close = self._forward(method, target, headers, body)
                close = not keep_alive
                self._respond(conn, status, reason, rhdrs, rbody, close=close, head=method == "HEAD")
                self._record(method, target, status)
                if close:
                    return
        except _Gone:
            return
        except Exception as e:  # noqa: BLE001 - never let one connection take the proxy down
            self._error("connection handler: %s: %s" % (type(e).__name__, e))
        finally:
            with self._lock:
                self._clients.discard(sock)
            try:
                sock.close()
            except OSError:
                pass

    def _read_request(self, conn):
        head = conn.read_head()
        if head is None:
            return None
        lines = head.split(b"\r\n")
        while lines and not lines[0]:  # tolerate stray CRLFs between requests (RFC 9112 §2.2)
            lines.pop(0)
        if not lines:
            return None
        try:
            method, target, version = lines[0].decode("latin-1").split(" ")
        except ValueError:
            raise _BadRequest(400, "malformed request line")
        if not version.startswith("HTTP/1.") or not method.isalpha():
            raise _BadRequest(400, "malformed request line")
        headers = []
        for raw in lines[1:]:
            if raw[:1] in (b" ", b"\t") or b":" not in raw:
                raise _BadRequest(400, "malformed header line")
            k, v = raw.split(b":", 1)
            headers.append((k.decode("latin-1").strip(), v.decode("latin-1").strip()))
        low = {}
        for k, v in headers:
            low.setdefault(k.lower(), []).append(v)
        connection = ",".join(low.get("connection", [])).lower()
        tokens = {t.strip() for t in connection.split(",") if t.strip()}
        if version == "HTTP/1.0":
            keep_alive = "keep-alive" in tokens
        else:
            keep_alive = "close" not in tokens
        if "100-continue" in ",".join(low.get("expect", [])).lower() and version != "HTTP/1.0":
            conn.send(b"HTTP/1.1 100 Continue\r\n\r\n")
        te = ",".join(low.get("transfer-encoding", [])).lower().strip()
        body = None
        if te:
            if te != "chunked":
                raise _BadRequest(400, "unsupported transfer-encoding")
            body = self._read_chunked(conn)
        elif "content-length" in low:
            values = {v.strip() for v in ",".join(low["content-length"]).split(",")}
            if len(values) != 1 or not next(iter(values)).isdigit():
                raise _BadRequest(400, "bad content-length")
            n = int(next(iter(values)))
            if n > MAX_BODY:
                raise _BadRequest(413, "body too large")
            body = conn.read_exact(n)
        # Hop-by-hop headers and those the Connection header names stay here.
        drop = HOP_BY_HOP | tokens
        fwd = [(k, v) for k, v in headers if k.lower() not in drop]
        return method.upper(), target, version, fwd, body, keep_alive

    def _read_chunked(self, conn):
        body = b""
        while True:
            line = conn.read_line().split(b";", 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                raise _BadRequest(400, "bad chunk size")
            if size == 0:
                while conn.read_line():  # trailers, dropped
                    pass
                return body
            if len(body) + size > MAX_BODY:
                raise _BadRequest(413, "body too large")
            body += conn.read_exact(size)
            if conn.read_exact(2) != b"\r\n":
                raise _BadRequest(400, "bad chunk terminator")

    def _forward(self, method, target, headers, body):
        up = http.client.HTTPConnection(self.upstream[0], self.upstream[1], timeout=self.upstream_timeout)
        try:
            up.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            if not any(k.lower() == "host" for k, _ in headers):
                up.putheader("Host", "%s:%d" % self.upstream)
            for k, v in headers:
                up.putheader(k, v)
            if body is not None:
                up.putheader("Content-Length", str(len(body)))
            up.endheaders(body)
            resp = up.getresponse()
            rbody = b"" if method == "HEAD" else resp.read()
            rhdrs = resp.getheaders()
            named = set()
            for k, v in rhdrs:
                if k.lower() == "connection":
                    named |= {t.strip().lower() for t in v.split(",")}
            rhdrs = [(k, v) for k, v in rhdrs if k.lower() not in HOP_BY_HOP and k.lower() not in named]
            if method == "HEAD":
                rhdrs += [(k, v) for k, v in resp.getheaders() if k.lower() == "content-length"]
            return resp.status, resp.reason, rhdrs, rbody, resp.will_close
        except (OSError, http.client.HTTPException) as e:
            self._error("upstream %s %s: %s" % (method, _TOKEN_QUERY.sub(r"\1redacted", target), type(e).__name__))
            return 502, "Bad Gateway", [("Content-Type", "text/plain")], \
                ("fault_proxy: upstream error: %s\n" % type(e).__name__).encode(), True
        finally:
            up.close()

    def _respond(self, conn, status, reason, headers, body, close=False, head=False):
        out = ["HTTP/1.1 %d %s" % (status, reason or "Status")]
        out += ["%s: %s" % (k, v) for k, v in headers if head is False or k.lower() != "content-length"]
        if head:
            out += ["%s: %s" % (k, v) for k, v in headers if k.lower() == "content-length"][:1]
        elif not (100 <= status < 200 or status in (204, 304)):
            out.append("Content-Length: %d" % len(body))
        if close:
            out.append("Connection: close")
        data = ("\r\n".join(out) + "\r\n\r\n").encode("latin-1")
        if not head and not (100 <= status < 200 or status in (204, 304)):
            data += body
        conn.send(data)


# ---------------------------------------------------------------------------
# Self-test: `ENTRYC=build/bin/entryc python3 tests/e2e/fault_proxy.py`

def _selftest():  # noqa: C901 - one linear scenario
    import json
    import os
    import random
    import shutil
    import signal
    import subprocess
    import tempfile
    import urllib.error
    import urllib.request

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    entryc = os.environ.get("ENTRYC") or shutil.which("entryc") or os.path.join(root, "build", "bin", "entryc")
    project = os.path.join(root, "samples", "seed-two-clusters", "entryc.hcl")
    token = "fp-%032x" % random.SystemRandom().getrandbits(128)
    failures = []

    def check(cond, what):
        print(("ok    " if cond else "FAIL  ") + what)
        if not cond:
            failures.append(what)

    def call(url, method, path, body=None, tok=token, timeout=10, headers=None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(url + path, data=data, method=method)
        if tok:
            req.add_header("X-Consul-Token", tok)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read().decode(), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), dict(e.headers)

    def read_response(rf):
        """(status, body) of one Content-Length response from a buffered socket file."""
        status = int(rf.readline().split()[1])
        length = 0
        while True:
            line = rf.readline().strip()
            if not line:
                break
            k, v = line.split(b":", 1)
            if k.strip().lower() == b"content-length":
                length = int(v)
        return status, rf.read(length)

    export = {"Kind": "exported-services", "Name": "default",
              "Services": [{"Name": "backend-service", "Consumers": [{"Peer": "cluster-02"}]}]}

    with tempfile.TemporaryDirectory(prefix="fault-proxy-") as tmp:
        token_file = os.path.join(tmp, "token")
        with open(token_file, "w") as f:
            f.write(token + "\n")
        os.chmod(token_file, 0o600)
        from serve_process import ServeProcess  # the self-test only; the proxy itself needs nothing
        try:
            serve = ServeProcess(entryc, project, state_dir=os.path.join(tmp, "state"), token_file=token_file)
        except RuntimeError as e:
            print(e, file=sys.stderr)
            return 1
        ports = serve.ports
        direct = "http://127.0.0.1:%d" % ports["cluster-01"]

        p = FaultProxy("127.0.0.1", ports["cluster-01"]).start()
        try:
            # Forwarding untouched.
            st, body, _ = call(p.url, "GET", "/v1/peerings")
            check((st, body) == (200, "[]"), "forward: GET /v1/peerings -> %d %s" % (st, body))
            st, body, _ = call(p.url, "GET", "/v1/peerings", tok="wrong")
            check((st, body) == (403, "ACL not found"), "forward keeps the token header: wrong token -> %d" % st)

            # status: the injected status and body, nothing forwarded; then the real answer.
            f = p.add(Fault(method="PUT", path_prefix="/v1/config", action="status", status=500, body="boom", times=1))
            n_before = sum(1 for l in serve.lines if "PUT /v1/config" in l)
            st, body, _ = call(p.url, "PUT", "/v1/config", export)
            check((st, body) == (500, "boom"), "status fault: %d %s" % (st, body))
            st, body, _ = call(p.url, "PUT", "/v1/config", export)
            check((st, body) == (200, "true"), "times=1: the next PUT is forwarded: %d %s" % (st, body))
            time.sleep(0.2)
            n_after = sum(1 for l in serve.lines if "PUT /v1/config" in l)
            check(n_after - n_before == 1, "serve saw only the forwarded PUT (%d)" % (n_after - n_before))
            check((f.matched, f.fired) == (1, 1), "counters: matched %d fired %d" % (f.matched, f.fired))

            # status with Retry-After.
            p.add(Fault(method="GET", path_prefix="/v1/exported-services", action="status", status=429,
                        body="rate limited", retry_after=1, times=1))
            st, body, hdrs = call(p.url, "GET", "/v1/exported-services")
            check(st == 429 and hdrs.get("Retry-After") == "1", "429 with Retry-After: %d %s" % (st, hdrs))

            # delay: forwarded after the delay.
            p.add(Fault(method="GET", path_prefix="/v1/config/exported-services", action="delay", seconds=0.6,
                        times=1))
            t0 = time.time()
            st, body, _ = call(p.url, "GET", "/v1/config/exported-services/default")
            dt = time.time() - t0
            check(st == 200 and json.loads(body)["Kind"] == "exported-services" and dt >= 0.6,
                  "delay: %d after %.2fs" % (st, dt))

            # close: a connection error for the client.
            p.add(Fault(method="POST", path_prefix="/v1/peering/token", action="close", times=1))
            try:
                st, body, _ = call(p.url, "POST", "/v1/peering/token", {"PeerName": "cluster-02"})
                check(False, "close: expected a connection error, got %d" % st)
            except (urllib.error.URLError, ConnectionError, http.client.HTTPException) as e:
                check(True, "close: connection error (%s)" % type(e).__name__)

            # skip / times: the 1st passes, the 2nd and 3rd get 503, the 4th passes.
            f = p.add(Fault(method="GET", path_prefix="/v1/peering/", action="status", status=503, body="x",
                            skip=1, times=2))
            got = [call(p.url, "GET", "/v1/peering/cluster-02")[0] for _ in range(4)]
            check(got == [404, 503, 503, 404], "skip=1 times=2: %s" % got)
            check((f.matched, f.fired) == (3, 2), "skip/times counters: matched %d fired %d" % (f.matched, f.fired))

            # before: the hook writes out of band (straight to serve) before the request is forwarded;
            # the forwarded GET sees that write.
            order = []

            def hook():
                changed = dict(export, Meta={"written-by": "hook"})
                st, body, _ = call(direct, "PUT", "/v1/config", changed)
                order.append(("hook", st, body))

            p.add(Fault(method="GET", path_prefix="/v1/config/exported-services/default", action="before",
                        hook=hook, times=1))
            st, body, _ = call(p.url, "GET", "/v1/config/exported-services/default")
            order.append(("forward", st))
            check(order[0] == ("hook", 200, "true") and st == 200
                  and json.loads(body).get("Meta") == {"written-by": "hook"},
                  "before: hook ran first, the forwarded GET saw its write (%s)" % order)

            # hang: no answer until the proxy stops (the client times out meanwhile).
            p.add(Fault(path_prefix="/v1/acl/policies", action="hang", times=1))
            t0 = time.time()
            try:
                call(p.url, "GET", "/v1/acl/policies", timeout=0.8)
                check(False, "hang: expected a timeout")
            except (TimeoutError, socket.timeout, urllib.error.URLError) as e:
                check(time.time() - t0 >= 0.7, "hang: the client timed out (%s)" % type(e).__name__)

            # Keep-alive, pipelining, a chunked body and Expect: 100-continue on one connection.
            conns = p.connections
            s = socket.create_connection(("127.0.0.1", p.port), timeout=10)
            auth = ("X-Consul-Token: %s\r\n" % token).encode()
            s.sendall(b"GET /v1/peerings HTTP/1.1\r\nHost: x\r\n" + auth + b"\r\n"
                      b"GET /v1/exported-services HTTP/1.1\r\nHost: x\r\n" + auth + b"\r\n")
            payload = json.dumps(export).encode()
            chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload)
            s.sendall(b"PUT /v1/config HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + auth + b"\r\n" +
                      chunked)
            big = {"Name": "big-policy", "Description": "d" * 2000, "Rules": 'node_prefix "" { policy = "read" }'}
            big_body = json.dumps(big).encode()
            s.sendall(b"PUT /v1/acl/policy HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: %d\r\n"
                      % len(big_body) + auth + b"\r\n")
            rf = s.makefile("rb")
            statuses = []
            for _ in range(3):
                statuses.append(read_response(rf)[0])
            line = rf.readline()
            rf.readline()
            check(line.startswith(b"HTTP/1.1 100"), "Expect: 100-continue answered (%r)" % line)
            s.sendall(big_body)
            statuses.append(read_response(rf)[0])
            s.close()
            # cluster-01 has ACLs (acl:write needs the management token) but no ACL policies endpoint problem:
            check(statuses == [200, 200, 200, 200] and p.connections == conns + 1,
                  "keep-alive: 4 requests (pipelined, chunked, 100-continue) on one connection: %s" % statuses)

            # curl sends Expect: 100-continue for a body over 1 KiB.
            if shutil.which("curl"):
                big["Name"] = "big-policy-2"
                t0 = time.time()
                r = subprocess.run(["curl", "-sS", "-X", "PUT", "-H", "@-", "--data-binary", json.dumps(big),
                                    "-w", "\n%{http_code}", p.url + "/v1/acl/policy"],
                                   input="X-Consul-Token: %s\n" % token, capture_output=True, text=True, timeout=30)
                dt = time.time() - t0
                # curl waits up to 1 s for "100 Continue" before it sends the body anyway.
                check(r.returncode == 0 and r.stdout.endswith("\n200") and dt < 0.9,
                      "curl PUT with a 2 KiB body (Expect: 100-continue): %s %s in %.2fs"
                      % (r.stdout[-3:], r.stderr.strip(), dt))

            # Client disconnects do not hurt: a half request, a request whose answer is never read.
            for data in (b"PUT /v1/config HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{",
                         b"GET /v1/peer", b"\xff\xfe garbage\r\n\r\n"):
                s = socket.create_connection(("127.0.0.1", p.port), timeout=5)
                s.sendall(data)
                s.close()
            p.add(Fault(path_prefix="/v1/peerings", action="delay", seconds=0.3, times=1))
            s = socket.create_connection(("127.0.0.1", p.port), timeout=5)
            s.sendall(b"GET /v1/peerings HTTP/1.1\r\nHost: x\r\n" + auth + b"\r\n")
            s.close()
            time.sleep(0.6)
            st, body, _ = call(p.url, "GET", "/v1/peerings")
            check(st == 200, "the proxy survives client disconnects: %d" % st)

            # Upstream down: 502, the proxy lives on.
            dead = FaultProxy("127.0.0.1", 1).start()
            st, body, _ = call(dead.url, "GET", "/v1/peerings")
            dead.stop()
            check(st == 502, "unreachable upstream: %d" % st)

            # The log: one entry per request, no token.
            log = p.entries()
            check(("PUT", "/v1/config", 500) in log and ("POST", "/v1/peering/token", "close") in log
                  and ("GET", "/v1/acl/policies", "hang") in log and ("GET", "/v1/peering/cluster-02", 503) in log,
                  "log entries (%d)" % len(log))
            call(p.url, "GET", "/v1/peerings?token=" + token, tok=None)
            time.sleep(0.1)
            check(token not in repr(p.entries()) and ("GET", "/v1/peerings?token=redacted", 200) in p.entries(),
                  "no token in the log")
            check(p.errors == [], "no internal errors: %s" % p.errors)
        finally:
            t0 = time.time()
            p.stop()
            check(time.time() - t0 < 5, "stop() returns promptly (with a hung request) in %.2fs" % (time.time() - t0))
            rc = serve.stop()
        check(rc == 0, "serve exit %d" % rc)
        check(token not in serve.text(), "no token in serve's log")
        serve.remove_log()
    if failures:
        print("fault_proxy self-test: %d failure(s)" % len(failures), file=sys.stderr)
        return 1
    print("fault_proxy self-test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(_selftest())
