Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "*"
    Peer   = "cluster-02"
    Action = "deny"
  },
  {
    Peer   = "cluster-02"
    Action = "allow"
  }
]
