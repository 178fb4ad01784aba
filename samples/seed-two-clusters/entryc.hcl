# The seed scenario as an entryc project: two Consul clusters, one peering.
# `entryc plan` (run from this directory) turns it into the four steps of
# "Establish cluster peering connections"; see README.md.

cluster "cluster-01" {
  datacenter     = "dc1"
  consul_version = "1.17.1"
  acl {
    enabled        = true
    default_policy = "deny"
  }
  # How `entryc emit` (and later the consul-http backend) reaches it. The
  # token is read from $DC1_CONSUL_TOKEN when a script runs, never written.
  http {
    address   = "https://consul.dc1.example:8501"
    token_env = "DC1_CONSUL_TOKEN"
  }
  services = ["backend-service"]
  entries  = ["cluster-01/*.hcl"]
}

cluster "cluster-02" {
  datacenter     = "dc2"
  consul_version = "1.17.1"
  acl {
    enabled        = true
    default_policy = "deny"
  }
  # No token_env: scripts read $CONSUL_HTTP_TOKEN_CLUSTER_02.
  http {
    address = "https://consul.dc2.example:8501"
    ca_file = "/etc/consul.d/dc2-ca.pem"
  }
  # reporting-service is not in the seed document: no intention names it,
  # so `entryc check` shows it denied by the ACL default.
  services = ["frontend-service", "reporting-service"]

  # The frontend's sidecar reads what cluster-02 imports from cluster-01.
  policy "frontend-sidecar" {
    file = "cluster-02/frontend-sidecar-policy.hcl"
  }
  token "frontend-service" {
    policies = ["frontend-sidecar"]
  }
  token "reporting-service" {
    service_identities = ["reporting-service"]
  }
}

# cluster-01 generates the token for the peer it calls "cluster-02";
# cluster-02 establishes the peering with it, calling its peer "cluster-01".
peering "cluster-01--cluster-02" {
  acceptor           = "cluster-01"
  dialer             = "cluster-02"
  acceptor_peer_name = "cluster-02"
  dialer_peer_name   = "cluster-01"
}
