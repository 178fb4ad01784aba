# ACL rules for frontend-service's token in cluster-02: its sidecar reads the
# services imported from cluster-01. service:write on any service in the
# sidecar's partition grants read access to every imported service.
service "frontend-service" {
  policy = "write"
}
