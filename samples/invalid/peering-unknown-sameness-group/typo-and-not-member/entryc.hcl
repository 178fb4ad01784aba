# Both clusters are Enterprise; cluster-01 is in sg-prod only.

project {
  edition = "ent"
}

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

sameness_group "sg-prod" {
  members = ["cluster-01/default", "cluster-02/default"]
}

sameness_group "sg-edge" {
  members = ["cluster-02/default"]
}
