Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name = "web"
    Permissions = [
      {
        Action = "allow"
        HTTP {
          PathExact  = "/health"
          PathPrefix = "/invoices"
        }
      }
    ]
  }
]
