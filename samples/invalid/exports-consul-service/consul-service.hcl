Kind = "exported-services"
Name = "default"
Services = [
  {
    Name      = "consul"
    Consumers = [ { Peer = "cluster-02" } ]
  }
]
