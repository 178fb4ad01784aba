Kind = "service-intentions"
Sources = [
  {
    Name   = "web"
    Action = "allow"
  }
]
