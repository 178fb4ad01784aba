Kind = "service-intentions"
Name = "backend-service"
Sources = [
  {
    Name   = "frontend-service"
    Peer   = "cluster-01"
    Action = "allow"
  },
]
