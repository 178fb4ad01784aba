Kind = "service-intentions"
Name = "api"

Sources = [
  {
    Name   = "web"
    Peer   = "dc-a"
    Action = "allow"
  },
]
