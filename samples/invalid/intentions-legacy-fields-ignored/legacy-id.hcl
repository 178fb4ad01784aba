Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name             = "web"
    Action           = "allow"
    LegacyID         = "d1a8a1b2-0b5e-4c2c-9d40-3f0e2c9c7b61"
    LegacyCreateTime = "2020-10-06T12:00:00Z"
  }
]
