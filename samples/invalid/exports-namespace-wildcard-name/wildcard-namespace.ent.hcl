Kind = "exported-services"
Name = "finance"
Services = [
  {
    Name      = "web"
    Namespace = "*"
    Consumers = [ { Peer = "cluster-02" } ]
  }
]
