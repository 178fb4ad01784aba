# cluster-02 still runs Consul 1.13, which cannot peer.

cluster "cluster-01" {
  datacenter     = "dc1"
  consul_version = "1.17.1"
  services       = ["backend-service"]
}

cluster "cluster-02" {
  datacenter     = "dc2"
  consul_version = "1.13.3"
  services       = ["frontend-service"]
}

peering "cluster-01--cluster-02" {
  acceptor           = "cluster-01"
  dialer             = "cluster-02"
  acceptor_peer_name = "cluster-02"
  dialer_peer_name   = "cluster-01"
}
