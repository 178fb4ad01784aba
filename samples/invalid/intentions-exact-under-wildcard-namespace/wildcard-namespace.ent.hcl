Kind      = "service-intentions"
Name      = "billing"
Namespace = "*"
Sources = [
  {
    Name   = "web"
    Action = "allow"
  }
]
