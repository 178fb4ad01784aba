Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name       = "*"
    Action     = "deny"
    Precedence = 10
  }
]
