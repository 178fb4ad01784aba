# intentions is an access level, not an intention action.
service "billing" {
  policy     = "write"
  intentions = "allow"
}
