Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "web"
    Action = "allow"
    Permissions = [
      {
        Action = "allow"
        HTTP {
          PathPrefix = "/invoices"
        }
      }
    ]
  }
]
