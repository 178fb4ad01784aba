# The mesh gateway's token: register itself, read the catalog, and carry
# peering traffic (mesh:write, peering:read).
service "mesh-gateway" {
  policy = "write"
}
service_prefix "" {
  policy = "read"
}
node_prefix "" {
  policy = "read"
}
agent_prefix "" {
  policy = "read"
}
mesh    = "write"
peering = "read"
