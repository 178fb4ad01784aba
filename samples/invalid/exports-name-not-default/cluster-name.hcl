# The entry is named after the cluster, not its partition.
Kind = "exported-services"
Name = "cluster-01"
Services = [
  {
    Name      = "backend-service"
    Consumers = [ { Peer = "cluster-02" } ]
  }
]
