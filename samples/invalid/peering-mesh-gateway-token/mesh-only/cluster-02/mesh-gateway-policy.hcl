mesh = "write"

service_prefix "" {
  policy = "read"
}
