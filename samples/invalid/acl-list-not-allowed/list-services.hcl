# "list" is a KV level only.
key_prefix "config/web/" {
  policy = "list"
}
service_prefix "" {
  policy = "list"
}
