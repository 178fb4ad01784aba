Kind = "exported-services"
Name = "default"

Services = [
  {
    Name      = "api"
    Consumers = [{ Partition = "dc-b" }]
  },
]
