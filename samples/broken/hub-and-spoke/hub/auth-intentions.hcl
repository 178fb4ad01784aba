# Only spoke-a's web service signs users in through auth, and only with GET
# and POST on /v1/session.
Kind = "service-intentions"
Name = "auth"

Sources = [
  {
    Name = "web-a"
    Peer = "spoke_a"
    Permissions = [
      {
        Action = "allow"
        HTTP {
          PathPrefix = "v1/session"
          Methods    = ["GET", "POST"]
        }
      },
    ]
  },
]
