# In Enterprise the entry is named after its partition.
Kind = "exported-services"
Name = "finance"

Services = [
  {
    Name      = "billing"
    Namespace = "payments"
    Consumers = [
      { Partition = "retial" },     # same datacenter: no peering needed
      { Peer = "west-analytics" },  # across the peering
    ]
  },
]
