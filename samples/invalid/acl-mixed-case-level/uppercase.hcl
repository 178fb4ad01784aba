service "web" {
  policy = "WRITE"
}
operator = "Read"
