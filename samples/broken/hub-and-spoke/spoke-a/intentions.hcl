# spoke-a's own web service takes traffic from its local ingress only.
Kind = "service-intentions"
Name = "web-a"

Sources = [
  { Name = "ingress", Action = "allow" },
]
