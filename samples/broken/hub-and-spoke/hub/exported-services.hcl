# The hub's shared services, and which spokes may import them.
Kind = "exported-services"
Name = "default"

Services = [
  {
    Name = "api"
    Consumers = [
      { Peer = "spoke-a" },
      { Peer = "spoke-b" },
      { Peer = "spoke-b" },
    ]
  },
  {
    Name      = "auth"
    Consumers = [{ Peer = "spoke-a" }]
  },
]
