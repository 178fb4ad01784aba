// A shared library that is not an entryc plugin (no entry point).
extern "C" __attribute__((visibility("default"))) int some_other_library_function() { return 42; }
