Kind = "service-intentions"
Name = "api"

Sources = [
  {
    Name   = "web"
    Peer   = "dc-b"
    Action = "allow"
  },
]
