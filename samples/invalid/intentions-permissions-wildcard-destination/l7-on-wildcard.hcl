Kind = "service-intentions"
Name = "*"
Sources = [
  {
    Name = "web"
    Permissions = [
      {
        Action = "allow"
        HTTP {
          Methods = ["GET"]
        }
      }
    ]
  }
]
