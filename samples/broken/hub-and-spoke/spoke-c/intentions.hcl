# spoke-c's own web service takes traffic from its local ingress only.
Kind = "service-intentions"
Name = "web-c"

Sources = [
  { Name = "ingress", Action = "allow" },
]
