# An Enterprise partition whose exported-services entry kept the name "default".

cluster "east" {
  datacenter     = "us-east"
  consul_version = "1.17.1"
  edition        = "ent"
  services       = ["web"]
}

cluster "west" {
  datacenter     = "us-west"
  consul_version = "1.17.1"
  edition        = "ent"
  partition "analytics" {
    services = ["reporting"]
    entries  = ["west/*.hcl"]
  }
}

peering "east--west" {
  acceptor           = "west/analytics"
  dialer             = "east"
  acceptor_peer_name = "east"
  dialer_peer_name   = "west-analytics"
}
