# Step 3 of "Establish cluster peering connections": cluster-01 exports
# backend-service to its peer cluster-02.
Kind = "exported-services"
Name = "default"
Services = [
  {
    ## The name and namespace of the service to export.
    Name      = "backend-service"
    Namespace = "default"
    ## The list of peer clusters to export the service to.
    Consumers = [
      {
        ## The peer name to reference in config is the one set
        ## during the peering process.
        Peer = "cluster-2"
      }
    ]
  }
]
