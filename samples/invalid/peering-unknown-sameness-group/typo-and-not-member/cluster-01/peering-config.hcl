Kind = "exported-services"
Name = "default"
Services = [
  {
    Name      = "backend-service"
    Consumers = [
      { SamenessGroup = "sg-prd" },
      { SamenessGroup = "sg-edge" },
    ]
  },
]
