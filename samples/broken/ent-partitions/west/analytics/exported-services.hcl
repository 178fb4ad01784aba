Kind = "exported-services"
Name = "analytics"

Services = [
  {
    Name      = "reporting"
    Consumers = [{ Peer = "east-finance", Partition = "finance" }]
  },
]
