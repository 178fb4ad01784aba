Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name = "web"
    Permissions = [
      {
        Action = "allow"
        HTTP {
          Header = [
            {
              Name        = "x-env"
              Regex       = "prod(-.*)?"
              ignore_case = true
            }
          ]
        }
      }
    ]
  }
]
