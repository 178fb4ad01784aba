Kind = "service-intentions"
Name = "backend-service"
Sources = [
  {
    Name   = "frontend-service"
    Peer   = "cluster-02"
    Action = "allow"
  },
]
