# backend-service is authorized for cluster-02 but never exported to it.

cluster "cluster-01" {
  datacenter     = "dc1"
  consul_version = "1.17.1"
  services       = ["backend-service"]
  entries        = ["cluster-01/*.hcl"]
}

cluster "cluster-02" {
  datacenter     = "dc2"
  consul_version = "1.17.1"
  services       = ["frontend-service"]
}

peering "cluster-01--cluster-02" {
  acceptor           = "cluster-01"
  dialer             = "cluster-02"
  acceptor_peer_name = "cluster-02"
  dialer_peer_name   = "cluster-01"
}
