Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name = "web"
    Permissions = [
      {
        Action = "DENY"
        HTTP {
          PathPrefix = "/admin"
        }
      }
    ]
  }
]
