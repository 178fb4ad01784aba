# cluster-02's mesh gateway may write mesh config but not read peerings.

cluster "cluster-01" {
  datacenter     = "dc1"
  consul_version = "1.17.1"
  services       = ["backend-service"]
  entries        = ["cluster-01/*.hcl"]
}

cluster "cluster-02" {
  datacenter     = "dc2"
  consul_version = "1.17.1"
  acl {
    enabled        = true
    default_policy = "deny"
  }
  policy "mesh-gateway" {
    file = "cluster-02/mesh-gateway-policy.hcl"
  }
  token "mesh-gateway" {
    mesh_gateway = true
    policies     = ["mesh-gateway"]
  }
  services       = ["frontend-service"]
  entries        = ["cluster-02/*.hcl"]
}

peering "cluster-01--cluster-02" {
  acceptor           = "cluster-01"
  dialer             = "cluster-02"
  acceptor_peer_name = "cluster-02"
  dialer_peer_name   = "cluster-01"
}
