variable "name_prefix" {
  type = string
}

variable "deletion_window_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}
