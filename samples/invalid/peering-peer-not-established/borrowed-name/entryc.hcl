# "cluster-03" is what cluster-02 calls its peer; cluster-01 has no peering with cluster-03.

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

cluster "cluster-03" {
  datacenter     = "dc3"
  consul_version = "1.17.1"
}

peering "cluster-02--cluster-03" {
  acceptor           = "cluster-02"
  dialer             = "cluster-03"
  acceptor_peer_name = "cluster-03"
  dialer_peer_name   = "cluster-02"
}
