# cluster-01 generated a token named "east", then establishes another peering under the same name.

cluster "cluster-01" {
  datacenter     = "dc1"
  consul_version = "1.17.1"
}

cluster "cluster-02" {
  datacenter     = "dc2"
  consul_version = "1.17.1"
}

cluster "cluster-03" {
  datacenter     = "dc3"
  consul_version = "1.17.1"
}

peering "one" {
  acceptor           = "cluster-01"
  dialer             = "cluster-02"
  acceptor_peer_name = "east"
}

peering "two" {
  acceptor         = "cluster-03"
  dialer           = "cluster-01"
  dialer_peer_name = "east"
}
