Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name      = "web"
    Peer      = "cluster-02"
    Partition = "finance"
    Action    = "allow"
  }
]
