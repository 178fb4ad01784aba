Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "web"
    Action = "allow"
    LegacyMeta {
      owner = "team-web"
    }
  }
]
