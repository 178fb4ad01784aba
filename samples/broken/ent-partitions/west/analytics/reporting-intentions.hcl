Kind = "service-intentions"
Name = "reporting"

Sources = [
  {
    Name      = "billing"
    Namespace = "payments"
    Peer      = "east-finance"
    Action    = "allow"
  },
]
