// Table test for intentions-source-sameness-group-conflict: positions in HCL, the same paths in the JSON twin.
#include "lint_harness.hpp"

namespace {

const entryc::test::RuleCase kCases[] = {
    {"with_peer",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", SamenessGroup = \"g\", Peer = \"east\", Action = \"allow\" } ]\n",
     {"3:45 Sources[0].SamenessGroup"}, true},
    {"with_partition",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources {\n  Name           = \"web\"\n  sameness_group = \"g\"\n  Partition      = \"finance\"\n  Action         = \"allow\"\n}\n",
     {"5:20 Sources[0].SamenessGroup"}, true},
    {"alone_ok",
     "Kind = \"service-intentions\"\nName = \"api\"\nSources = [ { Name = \"web\", SamenessGroup = \"g\", Action = \"allow\" } ]\n",
     {}, true},
};

ENTRYC_RULE_TEST(IntentionsSourceSamenessGroupConflict, "intentions-source-sameness-group-conflict", kCases);

}  // namespace
