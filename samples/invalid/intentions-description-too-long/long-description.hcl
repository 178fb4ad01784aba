Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name        = "web"
    Action      = "allow"
    Description = "The web frontend calls billing to render invoices. The web frontend calls billing to render invoices. The web frontend calls billing to render invoices. The web frontend calls billing to render invoices. The web frontend calls billing to render invoices. The web frontend calls billing to render invoices. The web frontend calls billing to render invoices. The web frontend calls billing to render invoices. The web frontend calls billing to render invoices. The web frontend calls billing to render invoices. The web frontend calls billing to render invoices."
  }
]
