Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name = "web"
    Permissions = [
      {
        HTTP {
          PathPrefix = "/invoices"
        }
      }
    ]
  }
]
