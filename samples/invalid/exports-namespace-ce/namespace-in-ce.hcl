Kind = "exported-services"
Name = "default"
Services = [
  {
    Name      = "web"
    Namespace = "payments"
    Consumers = [ { Peer = "cluster-02" } ]
  }
]
