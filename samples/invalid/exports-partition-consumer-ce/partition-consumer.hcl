Kind = "exported-services"
Name = "default"
Services = [
  {
    Name      = "web"
    Consumers = [ { Partition = "billing" } ]
  }
]
