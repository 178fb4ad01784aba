Kind = "service-intentions"
Name = "billing"
Meta {
  owner = "team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing team-billing"
}
Sources = [
  {
    Name   = "web"
    Action = "allow"
  }
]
