Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name = "web"
    Permissions = [
      {
        Action = "allow"
        HTTP {
          PathPrefix = "/invoices"
          Header = [
            { Exact = "1" }
          ]
        }
      }
    ]
  }
]
