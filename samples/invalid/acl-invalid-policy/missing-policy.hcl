# A misspelt attribute leaves the node rule without a policy.
node "db-1" {
  polcy = "write"
}
operator = "admin"
