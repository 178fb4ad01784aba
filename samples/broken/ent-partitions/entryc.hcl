# Two Enterprise clusters with admin partitions; see README.md.
project {
  edition = "ent"
}

cluster "east" {
  datacenter     = "us-east"
  consul_version = "1.18.2+ent"

  partition "finance" {
    namespaces = ["default", "payments"]
    services   = ["billing", "ledger"]
    entries    = ["east/finance/*.hcl"]
  }

  partition "retail" {
    namespaces = ["default", "storefront"]
    services   = ["storefront-web"]
    entries    = ["east/retail/*.hcl"]
  }
}

cluster "west" {
  datacenter     = "us-west"
  consul_version = "1.13.4+ent"

  partition "analytics" {
    namespaces = ["default"]
    services   = ["reporting"]
    entries    = ["west/analytics/*.hcl"]
  }
}

peering "east-finance--west-analytics" {
  acceptor           = "east/finance"
  dialer             = "west/analytics"
  acceptor_peer_name = "west-analytics"
  dialer_peer_name   = "east-finance"
}
