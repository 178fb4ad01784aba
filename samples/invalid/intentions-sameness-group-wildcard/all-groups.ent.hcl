Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name          = "web"
    SamenessGroup = "*"
    Action        = "allow"
  }
]
