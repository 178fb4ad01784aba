# web's token: register web, and read every service and node so that its
# sidecar sees what dc-b imports from dc-a.
service "web" {
  policy = "write"
}
service_prefix "" {
  policy = "read"
}
node_prefix "" {
  policy = "read"
}
