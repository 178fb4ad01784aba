Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name = "web"
    Permissions = [
      {
        Action = "allow"
        HTTP {
          path_prefix = "invoices/"
        }
      }
    ]
  }
]
