# Consul silently ignores both typos: the first rule grants nothing, the
# second has no policy (which Consul then rejects).
servce "frontend" {
  policy = "write"
}
service "frontend-sidecar-proxy" {
  polcy = "write"
}
key_prefix "config/frontend/" {
  policy     = "read"
  intentions = "read"
}
