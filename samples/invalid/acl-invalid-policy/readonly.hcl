# Token for the web service and its sidecar. "readonly" is not an ACL level:
# Consul rejects the whole policy.
service "web" {
  policy = "write"
}
service "web-sidecar-proxy" {
  policy = "write"
}
service_prefix "" {
  policy = "readonly"
}
node_prefix "" {
  policy = "read"
}
