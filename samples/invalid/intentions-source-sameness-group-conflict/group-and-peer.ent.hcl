Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name          = "web"
    SamenessGroup = "east-west"
    Peer          = "cluster-02"
    Action        = "allow"
  }
]
