Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "web"
    Type   = "external"
    Action = "allow"
  }
]
