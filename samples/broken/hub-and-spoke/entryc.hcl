# One hub, three spokes (Consul CE). See README.md.

cluster "hub" {
  datacenter     = "hub-dc"
  consul_version = "1.18.1"
  services       = ["api", "auth"]
  entries        = ["hub/*.hcl"]
}

cluster "spoke-a" {
  datacenter     = "spoke-a-dc"
  consul_version = "1.18.1"
  services       = ["web-a"]
  entries        = ["spoke-a/*.hcl"]
}

cluster "spoke-b" {
  datacenter     = "spoke-b-dc"
  consul_version = "1.14.0"
  services       = ["web-b"]
  entries        = ["spoke-b/*.hcl"]
}

cluster "spoke-c" {
  datacenter     = "spoke-c-dc"
  consul_version = "1.16.6"
  services       = ["web-c"]
  entries        = ["spoke-c/*.hcl"]
}

peering "hub--spoke-a" {
  acceptor           = "hub"
  dialer             = "spoke-a"
  acceptor_peer_name = "spoke-a"
  dialer_peer_name   = "hub"
}

peering "hub--spoke-b" {
  acceptor           = "hub"
  dialer             = "spoke-b"
  acceptor_peer_name = "spoke-b"
  dialer_peer_name   = "hub"
}

peering "hub--spoke-c" {
  acceptor           = "hub"
  dialer             = "spoke-c"
  acceptor_peer_name = "spoke-c"
  dialer_peer_name   = "Hub"
}
