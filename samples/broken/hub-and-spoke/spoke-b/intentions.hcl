# spoke-b's own web service takes traffic from its local ingress only.
Kind = "service-intentions"
Name = "web-b"

Sources = [
  { Name = "ingress", Action = "allow" },
]
