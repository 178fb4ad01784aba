identity "web" {
  policy     = "write"
  intentions = "read"
}
service "web" {
  policy = "write"
}
