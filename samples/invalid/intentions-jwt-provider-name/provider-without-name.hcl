Kind = "service-intentions"
Name = "billing"
JWT {
  Providers = [
    {
      VerifyClaims = [
        {
          Path  = ["aud"]
          Value = "billing.example.com"
        }
      ]
    }
  ]
}
Sources = [
  {
    Name   = "web"
    Action = "allow"
  }
]
