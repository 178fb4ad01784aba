# `entryc lint --plugin-dir <build dir of this plugin> legacy-intentions.hcl`
# warns at Sources[1].Name [acme-no-legacy-source].
Kind = "service-intentions"
Name = "billing"
Sources = [
  {
    Name   = "web"
    Action = "allow"
  },
  {
    Name   = "legacy-billing"
    Action = "allow"
  }
]
