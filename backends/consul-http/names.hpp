// The names the consul-http backend gives to things in what it emits:
// environment variables, shell variables and functions, and the files of a
// consul-cli script. Pure functions of the project's names, so that the same
// project always emits the same text.
#pragma once

#include <string>
#include <string_view>

namespace entryc::consul_http {

// "cluster-01" -> "CLUSTER_01": upper case, anything but a letter or a digit
// becomes '_'.
std::string env_suffix(std::string_view name);

// "cluster-01" -> "cluster_01": the same in lower case (shell variables and
// functions that are the script's own).
std::string shell_suffix(std::string_view name);

// The environment variables a cluster is reached with.
std::string address_var(std::string_view cluster);  // CONSUL_HTTP_ADDR_<CLUSTER>
std::string token_var(std::string_view cluster);    // CONSUL_HTTP_TOKEN_<CLUSTER>

// Where a value that one request captures and a later one uses is kept:
// PEERING_TOKEN_<CLUSTER>_<PARTITION>_<PEER> and ACL_POLICY_ID_<CLUSTER>_<PARTITION>_<POLICY>.
std::string peering_token_var(std::string_view cluster, std::string_view partition, std::string_view peer);
std::string policy_id_var(std::string_view cluster, std::string_view partition, std::string_view policy);

// A file name segment that is safe anywhere: letters, digits, '.', '-' and
// '_' are kept, anything else becomes '_'; "", "." and ".." become "_".
std::string file_segment(std::string_view name);

}  // namespace entryc::consul_http
