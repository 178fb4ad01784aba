Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name           = "web"
    sameness_group = "east-west"
    Action         = "allow"
  }
]
