Kind      = "service-intentions"
Name      = "billing"
Namespace = "payments"

Sources = [
  {
    Name      = "storefront-web"
    Partition = "retail"
    Namespace = "storefront"
    Action    = "allow"
  },
  {
    Name      = "reporting"
    Peer      = "west-analytics"
    Partition = "analytics"
    Action    = "allow"
  },
]
