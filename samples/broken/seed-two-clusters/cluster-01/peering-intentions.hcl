# Step 4: authorize frontend-service on peer cluster-02 to call backend-service.
Kind = "service-intentions"
Name = "backend-service"
Sources = [
  {
    Name   = "frontend-service"
    Peer   = "cluster-02"
    Action = "allow"
  },
  {
    Name   = "*"
    Action = "deny"
  }
]
