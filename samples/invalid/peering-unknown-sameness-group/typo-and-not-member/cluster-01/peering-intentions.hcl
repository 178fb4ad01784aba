Kind = "service-intentions"
Name = "backend-service"
Sources = [
  {
    Name          = "frontend-service"
    SamenessGroup = "sg-prod"
    Action        = "allow"
  },
]
