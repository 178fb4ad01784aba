Kind = "exported-services"
Name = "default"
Services = [
  {
    Name      = "reporting"
    Consumers = [{ Peer = "east" }]
  }
]
