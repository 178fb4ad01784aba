Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "web"
    Peer   = "cluster-02"
    Action = "allow"
  },
  {
    Name   = "*"
    Action = "deny"
  }
]
