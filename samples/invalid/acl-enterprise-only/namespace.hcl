# In Consul CE the whole namespace block is ignored.
namespace "payments" {
  service_prefix "" {
    policy = "read"
  }
}
node_prefix "" {
  policy = "read"
}
