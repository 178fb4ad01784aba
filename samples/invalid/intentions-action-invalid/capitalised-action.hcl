Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "*"
    Action = "deny"
  },
  {
    Name   = "web"
    Action = "Allow"
  }
]
