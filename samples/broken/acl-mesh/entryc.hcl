# Peering through mesh gateways with ACLs enforced; see README.md.

cluster "dc-a" {
  datacenter     = "dc-a"
  consul_version = "1.13.2"
  acl {
    enabled        = true
    default_policy = "deny"
  }
  services = ["api", "mesh-gateway"]
  entries  = ["dc-a/*.hcl", "dc-a/acl/*.hcl"]

  token "mesh-gateway" {
    mesh_gateway = true
    policies     = ["mesh-gateway"]
  }
  token "api" {
    service_identities = ["api"]
  }
}

cluster "dc-b" {
  datacenter     = "dc-b"
  consul_version = "1.18.1"
  acl {
    enabled        = true
    default_policy = "deny"
  }
  services = ["web", "mesh-gateway"]
  entries  = ["dc-b/*.hcl", "dc-b/acl/*.hcl"]

  token "mesh-gateway" {
    mesh_gateway = true
    policies     = ["mesh-gateway"]
  }
  token "web" {
    policies = ["web-sidecar"]
  }
}

peering "dc-a--dc-b" {
  acceptor = "dc-a"
  dialer   = "dc-b"
}
