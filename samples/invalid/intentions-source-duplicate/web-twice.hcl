Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "web"
    Action = "allow"
  },
  {
    Name   = "*"
    Action = "deny"
  },
  {
    Name   = "web"
    Action = "deny"
  }
]
