# Two teams edited the same policy: the later "deny" silently wins.
service "payments" {
  policy = "write"
}
node_prefix "" {
  policy = "read"
}
service "payments" {
  policy = "deny"
}
