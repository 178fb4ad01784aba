Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name      = "web"
    Partition = "*"
    Action    = "allow"
  }
]
