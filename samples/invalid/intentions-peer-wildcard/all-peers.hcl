Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "web"
    Peer   = "*"
    Action = "allow"
  }
]
