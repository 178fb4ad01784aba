# Each spoke's web service may call api; nothing else may. ACLs are off in
# this project, so the default is allow: every peer needs its own `*` deny,
# because a source without Peer matches only this cluster's services.
Kind = "service-intentions"
Name = "api"

Sources = [
  { Name = "web-a", Peer = "spoke-a", Action = "allow" },
  { Name = "web-b", Peer = "spoke-b", Action = "allow" },
  { Name = "web-c", Peer = "spoke-c", Action = "allow" },
  { Name = "*", Peer = "spoke-a", Action = "deny" },
  { Name = "*", Peer = "spoke-b", Action = "deny" },
  { Name = "*", Peer = "spoke-c", Action = "deny" },
  { Name = "*", Action = "deny" },
]
