# A peering between two partitions of cluster-01: export to the partition instead.

cluster "cluster-01" {
  datacenter     = "dc1"
  consul_version = "1.17.1"
  edition        = "ent"
  partition "finance" {
    services = ["ledger"]
  }
  services       = ["backend-service"]
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

peering "default--finance" {
  acceptor = "cluster-01/default"
  dialer   = "cluster-01/finance"
}
