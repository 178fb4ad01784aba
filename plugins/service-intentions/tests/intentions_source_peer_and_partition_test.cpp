// Table test for intentions-source-peer-and-partition: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"both",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Peer = \"east\", Partition = \"finance\", Action = \"allow\" } ]\n",
     {"3:36 Sources[0].Peer"}, true},
    {"peer_only_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Peer = \"east\", Action = \"allow\" } ]\n",
     {}, true},
    {"partition_only_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", Partition = \"finance\", Action = \"allow\" } ]\n",
     {}, true},
};

ENTRYC_RULE_TEST(IntentionsSourcePeerAndPartition, "intentions-source-peer-and-partition", kCases);

}  // namespace
