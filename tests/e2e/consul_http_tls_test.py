#!/usr/bin/env python3
"""TLS of the consul-http backend's live mode (docs/backends.md, "Live
apply"): `entryc plan --refresh --backend consul-http` against an HTTPS stub
of Consul's read endpoints (every GET answers `[]`), with certificates made
by openssl for the test:

  - ca_file + tls_server_name: the address is an IP, the certificate names
    consul.dc1.example; it verifies, and the token arrives;
  - without tls_server_name the name does not match: refused, not retried,
    nothing sent;
  - without ca_file the CA is unknown: refused; tls_skip_verify accepts it;
  - an agent that verifies clients: refused without a client certificate,
    accepted with cert_file + key_file.

ENTRYC names the binary; needs openssl."""
import http.server
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading

ENTRYC = os.environ.get("ENTRYC", "entryc")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(ROOT, "samples", "seed-two-clusters")
TOKEN = "tls-test-token-" + os.urandom(8).hex()
NAME = "consul.dc1.example"

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_certs(d):
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=entryc test CA", cwd=d)
    for name, ext in (("server", "subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth" % NAME),
                      ("client", "extendedKeyUsage=clientAuth")):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + name, cwd=d)
        with open(os.path.join(d, name + ".ext"), "w") as f:
            f.write(ext + "\n")
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext", cwd=d)


class Stub:
    """An HTTPS server answering every GET with an empty JSON list."""

    def __init__(self, d, client_ca=None):
        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                seen.append((self.path, self.headers.get("X-Consul-Token") == TOKEN))
                body = b"[]"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(d, "server.pem"), os.path.join(d, "server.key"))
        if client_ca:
            ctx.verify_mode = ssl.CERT_REQUIRED
            ctx.load_verify_locations(client_ca)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        self.server.handle_error = lambda *a: None  # failed handshakes are the point
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def project(tmp, name, http_block):
    d = os.path.join(tmp, name)
    shutil.copytree(SEED, d, ignore=shutil.ignore_patterns("emit", "*.expected", ".entryc"))
    path = os.path.join(d, "entryc.hcl")
    with open(path) as f:
        text = f.read()
    text, n = re.subn(r"http \{[^}]*\}", lambda m: "http {\n%s\n  }" % http_block, text)
    assert n == 2, n
    with open(path, "w") as f:
        f.write(text)
    return path


def refresh(path, port):
    env = dict(os.environ, CONSUL_HTTP_TOKEN_CLUSTER_01=TOKEN, CONSUL_HTTP_TOKEN_CLUSTER_02=TOKEN,
               CONSUL_HTTP_ADDR_CLUSTER_01="https://127.0.0.1:%d" % port,
               CONSUL_HTTP_ADDR_CLUSTER_02="https://127.0.0.1:%d" % port,
               ENTRYC_HTTP_BACKOFF_MS="10", ENTRYC_HTTP_TIMEOUT="10", ENTRYC_HTTP_CONCURRENCY="1")
    p = subprocess.run([ENTRYC, "plan", "--refresh", "--backend", "consul-http", "--project", path],
                       capture_output=True, text=True, env=env, timeout=120)
    check(TOKEN not in p.stdout + p.stderr, "  (the token appears in no output)")
    return p


def main():
    tmp = tempfile.mkdtemp(prefix="entryc-tls-")
    try:
        make_certs(tmp)
        ca, cert, key = (os.path.join(tmp, f) for f in ("ca.pem", "client.pem", "client.key"))
        stub = Stub(tmp)
        try:
            p = refresh(project(tmp, "verified", '    ca_file = "%s"\n    tls_server_name = "%s"' % (ca, NAME)),
                        stub.port)
            check(p.returncode == 0 and "Plan: 5 to create" in p.stdout,
                  "ca_file + tls_server_name: the clusters are read over TLS (exit %d)\n%s" % (p.returncode, p.stderr))
            check(stub.seen and all(tok for _, tok in stub.seen), "the token arrives with every request")

            before = len(stub.seen)
            p = refresh(project(tmp, "no-name", '    ca_file = "%s"' % ca), stub.port)
            check(p.returncode == 2 and "cannot read what the clusters hold" in p.stderr and
                  "127.0.0.1" in p.stderr, "an IP address the certificate does not name is refused")
            check("set http.tls_server_name" in p.stderr, "... and says what to set")
            check("attempts" not in p.stderr and len(stub.seen) == before,
                  "... without retries, and no request reaches the agent")

            p = refresh(project(tmp, "no-ca", '    tls_server_name = "%s"' % NAME), stub.port)
            check(p.returncode == 2 and "set http.ca_file" in p.stderr, "an unknown CA is refused, saying what to set")
            p = refresh(project(tmp, "skip", "    tls_skip_verify = true"), stub.port)
            check(p.returncode == 0, "tls_skip_verify accepts it")
        finally:
            stub.stop()

        mtls = Stub(tmp, client_ca=ca)
        try:
            base = '    ca_file = "%s"\n    tls_server_name = "%s"' % (ca, NAME)
            no_cert = project(tmp, "no-client-cert", base)
            # With TLS 1.3 the stub's alert races its close (the client may see
            # the alert, a reset or OpenSSL's "bad length"): the fix is named
            # from the handshake's certificate request, so every run names it.
            for _ in range(int(os.environ.get("ENTRYC_TLS_REPEAT", "3"))):
                p = refresh(no_cert, mtls.port)
                check(p.returncode == 2 and not mtls.seen,
                      "an agent that verifies clients refuses one without a certificate")
                lines = [l for l in p.stderr.splitlines() if "cluster-0" in l]
                named = bool(lines) and all("set http.cert_file and http.key_file" in l for l in lines)
                check(named, "... and every failed read says what to set" + ("" if named else "\n" + p.stderr))
                check("attempts" not in p.stderr, "... without retries")
            p = refresh(project(tmp, "client-cert", base + '\n    cert_file = "%s"\n    key_file = "%s"' % (cert, key)),
                        mtls.port)
            check(p.returncode == 0 and mtls.seen, "cert_file + key_file: accepted (exit %d)\n%s" % (p.returncode, p.stderr))
        finally:
            mtls.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("consul_http_tls_test: %d failed" % len(failures), file=sys.stderr)
        return 1
    print("consul_http_tls_test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
