Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "*"
    Action = "deny"
  },
  {
    # Consul has no prefix matching: '*' is all or nothing.
    Name   = "frontend-*"
    Action = "allow"
  }
]
