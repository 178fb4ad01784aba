Kind = "exported-services"
Name = "default"
Services = [
  {
    Consumers = [ { Peer = "cluster-02" } ]
  }
]
