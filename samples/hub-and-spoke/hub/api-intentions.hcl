# Each spoke's web service may call api; nothing else may.
Kind = "service-intentions"
Name = "api"

Sources = [
  { Name = "web-a", Peer = "spoke-a", Action = "allow" },
  { Name = "web-b", Peer = "spoke-b", Action = "allow" },
  { Name = "web-c", Peer = "spoke-c", Action = "allow" },
  { Name = "*", Action = "deny" },
]
